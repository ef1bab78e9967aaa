"""The state of the floor as the screens show it, read in a constant number of queries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from committee.models import Attendance, Committee, Delegation, Document, Sitting
from committee.rules import RulesProfile


@dataclass
class RollCallRow:
    delegation: Delegation
    attendance: Attendance | None

    @property
    def status(self) -> str:
        return self.attendance.status if self.attendance else Attendance.Status.ABSENT

    @property
    def present(self) -> bool:
        return self.status != Attendance.Status.ABSENT

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

    @property
    def quorum(self) -> bool:
        return self.members_present >= self.quorum_to_open_needed and self.members > 0

    @property
    def quorum_to_vote(self) -> bool:
        return self.members_present >= self.quorum_to_vote_needed and self.members > 0


def compute_counts(rows: list[RollCallRow], rules: RulesProfile) -> Counts:
    members = [r for r in rows if r.delegation.kind == Delegation.Kind.MEMBER]
    present = [r for r in rows if r.present]
    members_present = sum(1 for r in members if r.present)
    voters = sum(1 for r in present if rules.may_vote_procedural(r.delegation.kind))
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
        simple_majority=rules.simple_majority.needed(voters) if voters else 0,
        two_thirds=rules.two_thirds.needed(voters) if voters else 0,
    )


@dataclass
class FloorState:
    committee: Committee
    rules: RulesProfile
    sitting: Sitting | None
    last_sitting: Sitting | None
    rows: list[RollCallRow]
    counts: Counts
    documents: list[Document] = field(default_factory=list)
    # What other apps (debate, resolutions) load for the same screens, by name.
    parts: dict[str, Any] = field(default_factory=dict)

    @property
    def version(self) -> int:
        return self.committee.version

    def __post_init__(self) -> None:
        # Broadcasts look rows up once per changed delegation (every delegation when a vote opens).
        self._by_id = {row.delegation.pk: row for row in self.rows}

    def row_for(self, delegation_id: int) -> RollCallRow | None:
        return self._by_id.get(delegation_id)

    @property
    def arrivals(self) -> list[RollCallRow]:
        return [r for r in self.rows if r.arrival_note]


# Other apps add what they show on the committee's screens: name -> loader(state) (constant queries).
PART_LOADERS: dict[str, Callable[[FloorState], Any]] = {}


def load_floor(committee_id: int) -> FloorState:
    """A constant number of queries, whatever the number of delegations."""
    committee = Committee.objects.get(pk=committee_id)
    sittings = list(committee.sittings.order_by("-number")[:2])
    sitting = sittings[0] if sittings and sittings[0].closed_at is None else None
    delegations = list(committee.delegations.all())
    attendance = {}
    if sitting is not None:
        attendance = {a.delegation_id: a for a in Attendance.objects.filter(sitting=sitting)}
    rows = [RollCallRow(d, attendance.get(d.pk)) for d in delegations]
    rules = committee.rules
    documents = list(committee.documents.only("id", "title", "slug", "position", "committee_id"))
    state = FloorState(
        committee=committee,
        rules=rules,
        sitting=sitting,
        last_sitting=sittings[0] if sittings else None,
        rows=rows,
        counts=compute_counts(rows, rules),
        documents=documents,
    )
    for name, loader in PART_LOADERS.items():
        state.parts[name] = loader(state)
    return state
