"""Speeches and their timers, yields and points: alice runs the clock; deadlines, never ticks."""

from datetime import timedelta

import pytest
from django.utils import timezone

from committee import actions as committee_actions
from committee.actions import ActionError
from committee.contract import run_command
from committee.live.metrics import METRICS
from debate import actions
from debate.models import Point, Timer
from tests.conftest import actor_for, debate


@pytest.fixture
def canada_speaking(in_session, alice_actor):
    for name in ("Canada", "Finland"):
        actions.add_speaker(in_session, alice_actor, in_session.delegations.get(name=name).pk)
    return actions.next_speaker(in_session, alice_actor)


def test_a_timer_is_a_deadline_not_a_ticking_value():
    start = timezone.now()
    timer = Timer(duration=90)
    timer.start(start)
    assert timer.ends_at() == start + timedelta(seconds=90)
    assert timer.remaining_at(start + timedelta(seconds=30)) == 60
    timer.pause(start + timedelta(seconds=30))
    assert timer.ends_at() is None
    assert timer.remaining_at(start + timedelta(hours=1)) == 60  # paused: time stands still
    timer.start(start + timedelta(seconds=100))
    assert timer.ends_at() == start + timedelta(seconds=160)
    assert timer.remaining_at(start + timedelta(seconds=500)) == 0  # never negative


def test_alice_starts_pauses_and_extends_a_speech(in_session, alice_actor, canada_speaking):
    timer = actions.control_timer(in_session, alice_actor, "speech", "toggle")
    assert timer.running
    actions.control_timer(in_session, alice_actor, "speech", "start")  # a double press: still running
    timer = actions.control_timer(in_session, alice_actor, "speech", "pause")
    assert not timer.running and 89 <= timer.remaining_at(timezone.now()) <= 90
    timer = actions.control_timer(in_session, alice_actor, "speech", "extend", 30)
    assert timer.duration == 120


@pytest.mark.parametrize("seconds", ["-30", "0", "abc", "", "100000", "1.5"])
def test_a_negative_or_absurd_extension_changes_nothing(in_session, alice_actor, canada_speaking, seconds):
    with pytest.raises(ActionError, match="Extra time"):
        run_command(in_session, alice_actor, "timer", {"which": "speech", "operation": "extend", "seconds": seconds})
    assert debate(in_session).speech.timer.duration == 90


def test_a_timer_that_ran_out_does_not_start_again(in_session, alice_actor, canada_speaking):
    timer = canada_speaking.timer
    timer.elapsed = 90
    timer.save()
    with pytest.raises(ActionError, match="Time is up"):
        actions.control_timer(in_session, alice_actor, "speech", "start")


def test_no_timer_without_a_speaker_or_a_caucus(in_session, alice_actor):
    with pytest.raises(ActionError, match="Nobody has the floor"):
        actions.control_timer(in_session, alice_actor, "speech", "start")
    with pytest.raises(ActionError, match="No caucus is running"):
        actions.control_timer(in_session, alice_actor, "caucus", "start")


def test_a_yield_to_the_chair_ends_the_speech(in_session, alice_actor, canada_speaking):
    actions.yield_speech(in_session, alice_actor, "chair")
    assert debate(in_session).speech is None


def test_a_yield_to_a_delegation_gives_it_the_time_left_and_no_second_yield(in_session, alice_actor, canada_speaking):
    actions.control_timer(in_session, alice_actor, "speech", "start")
    estonia = in_session.delegations.get(name="Estonia")
    brazil = in_session.delegations.get(name="Brazil")
    speech = actions.yield_speech(in_session, alice_actor, "delegation", estonia.pk)
    assert speech.delegation == estonia
    assert 88 <= speech.timer.duration <= 90
    assert not speech.may_yield_again
    with pytest.raises(ActionError, match="may not yield it again"):
        actions.yield_speech(in_session, alice_actor, "delegation", brazil.pk)
    actions.yield_speech(in_session, alice_actor, "chair")  # to the chair is still allowed
    assert debate(in_session).speech is None


def test_a_yield_to_an_absent_or_the_same_delegation_is_refused(in_session, alice_actor, canada_speaking):
    with pytest.raises(ActionError, match="not marked present"):
        actions.yield_speech(in_session, alice_actor, "delegation", in_session.delegations.get(name="Japan").pk)
    with pytest.raises(ActionError, match="cannot yield to itself"):
        actions.yield_speech(in_session, alice_actor, "delegation", canada_speaking.delegation_id)
    with pytest.raises(ActionError, match="Yield to the chair"):
        actions.yield_speech(in_session, alice_actor, "audience")


def test_a_yield_to_questions_opens_points_of_information(in_session, alice_actor, canada_speaking):
    finland = actor_for(in_session, "Finland")
    with pytest.raises(ActionError, match="only when the speaker has yielded to questions"):
        actions.raise_point(in_session, finland, "information", "Which crossings?")
    actions.control_timer(in_session, alice_actor, "speech", "start")
    actions.yield_speech(in_session, alice_actor, "questions")
    assert not debate(in_session).speech.timer.running  # only answers count against the time
    point = actions.raise_point(in_session, finland, "information", "Which crossings?")
    assert point.kind == "information"
    with pytest.raises(ActionError, match="cannot ask itself"):
        actions.raise_point(in_session, actor_for(in_session, "Canada"), "information")
    with pytest.raises(ActionError, match="already yielded"):
        actions.yield_speech(in_session, alice_actor, "chair")


def test_points_are_ranked_by_precedence(in_session, alice_actor):
    actions.raise_point(in_session, actor_for(in_session, "Brazil"), "right_of_reply", "Remark on our police")
    actions.raise_point(in_session, actor_for(in_session, "India"), "parliamentary_inquiry")
    actions.raise_point(in_session, actor_for(in_session, "Mexico"), "personal_privilege", "Cannot hear")
    actions.raise_point(in_session, actor_for(in_session, "Estonia"), "order")
    kinds = [p.kind for p in debate(in_session).points]
    assert kinds == ["personal_privilege", "order", "parliamentary_inquiry", "right_of_reply"]


def test_a_speaker_is_interrupted_only_for_personal_privilege(in_session, alice_actor, canada_speaking):
    actions.control_timer(in_session, alice_actor, "speech", "start")
    finland = actor_for(in_session, "Finland")
    with pytest.raises(ActionError, match="may not interrupt"):
        actions.raise_point(in_session, finland, "order")
    with pytest.raises(ActionError, match="may not interrupt"):
        actions.raise_point(in_session, finland, "parliamentary_inquiry")
    actions.raise_point(in_session, finland, "personal_privilege", "Cannot hear the speaker")


def test_a_right_of_reply_is_asked_in_writing(in_session):
    with pytest.raises(ActionError, match="asked in writing"):
        actions.raise_point(in_session, actor_for(in_session, "Brazil"), "right_of_reply", "  ")


def test_alice_answers_a_point_and_it_leaves_the_floor(in_session, alice_actor):
    point = actions.raise_point(in_session, actor_for(in_session, "India"), "parliamentary_inquiry", "How long?")
    actions.resolve_point(in_session, alice_actor, point.pk, "answered")
    assert debate(in_session).points == []
    assert Point.objects.get().status == "answered"
    with pytest.raises(ActionError, match="already left the floor"):
        actions.resolve_point(in_session, alice_actor, point.pk, "ruled")


def test_the_chair_enters_a_point_for_a_delegation_without_a_phone(in_session, alice_actor):
    mexico = in_session.delegations.get(name="Mexico")
    point = actions.raise_point(in_session, alice_actor, "order", "", delegation_id=mexico.pk)
    assert point.delegation == mexico


@pytest.mark.parametrize("kind", ["", "point_of_view", None])
def test_an_unknown_point_is_refused(in_session, kind):
    with pytest.raises(ActionError, match="Raise a point"):
        actions.raise_point(in_session, actor_for(in_session, "India"), kind)


def test_pausing_a_caucus_renders_the_timers_regions_once_each(
    in_session, alice_actor, django_capture_on_commit_callbacks
):

    actions.raise_motion(
        in_session, actor_for(in_session, "Canada"), "unmoderated_caucus", {"duration": 600, "topic": "Drafting"}
    )
    actions.open_vote(in_session, alice_actor, "placard")
    committee_actions.close_vote(in_session, alice_actor, 9, 0)
    METRICS.region_renders = 0
    with django_capture_on_commit_callbacks(execute=True):
        actions.control_timer(in_session, alice_actor, "caucus", "pause")
    # The header and the timer's region on each screen (chair, phones, projector); no phone's own region.
    assert METRICS.region_renders == 6
    assert not debate(in_session).caucus_timer.running


def test_a_speaker_whose_time_ran_out_yields_to_the_chair_not_to_questions(in_session, alice_actor, canada_speaking):
    timer = canada_speaking.timer
    timer.elapsed = 90
    timer.save()
    with pytest.raises(ActionError, match="No time is left for questions"):
        actions.yield_speech(in_session, alice_actor, "questions")
    with pytest.raises(ActionError, match="No time is left to yield"):
        actions.yield_speech(in_session, alice_actor, "delegation", in_session.delegations.get(name="Finland").pk)
    assert debate(in_session).speech.yield_kind == ""
    actions.yield_speech(in_session, alice_actor, "chair")
    assert debate(in_session).speech is None


def test_the_chair_may_yield_canadas_time_only_to_a_delegation_present_and_sees_it_in_her_language(
    in_session, alice_actor, canada_speaking
):
    """The yield select offers the delegations present but Canada, who speaks: the choices the action
    would accept, no more. In Spanish, each is named in Spanish."""
    import re
    from html import unescape

    from committee.live import render
    from committee.state import load_floor
    from tests.conftest import PRESENT_AT_START

    def offered(language: str) -> list[str]:
        chair = unescape(render.whole_screen(load_floor(in_session.pk), "chair", language=language))
        select = re.search(r'<select name="delegation" aria-label="[^"]*">(.*?)</select>', chair.split('id="now"')[1])
        return re.findall(r'<option value="\d+">([^<]*)</option>', select.group(1))

    present = [row.delegation.name for row in load_floor(in_session.pk).rows if row.present]
    assert offered("en") == [name for name in present if name != "Canada"]
    assert sorted(present) == sorted(PRESENT_AT_START) and "Japan" not in offered("en")
    assert "Estados Unidos de América" in offered("es") and "Canadá" not in offered("es")
