"""The chair's undo (issue 23): alice takes back her last action — a mistaken A in the roll call, a
motion granted by mistake, a vote closed too soon — as a correction the journal and the minutes show,
for a minute after it, and never once something else has happened since or the floor has moved on.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from committee import actions as committee_actions
from committee.errors import ActionError
from committee.models import Attendance, JournalEntry, Vote, current_sitting
from committee.state import load_floor
from debate import actions as debate_actions
from debate.models import Floor, Motion
from record.minutes import read_minutes
from resolutions.actions import voting
from resolutions.models import Paper
from tests.conftest import actor_for
from tests.papers import carry_motion, grant, journal, sign, write_paper

CORRECTION = "Chair (Alice) undid the last action (a correction): "


def last_version(committee) -> int:
    return JournalEntry.objects.filter(committee=committee).order_by("-version").values_list("version", flat=True)[0]


def status_of(committee, name: str) -> str:
    delegation = committee.delegations.get(name=name)
    return Attendance.objects.get(delegation=delegation, sitting=current_sitting(committee)).status


def test_alice_takes_back_a_mistaken_a(in_session, alice_actor):
    canada = in_session.delegations.get(name="Canada")
    committee_actions.mark_attendance(in_session, alice_actor, canada.pk, "absent")
    assert load_floor(in_session.pk).undoable.words == "Chair (Alice) marked Canada absent."
    committee_actions.undo_last(in_session, alice_actor, last_version(in_session))
    assert status_of(in_session, "Canada") == "present"
    assert journal(in_session)[-2:] == [
        "Chair (Alice) marked Canada absent.",
        CORRECTION + "Chair (Alice) marked Canada absent.",
    ]
    minutes = read_minutes(in_session).sittings[0]
    assert minutes.status["Canada"] == "present"  # the answer undone is not counted
    assert load_floor(in_session.pk).undoable is None  # an undo is not undone


def test_a_late_arrival_marked_by_mistake_is_not_late_once_undone(in_session, alice_actor):
    spain = in_session.delegations.get(name="Spain")
    committee_actions.mark_attendance(in_session, alice_actor, spain.pk, "present")
    assert Attendance.objects.get(delegation=spain).arrived_late_at is not None
    committee_actions.undo_last(in_session, alice_actor)
    attendance = Attendance.objects.get(delegation=spain)
    assert (attendance.status, attendance.arrived_late_at) == ("absent", None)
    assert read_minutes(in_session).sittings[0].late == []


def test_only_the_last_action_and_only_for_a_minute(in_session, alice_actor):
    canada, finland = (in_session.delegations.get(name=n) for n in ("Canada", "Finland"))
    committee_actions.mark_attendance(in_session, alice_actor, canada.pk, "absent")
    mistaken = last_version(in_session)
    committee_actions.mark_attendance(in_session, alice_actor, finland.pk, "absent")
    with pytest.raises(ActionError, match=r"Something was done since: only the last action can be undone"):
        committee_actions.undo_last(in_session, alice_actor, mistaken)
    JournalEntry.objects.filter(committee=in_session, version=last_version(in_session)).update(
        at=JournalEntry.objects.get(committee=in_session, version=mistaken).at - timedelta(seconds=61)
    )
    with pytest.raises(ActionError, match=r"Too late to undo \(Chair \(Alice\) marked Finland absent\.\)"):
        committee_actions.undo_last(in_session, alice_actor)
    assert status_of(in_session, "Finland") == "absent" and status_of(in_session, "Canada") == "absent"
    assert load_floor(in_session.pk).undoable is None


def test_what_cannot_be_undone_says_so(in_session, alice_actor):
    committee_actions.close_sitting(in_session, alice_actor)
    with pytest.raises(ActionError, match="The last action cannot be undone .*correct it with a new one"):
        committee_actions.undo_last(in_session, alice_actor)
    canada = actor_for(in_session, "Canada")
    with pytest.raises(ActionError):
        from committee.contract import run_command

        run_command(in_session, canada, "undo", {})


def test_a_motion_granted_by_mistake_returns_to_the_floor(voting_house, alice_actor):
    paper = write_paper(voting_house, "Canada")
    sign(voting_house, paper, "Finland", "Brazil", "Mexico", "Colombia")
    caucus = debate_actions.raise_motion(
        voting_house, actor_for(voting_house, "India"), "unmoderated_caucus", {"topic": "Talks", "duration": 300}
    )
    grant(voting_house, alice_actor, "Canada", "introduce_draft", {"paper": paper.pk})
    paper.refresh_from_db()
    caucus.refresh_from_db()
    assert (paper.symbol, caucus.status) == ("DR 1/1", "fallen")
    committee_actions.undo_last(voting_house, alice_actor)
    paper.refresh_from_db()
    caucus.refresh_from_db()
    assert (paper.status, paper.number, caucus.status) == ("working", None, "pending")
    motion = Motion.objects.get(kind="introduce_draft")
    assert motion.status == "pending"
    assert journal(voting_house)[-1].startswith(CORRECTION + "Chair (Alice) granted the motion of Canada")
    # Granted again, it introduces the paper as DR 1/1: nothing of the mistake is left.
    debate_actions.grant_motion(voting_house, alice_actor, motion.pk, True)
    paper.refresh_from_db()
    assert paper.symbol == "DR 1/1"


def test_a_vote_closed_too_soon_opens_again_with_its_ballots(voting_house, alice_actor):
    paper = write_paper(voting_house, "Canada")
    sign(voting_house, paper, "Finland", "Brazil", "Mexico", "Colombia")
    grant(voting_house, alice_actor, "Canada", "introduce_draft", {"paper": paper.pk})
    carry_motion(voting_house, alice_actor, "Mexico", "close_debate")
    vote = voting.vote_next(voting_house, alice_actor, Vote.Method.PHONES)
    for name in ("Canada", "Finland", "Brazil"):
        committee_actions.cast_ballot(voting_house, actor_for(voting_house, name), "yes")
    committee_actions.cast_ballot(voting_house, actor_for(voting_house, "India"), "no")
    committee_actions.close_vote(voting_house, alice_actor)  # 3 to 1: alice meant to wait
    paper.refresh_from_db()
    assert paper.status == "adopted"
    committee_actions.undo_last(voting_house, alice_actor)
    vote.refresh_from_db()
    paper.refresh_from_db()
    assert (vote.closed_at, vote.passed, vote.ballots.count()) == (None, None, 4)
    assert paper.status == Paper.Status.INTRODUCED
    voted = set(vote.ballots.values_list("delegation_id", flat=True))
    for delegation in voting_house.delegations.filter(pk__in=vote.electorate).exclude(pk__in=voted):
        committee_actions.cast_ballot(voting_house, actor_for(voting_house, delegation.name), "no")
    vote = committee_actions.close_vote(voting_house, alice_actor)
    paper.refresh_from_db()
    assert (vote.yes, paper.status) == (3, "rejected")
    minutes = read_minutes(voting_house)
    votes = [v for s in minutes.sittings for v in s.votes if "as a whole" in v.title]
    assert [v.record for v in votes] == [vote.record_text()]  # the result undone is not in the tables
    assert any(line.startswith(CORRECTION + "The vote on DR 1/1") for line in journal(voting_house))


def test_a_caucus_under_way_stands(in_session, alice_actor):
    debate_actions.raise_motion(
        in_session,
        actor_for(in_session, "Canada"),
        "moderated_caucus",
        {"topic": "Teams", "total": 600, "speaking_time": 60},
    )
    vote = debate_actions.open_vote(in_session, alice_actor, Vote.Method.PLACARD)
    committee_actions.close_vote(in_session, alice_actor, yes=vote.base, no=0)
    with pytest.raises(
        ActionError, match="has taken effect on the floor: it cannot be undone. Correct it with a new motion."
    ):
        committee_actions.undo_last(in_session, alice_actor)
    vote.refresh_from_db()
    assert vote.closed_at is not None and Floor.objects.get(committee=in_session).phase == "moderated"


def test_a_failed_motion_vote_closed_too_soon_is_voted_again(in_session, alice_actor):
    motion = debate_actions.raise_motion(
        in_session,
        actor_for(in_session, "Canada"),
        "moderated_caucus",
        {"topic": "Teams", "total": 600, "speaking_time": 60},
    )
    vote = debate_actions.open_vote(in_session, alice_actor, Vote.Method.PHONES)
    committee_actions.cast_ballot(in_session, actor_for(in_session, "Finland"), "no")
    committee_actions.close_vote(in_session, alice_actor)
    committee_actions.undo_last(in_session, alice_actor)
    motion.refresh_from_db()
    vote.refresh_from_db()
    assert (motion.status, vote.closed_at, vote.needed) == ("voting", None, vote.base // 2 + 1)
