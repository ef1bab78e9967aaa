"""The Board's marking and awards pages.

- Marks (a board member of the committee): one delegation at a time, its evidence from the record beside
  the criteria, marked for one sitting, with the marker's private notes. Each marker sees and changes
  only their own marks.
- Awards (the Board and the secretariat): the totals and ranking, how far the markers agree, the awards
  the ranking suggests; a board member confirms them. The list is exported as CSV.
- The closing ceremony (the secretariat): every committee's awards and the Best Delegation.

Bad input is refused in words and changes nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from committee.access import Actor, is_secretariat, member_actor
from committee.fields import is_number
from committee.models import Committee, Conference, ExecutiveRole, Sitting
from committee.visits import as_board, refuse, visit
from record import worker
from record.awards import awards_csv, best_delegation, committee_awards
from record.marking import agreements, award_slots, criteria_of, standings
from record.models import Award, Mark, MarkingNote, PositionPaper
from record.worker import WORKERS

NOTE_LONGEST = 2000


class Refusal(Exception):
    def __init__(self, message: str, status: int = 403):
        super().__init__(message)
        self.message, self.status = message, status


def _refuse(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    return refuse(request, refusal.message, refusal.status)


def _marker(request: HttpRequest, committee: Committee, board: Actor | None) -> ExecutiveRole:
    """The board member of this committee asking (`board`: the Board or the secretariat signed in), or
    the refusal in words."""
    user = request.user
    role = None
    if user.is_authenticated and user.is_active:
        role = ExecutiveRole.objects.filter(committee=committee, user=user).first()
    if role is not None:
        return role
    if board is not None:
        raise Refusal(
            _("Marks are given by %(abbreviation)s's Board; the secretariat reads them on the awards page.")
            % {"abbreviation": committee.abbreviation}
        )
    if member_actor(request, committee) is not None:
        raise Refusal(_("Marks are for the Executive Board."))
    raise Refusal(
        _("Marks are for %(abbreviation)s's Executive Board: sign in first.") % {"abbreviation": committee.abbreviation}
    )


def _reader(board: Actor | None) -> None:
    """The Board or the secretariat may read the awards; anyone else is refused in words."""
    if board is None:
        raise Refusal(_("The awards are for the Executive Board and the secretariat until the closing ceremony."))


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


# ---- marks ------------------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def marks_page(request: HttpRequest, slug: str) -> HttpResponse:
    committee, board = visit(request, slug, as_board)
    try:
        role = _marker(request, committee, board)
        sittings = list(committee.sittings.order_by("number"))
        if not sittings:
            raise Refusal(
                _("%(abbreviation)s has not met yet: there is nothing to mark.")
                % {"abbreviation": committee.abbreviation},
                404,
            )
        source = request.POST if request.method == "POST" else request.GET
        sitting = _chosen_sitting(sittings, source.get("sitting", ""))
        delegations = list(committee.delegations.select_related("team"))
        delegation = _chosen_delegation(delegations, source.get("delegation", ""))
        criteria = criteria_of(committee)
        if request.method == "POST":
            scores, note = _read_marks(request.POST, criteria)
            _save_marks(role, sitting, delegation, criteria, scores, note)
            messages.success(
                request,
                _("Saved: your marks of %(name)s for %(sitting)s.")
                % {"name": delegation.name, "sitting": sitting.title},
            )
            return redirect(f"{reverse('marks', args=[slug])}?sitting={sitting.number}&delegation={delegation.pk}")
    except Refusal as refusal:
        return _refuse(request, refusal)
    mine = {
        (m.delegation_id, m.criterion_id): m.score
        for m in Mark.objects.filter(marker=request.user, sitting=sitting, criterion__in=criteria)
    }
    note = MarkingNote.objects.filter(marker=request.user, delegation=delegation).first()
    found = WORKERS.run(worker.marking_evidence, committee.pk, sitting.number)
    context = {
        "committee": committee,
        "role": role,
        "sittings": sittings,
        "sitting": sitting,
        "delegation": delegation,
        "delegations": [(d, any((d.pk, c.pk) in mine for c in criteria)) for d in delegations],
        "criteria": [(c, mine.get((delegation.pk, c.pk), "")) for c in criteria],
        "note": note.text if note else "",
        "evidence": found.get(delegation.name),
        "paper": PositionPaper.objects.filter(delegation=delegation).only("filename", "size").first(),
    }
    return render(request, "record/marks.html", context)


def _chosen_sitting(sittings: list[Sitting], number: str) -> Sitting:
    if not number:
        return sittings[-1]
    for sitting in sittings:
        if is_number(number) and sitting.number == int(number):
            return sitting
    raise Refusal(_("There is no sitting %(number)s to mark.") % {"number": repr(number[:8])}, 404)


def _chosen_delegation(delegations, value: str):
    if not value:
        return delegations[0]
    for delegation in delegations:
        if is_number(value) and delegation.pk == int(value):
            return delegation
    raise Refusal(_("That delegation is not in this committee: the Board marks its own delegations only."), 404)


def _read_marks(form, criteria) -> tuple[dict[int, int | None], str]:
    """Each criterion's mark from the form (None: left blank, not marked), and the note; a mark that
    is not a whole number on the criterion's scale refuses the whole form."""
    scores: dict[int, int | None] = {}
    for criterion in criteria:
        value = form.get(f"score-{criterion.pk}", "").strip()
        if not value:
            scores[criterion.pk] = None
            continue
        if not is_number(value) or not 0 <= int(value) <= criterion.out_of:
            raise Refusal(
                _("%(criterion)s is marked from 0 to %(out_of)s: %(value)s is not on that scale. Nothing was saved.")
                % {"criterion": criterion.name, "out_of": criterion.out_of, "value": repr(value[:12])},
                400,
            )
        scores[criterion.pk] = int(value)
    note = form.get("note", "")
    if len(note) > NOTE_LONGEST:
        raise Refusal(
            _("A note holds %(note_longest)s characters at most (this one has %(note)s). Nothing was saved.")
            % {"note_longest": NOTE_LONGEST, "note": len(note)},
            400,
        )
    return scores, note.strip()


@transaction.atomic
def _save_marks(role: ExecutiveRole, sitting, delegation, criteria, scores, note: str) -> None:
    for criterion in criteria:
        score = scores[criterion.pk]
        keys = {"sitting": sitting, "delegation": delegation, "criterion": criterion, "marker": role.user}
        if score is None:
            Mark.objects.filter(**keys).delete()
        else:
            Mark.objects.update_or_create(**keys, defaults={"score": score})
    MarkingNote.objects.update_or_create(delegation=delegation, marker=role.user, defaults={"text": note})


# ---- awards -----------------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def awards_page(request: HttpRequest, slug: str) -> HttpResponse:
    committee, board = visit(request, slug, as_board)
    try:
        _reader(board)
        ranked = standings(committee)
        slots = award_slots(committee, ranked)
        if request.method == "POST":
            role = _marker(request, committee, board)
            _confirm(committee, role, slots, request.POST)
            messages.success(
                request, _("The awards of %(abbreviation)s are confirmed.") % {"abbreviation": committee.abbreviation}
            )
            return redirect("awards", slug)
    except Refusal as refusal:
        return _refuse(request, refusal)
    marked = sorted({marker for s in ranked for marker in s.by_marker})
    names = {user.pk: _name(user) for user in get_user_model().objects.filter(pk__in=marked)}
    context = {
        "committee": committee,
        "ranked": ranked,
        "markers": [(pk, names[pk]) for pk in marked],
        "rows": [(s, [s.by_marker.get(pk) for pk in marked]) for s in ranked],
        "agreements": agreements(ranked, names),
        "slots": slots,
        "delegations": [s.delegation for s in ranked],
        "may_confirm": committee.board.filter(user=request.user).exists(),
        "awards": committee_awards(committee),
    }
    return render(request, "record/awards.html", context)


@transaction.atomic
def _confirm(committee: Committee, role: ExecutiveRole, slots, form) -> None:
    """The Board's awards as chosen on the form (each slot a delegation, or none): every slot checked
    before any is written, then the committee's awards replaced whole."""
    if not slots:
        raise Refusal(
            _("%(abbreviation)s belongs to no conference: its awards are set by the conference.")
            % {"abbreviation": committee.abbreviation},
            409,
        )
    delegations = {d.pk: d for d in committee.delegations.all()}
    chosen = []
    for slot in slots:
        value = form.get(f"slot-{slot.kind.pk}-{slot.number}", "")
        if not value:
            continue
        if not is_number(value) or int(value) not in delegations:
            raise Refusal(_("An award may go only to a delegation of this committee. Nothing was confirmed."), 400)
        chosen.append((slot.kind, delegations[int(value)]))
    named = [delegation.name for _, delegation in chosen]
    twice = sorted({name for name in named if named.count(name) > 1})
    if twice:
        raise Refusal(
            _("%(twice)s is given two awards: a delegation receives one at most. Nothing was confirmed.")
            % {"twice": twice[0]},
            400,
        )
    Award.objects.filter(committee=committee).delete()
    for kind, delegation in chosen:
        Award.objects.create(committee=committee, kind=kind, delegation=delegation, confirmed_by=role.user)


@never_cache
@require_GET
def awards_download(request: HttpRequest, slug: str) -> HttpResponse:
    committee, board = visit(request, slug, as_board)
    try:
        _reader(board)
    except Refusal as refusal:
        return _refuse(request, refusal)
    response = HttpResponse(awards_csv([committee]), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{committee.slug}-awards.csv"'
    return response


# ---- the closing ceremony ---------------------------------------------------------------------------


def _ceremony(request: HttpRequest, pk: int) -> Conference:
    """The conference whose awards the secretariat reads, or the refusal to anyone else."""
    conference = get_object_or_404(Conference, pk=pk)
    if not is_secretariat(request.user):
        raise Refusal(_("The conference's awards are for the secretariat until the closing ceremony: sign in first."))
    return conference


@never_cache
@require_GET
def ceremony_page(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        conference = _ceremony(request, pk)
    except Refusal as refusal:
        return _refuse(request, refusal)
    committees = list(conference.committees.order_by("name"))
    context = {
        "conference": conference,
        "committees": [(c, committee_awards(c)) for c in committees],
        "teams": best_delegation(conference),
    }
    return render(request, "record/ceremony.html", context)


@never_cache
@require_GET
def ceremony_download(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        conference = _ceremony(request, pk)
    except Refusal as refusal:
        return _refuse(request, refusal)
    response = HttpResponse(
        awards_csv(list(conference.committees.order_by("name"))), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="conference-awards.csv"'
    return response
