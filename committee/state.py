"""The state of the floor as the screens show it, read in a constant number of queries.

The committee's own state (sitting, roll call, counts, the open vote) is always loaded; each other part
adds what its screens read under `state.parts[<name>]`, and a broadcast loads only the parts whose
regions it renders.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from django.db.models import Subquery
from django.utils import timezone

from committee.compiled import Compiled
from committee.contract import PARTS
from committee.journal import entry_sentence
from committee.models import Attendance, Ballot, Committee, Delegation, Document, JournalEntry, Sitting, Vote
from committee.models.votes import ANSWER_LABELS
from committee.rules import PROCEDURAL, RulesProfile

RESULT_ON_STAGE = timedelta(seconds=12)


@dataclass
class RollCallRow:
    delegation: Delegation
    attendance: Attendance | None

    @property
    def status(self) -> str:
        return self.attendance.status if self.attendance else Attendance.Status.ABSENT

    @property
    def present(self) -> bool:
        return Attendance.counts_as_present(self.status)

    @property
    def answered(self) -> bool:
        return self.attendance is not None

    @property
    def late(self) -> bool:
        return bool(self.attendance and self.attendance.arrived_late_at and self.present)

    @property
    def arrival_note(self) -> bool:
        return bool(self.attendance and self.attendance.arrival_note_at and not self.present)


@dataclass
class Counts:
    """Live figures from the roll call and the rules profile."""

    members: int
    members_present: int
    observers_present: int
    present: int  # every delegation present, members, observers and NGOs
    present_and_voting: int
    late: int
    absent: int
    procedural_voters: int  # the base of a procedural majority: those present who may vote on it
    quorum_to_open_needed: int
    quorum_to_vote_needed: int
    simple_majority: int
    two_thirds: int
    votes_decide: int = 0  # a fixed number of votes decides everything (the Security Council's nine)

    @property
    def quorum(self) -> bool:
        return self.members_present >= self.quorum_to_open_needed and self.members > 0

    @property
    def quorum_to_vote(self) -> bool:
        return self.members_present >= self.quorum_to_vote_needed and self.members > 0

    @property
    def non_voting_present(self) -> int:
        """Delegations present that the procedural majorities leave out (NGOs, observers where they do
        not vote): the header says so beside the figures."""
        return self.present - self.procedural_voters


def compute_counts(rows: list[RollCallRow], rules: RulesProfile) -> Counts:
    members = [r for r in rows if r.delegation.kind == Delegation.Kind.MEMBER]
    present = [r for r in rows if r.present]
    members_present = sum(1 for r in members if r.present)
    voters = sum(1 for r in present if rules.may_vote(PROCEDURAL, r.delegation.kind))
    return Counts(
        members=len(members),
        members_present=members_present,
        observers_present=sum(1 for r in present if r.delegation.kind == Delegation.Kind.OBSERVER),
        present=len(present),
        present_and_voting=sum(1 for r in present if r.status == Attendance.Status.PRESENT_AND_VOTING),
        late=sum(1 for r in rows if r.late),
        absent=len(rows) - len(present),
        procedural_voters=voters,
        quorum_to_open_needed=rules.quorum_to_open.needed(len(members)),
        quorum_to_vote_needed=rules.quorum_to_vote.needed(len(members)),
        simple_majority=rules.threshold("simple").needed(voters) if voters else 0,
        two_thirds=rules.threshold("two_thirds").needed(voters) if voters else 0,
        votes_decide=rules.simple_majority.votes if rules.simple_majority == rules.two_thirds else 0,
    )


@dataclass(frozen=True)
class BallotCard:
    """What a phone's ballot card shows of its own delegation, and nothing else of it: phones whose
    cards are equal are sent the same HTML, rendered once (the Region's `shown_by`)."""

    may_vote: bool = False
    answers: tuple[str, ...] = ()  # the answers it may give now
    choice: str = ""  # its ballot's answer ("" before it votes)
    with_rights: bool = False
    must_abstain: bool = False  # a party to the dispute (Charter, Article 27(3))
    permanent: bool = False  # its no is a veto

    @property
    def voted(self) -> bool:
        return bool(self.choice)


def ballot_card(state: FloorState, row: RollCallRow | None) -> BallotCard:
    """The ballot card of this delegation's phones in the open vote (an empty card: none to show)."""
    open_vote = state.vote
    if open_vote is None or row is None or row.delegation.pk not in open_vote.vote.electorate:
        return BallotCard()
    pk, vote = row.delegation.pk, open_vote.vote
    ballot = open_vote.ballots.get(pk)
    return BallotCard(
        may_vote=True,
        answers=tuple(open_vote.choices_for(pk)),
        choice=ballot.choice if ballot is not None else "",
        with_rights=bool(ballot and ballot.with_rights),
        must_abstain=pk in vote.must_abstain,
        permanent=pk in vote.permanent,
    )


@dataclass
class OpenVote:
    """The vote under way, with its ballots, as every screen shows it."""

    vote: Vote
    ballots: dict[int, Ballot]
    names: dict[int, str]

    @property
    def cast(self) -> int:
        return sum(1 for b in self.ballots.values() if b.choice != Ballot.Choice.PASS)

    @property
    def cast_on_phones(self) -> int:
        return sum(1 for b in self.ballots.values() if not b.by_chair and b.choice != Ballot.Choice.PASS)

    @property
    def tally(self) -> tuple[int, int, int]:
        return Vote.tally(self.ballots.values())

    @property
    def turn(self) -> int | None:
        return self.vote.turn(self.ballots)

    @property
    def turn_name(self) -> str:
        turn = self.turn
        return self.names.get(turn, "") if turn is not None else ""

    @property
    def second_round(self) -> bool:
        return self.turn is not None and self.turn in self.ballots

    @property
    def waiting(self) -> list[tuple[int, str]]:
        """The delegations that may vote and have not (a pass is not yet a vote)."""
        return [
            (d, self.names.get(d, "?"))
            for d in self.vote.electorate
            if d not in self.ballots or self.ballots[d].choice == Ballot.Choice.PASS
        ]

    @property
    def roll(self) -> list[tuple[int, str, Ballot | None]]:
        return [(d, self.names.get(d, "?"), self.ballots.get(d)) for d in self.vote.roll_order]

    def choices_for(self, delegation_id: int) -> list[str]:
        return self.vote.choices_for(delegation_id, self.ballots)

    @property
    def answers_for_turn(self) -> list[tuple[str, str]]:
        """Roll call: the answers the delegation called now may give, as (value, label)."""
        turn = self.turn
        return [(answer, ANSWER_LABELS[answer]) for answer in self.choices_for(turn)] if turn else []

    @property
    def few_have_voted(self) -> bool:
        """Fewer than half of those who may vote have: closing now deserves a second thought."""
        return 2 * self.cast < self.vote.base


@dataclass
class FloorState:
    committee: Committee
    rules: RulesProfile
    sitting: Sitting | None
    last_sitting: Sitting | None
    rows: list[RollCallRow]
    counts: Counts
    documents: list[Document] = field(default_factory=list)
    vote: OpenVote | None = None
    last_vote: Vote | None = None  # the vote decided last, shown until another opens
    loaded_at: datetime = field(default_factory=timezone.now)
    # What the other parts (debate, resolutions) load for the same screens, by name.
    parts: dict[str, Any] = field(default_factory=dict)

    @property
    def version(self) -> int:
        return self.committee.version

    def __post_init__(self) -> None:
        # Broadcasts look rows up once per changed delegation (every delegation when a vote opens).
        self._by_id = {row.delegation.pk: row for row in self.rows}

    def row_for(self, delegation_id: int) -> RollCallRow | None:
        return self._by_id.get(delegation_id)

    def attach_delegations(self, objects: list, name: str = "delegation") -> list:
        """Give each object its delegation from the rows already loaded (the committee's own), as
        `select_related` would have, without joining and reading the delegation again."""
        for obj in objects:
            row = self._by_id.get(getattr(obj, f"{name}_id"))
            if row is not None:
                setattr(obj, name, row.delegation)
        return objects

    @property
    def arrivals(self) -> list[RollCallRow]:
        return [r for r in self.rows if r.arrival_note]

    @cached_property
    def undoable(self) -> Undoable | None:
        """The last action while the chair may undo it: read only where the chair's header offers it."""
        return undoable(self)

    @property
    def result_shown_until(self) -> datetime | None:
        """A vote just decided takes the projector's stage for a few seconds, passed or failed."""
        vote = self.last_vote
        if self.vote is None and vote is not None and vote.closed_at is not None:
            until = vote.closed_at + RESULT_ON_STAGE
            if until > self.loaded_at:
                return until
        return None


# How long the chair may undo the last action (committee/actions/undo.py).
UNDO_WINDOW = timedelta(seconds=60)


@dataclass(frozen=True)
class Undoable:
    """What the chair's undo button offers: the last action, in words, until when."""

    version: int
    words: str
    until: datetime


def undoable(state: FloorState) -> Undoable | None:
    """The last entry of the journal while the chair may still undo it (its kind undoable, a minute not
    passed), else None."""
    found = state.attach_delegations(LAST_ENTRY(committee=state.committee.pk), "subject")
    last = found[0] if found else None
    if last is None or PARTS.undoer(last.kind) is None or last.at < timezone.now() - UNDO_WINDOW:
        return None
    return Undoable(last.version, entry_sentence(last, PARTS.journal_kinds), last.at + UNDO_WINDOW)


def attach(rows: list, name: str, value: Any) -> list:
    """Give each row its related object `name` (the committee it belongs to), as a related manager
    would have: reading it then costs no query."""
    for row in rows:
        setattr(row, name, value)
    return rows


# What every reload reads, by the committee's (or its sitting's, its vote's) id (committee/compiled.py).
COMMITTEE = Compiled("the committee", Committee, lambda committee: Committee.objects.filter(pk=committee))
LATEST_SITTINGS = Compiled(
    "the last two sittings",
    Sitting,
    lambda committee: Sitting.objects.filter(committee_id=committee).order_by("-number")[:2],
)
DELEGATIONS = Compiled(
    "the delegations", Delegation, lambda committee: Delegation.objects.filter(committee_id=committee)
)
ATTENDANCE = Compiled("the roll call", Attendance, lambda sitting: Attendance.objects.filter(sitting_id=sitting))
DOCUMENTS = Compiled(
    "the documents",
    Document,
    lambda committee: Document.objects.filter(committee_id=committee).only(
        "id", "title", "slug", "position", "committee_id"
    ),
)
LATEST_VOTES = Compiled(
    "the last two votes",
    Vote,
    lambda committee: Vote.objects.filter(committee_id=committee).order_by("-opened_at", "-id")[:2],
)
LAST_ENTRY = Compiled(
    "the journal's last entry",
    JournalEntry,
    lambda committee: JournalEntry.objects.filter(committee_id=committee).order_by("-version")[:1],
)
BALLOTS = Compiled("the open vote's ballots", Ballot, lambda vote: Ballot.objects.filter(vote_id=vote))
A_VOTE = Compiled("a vote", Vote, lambda vote: Vote.objects.filter(pk=vote))


def since_opened(sitting: int) -> Subquery:
    """When the sitting opened, as SQL inside a query (so a query of what this sitting did is a
    function of ids, and compiled once: committee/compiled.py)."""
    return Subquery(Sitting.objects.filter(pk=sitting).values("opened_at")[:1])


def _votes(committee: Committee, rows: list[RollCallRow]) -> tuple[OpenVote | None, Vote | None]:
    pk = committee.pk
    latest = attach(LATEST_VOTES(committee=pk), "committee", committee)
    current = next((v for v in latest if v.is_open), None)
    last = next((v for v in latest if not v.is_open), None)
    if current is None:
        return None, last
    cast = attach(BALLOTS(vote=current.pk), "vote", current)
    ballots = {b.delegation_id: b for b in cast}
    names = {row.delegation.pk: row.delegation.name for row in rows}
    return OpenVote(current, ballots, names), last


def load_floor(committee_id: int, parts: Iterable[str] | None = None) -> FloorState:
    """The committee's state and the named parts' (every part when none are named), in a constant
    number of queries whatever the number of delegations."""
    pk = committee_id
    committee = COMMITTEE.first(committee=pk)
    if committee is None:
        raise Committee.DoesNotExist(f"No committee {pk}.")
    sittings = attach(LATEST_SITTINGS(committee=pk), "committee", committee)
    sitting = sittings[0] if sittings and sittings[0].closed_at is None else None
    delegations = attach(DELEGATIONS(committee=pk), "committee", committee)
    attendance = {}
    if sitting is not None:
        attendance = {a.delegation_id: a for a in ATTENDANCE(sitting=sitting.pk)}
    rows = [RollCallRow(d, attendance.get(d.pk)) for d in delegations]
    rules = committee.rules
    documents = attach(DOCUMENTS(committee=pk), "committee", committee)
    vote, last_vote = _votes(committee, rows)
    state = FloorState(
        committee=committee,
        rules=rules,
        sitting=sitting,
        last_sitting=sittings[0] if sittings else None,
        rows=rows,
        counts=compute_counts(rows, rules),
        documents=documents,
        vote=vote,
        last_vote=last_vote,
    )
    wanted = PARTS.names if parts is None else list(parts)
    for name in PARTS.names:
        loader = PARTS[name].load
        if name in wanted and loader is not None:
            state.parts[name] = loader(state)
    return state
