"""Motions and procedural votes: Canada moves a moderated caucus from the phone, alice puts it to the
vote, the delegations vote on their phones (or the chair counts placards), and it takes effect."""

import pytest

from committee import actions as committee_actions
from committee.actions import ActionError
from committee.contract import run_command
from committee.live import render
from committee.models import Ballot
from committee.state import load_floor
from debate import actions
from debate.models import Motion
from tests.conftest import PRESENT_AT_START, actor_for, debate

MOD = {"topic": "Joint investigation teams", "total": 600, "speaking_time": 60}


def close_and_decide(committee, chair, *placards) -> Motion:
    """Close the open vote (on the committee's vote machinery) and read the motion it decided."""
    vote = committee_actions.close_vote(committee, chair, *placards)
    return Motion.objects.get(vote=vote)


def vote_all(committee, yes, no):
    """The first `yes` voters say yes, the next `no` say no (the NGO cannot vote)."""
    voters = [n for n in PRESENT_AT_START if n != "Global Initiative against Transnational Organized Crime"]
    for name in voters[:yes]:
        committee_actions.cast_ballot(committee, actor_for(committee, name), "yes")
    for name in voters[yes : yes + no]:
        committee_actions.cast_ballot(committee, actor_for(committee, name), "no")


def test_canada_moves_a_moderated_caucus_and_it_passes(in_session, alice_actor):
    actions.raise_motion(in_session, actor_for(in_session, "Canada"), "moderated_caucus", MOD)
    vote = actions.open_vote(in_session, alice_actor, "phones")
    assert (vote.base, vote.needed) == (14, 8)  # 13 members + the Holy See; the NGO does not vote
    vote_all(in_session, 9, 5)
    motion = close_and_decide(in_session, alice_actor)
    assert motion.status == "passed"
    floor = debate(in_session)
    assert floor.phase == "moderated"
    assert floor.floor.caucus_topic == "Joint investigation teams"
    assert floor.caucus_timer.running and floor.caucus_timer.duration == 600
    assert floor.floor.caucus_speaking_time == 60


def test_a_failed_motion_leaves_the_others_and_a_passed_one_makes_them_fall(in_session, alice_actor):
    actions.raise_motion(in_session, actor_for(in_session, "Canada"), "moderated_caucus", MOD)
    actions.raise_motion(
        in_session, actor_for(in_session, "Finland"), "unmoderated_caucus", {"duration": 300, "topic": "Drafting"}
    )
    actions.raise_motion(in_session, actor_for(in_session, "Brazil"), "set_speaking_time", {"speaking_time": 60})
    # Unmoderated (6) comes before moderated (7), before the speaking time (10).
    assert [m.motion.kind for m in debate(in_session).motions] == [
        "unmoderated_caucus",
        "moderated_caucus",
        "set_speaking_time",
    ]
    actions.open_vote(in_session, alice_actor, "phones")
    vote_all(in_session, 2, 7)
    assert close_and_decide(in_session, alice_actor).status == "failed"
    assert debate(in_session).phase == "formal"
    vote = actions.open_vote(in_session, alice_actor, "phones")
    assert Motion.objects.get(vote=vote).kind == "moderated_caucus"
    vote_all(in_session, 9, 0)
    close_and_decide(in_session, alice_actor)
    assert Motion.objects.get(kind="set_speaking_time").status == "fallen"
    assert debate(in_session).motions == []


def test_a_second_ballot_and_a_ballot_after_the_vote_are_refused(in_session, alice_actor):
    canada = actor_for(in_session, "Canada")
    actions.raise_motion(in_session, canada, "moderated_caucus", MOD)
    actions.open_vote(in_session, alice_actor, "phones")
    committee_actions.cast_ballot(in_session, canada, "yes")
    with pytest.raises(ActionError, match="Canada has already voted"):
        committee_actions.cast_ballot(in_session, canada, "no")
    close_and_decide(in_session, alice_actor)
    with pytest.raises(ActionError, match="No vote is open"):
        committee_actions.cast_ballot(in_session, actor_for(in_session, "Finland"), "yes")
    assert Ballot.objects.count() == 1


def test_procedural_votes_take_no_abstention_and_no_ngo_or_absentee(in_session, alice_actor):
    actions.raise_motion(in_session, actor_for(in_session, "Canada"), "moderated_caucus", MOD)
    actions.open_vote(in_session, alice_actor, "phones")
    with pytest.raises(ActionError, match="no abstentions"):
        committee_actions.cast_ballot(in_session, actor_for(in_session, "Finland"), "abstain")
    with pytest.raises(ActionError, match="may not vote"):
        committee_actions.cast_ballot(
            in_session, actor_for(in_session, "Global Initiative against Transnational Organized Crime"), "yes"
        )
    with pytest.raises(ActionError, match="may not vote"):
        committee_actions.cast_ballot(in_session, actor_for(in_session, "Japan"), "yes")
    committee_actions.cast_ballot(in_session, actor_for(in_session, "Holy See"), "yes")  # observers vote on procedure


def test_the_chair_counts_placards_and_refuses_impossible_counts(in_session, alice_actor):
    actions.raise_motion(in_session, actor_for(in_session, "Canada"), "moderated_caucus", MOD)
    actions.open_vote(in_session, alice_actor, "placard")
    for yes, no, message in [(-1, 3, "cannot be negative"), (8, 7, "only 14 delegations"), ("x", 1, "whole number")]:
        with pytest.raises(ActionError, match=message):
            run_command(in_session, alice_actor, "vote.close", {"yes": yes, "no": no})
    with pytest.raises(ActionError, match="by placards"):
        committee_actions.cast_ballot(in_session, actor_for(in_session, "Finland"), "yes")
    assert close_and_decide(in_session, alice_actor, 7, 6).status == "failed"  # 8 needed


def test_two_thirds_motions_need_two_thirds_of_those_present(in_session, alice_actor):
    actions.raise_motion(in_session, actor_for(in_session, "Canada"), "adjourn_debate", {})
    vote = actions.open_vote(in_session, alice_actor, "placard")
    assert vote.needed == 10  # two thirds of 14
    assert close_and_decide(in_session, alice_actor, 9, 4).status == "failed"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"topic": "", "total": 600, "speaking_time": 60}, "needs a topic"),
        ({"topic": "JITs", "total": -600, "speaking_time": 60}, "must be positive"),
        ({"topic": "JITs", "total": 60, "speaking_time": 90}, "at least one speaking time"),
        ({"topic": "JITs", "total": 999999, "speaking_time": 60}, "must be from 1 minute to 180 minutes"),
    ],
)
def test_a_motion_with_bad_fields_is_refused_and_nothing_changes(in_session, values, message):
    with pytest.raises(ActionError, match=message):
        actions.raise_motion(in_session, actor_for(in_session, "Canada"), "moderated_caucus", values)
    assert Motion.objects.count() == 0


def test_motions_out_of_order_are_refused_saying_why(in_session, alice_actor):
    canada = actor_for(in_session, "Canada")
    with pytest.raises(ActionError, match="not in these rules"):
        actions.raise_motion(in_session, canada, "declare_war", {})
    with pytest.raises(ActionError, match="just ended"):
        actions.raise_motion(in_session, canada, "extend_caucus", {"duration": 300})
    with pytest.raises(ActionError, match="No draft resolution"):
        actions.raise_motion(in_session, canada, "close_debate", {})
    with pytest.raises(ActionError, match="already open"):
        actions.raise_motion(in_session, canada, "open_speakers_list", {})
    actions.add_speaker(in_session, alice_actor, canada.delegation.pk)
    actions.next_speaker(in_session, alice_actor)
    actions.control_timer(in_session, alice_actor, "speech", "start")
    with pytest.raises(ActionError, match="may not interrupt a speaker"):
        actions.raise_motion(in_session, actor_for(in_session, "Finland"), "moderated_caucus", MOD)


def test_in_an_unmoderated_caucus_no_motion_is_in_order_and_afterwards_it_can_be_extended(in_session, alice_actor):
    actions.raise_motion(
        in_session, actor_for(in_session, "Canada"), "unmoderated_caucus", {"duration": 300, "topic": "Drafting"}
    )
    actions.open_vote(in_session, alice_actor, "placard")
    close_and_decide(in_session, alice_actor, 9, 0)
    with pytest.raises(ActionError, match="not in order: the committee is in an unmoderated caucus"):
        actions.raise_motion(in_session, actor_for(in_session, "Finland"), "moderated_caucus", MOD)
    actions.end_caucus(in_session, alice_actor)
    actions.raise_motion(in_session, actor_for(in_session, "Finland"), "extend_caucus", {"duration": 120})
    actions.open_vote(in_session, alice_actor, "placard")
    close_and_decide(in_session, alice_actor, 9, 0)
    floor = debate(in_session)
    assert floor.phase == "unmoderated" and floor.caucus_timer.duration == 120


def test_alice_rules_a_motion_out_of_order_with_a_reason(in_session, alice_actor):
    motion = actions.raise_motion(in_session, actor_for(in_session, "Canada"), "moderated_caucus", MOD)
    with pytest.raises(ActionError, match="Say why"):
        actions.rule_out_of_order(in_session, alice_actor, motion.pk, " ")
    actions.rule_out_of_order(in_session, alice_actor, motion.pk, "Dilatory")
    assert debate(in_session).last_decided.reason == "Dilatory"
    with pytest.raises(ActionError, match="No motion is on the floor"):
        actions.open_vote(in_session, alice_actor, "phones")


def test_a_passed_suspension_and_the_way_back(in_session, alice_actor):
    actions.raise_motion(in_session, actor_for(in_session, "Canada"), "suspend_meeting", {"duration": "15:00"})
    actions.open_vote(in_session, alice_actor, "placard")
    close_and_decide(in_session, alice_actor, 9, 0)
    floor = debate(in_session)
    assert floor.phase == "suspended" and floor.floor.suspension_timer.duration == 900
    with pytest.raises(
        ActionError, match="ask to speak only in formal debate or in a moderated caucus; the committee is suspended"
    ):
        actions.ask_to_speak(in_session, actor_for(in_session, "Finland"))
    actions.resume(in_session, alice_actor)
    assert debate(in_session).phase == "formal"


def test_the_same_motion_sent_twice_is_one_motion(in_session):
    canada = actor_for(in_session, "Canada")
    first = actions.raise_motion(in_session, canada, "moderated_caucus", MOD)
    assert actions.raise_motion(in_session, canada, "moderated_caucus", MOD) == first
    with pytest.raises(ActionError, match="already has a motion"):
        actions.raise_motion(in_session, canada, "moderated_caucus", {**MOD, "topic": "Other"})


def test_a_motion_waits_while_a_vote_is_open_and_the_doors_close_in_voting(in_session, alice_actor):
    actions.raise_motion(in_session, actor_for(in_session, "Canada"), "moderated_caucus", MOD)
    actions.open_vote(in_session, alice_actor, "phones")
    with pytest.raises(ActionError, match="A vote is under way"):
        actions.raise_motion(in_session, actor_for(in_session, "Finland"), "adjourn_meeting", {})
    with pytest.raises(ActionError, match="already open"):
        actions.open_vote(in_session, alice_actor, "phones")


def test_observers_may_not_vote_where_the_profile_says_so(in_session, alice_actor):
    in_session.rules_overrides = {"observers_vote_procedural": False}
    in_session.save()
    actions.raise_motion(in_session, actor_for(in_session, "Canada"), "moderated_caucus", MOD)
    vote = actions.open_vote(in_session, alice_actor, "phones")
    assert vote.base == 13
    with pytest.raises(ActionError, match="may not vote"):
        committee_actions.cast_ballot(in_session, actor_for(in_session, "Holy See"), "yes")


def test_the_chair_votes_for_a_delegation_without_a_phone(in_session, alice_actor):
    actions.raise_motion(in_session, actor_for(in_session, "Canada"), "moderated_caucus", MOD)
    actions.open_vote(in_session, alice_actor, "phones")
    mexico = in_session.delegations.get(name="Mexico")
    ballot = committee_actions.cast_ballot(in_session, alice_actor, "no", delegation_id=mexico.pk)
    assert ballot.delegation == mexico


def test_a_late_arrival_after_the_vote_opened_does_not_change_its_base(in_session, alice_actor):
    actions.raise_motion(in_session, actor_for(in_session, "Canada"), "moderated_caucus", MOD)
    vote = actions.open_vote(in_session, alice_actor, "phones")
    committee_actions.mark_attendance(in_session, alice_actor, in_session.delegations.get(name="Japan").pk, "present")
    vote.refresh_from_db()
    assert vote.base == 14


def test_the_projector_shows_the_outcome_with_its_counts(in_session, alice_actor):
    from html import unescape

    actions.raise_motion(in_session, actor_for(in_session, "Canada"), "moderated_caucus", MOD)
    actions.open_vote(in_session, alice_actor, "phones")
    vote_all(in_session, 2, 7)
    close_and_decide(in_session, alice_actor)
    screen = unescape(render.whole_screen(load_floor(in_session.pk), "projector"))
    assert "Failed · 2 for, 7 against · 8 needed" in screen
    assert 'class="bar-yes" data-width="14"' in screen  # 2 of the 14 who may vote (live.js draws it)
    # The result stays until the next speaker has the floor (issue 23, 12), not under every speech.
    actions.add_speaker(in_session, alice_actor, in_session.delegations.get(name="Brazil").pk)
    actions.next_speaker(in_session, alice_actor)
    assert "Last motion" not in render.whole_screen(load_floor(in_session.pk), "projector")


def test_between_speakers_of_a_moderated_caucus_the_projector_shows_its_clock(in_session, alice_actor):
    actions.raise_motion(in_session, actor_for(in_session, "Canada"), "moderated_caucus", MOD)
    actions.open_vote(in_session, alice_actor, "phones")
    vote_all(in_session, 9, 0)
    close_and_decide(in_session, alice_actor)
    stage = render.whole_screen(load_floor(in_session.pk), "projector").split('id="stage"')[1].split("</section>")[0]
    assert 'data-testid="projector-caucus-timer"' in stage and "10:00" in stage


def test_canada_withdraws_its_own_motion_from_the_phone_and_finland_cannot(in_session, alice_actor):
    from html import unescape

    motion = actions.raise_motion(in_session, actor_for(in_session, "Canada"), "moderated_caucus", MOD)
    canada = in_session.delegations.get(name="Canada")
    phone = unescape(render.whole_screen(load_floor(in_session.pk), "delegate", canada.pk))
    assert "Withdraw my motion" in phone
    with pytest.raises(ActionError, match="Only the delegation that moved it"):
        actions.withdraw_motion(in_session, actor_for(in_session, "Finland"), motion.pk)
    actions.withdraw_motion(in_session, actor_for(in_session, "Canada"), motion.pk)
    assert debate(in_session).motions == []
    with pytest.raises(ActionError, match="no longer on the floor"):
        actions.withdraw_motion(in_session, actor_for(in_session, "Canada"), motion.pk)


def test_the_projector_shows_the_motions_on_the_floor_in_voting_order(in_session, alice_actor):
    from html import unescape

    actions.raise_motion(in_session, actor_for(in_session, "Brazil"), "set_speaking_time", {"speaking_time": 60})
    actions.raise_motion(in_session, actor_for(in_session, "Canada"), "moderated_caucus", MOD)
    stage = unescape(render.whole_screen(load_floor(in_session.pk), "projector")).split('id="stage"')[1]
    motions = stage.split('data-testid="projector-motions"')[1].split("</ol>")[0]
    assert motions.index("Canada") < motions.index("Brazil")  # the caucus is voted first
    assert "moderated caucus “Joint investigation teams”" in motions


def test_while_the_projector_shows_the_result_the_caucus_clock_it_started_is_there(in_session, alice_actor):
    """Issue 23, 12: the caucus starts running as it passes; the room sees its clock under the result."""
    actions.raise_motion(
        in_session, actor_for(in_session, "Canada"), "unmoderated_caucus", {"duration": 300, "topic": "Drafting"}
    )
    actions.open_vote(in_session, alice_actor, "phones")
    vote_all(in_session, 9, 0)
    close_and_decide(in_session, alice_actor)
    screen = render.whole_screen(load_floor(in_session.pk), "projector")
    result = screen.split('id="vote-stage"')[1].split("</section>")[0]
    assert 'data-testid="projector-result"' in result and 'data-testid="projector-result-clock"' in result
    assert "Unmoderated caucus: Drafting" in result and "running" in result.split("projector-result-clock")[1]
    # With no decision that starts a clock (a failed motion), nothing is added under the result.
    actions.end_caucus(in_session, alice_actor)
    actions.raise_motion(in_session, actor_for(in_session, "Brazil"), "set_speaking_time", {"speaking_time": 60})
    actions.open_vote(in_session, alice_actor, "phones")
    vote_all(in_session, 0, 9)
    close_and_decide(in_session, alice_actor)
    screen = render.whole_screen(load_floor(in_session.pk), "projector")
    assert "projector-result-clock" not in screen.split('id="vote-stage"')[1].split("</section>")[0]


def test_a_caucus_beginning_sends_each_phone_its_floor_card_rendered_once_for_each_kind(
    in_session, alice_actor, renders_of, django_capture_on_commit_callbacks
):
    """The caucus Canada moved carries: every phone's own floor card changes with the phase. Fifteen
    delegations are present, Brazil with a point raised, and 28 absent: three kinds of card, three
    renderings for 43 phones, each phone sent its own delegation's card."""
    from committee.live import broadcast

    actions.raise_motion(in_session, actor_for(in_session, "Canada"), "moderated_caucus", MOD)
    actions.raise_point(in_session, actor_for(in_session, "Brazil"), "personal_privilege")
    actions.open_vote(in_session, alice_actor, "phones")
    vote_all(in_session, 9, 5)
    cards = renders_of("debate/delegate.html#mine")
    with broadcast.collect() as pushed, django_capture_on_commit_callbacks(execute=True):
        assert close_and_decide(in_session, alice_actor).status == "passed"
    assert len(cards) == 3

    def card(name: str) -> str:
        pk = in_session.delegations.get(name=name).pk
        html = "".join(html for group, html in pushed.html.items() if f".delegation.{pk}." in group)
        return html[html.index('<section id="mine"') :].split("</section>")[0]

    canada, finland, brazil, afghanistan = card("Canada"), card("Finland"), card("Brazil"), card("Afghanistan")
    assert "Ask to speak in the caucus" in canada and canada == finland
    assert "Point of personal privilege: raised, waiting for the chair." in brazil
    assert "Ask to speak" not in afghanistan and "my-point" not in afghanistan
