"""The record's pages, for the Executive Board (chair, vice-chair, rapporteur) and the secretariat:
the minutes as a printable page, as DOCX and as CSV tables, and the statistics. A delegate or the
projector is refused in words; a committee that has not met has no minutes yet."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from committee.access import is_secretariat, member_actor
from committee.fields import is_number
from committee.models import Committee
from committee.visits import as_board, refuse, visit
from record import worker
from record.exports import CSV_TABLES
from record.worker import WORKERS


def _record(request: HttpRequest, slug: str) -> tuple[Committee, int | None, HttpResponse | None]:
    """The committee and the sitting asked for (None: every sitting), or the refusal to show."""
    committee, board = visit(request, slug, as_board)
    if board is None:
        if member_actor(request, committee) is not None:
            message = _("The minutes and statistics are for the Executive Board and the secretariat.")
        else:
            message = _("The minutes are for the Executive Board and the secretariat: sign in first.")
        return committee, None, refuse(request, message)
    number = request.GET.get("sitting", "")
    if number and (not is_number(number) or not committee.sittings.filter(number=int(number)).exists()):
        return (
            committee,
            None,
            refuse(
                request,
                _("%(abbreviation)s has no sitting %(number)s.")
                % {"abbreviation": committee.abbreviation, "number": repr(number[:8])},
                404,
            ),
        )
    if not committee.sittings.exists():
        return (
            committee,
            None,
            refuse(
                request,
                _("%(abbreviation)s has not met yet: there are no minutes.") % {"abbreviation": committee.abbreviation},
                404,
            ),
        )
    return committee, int(number) if number else None, None


def _filename(committee: Committee, number: int | None, suffix: str) -> str:
    scope = f"session-{number}" if number else "all-sittings"
    return f"{committee.slug}-minutes-{scope}{suffix}"


@never_cache
@require_GET
def minutes_page(request: HttpRequest, slug: str) -> HttpResponse:
    committee, number, refusal = _record(request, slug)
    if refusal:
        return refusal
    return HttpResponse(WORKERS.run(worker.minutes_page, committee.pk, number, "record/minutes.html"))


@never_cache
@require_GET
def minutes_download(request: HttpRequest, slug: str) -> HttpResponse:
    committee, number, refusal = _record(request, slug)
    if refusal:
        return refusal
    response = HttpResponse(
        WORKERS.run(worker.minutes_docx, committee.pk, number),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(committee, number, ".docx")}"'
    return response


@never_cache
@require_GET
def minutes_csv(request: HttpRequest, slug: str, table: str) -> HttpResponse:
    committee, number, refusal = _record(request, slug)
    if refusal:
        return refusal
    if table not in CSV_TABLES:
        return refuse(request, _("The tables are speeches, motions and votes."), 404)
    response = HttpResponse(
        WORKERS.run(worker.minutes_csv, committee.pk, number, table), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(committee, number, f"-{table}.csv")}"'
    return response


@never_cache
@require_GET
def statistics_page(request: HttpRequest, slug: str) -> HttpResponse:
    committee, number, refusal = _record(request, slug)
    if refusal:
        return refusal
    # On the chair's dashboard the panel loads the figures alone, each time it is opened.
    template = "record/statistics.html#panel" if request.htmx else "record/statistics.html"
    # In the reader's language (the minutes themselves are in the committee's).
    return HttpResponse(
        WORKERS.run(worker.minutes_page, committee.pk, number, template, False, translation.get_language())
    )


@never_cache
@require_GET
def everything_download(request: HttpRequest) -> HttpResponse:
    """The secretariat's console: every committee's minutes and awards in one zip, made by a worker
    process (however long it takes, no room waits for it)."""
    if not is_secretariat(request.user):
        return refuse(request, _("Every committee's minutes at once are the secretariat's: sign in first."))
    response = HttpResponse(WORKERS.run(worker.everything_zip), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="every-committee-minutes-and-awards.zip"'
    return response
