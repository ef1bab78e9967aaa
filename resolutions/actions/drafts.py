"""Draft resolutions on the floor: a working paper with its support is introduced (by a motion the chair
grants, or by the chair directly where the profile says so) and numbered in the order of introduction;
the chair chooses which draft the screens show; under THIMUN, debate time runs for, then against."""

from __future__ import annotations

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from committee.access import Actor
from committee.errors import ActionError, LazyMessage
from committee.models import Committee
from debate.models import Timer
from resolutions.actions.base import PaperStep, paper_step
from resolutions.models import Clause, DraftDebate, Paper, Sponsorship

DEBATE_CHANGES = {"resolutions.debate"}


def require_ready(step: PaperStep, paper: Paper) -> None:
    """A paper is introduced with enough sponsors and signatories, and at least one operative clause."""
    support = Sponsorship.objects.filter(paper=paper).count()
    needed = step.rules.paper_support.needed(step.present())
    if support < needed:
        raise ActionError(
            LazyMessage(
                gettext_noop(
                    "%(paper)s has %(support)s %(delegations)s behind it (sponsors and signatories); it needs "
                    "%(needed)s (%(label)s)."
                ),
                {
                    "paper": paper.title,
                    "support": support,
                    "delegations": "delegation" if support == 1 else "delegations",
                    "needed": needed,
                    "label": step.rules.paper_support.label(),
                },
            )
        )
    if not paper.clauses.filter(kind="operative", parent=None).exists():
        raise ActionError(LazyMessage(gettext_noop("%(paper)s has no operative clause yet."), {"paper": paper.title}))


def introduce(step: PaperStep, paper: Paper) -> Paper:
    """The working paper becomes a draft resolution, numbered, and the one the screens show."""
    require_ready(step, paper)
    last = Paper.objects.filter(committee=step.committee, agenda_item=paper.agenda_item).aggregate(m=Max("number"))
    paper.number = (last["m"] or 0) + 1
    paper.series = step.rules.draft_series
    paper.status = Paper.Status.INTRODUCED
    paper.introduced_at = timezone.now()
    paper.save(update_fields=["number", "series", "status", "introduced_at"])
    debate = step.draft_debate()
    debate.paper = paper
    if step.rules.thimun_debate:
        # The main submitter reads the operative clauses; time for, then against, runs from there.
        debate.side = DraftDebate.Side.FOR
        debate.for_timer = Timer.objects.create(committee=step.committee, duration=step.rules.debate_time)
        debate.against_timer = Timer.objects.create(committee=step.committee, duration=step.rules.debate_time)
        debate.speaker = paper.sponsorships.filter(role=Sponsorship.Role.SPONSOR).first().delegation
    debate.save()
    return paper


def introduce_paper(committee: Committee, actor: Actor, paper_id: int) -> Paper:
    """The chair introduces a paper directly (profiles without a motion to introduce)."""
    with paper_step(committee, actor, board=True, sitting=True) as step:
        if step.rules.introduce_by_motion:
            raise ActionError(gettext_lazy("Under these rules a paper is introduced by a motion: a sponsor moves it."))
        paper = introduce(step, step.paper(paper_id, Paper.Status.WORKING))
        step.record(
            "draft.introduced",
            changes={"resolutions.papers", "resolutions.debate"},
            delegations=step.sponsors(paper),
            data={"paper": paper.pk, "symbol": paper.symbol, "title": paper.title},
        )
        return paper


def show_draft(committee: Committee, actor: Actor, paper_id: int, on_projector: bool) -> DraftDebate:
    """The chair chooses the draft the committee debates (its text on every screen), and whether the
    projector shows its text rather than the speaker."""
    with paper_step(committee, actor, board=True) as step:
        paper = step.paper(paper_id, Paper.Status.INTRODUCED)
        debate = step.draft_debate()
        debate.paper, debate.on_projector = paper, on_projector
        debate.projector_clause = debate.projector_page = 0  # a draft shown starts from its top
        debate.save(update_fields=["paper", "on_projector", "projector_clause", "projector_page"])
        step.record(
            "draft.shown",
            changes=DEBATE_CHANGES,
            data={"paper": paper.pk, "symbol": paper.symbol, "title": paper.title, "on_projector": on_projector},
        )
        return debate


PAGE_MOVES = ("next", "previous", "clause", "top")


def page_draft(committee: Committee, actor: Actor, move: str, clause: int | None = None) -> DraftDebate:
    """The chair moves the projector through a draft longer than its screen: a screen further or back
    ("next", "previous"), to operative clause N ("clause"), or back to the top."""
    if move not in PAGE_MOVES:
        raise ActionError(gettext_lazy("Page down, page up, or show a clause."))
    with paper_step(committee, actor, board=True, sitting=False) as step:
        debate = step.draft_debate()
        if debate.paper is None or not debate.on_projector:
            raise ActionError(gettext_lazy("No draft is on the projector: show one first."))
        paper = debate.paper
        clauses = Clause.objects.filter(paper=paper, struck=False)
        operative = clauses.filter(kind=Clause.Kind.OPERATIVE, parent=None).count()
        if move == "clause":
            if clause is None or not 1 <= clause <= operative:
                raise ActionError(
                    LazyMessage(
                        gettext_noop("%(symbol)s has operative clauses 1 to %(operative)s."),
                        {"symbol": paper.symbol, "operative": operative},
                    )
                )
            debate.projector_clause, debate.projector_page = clause, 0
        elif move == "top":
            debate.projector_clause = debate.projector_page = 0
        elif move == "next":
            # Never more screens than lines: the projector stays on the last screen of the text.
            debate.projector_page = min(debate.projector_page + 1, clauses.count())
        elif debate.projector_page:
            debate.projector_page -= 1
        elif debate.projector_clause:
            debate.projector_clause -= 1
        debate.save(update_fields=["projector_clause", "projector_page"])
        step.record(
            "draft.paged",
            changes={"resolutions.projector"},
            data={"symbol": paper.symbol, "clause": debate.projector_clause, "page": debate.projector_page},
        )
        return debate


SIDES = {"for": DraftDebate.Side.FOR, "against": DraftDebate.Side.AGAINST, "open": DraftDebate.Side.OPEN}


def set_side(committee: Committee, actor: Actor, side: str, speaker_id: int | None = None) -> DraftDebate:
    """THIMUN: closed debate runs time for, then time against (the chair switches; the side's clock runs
    while its speakers hold the floor); open debate runs no clock and takes amendments."""
    if side not in SIDES:
        raise ActionError(gettext_lazy("Debate time is for, against, or open debate."))
    with paper_step(committee, actor, board=True, sitting=True) as step:
        if not step.rules.thimun_debate:
            raise ActionError(
                LazyMessage(
                    gettext_noop("These rules (%(rules)s) have no debate time for and against."),
                    {"rules": step.committee.rules.name},
                )
            )
        debate = step.draft_debate()
        if debate.paper is None:
            raise ActionError(gettext_lazy("No draft is being debated."))
        now = timezone.now()
        for timer in (debate.for_timer, debate.against_timer):
            if timer is not None and timer.running:
                timer.pause(now)
                timer.save()
        debate.side = SIDES[side]
        running = {"for": debate.for_timer, "against": debate.against_timer}.get(side)
        if running is not None:
            if running.remaining_at(now) <= 0:
                raise ActionError(LazyMessage(gettext_noop("The time %(side)s is used up."), {"side": side}))
            running.start(now)
            running.save()
        debate.speaker = step.delegation(speaker_id) if speaker_id else None
        debate.save()
        step.record(
            "draft.debate_side",
            changes=DEBATE_CHANGES,
            data={"side": debate.get_side_display(), "speaker": debate.speaker.name if debate.speaker else "nobody"},
        )
        return debate
