"""The speakers' lists: Canada asks from the phone, alice (chair) adds, removes, reorders, calls."""

import pytest

from committee.actions import ActionError
from committee.state import load_floor
from debate import actions
from debate.models import Floor, SpeakerEntry
from debate.state import load_debate
from tests.conftest import actor_for, debate


def names(entries):
    return [e.delegation.name for e in entries]


def ids(committee, *names_):
    return [committee.delegations.get(name=n).pk for n in names_]


def test_canada_asks_to_speak_and_alice_accepts(in_session, alice_actor):
    canada = actor_for(in_session, "Canada")
    actions.ask_to_speak(in_session, canada)
    actions.ask_to_speak(in_session, canada)  # a second tap changes nothing
    assert names(debate(in_session).requests) == ["Canada"]
    actions.add_speaker(in_session, alice_actor, canada.delegation.pk)
    floor = debate(in_session)
    assert names(floor.gsl) == ["Canada"] and floor.requests == []
    assert floor.position_of(canada.delegation.pk) == 1


def test_a_delegation_is_on_the_list_once_until_it_has_spoken(in_session, alice_actor):
    (canada,) = ids(in_session, "Canada")
    actions.add_speaker(in_session, alice_actor, canada)
    with pytest.raises(ActionError, match="already on the list"):
        actions.add_speaker(in_session, alice_actor, canada)
    actions.next_speaker(in_session, alice_actor)
    actions.add_speaker(in_session, alice_actor, canada)  # after speaking, again
    assert names(debate(in_session).gsl) == ["Canada"]


def test_an_absent_delegation_cannot_ask_or_be_added(in_session, alice_actor):
    with pytest.raises(ActionError, match="not marked present"):
        actions.ask_to_speak(in_session, actor_for(in_session, "Japan"))
    with pytest.raises(ActionError, match="Japan is not marked present"):
        actions.add_speaker(in_session, alice_actor, ids(in_session, "Japan")[0])


def test_requests_from_phones_can_be_stopped(in_session, alice_actor):
    actions.set_requests(in_session, alice_actor, False)
    with pytest.raises(ActionError, match="raise your placard"):
        actions.ask_to_speak(in_session, actor_for(in_session, "Canada"))


def test_a_closed_list_takes_nobody(in_session, alice_actor):
    floor, _ = Floor.objects.get_or_create(committee=in_session)
    floor.gsl_open = False
    floor.save()
    with pytest.raises(ActionError, match="closed"):
        actions.ask_to_speak(in_session, actor_for(in_session, "Canada"))
    with pytest.raises(ActionError, match="closed"):
        actions.add_speaker(in_session, alice_actor, ids(in_session, "Canada")[0])


def test_alice_reorders_and_removes_speakers(in_session, alice_actor):
    canada, finland, estonia = ids(in_session, "Canada", "Finland", "Estonia")
    for delegation in (canada, finland, estonia):
        actions.add_speaker(in_session, alice_actor, delegation)
    actions.move_speaker(in_session, alice_actor, estonia, "up")
    assert names(debate(in_session).gsl) == ["Canada", "Estonia", "Finland"]
    actions.move_speaker(in_session, alice_actor, canada, "up")  # already first: nothing happens
    actions.remove_speaker(in_session, alice_actor, finland)
    assert names(debate(in_session).gsl) == ["Canada", "Estonia"]
    with pytest.raises(ActionError, match="Move a speaker up or down"):
        actions.move_speaker(in_session, alice_actor, canada, "sideways")


def test_next_speaker_takes_the_first_and_starts_no_clock(in_session, alice_actor):
    canada, finland = ids(in_session, "Canada", "Finland")
    actions.add_speaker(in_session, alice_actor, canada)
    actions.add_speaker(in_session, alice_actor, finland)
    speech = actions.next_speaker(in_session, alice_actor)
    assert speech.delegation.name == "Canada"
    assert not speech.timer.running
    assert speech.timer.duration == 90  # the UNA-USA default speaking time
    assert names(debate(in_session).gsl) == ["Finland"]
    actions.next_speaker(in_session, alice_actor)
    assert debate(in_session).speech.delegation.name == "Finland"
    actions.next_speaker(in_session, alice_actor)  # the list is empty: Finland's speech ends
    assert debate(in_session).speech is None
    with pytest.raises(ActionError, match="Nobody is on the list"):
        actions.next_speaker(in_session, alice_actor)


def test_a_delegate_cannot_manage_the_list(in_session):
    canada = actor_for(in_session, "Canada")
    for call in (
        lambda: actions.add_speaker(in_session, canada, canada.delegation.pk),
        lambda: actions.next_speaker(in_session, canada),
        lambda: actions.remove_speaker(in_session, canada, canada.delegation.pk),
    ):
        with pytest.raises(ActionError, match="Only the Executive Board"):
            call()
    assert SpeakerEntry.objects.count() == 0


def test_no_list_before_a_sitting_opens(unodc, alice_actor):
    with pytest.raises(ActionError, match="No sitting is open"):
        actions.ask_to_speak(unodc, actor_for(unodc, "Canada"))


def test_the_loader_reads_the_floor_in_constant_queries(in_session, alice_actor, django_assert_max_num_queries):
    state = load_floor(in_session.pk)
    with django_assert_max_num_queries(8):
        load_debate(state)


def test_thimun_rules_have_no_speakers_list(in_session, alice_actor):
    Committee = type(in_session)
    Committee.objects.filter(pk=in_session.pk).update(rules_profile="thimun")
    in_session.refresh_from_db()
    with pytest.raises(ActionError, match="THIMUN"):
        actions.ask_to_speak(in_session, actor_for(in_session, "Canada"))
    with pytest.raises(ActionError, match="THIMUN"):
        actions.add_speaker(in_session, alice_actor, in_session.delegations.get(name="Canada").pk)
