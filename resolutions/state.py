"""What the resolutions' screens show, read in a constant number of queries: the papers with their
sponsors, signatories, text and amendments, the draft being debated, and the voting procedure."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Prefetch, prefetch_related_objects

from committee.compiled import Compiled
from committee.models import Vote
from committee.state import FloorState, attach
from resolutions.models import Amendment, Backing, Clause, DraftDebate, Explanation, Paper, Part, Sponsorship
from resolutions.rules import ResolutionRules, resolution_rules
from resolutions.text import Line, flatten, label_of, lay_out


@dataclass
class AmendmentView:
    amendment: Amendment
    label: str  # the clause it amends, as named: "operative clause 2"
    sponsors: list[int]

    @property
    def consents(self) -> list[int]:
        return [b.delegation_id for b in self.amendment.backings.all() if b.kind == Backing.Kind.CONSENT]

    @property
    def signatures(self) -> list[int]:
        return [b.delegation_id for b in self.amendment.backings.all() if b.kind == Backing.Kind.SIGNATURE]

    @property
    def declined(self) -> list[int]:
        """Sponsors who answered "not friendly": it needs its signatories, and a vote."""
        return [b.delegation_id for b in self.amendment.backings.all() if b.kind == Backing.Kind.DECLINED]

    @property
    def awaiting_consent(self) -> list[int]:
        """Sponsors who have not answered yet (friendly once every one has consented)."""
        return [d for d in self.sponsors if d not in self.consents and d not in self.declined]


@dataclass
class PaperView:
    paper: Paper
    rules: ResolutionRules
    present: int  # delegations present, the base of the support a paper needs

    @cached_property
    def sponsors(self) -> list[Sponsorship]:
        return [s for s in self.paper.sponsorships.all() if s.role == Sponsorship.Role.SPONSOR]

    @cached_property
    def signatories(self) -> list[Sponsorship]:
        return [s for s in self.paper.sponsorships.all() if s.role == Sponsorship.Role.SIGNATORY]

    @property
    def sponsor_ids(self) -> list[int]:
        return [s.delegation_id for s in self.sponsors]

    @property
    def signatory_ids(self) -> list[int]:
        return [s.delegation_id for s in self.signatories]

    @property
    def backer_ids(self) -> list[int]:
        return [s.delegation_id for s in self.paper.sponsorships.all()]

    @property
    def main_submitter(self):
        return self.sponsors[0].delegation if self.sponsors else None

    @property
    def support(self) -> int:
        return len(self.sponsors) + len(self.signatories)

    @property
    def needed(self) -> int:
        return self.rules.paper_support.needed(self.present)

    @property
    def amendment_needed(self) -> int:
        """The signatories (its mover counted) an unfriendly amendment to this draft needs."""
        return self.rules.amendment_support.needed(self.present)

    @property
    def ready(self) -> bool:
        return self.support >= self.needed and bool(self.operative)

    @property
    def progress(self) -> int:
        return min(100, round(100 * self.support / self.needed)) if self.needed else 100

    @cached_property
    def layout(self) -> tuple[list[Line], list[Line]]:
        return lay_out(self.paper.clauses.all())

    @property
    def preamble(self) -> list[Line]:
        return self.layout[0]

    @property
    def operative(self) -> list[Line]:
        return self.layout[1]

    @property
    def lines(self) -> list[Line]:
        return flatten(self.operative)

    @cached_property
    def amendments(self) -> list[AmendmentView]:
        clauses = {c.id: c for c in self.paper.clauses.all()}
        views = []
        for amendment in self.paper.amendments.all():
            target = clauses.get(amendment.target_id)
            label = label_of(target, *self.layout) if target else "the end of the operative part"
            views.append(AmendmentView(amendment, label, self.sponsor_ids))
        return views

    @property
    def open_amendments(self) -> list[AmendmentView]:
        return [a for a in self.amendments if a.amendment.status in ("proposed", "introduced")]

    @property
    def amendments_unvoted(self) -> bool:
        """No amendment to this draft has been put to the vote yet: the chair may still reorder them."""
        return not any(a.vote_id for a in self.paper.amendments.all())

    @property
    def parts(self) -> list[Part]:
        return list(self.paper.parts.all())


@dataclass
class ResolutionsState:
    rules: ResolutionRules
    papers: list[PaperView]
    debate: DraftDebate
    voting: bool  # the committee is in voting procedure
    queue: list[tuple[str, object, PaperView]] = field(default_factory=list)
    explanations: list[Explanation] = field(default_factory=list)  # still to be heard, in order

    @property
    def explaining(self) -> Explanation | None:
        """The delegation explaining its vote now (its time running or run out)."""
        first = self.explanations[0] if self.explanations else None
        return first if first is not None and first.timer_id else None

    @property
    def working(self) -> list[PaperView]:
        return [p for p in self.papers if p.paper.status == Paper.Status.WORKING]

    @property
    def drafts(self) -> list[PaperView]:
        return [p for p in self.papers if p.paper.status == Paper.Status.INTRODUCED]

    @property
    def adopted(self) -> list[PaperView]:
        return [p for p in self.papers if p.paper.status == "adopted"]

    @property
    def decided(self) -> list[PaperView]:
        return [p for p in self.papers if p.paper.status in ("adopted", "rejected", "set_aside")]

    @property
    def focus(self) -> PaperView | None:
        """The draft the committee is debating now: the one the chair chose, else the latest introduced."""
        chosen = [p for p in self.drafts if p.paper.pk == self.debate.paper_id]
        return chosen[0] if chosen else (self.drafts[-1] if self.drafts else None)

    @property
    def next_item(self) -> tuple[str, object, PaperView] | None:
        return self.queue[0] if self.queue else None

    def paper(self, paper_id: int) -> PaperView | None:
        return next((p for p in self.papers if p.paper.pk == paper_id), None)


# How far an amendment is removed from the original (procedure.md): striking a clause is further than
# changing it, changing further than adding to it. The app's order; the chair may reorder.
DISTANCE = {Amendment.Action.STRIKE: 0, Amendment.Action.CHANGE: 1, Amendment.Action.ADD: 2}


def amendment_order(amendments: list[AmendmentView]) -> list[AmendmentView]:
    """The unfriendly amendments to one draft in the order they are voted: as the chair ordered them,
    else the furthest removed from the original first (second degree before first, strike before
    change before add), then in the order they were introduced."""

    def key(view: AmendmentView):
        a = view.amendment
        return (a.vote_order is None, a.vote_order or 0, -a.degree, DISTANCE[a.action], a.introduced_at, a.pk)

    return sorted(amendments, key=key)


def voting_queue(drafts: list[PaperView]) -> list[tuple[str, object, PaperView]]:
    """What voting procedure votes, in order (procedure.md): for each draft in the order of
    introduction, its unfriendly amendments (amendment_order), then the parts of a divided question,
    then the draft as a whole."""
    queue: list[tuple[str, object, PaperView]] = []
    for view in drafts:
        amendments = [a for a in view.amendments if a.amendment.status == Amendment.Status.INTRODUCED]
        queue += [("amendment", a, view) for a in amendment_order(amendments)]
        queue += [("part", part, view) for part in view.parts if part.kept is None]
        queue.append(("draft", view.paper, view))
    return queue


# What every reload reads first, by the committee's id (committee/compiled.py); what the papers hold
# (sponsors, clauses, amendments, parts) is prefetched by Django, only when there are papers.
PAPERS = Compiled(
    "the papers",
    Paper,
    lambda committee: Paper.objects.filter(committee_id=committee).exclude(status=Paper.Status.WITHDRAWN),
)
PAPERS_VOTES = Compiled(
    "the papers' votes",
    Vote,
    lambda committee: Vote.objects.filter(pk__in=Paper.objects.filter(committee_id=committee).values("vote_id")),
)


def load_resolutions(state: FloorState) -> ResolutionsState:
    committee = state.committee
    rules = resolution_rules(state.rules)
    pk = committee.pk
    papers = PAPERS(committee=pk)
    if any(paper.vote_id for paper in papers):
        votes = {vote.pk: vote for vote in PAPERS_VOTES(committee=pk)}
        for paper in papers:
            paper.vote = votes.get(paper.vote_id)
    prefetch_related_objects(
        papers,
        Prefetch("sponsorships", Sponsorship.objects.select_related("delegation")),
        Prefetch("clauses", Clause.objects.all()),
        Prefetch("amendments", Amendment.objects.select_related("mover").prefetch_related("backings")),
        Prefetch("parts", Part.objects.all()),
    )
    attach(papers, "committee", committee)
    views = [PaperView(paper, rules, state.counts.present) for paper in papers]
    # The debate on a draft exists only once a draft does.
    introduced = any(p.status == Paper.Status.INTRODUCED for p in papers)
    debate = (
        introduced
        and DraftDebate.objects.select_related("for_timer", "against_timer", "speaker")
        .filter(committee=committee)
        .first()
    ) or DraftDebate(committee=committee)
    floor = state.parts.get("debate")
    voting = bool(floor and floor.phase == "voting")
    # Explanations of vote follow roll calls on drafts: none can be waiting before one was decided.
    decided = any(p.vote_id for p in papers) or any(a.vote_id for p in papers for a in p.amendments.all())
    explanations = (
        list(Explanation.objects.filter(committee=committee, done=False).select_related("delegation", "timer", "vote"))
        if voting or decided
        else []
    )
    result = ResolutionsState(rules, views, debate, voting, explanations=explanations)
    if voting:
        result.queue = voting_queue(result.drafts)
    return result
