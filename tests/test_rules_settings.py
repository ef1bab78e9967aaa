"""alice (chair) picks the rules profile and changes thresholds and defaults between sittings."""

import pytest

from committee import actions
from committee.actions import ActionError
from committee.contract import run_command
from committee.models import Committee
from committee.rules import Threshold
from committee.state import load_floor
from debate import actions as debate_actions
from tests.conftest import actor_for


def set_rules(committee, actor, profile: str, fields: dict):
    """As the chair's Rules form posts them."""
    return run_command(committee, actor, "rules.set", {"profile": profile, **fields})


DEFAULTS = {
    "quorum_to_open": "1/3",
    "quorum_to_vote": ">1/2",
    "simple_majority": ">1/2",
    "two_thirds": "2/3",
    "default_speaking_time": "90",
    "timer_warnings": "30,10",
    "observers_vote_procedural": "1",
    "ngos_vote": "0",
}


def test_alice_sets_a_quarter_quorum_and_sixty_second_speeches(unodc, alice_actor):
    set_rules(unodc, alice_actor, "una-usa", {**DEFAULTS, "quorum_to_open": "1/4", "default_speaking_time": "60"})
    committee = Committee.objects.get(pk=unodc.pk)
    assert committee.rules_overrides == {"quorum_to_open": "1/4", "default_speaking_time": 60}
    assert committee.rules.quorum_to_open.needed(38) == 10
    assert load_floor(unodc.pk).counts.quorum_to_open_needed == 10


def test_unchanged_values_keep_no_override(unodc, alice_actor):
    set_rules(unodc, alice_actor, "unga", DEFAULTS)
    assert Committee.objects.get(pk=unodc.pk).rules_overrides == {}
    assert Committee.objects.get(pk=unodc.pk).rules.key == "unga"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"quorum_to_open": "lots"}, "not a share"),
        ({"two_thirds": "3/2"}, "at most 1"),
        ({"default_speaking_time": "-5"}, "from 5 to 3600"),
        ({"default_speaking_time": "ninety"}, "whole number"),
        ({"timer_warnings": "10,30"}, "larger first"),
    ],
)
def test_a_bad_rule_is_refused_saying_why_and_changes_nothing(unodc, alice_actor, change, message):
    with pytest.raises(ActionError, match=message):
        set_rules(unodc, alice_actor, "una-usa", {**DEFAULTS, **change})
    assert Committee.objects.get(pk=unodc.pk).rules_overrides == {}


def test_the_rules_do_not_change_during_a_sitting(in_session, alice_actor):
    with pytest.raises(ActionError, match="between sittings"):
        set_rules(in_session, alice_actor, "una-usa", {**DEFAULTS, "quorum_to_open": "1/4"})


def test_a_delegate_cannot_change_the_rules(unodc):
    with pytest.raises(ActionError, match="Only the Executive Board"):
        actions.set_rules(unodc, actor_for(unodc, "Canada"), "una-usa", {})


def test_the_new_default_speaking_time_is_the_next_speech(unodc, alice_actor):
    # (and a quorum of one member, so that Canada alone may open debate)
    set_rules(unodc, alice_actor, "una-usa", {**DEFAULTS, "default_speaking_time": "45", "quorum_to_open": "1/38"})
    actions.open_sitting(unodc, alice_actor)
    actions.mark_attendance(unodc, alice_actor, unodc.delegations.get(name="Canada").pk, "present")
    debate_actions.add_speaker(unodc, alice_actor, unodc.delegations.get(name="Canada").pk)
    assert debate_actions.next_speaker(unodc, alice_actor).timer.duration == 45


def test_a_stale_committee_saved_from_the_admin_keeps_the_version(unodc, alice_actor):
    stale = Committee.objects.get(pk=unodc.pk)
    actions.open_sitting(unodc, alice_actor)
    stale.name = "UN Office on Drugs and Crime"
    stale.save()
    fresh = Committee.objects.get(pk=unodc.pk)
    assert fresh.version == 1 and fresh.name == "UN Office on Drugs and Crime"
    actions.close_sitting(unodc, alice_actor)  # the next action still finds its version free


def test_a_double_press_of_next_calls_one_speaker(in_session, alice_actor):
    for name in ("Canada", "Finland"):
        debate_actions.add_speaker(in_session, alice_actor, in_session.delegations.get(name=name).pk)
    # N pressed twice on a screen that showed nobody on the floor: one speaker is called.
    first = run_command(in_session, alice_actor, "speakers.next", {"current": "none"})
    again = run_command(in_session, alice_actor, "speakers.next", {"current": "none"})
    assert first == again and first.delegation.name == "Canada"
    nxt = run_command(in_session, alice_actor, "speakers.next", {"current": str(first.pk)})
    assert nxt.delegation.name == "Finland"


def test_a_moderated_caucus_holds_total_over_speaking_time_speeches(in_session, alice_actor):
    debate_actions.raise_motion(
        in_session,
        actor_for(in_session, "Canada"),
        "moderated_caucus",
        {"topic": "Border data", "total": 120, "speaking_time": 60},
    )
    debate_actions.open_vote(in_session, alice_actor, "placard")
    actions.close_vote(in_session, alice_actor, 9, 0)
    for name in ("Canada", "Finland", "Estonia"):
        debate_actions.add_speaker(in_session, alice_actor, in_session.delegations.get(name=name).pk)
    debate_actions.next_speaker(in_session, alice_actor)
    debate_actions.next_speaker(in_session, alice_actor)
    assert debate_actions.next_speaker(in_session, alice_actor) is None  # Finland's, the last speech, ends
    with pytest.raises(ActionError, match="All 2 speeches of this caucus"):
        debate_actions.next_speaker(in_session, alice_actor)
    assert load_floor(in_session.pk).parts["debate"].caucus_speeches_allowed == 2


def test_thresholds_show_as_the_chair_writes_them():
    assert Threshold.parse(">1/2").to_text() == ">1/2"
