"""Property-based tests (hypothesis state machines) of the speakers' list and of a procedural vote.

Whatever the order of requests, additions, removals, moves, calls and yields, or of ballots: one
current speaker at most, no delegation twice in a waiting list, the list is what a simple model of it
says, tallies equal ballots, and the committee's version only grows.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from committee import actions as committee_actions
from committee.access import Actor, board_actor
from committee.actions import ActionError
from committee.models import Ballot, Committee, Delegation, ExecutiveRole, Vote
from debate import actions
from debate.models import Floor, Motion, SpeakerEntry, Speech

NAMES = ["Canada", "Finland", "Estonia", "Brazil", "India", "Mexico", "Japan"]  # Japan stays absent
PRESENT = NAMES[:-1]
SETTINGS = settings(
    max_examples=30, stateful_step_count=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


class Room:
    """A small committee in a savepoint of its own, rolled back after each example."""

    def __init__(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.committee = Committee.objects.create(name="Test committee", abbreviation="TC", slug="tc", agenda="Testing")
        for name in NAMES:
            Delegation.objects.create(committee=self.committee, name=name)
        Delegation.objects.create(committee=self.committee, name="Observer State", kind="observer")
        user = get_user_model().objects.create_user("chair-tc")
        ExecutiveRole.objects.create(committee=self.committee, user=user, role="chair")
        self.chair = board_actor(user, self.committee)
        committee_actions.open_sitting(self.committee, self.chair)
        for name in [*PRESENT, "Observer State"]:
            committee_actions.mark_attendance(self.committee, self.chair, self.id(name), "present")
        self.version = self.current_version()

    def id(self, name: str) -> int:
        return self.committee.delegations.get(name=name).pk

    def phone(self, name: str) -> Actor:
        delegation = self.committee.delegations.get(name=name)
        return Actor("delegate", name, delegation=delegation)

    def current_version(self) -> int:
        return Committee.objects.get(pk=self.committee.pk).version

    def close(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)


class SpeakersList(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.room = Room()
        self.waiting: list[str] = []  # the model: who waits, in order
        self.requested: set[str] = set()
        self.speaker: str | None = None
        self.yielded = False

    def teardown(self):
        self.room.close()

    def attempt(self, call) -> bool:
        try:
            call()
            return True
        except ActionError:
            return False

    @rule(name=st.sampled_from(NAMES))
    def ask(self, name):
        done = self.attempt(lambda: actions.ask_to_speak(self.room.committee, self.room.phone(name)))
        assert done == (name in PRESENT)
        if done and name not in self.waiting:
            self.requested.add(name)

    @rule(name=st.sampled_from(NAMES))
    def add(self, name):
        done = self.attempt(lambda: actions.add_speaker(self.room.committee, self.room.chair, self.room.id(name)))
        assert done == (name in PRESENT and name not in self.waiting)
        if done:
            self.requested.discard(name)
            self.waiting.append(name)

    @rule(name=st.sampled_from(NAMES))
    def remove(self, name):
        done = self.attempt(lambda: actions.remove_speaker(self.room.committee, self.room.chair, self.room.id(name)))
        assert done == (name in self.waiting or name in self.requested)
        if done:
            if name in self.waiting:
                self.waiting.remove(name)
            else:
                self.requested.discard(name)

    @rule(name=st.sampled_from(PRESENT))
    def withdraw(self, name):
        actions.withdraw_request(self.room.committee, self.room.phone(name))
        if name in self.waiting:
            self.waiting.remove(name)
        self.requested.discard(name)

    @rule(name=st.sampled_from(NAMES), direction=st.sampled_from(["up", "down"]))
    def move(self, name, direction):
        done = self.attempt(
            lambda: actions.move_speaker(self.room.committee, self.room.chair, self.room.id(name), direction)
        )
        assert done == (name in self.waiting)
        if done:
            i = self.waiting.index(name)
            j = i - 1 if direction == "up" else i + 1
            if 0 <= j < len(self.waiting):
                self.waiting[i], self.waiting[j] = self.waiting[j], self.waiting[i]

    @rule()
    def next(self):
        done = self.attempt(lambda: actions.next_speaker(self.room.committee, self.room.chair))
        assert done == bool(self.waiting or self.speaker)
        if done:
            self.speaker = self.waiting.pop(0) if self.waiting else None
            self.yielded = False

    @precondition(lambda self: self.speaker is not None)
    @rule(name=st.sampled_from(PRESENT))
    def yield_to(self, name):
        done = self.attempt(
            lambda: actions.yield_speech(self.room.committee, self.room.chair, "delegation", self.room.id(name))
        )
        assert done == (name != self.speaker and not self.yielded)
        if done:
            self.speaker, self.yielded = name, True

    @invariant()
    def the_list_is_what_the_model_says(self):
        entries = SpeakerEntry.objects.filter(committee=self.room.committee, list="gsl")
        assert [e.delegation.name for e in entries.filter(status="waiting")] == self.waiting
        assert {e.delegation.name for e in entries.filter(status="requested")} == self.requested

    @invariant()
    def nobody_twice_in_a_waiting_list(self):
        names = list(
            SpeakerEntry.objects.filter(committee=self.room.committee, status__in=["waiting", "requested"]).values_list(
                "list", "delegation_id"
            )
        )
        assert len(names) == len(set(names))

    @invariant()
    def one_current_speaker_at_most(self):
        open_speeches = Speech.objects.filter(committee=self.room.committee, ended_at__isnull=True)
        floor = Floor.objects.filter(committee=self.room.committee).first()
        assert open_speeches.count() <= 1
        current = floor.speech.delegation.name if floor and floor.speech else None
        assert current == self.speaker
        assert [s.delegation.name for s in open_speeches] == ([self.speaker] if self.speaker else [])

    @invariant()
    def the_version_only_grows(self):
        version = self.room.current_version()
        assert version >= self.room.version
        self.room.version = version


class ProceduralVoteMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.room = Room()
        self.cast: dict[str, str] = {}
        self.open = False
        self.motions = 0

    def teardown(self):
        self.room.close()

    @precondition(lambda self: not self.open)
    @rule(name=st.sampled_from(PRESENT), total=st.integers(60, 1200), each=st.integers(10, 120))
    def move_a_caucus(self, name, total, each):
        values = {"topic": "Border cooperation", "total": str(max(total, each)), "speaking_time": str(each)}
        try:
            actions.raise_motion(self.room.committee, self.room.phone(name), "moderated_caucus", values)
        except ActionError:
            return  # this delegation already has one on the floor, or the floor is not open
        self.motions += 1

    @precondition(lambda self: not self.open)
    @rule()
    def open_vote(self):
        has_motion = Motion.objects.filter(committee=self.room.committee, status="pending").exists()
        try:
            actions.open_vote(self.room.committee, self.room.chair, "phones")
            self.open, self.cast = True, {}
        except ActionError:
            assert not has_motion

    @rule(name=st.sampled_from([*NAMES, "Observer State"]), choice=st.sampled_from(["yes", "no", "abstain"]))
    def ballot(self, name, choice):
        try:
            committee_actions.cast_ballot(self.room.committee, self.room.phone(name), choice)
            accepted = True
        except ActionError:
            accepted = False
        may = self.open and name != "Japan" and choice != "abstain" and name not in self.cast
        assert accepted == may
        if accepted:
            self.cast[name] = choice

    @precondition(lambda self: self.open)
    @rule()
    def close(self):
        vote = committee_actions.close_vote(self.room.committee, self.room.chair)
        motion = Motion.objects.get(vote=vote)
        yes = sum(1 for c in self.cast.values() if c == "yes")
        assert (vote.yes, vote.no) == (yes, len(self.cast) - yes)
        assert (motion.status == "passed") == (yes >= vote.needed)
        assert vote.needed == vote.base // 2 + 1  # more than half of those present who may vote
        self.open = False
        if motion.status == "passed":
            actions.end_caucus(self.room.committee, self.room.chair)

    @invariant()
    def tallies_equal_ballots(self):
        for vote in Vote.objects.filter(committee=self.room.committee):
            ballots = Ballot.objects.filter(vote=vote)
            assert ballots.values("delegation").distinct().count() == ballots.count()
            if vote.closed_at is not None:
                assert vote.yes + vote.no == ballots.count()
                assert vote.yes == ballots.filter(choice="yes").count()

    @invariant()
    def one_vote_open_at_most(self):
        assert Motion.objects.filter(committee=self.room.committee, status="voting").count() == (1 if self.open else 0)

    @invariant()
    def the_version_only_grows(self):
        version = self.room.current_version()
        assert version >= self.room.version
        self.room.version = version


@pytest.mark.django_db
def test_the_speakers_list_keeps_its_invariants():
    run_state_machine_as_test(SpeakersList, settings=SETTINGS)


@pytest.mark.django_db
def test_a_procedural_vote_keeps_its_invariants():
    run_state_machine_as_test(ProceduralVoteMachine, settings=SETTINGS)
