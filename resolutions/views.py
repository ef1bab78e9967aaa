"""The pages of a paper: its text as the UN prints it (the browser prints it or saves it as PDF), the
sponsors' editing page, the page to propose an amendment, and the adopted resolution as a DOCX.

Changes are not made here: the pages' forms post to the committee's one command path."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from committee.access import CHAIR, DELEGATE, Actor, member_actor
from committee.models import Committee
from committee.views import away_from_the_floor
from committee.visits import as_board, as_board_or_phone, as_phone, refuse, visit
from resolutions.docx import resolution_docx
from resolutions.models import Paper, Sponsorship
from resolutions.paste import LONGEST, read_draft
from resolutions.rules import phrase_warning, phrases, resolution_rules
from resolutions.state import PaperView
from resolutions.text import flatten


def _paper(request: HttpRequest, slug: str, paper_id: int, who) -> tuple[Committee, Actor | None, Paper, PaperView]:
    """The committee, who is asking as `who` sees them (committee/visits.py), the paper of the link
    (404 if none, or withdrawn) and its view."""
    committee, actor = visit(request, slug, who)
    paper = get_object_or_404(
        Paper.objects.exclude(status=Paper.Status.WITHDRAWN).prefetch_related("sponsorships__delegation", "clauses"),
        committee=committee,
        pk=paper_id,
    )
    from committee.state import load_floor  # the support a paper needs follows the roll call

    present = load_floor(committee.pk, parts=()).counts.present
    return committee, actor, paper, PaperView(paper, resolution_rules(committee.rules), present)


@never_cache
@require_GET
def paper_page(request: HttpRequest, slug: str, paper_id: int) -> HttpResponse:
    committee, actor, paper, view = _paper(request, slug, paper_id, member_actor)
    if actor is None:
        return refuse(request, _("The committee's papers are for its members: join first."))
    context = {"committee": committee, "view": view, "actor": actor}
    return render(request, "resolutions/paper.html", {**away_from_the_floor(committee, actor), **context})


def _not_for_editing(request: HttpRequest, view: PaperView, board, phone) -> HttpResponse | None:
    """The refusal of a paper's editing pages (the editor, the paste preview), or None: they are for
    its sponsors (or the chair, for a sponsor without a phone), while it is a working paper."""
    if board is None and (phone is None or phone.delegation.pk not in view.sponsor_ids):
        return refuse(request, _("Only the paper's sponsors edit it."))
    if view.paper.status != Paper.Status.WORKING:
        symbol = view.paper.symbol
        return refuse(
            request,
            _("%(symbol)s has been introduced: its text now changes only by amendment.") % {"symbol": symbol},
            409,
        )
    return None


@never_cache
@require_GET
def paper_edit(request: HttpRequest, slug: str, paper_id: int) -> HttpResponse:
    """For the paper's sponsors (or the chair, for a sponsor without a phone)."""
    committee, board, paper, view = _paper(request, slug, paper_id, as_board)
    phone = as_phone(request, committee)
    if refusal := _not_for_editing(request, view, board, phone):
        return refusal
    lines = flatten(view.preamble) + flatten(view.operative)
    warnings = {c.pk: phrase_warning(c.kind, c.phrase) for c in paper.clauses.all() if c.parent_id is None}
    return render(
        request,
        "resolutions/edit.html",
        {
            **away_from_the_floor(committee, phone if board is None else None),
            "committee": committee,
            "view": view,
            "lines": lines,
            "warnings": warnings,
            "actor": board or phone,
            "as_chair": board is not None,
            "phrases": {"preamble": phrases("preamble"), "operative": phrases("operative")},
            "members": committee.delegations.filter(kind="member").exclude(
                pk__in=Sponsorship.objects.filter(paper=paper).values("delegation")
            ),
        },
    )


@never_cache
@require_POST
def paper_paste(request: HttpRequest, slug: str, paper_id: int) -> HttpResponse:
    """A draft pasted on the editor, read into clauses and shown before anything is added (nothing
    changes here: "Add these clauses" posts the same text to the command path)."""
    committee, board, paper, view = _paper(request, slug, paper_id, as_board)
    phone = as_phone(request, committee)
    if refusal := _not_for_editing(request, view, board, phone):
        return refusal
    text = request.POST.get("text", "")[:LONGEST]
    return render(
        request,
        "resolutions/paste.html",
        {
            **away_from_the_floor(committee, phone if board is None else None),
            "committee": committee,
            "view": view,
            "text": text,
            "reading": read_draft(text),
            "as_chair": board is not None,
            "acting": request.POST.get("delegation", ""),
        },
    )


@never_cache
@require_GET
def paper_amend(request: HttpRequest, slug: str, paper_id: int) -> HttpResponse:
    committee, actor, paper, view = _paper(request, slug, paper_id, as_board_or_phone)
    if actor is None:
        return refuse(request, _("Amendments are proposed by delegations: join first."))
    if paper.status != Paper.Status.INTRODUCED:
        return refuse(request, _("Only a draft resolution on the floor is amended."), 409)
    first_degree = [a for a in paper.amendments.all() if a.status == "introduced" and not a.amends_id]
    return render(
        request,
        "resolutions/amend.html",
        {
            **away_from_the_floor(committee, actor),
            "committee": committee,
            "view": view,
            "lines": flatten(view.operative),
            "actor": actor,
            "as_chair": actor.audience == CHAIR,
            "first_degree": first_degree if resolution_rules(committee.rules).amendment_degrees > 1 else [],
            "phrases": phrases("operative"),
            "delegations": committee.delegations.filter(kind="member") if actor.audience == CHAIR else [],
        },
    )


@require_GET
def paper_docx(request: HttpRequest, slug: str, paper_id: int) -> HttpResponse:
    committee, actor, paper, view = _paper(request, slug, paper_id, member_actor)
    if actor is None or actor.audience not in (CHAIR, DELEGATE):
        return refuse(request, _("The committee's documents are for its Executive Board and delegations."))
    response = HttpResponse(
        resolution_docx(committee, view),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = f"{committee.slug}-{paper.symbol.replace(' ', '-').replace('/', '-')}.docx".lower()
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
