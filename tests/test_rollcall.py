"""Sittings and the roll call: alice (chair) takes it; the counts, the journal and the version follow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committee import actions
from committee.access import Actor
from committee.actions import ActionError
from committee.contract import run_command
from committee.live.metrics import METRICS
from committee.models import Attendance, Delegation, JournalEntry
from committee.state import load_floor

P, PV, A = Attendance.Status.PRESENT, Attendance.Status.PRESENT_AND_VOTING, Attendance.Status.ABSENT


def status_of(unodc, delegation):
    return load_floor(unodc.pk).row_for(delegation.pk).status


def test_it_numbers_sittings_one_after_another(unodc, alice_actor):
    first = actions.open_sitting(unodc, alice_actor)
    assert first.title == "Session I"
    actions.close_sitting(unodc, alice_actor)
    second = actions.open_sitting(unodc, alice_actor)
    assert second.title == "Session II"


def test_it_refuses_to_open_a_second_sitting_while_one_is_open(unodc, alice_actor, sitting):
    with pytest.raises(ActionError, match="Session I is already open"):
        actions.open_sitting(unodc, alice_actor)


def test_it_refuses_a_roll_call_outside_a_sitting(unodc, alice_actor, canada):
    with pytest.raises(ActionError, match="No sitting is open"):
        actions.mark_attendance(unodc, alice_actor, canada.pk, P)
    assert JournalEntry.objects.count() == 0


def test_alice_marks_canada_present_and_the_counts_follow(unodc, alice_actor, sitting, canada, finland):
    before = load_floor(unodc.pk).counts
    actions.mark_attendance(unodc, alice_actor, canada.pk, P)
    actions.mark_attendance(unodc, alice_actor, finland.pk, PV)
    counts = load_floor(unodc.pk).counts
    assert (before.present, counts.present) == (0, 2)
    assert counts.present_and_voting == 1
    assert counts.simple_majority == 2 and counts.two_thirds == 2
    assert status_of(unodc, canada) == P


def test_quorum_is_met_at_one_third_of_the_members(unodc, alice_actor, sitting):
    members = list(unodc.delegations.filter(kind=Delegation.Kind.MEMBER))
    needed = load_floor(unodc.pk).counts.quorum_to_open_needed
    assert needed == 13  # 38 member states, at least one third
    for delegation in members[: needed - 1]:
        actions.mark_attendance(unodc, alice_actor, delegation.pk, P)
    assert not load_floor(unodc.pk).counts.quorum
    actions.mark_attendance(unodc, alice_actor, members[needed].pk, P)
    assert load_floor(unodc.pk).counts.quorum


def test_every_change_is_journalled_with_who_did_it(unodc, alice_actor, sitting, canada):
    version = unodc.__class__.objects.get(pk=unodc.pk).version
    actions.mark_attendance(unodc, alice_actor, canada.pk, PV)
    entry = JournalEntry.objects.get(version=version + 1)
    assert entry.kind == "rollcall.marked"
    assert entry.actor == "Chair (Alice)"
    assert entry.data == {"status": PV, "was": A, "late": False}
    assert entry.subject.name == "Canada"  # the delegation it is about: a foreign key, not a name
    assert entry.sitting == sitting


def test_a_double_click_records_the_answer_once(unodc, alice_actor, sitting, canada):
    actions.mark_attendance(unodc, alice_actor, canada.pk, P)
    entries = JournalEntry.objects.count()
    actions.mark_attendance(unodc, alice_actor, canada.pk, P)
    assert JournalEntry.objects.count() == entries


def test_after_the_roll_call_closes_an_arrival_is_marked_late(unodc, alice_actor, sitting, canada, finland):
    actions.mark_attendance(unodc, alice_actor, finland.pk, P)
    actions.close_roll_call(unodc, alice_actor)
    actions.mark_attendance(unodc, alice_actor, canada.pk, P)
    floor = load_floor(unodc.pk)
    assert floor.row_for(canada.pk).late
    assert not floor.row_for(finland.pk).late
    assert floor.counts.late == 1


def test_canada_announces_its_arrival_and_alice_sees_it(unodc, alice_actor, sitting, canada):
    canada_actor = Actor("delegate", "Canada", delegation=canada)
    actions.note_arrival(unodc, canada_actor)
    actions.note_arrival(unodc, canada_actor)  # a second tap changes nothing
    assert [r.delegation.name for r in load_floor(unodc.pk).arrivals] == ["Canada"]
    assert JournalEntry.objects.filter(kind="rollcall.arrival_noted").count() == 1
    actions.mark_attendance(unodc, alice_actor, canada.pk, P)
    assert load_floor(unodc.pk).arrivals == []


def test_a_delegation_cannot_take_the_roll_call(unodc, sitting, canada, finland):
    canada_actor = Actor("delegate", "Canada", delegation=canada)
    with pytest.raises(ActionError, match="Only the Executive Board"):
        actions.mark_attendance(unodc, canada_actor, finland.pk, P)
    assert status_of(unodc, finland) == A


@pytest.mark.parametrize("status", ["", "here", "PRESENT", None])
def test_it_refuses_an_answer_that_is_not_on_the_roll(unodc, alice_actor, sitting, canada, status):
    with pytest.raises(ActionError, match="present, present and voting, or absent"):
        actions.mark_attendance(unodc, alice_actor, canada.pk, status)


@pytest.mark.parametrize(
    ("delegation_id", "message"),
    [
        ("", "Choose a delegation"),
        (None, "Choose a delegation"),
        ("x", "no such delegation"),
        (-1, "no such delegation"),
        (999999, "no such delegation"),
    ],
)
def test_it_refuses_a_delegation_of_no_such_committee(unodc, alice_actor, sitting, delegation_id, message):
    with pytest.raises(ActionError, match=message):
        run_command(unodc, alice_actor, "rollcall.mark", {"delegation": delegation_id, "status": P})
    assert not Attendance.objects.exists()


def test_the_version_only_grows(unodc, alice_actor, sitting, canada):
    seen = [load_floor(unodc.pk).version]
    for status in (P, PV, A, P):
        actions.mark_attendance(unodc, alice_actor, canada.pk, status)
        seen.append(load_floor(unodc.pk).version)
    assert seen == sorted(set(seen))


def _cost_of_marking(unodc, alice_actor, delegation, django_capture_on_commit_callbacks):
    METRICS.region_renders = 0
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        actions.mark_attendance(unodc, alice_actor, delegation.pk, P)
    return len(queries), METRICS.region_renders


def test_marking_costs_the_same_however_many_delegations(
    unodc, alice_actor, sitting, canada, finland, django_capture_on_commit_callbacks
):
    small = _cost_of_marking(unodc, alice_actor, canada, django_capture_on_commit_callbacks)
    Delegation.objects.bulk_create(Delegation(committee=unodc, name=f"State {n}") for n in range(150))
    large = _cost_of_marking(unodc, alice_actor, finland, django_capture_on_commit_callbacks)
    assert small == large
    queries, renders = large
    # Regions rendered once per audience, whoever is connected: chair (status, sitting, Finland's
    # row, and the speakers' list and the speech, whose Add and yield choices follow the roll call
    # and whose motion menu follows the quorum), phones (status, the floor and its motion menu),
    # projector (status, figures, Finland's cell, the counts line), the drafts on the chair's laptop
    # and on the phones (the support a working paper needs is a share of those present), and
    # Finland's own phones (you, mine). Not the phones' chit form: its addressees are loaded when it
    # is opened.
    assert renders == 15
