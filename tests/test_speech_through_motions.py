"""Every second spoken is kept when a motion passes (issue 23, 1, 4 and 5): Mexico keeps the floor
while the chair grants Canada's working paper; Brazil, 44 s into its speech when a caucus passes, has
those seconds in the statistics and finishes its speech after the caucus; a call that never began is
no speech; in voting procedure, a division passed leaves China's motion for a roll-call vote on the
floor."""

from __future__ import annotations

import pytest

from committee.state import load_floor
from debate import actions
from debate.models import Motion, Speech
from record.minutes import read_minutes
from tests.conftest import actor_for, debate
from tests.papers import carry_motion, grant, sign, write_paper

CAUCUS = {"topic": "Joint investigation teams", "total": 600, "speaking_time": 60}


def call(committee, chair, *names: str) -> Speech:
    for name in names:
        actions.add_speaker(committee, chair, committee.delegations.get(name=name).pk)
    return actions.next_speaker(committee, chair)


def has_spoken(speech: Speech, seconds: float) -> None:
    """The speaker's clock ran `seconds`, then the chair paused it (a motion is moved only then)."""
    speech.timer.elapsed = seconds
    speech.timer.save()


@pytest.fixture
def ready_paper(voting_house):
    paper = write_paper(voting_house, "Canada")
    sign(voting_house, paper, "Finland", "Brazil", "Colombia", "Egypt")
    return paper


def test_mexico_keeps_the_floor_while_the_chair_grants_a_working_paper(voting_house, alice_actor, ready_paper):
    mexico = call(voting_house, alice_actor, "Mexico", "India")
    has_spoken(mexico, 8)
    grant(voting_house, alice_actor, "Canada", "introduce_draft", {"paper": ready_paper.pk})
    floor = debate(voting_house)
    assert floor.speech is not None and floor.speech.delegation.name == "Mexico"
    assert round(floor.speech.timer.elapsed) == 8  # the clock waits for the chair to start it again
    actions.control_timer(voting_house, alice_actor, "speech", "start")
    actions.next_speaker(voting_house, alice_actor)
    mexico, kenya = read_minutes(voting_house).speeches  # India is on the floor now
    assert (mexico.delegation, mexico.spoke >= 8, kenya.delegation) == ("Mexico", True, "India")


def test_brazils_seconds_are_kept_through_a_caucus_and_it_finishes_its_speech(in_session, alice_actor):
    brazil = call(in_session, alice_actor, "Brazil", "India")
    has_spoken(brazil, 44)
    carry_motion(in_session, alice_actor, "Canada", "moderated_caucus", CAUCUS)
    assert debate(in_session).phase == "moderated" and debate(in_session).speech is None
    figures = read_minutes(in_session).figures["Brazil"]
    assert (figures.speeches, round(figures.spoke)) == (1, 44)
    # Brazil is back at the head of the General Speakers' List, for the 46 seconds it had left.
    gsl = debate(in_session).gsl
    assert [(e.delegation.name, e.time_left) for e in gsl] == [("Brazil", 46), ("India", None)]

    actions.end_caucus(in_session, alice_actor)
    again = actions.next_speaker(in_session, alice_actor)
    assert (again.delegation.name, again.timer.duration) == ("Brazil", 46)
    has_spoken(again, 40)
    actions.next_speaker(in_session, alice_actor)
    minutes = read_minutes(in_session)
    assert (minutes.figures["Brazil"].speeches, round(minutes.figures["Brazil"].spoke)) == (1, 84)
    sentences = [line for _, line in minutes.sittings[0].lines]
    assert any("recognised Brazil (0:46) to finish its speech" in line for line in sentences)


def test_a_caucus_passed_before_a_called_speaker_began_keeps_its_turn(in_session, alice_actor):
    call(in_session, alice_actor, "Brazil", "India")
    carry_motion(in_session, alice_actor, "Canada", "moderated_caucus", CAUCUS)
    gsl = debate(in_session).gsl
    assert [(e.delegation.name, e.time_left) for e in gsl] == [("Brazil", None), ("India", None)]
    assert read_minutes(in_session).figures["Brazil"].speeches == 0


def test_a_call_that_never_began_is_no_speech_and_the_delegation_is_not_yet_heard(in_session, alice_actor):
    call(in_session, alice_actor, "India", "Brazil")  # India is called, does not stand up
    brazil = actions.next_speaker(in_session, alice_actor)
    has_spoken(brazil, 30)
    actions.next_speaker(in_session, alice_actor)
    minutes = read_minutes(in_session)
    assert minutes.figures["India"].speeches == 0 and "India" in minutes.not_spoken
    assert [s.delegation for s in minutes.speeches] == ["Brazil"]
    kenya = in_session.delegations.get(name="India")
    assert kenya.pk not in load_floor(in_session.pk).parts["debate"].spoken_ids


def test_a_division_passed_leaves_the_motion_for_a_roll_call_vote_on_the_floor(voting_house, alice_actor, ready_paper):
    grant(voting_house, alice_actor, "Canada", "introduce_draft", {"paper": ready_paper.pk})
    ready_paper.refresh_from_db()
    carry_motion(voting_house, alice_actor, "Mexico", "close_debate")
    roll_call = actions.raise_motion(
        voting_house, actor_for(voting_house, "China"), "roll_call_vote", {"draft": ready_paper.pk}
    )
    division = carry_motion(
        voting_house, alice_actor, "Brazil", "divide_question", {"draft": ready_paper.pk, "clauses": "2"}
    )
    assert division.status == "passed"
    roll_call.refresh_from_db()
    assert roll_call.status == "pending"
    assert [m.motion.kind for m in debate(voting_house).motions] == ["roll_call_vote"]
    actions.grant_motion(voting_house, alice_actor, roll_call.pk, True)
    outcomes = {m.mover: m.outcome for m in read_minutes(voting_house).motions}
    assert outcomes["China"] == "granted" and outcomes["Brazil"] == "passed"


def test_outside_voting_procedure_a_passed_motion_still_makes_the_others_fall(in_session, alice_actor):
    actions.raise_motion(in_session, actor_for(in_session, "Brazil"), "set_speaking_time", {"speaking_time": 60})
    carry_motion(in_session, alice_actor, "Canada", "moderated_caucus", CAUCUS)
    assert Motion.objects.get(kind="set_speaking_time").status == "fallen"
    outcomes = {m.mover: m.outcome for m in read_minutes(in_session).motions}
    assert outcomes["Brazil"] == "fell (another motion passed)"


def test_the_chair_sees_that_brazil_is_back_to_finish_its_speech(in_session, alice_actor, alice_client):
    has_spoken(call(in_session, alice_actor, "Brazil", "India"), 44)
    carry_motion(in_session, alice_actor, "Canada", "moderated_caucus", CAUCUS)
    actions.end_caucus(in_session, alice_actor)
    page = alice_client.get("/c/unodc/chair/").content.decode()
    assert 'Brazil <small class="muted">to finish: 0:46</small>' in page
