"""The one vote machinery, as a draft's vote will use it: substantive questions, placards, roll calls.

alice (chair) opens a substantive vote on a question of a stand-in part ("tests.draft", the way the
resolutions app will); 24 member states are present, Canada present and voting; the Holy See
(observer) and the NGO are present too. The procedural side is exercised by test_motions.py.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from committee import actions
from committee.actions import ActionError
from committee.live import render
from committee.models import Ballot, Delegation, JournalEntry, Vote
from committee.rules import SUBSTANTIVE
from tests.conftest import MEMBERS_PRESENT, actor_for


def open_draft_vote(committee, chair, method="phones", threshold="simple") -> Vote:
    with actions.floor_step(committee, chair, board=True) as step:
        vote = actions.begin_vote(
            step,
            subject="tests.draft",
            subject_id=1,
            title="DR 1/1 on cross-border crime",
            question=SUBSTANTIVE,
            threshold=threshold,
            method=method,
        )
        step.record("vote.opened", changes={"committee.vote"}, data=actions.vote_opened_data(vote))
    return vote


def answer(committee, name: str, choice: str):
    return actions.cast_ballot(committee, actor_for(committee, name), choice)


def test_a_substantive_vote_counts_those_present_and_voting(unodc, alice_actor, full_house, decided):
    vote = open_draft_vote(unodc, alice_actor)
    assert vote.base == MEMBERS_PRESENT  # members only: the observer and the NGO do not vote on substance
    names = [d.name for d in full_house if d.name != "Canada"]
    for name in names[:10]:
        answer(unodc, name, "yes")
    for name in names[10:18]:
        answer(unodc, name, "no")
    for name in names[18:23]:
        answer(unodc, name, "abstain")
    vote = actions.close_vote(unodc, alice_actor)
    assert (vote.yes, vote.no, vote.abstain, vote.needed, vote.passed) == (10, 8, 5, 10, True)
    assert vote.record_text() == "adopted by a vote of 10 in favour to 8 against, with 5 abstentions"
    assert decided == [vote]
    closed = JournalEntry.objects.get(kind="vote.closed")
    assert closed.data["record"] == vote.record_text() and closed.data["decision"]["draft"] == "DR 1/1"


def absent_member(committee) -> Delegation:
    return committee.delegations.filter(kind="member").order_by("name")[MEMBERS_PRESENT]


def test_observers_ngos_and_absentees_do_not_vote_on_substance(unodc, alice_actor, full_house, decided):
    open_draft_vote(unodc, alice_actor)
    for name in ("Holy See", "Global Initiative against Transnational Organized Crime", absent_member(unodc).name):
        with pytest.raises(ActionError, match="may not vote on this"):
            answer(unodc, name, "yes")


def test_present_and_voting_may_not_abstain(unodc, alice_actor, full_house, decided):
    open_draft_vote(unodc, alice_actor)
    with pytest.raises(ActionError, match="Canada answered the roll call present and voting: it may not abstain"):
        answer(unodc, "Canada", "abstain")
    answer(unodc, "Canada", "no")
    with pytest.raises(ActionError, match="Canada has already voted"):
        answer(unodc, "Canada", "yes")
    assert list(Ballot.objects.values_list("choice", flat=True)) == ["no"]


def test_no_substantive_vote_below_the_quorum_to_vote(unodc, alice_actor, decided):
    actions.open_sitting(unodc, alice_actor)
    for delegation in unodc.delegations.filter(kind="member").order_by("name")[:19]:
        actions.mark_attendance(unodc, alice_actor, delegation.pk, "present")
    with pytest.raises(ActionError, match="No quorum for a substantive vote: 19 of 38 members are present, 20 needed"):
        open_draft_vote(unodc, alice_actor)
    assert not Vote.objects.exists()


def test_who_may_vote_is_frozen_when_the_vote_opens(unodc, alice_actor, full_house, decided):
    vote = open_draft_vote(unodc, alice_actor)
    latecomer = absent_member(unodc)
    actions.mark_attendance(unodc, alice_actor, latecomer.pk, "present")
    actions.mark_attendance(unodc, alice_actor, full_house[0].pk, "absent")
    vote.refresh_from_db()
    assert vote.base == MEMBERS_PRESENT and latecomer.pk not in vote.electorate
    with pytest.raises(ActionError, match="not present when the vote opened"):
        answer(unodc, latecomer.name, "yes")


def test_one_ballot_per_delegation_is_kept_by_the_database(unodc, alice_actor, full_house, decided):
    vote = open_draft_vote(unodc, alice_actor)
    finland = unodc.delegations.get(name="Finland")
    Ballot.objects.create(vote=vote, delegation=finland, choice="yes")
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(vote=vote, delegation=finland, choice="no")


def test_one_vote_is_open_at_a_time(unodc, alice_actor, full_house, decided):
    open_draft_vote(unodc, alice_actor)
    with pytest.raises(ActionError, match="A vote is already open"):
        open_draft_vote(unodc, alice_actor)


def test_placards_on_substance_take_abstentions_within_the_base(unodc, alice_actor, full_house, decided):
    open_draft_vote(unodc, alice_actor, method="placard", threshold="two_thirds")
    with pytest.raises(ActionError, match="25 votes, but only 24 delegations may vote"):
        actions.close_vote(unodc, alice_actor, 15, 5, 5)
    vote = actions.close_vote(unodc, alice_actor, 13, 7, 4)
    assert (vote.needed, vote.passed) == (14, False)  # two thirds of the 20 present and voting
    assert vote.record_text() == "rejected by a vote of 13 in favour to 7 against, with 4 abstentions"


def test_a_roll_call_under_unga_rules_takes_each_in_turn_from_a_drawn_delegation(
    unodc, alice_actor, full_house, decided, monkeypatch
):
    import committee.actions.votes as machinery

    unodc.rules_profile = "unga"
    unodc.save()
    monkeypatch.setattr(machinery.secrets, "randbelow", lambda n: 3)  # the lot falls on the fourth name
    vote = open_draft_vote(unodc, alice_actor, method="roll_call")
    alphabetical = sorted(d.name for d in full_house)
    names = dict(Delegation.objects.filter(pk__in=vote.roll_order).values_list("pk", "name"))
    order = [names[pk] for pk in vote.roll_order]
    assert order == alphabetical[3:] + alphabetical[:3]

    with pytest.raises(ActionError, match=f"It is not {order[1]}'s turn: the roll call is at {order[0]}"):
        answer(unodc, order[1], "yes")
    answer(unodc, order[0], "pass")
    answer(unodc, order[1], "yes_rights")
    for name in order[2:]:
        answer(unodc, name, "no")
    with pytest.raises(ActionError, match="roll call is not finished"):
        actions.close_vote(unodc, alice_actor)
    # Called again at the end, the one who passed answers yes or no, nothing else.
    with pytest.raises(ActionError, match=f"{order[0]} passed once: now it answers yes or no"):
        answer(unodc, order[0], "abstain")
    answer(unodc, order[0], "yes")
    with pytest.raises(ActionError, match="Every delegation has answered"):
        answer(unodc, order[1], "no")
    vote = actions.close_vote(unodc, alice_actor)
    assert (vote.yes, vote.no, vote.abstain, vote.passed) == (2, 22, 0, False)
    assert vote.record_text() == "rejected by a recorded vote of 2 in favour to 22 against"
    rights = Ballot.objects.get(vote=vote, delegation__name=order[1])
    assert (rights.choice, rights.with_rights) == ("yes", True)


def test_the_chair_enters_a_ballot_and_the_count_of_phones_says_so(in_session, alice_actor):
    from committee.state import load_floor
    from debate import actions as debate_actions

    debate_actions.raise_motion(in_session, actor_for(in_session, "Canada"), "adjourn_meeting", {})
    debate_actions.open_vote(in_session, alice_actor, "phones")
    actions.cast_ballot(in_session, actor_for(in_session, "Finland"), "yes")
    actions.cast_ballot(in_session, alice_actor, "no", delegation_id=in_session.delegations.get(name="Mexico").pk)
    open_vote = load_floor(in_session.pk).vote
    assert (open_vote.cast, open_vote.cast_on_phones) == (2, 1)


def test_every_screen_shows_a_roll_call_as_it_goes(unodc, alice_actor, full_house, decided, monkeypatch):
    from html import unescape

    import committee.actions.votes as machinery
    from committee.state import load_floor

    monkeypatch.setattr(machinery.secrets, "randbelow", lambda n: 0)
    vote = open_draft_vote(unodc, alice_actor, method="roll_call")
    first, second = Delegation.objects.filter(pk__in=vote.roll_order[:2]).order_by("name")
    answer(unodc, first.name, "yes")
    state = load_floor(unodc.pk)
    chair = unescape(render.whole_screen(state, "chair"))
    assert f'Calling <b data-testid="roll-turn">{second.name}</b>' in chair
    for label in ("Yes", "No", "Abstain", "Pass", "Yes, with rights", "No, with rights"):
        assert f">{label}</button>" in chair
    assert f"{first.name} — yes" in chair
    assert "Only 1 of 24 have voted. Close the vote and count anyway?" not in chair  # no closing mid-call
    projector = unescape(render.whole_screen(state, "projector"))
    assert f'data-testid="projector-roll-turn">{second.name}<' in projector and "1 yes · 0 no" in projector
    called = unescape(render.whole_screen(state, "delegate", second.pk))
    waiting = unescape(render.whole_screen(state, "delegate", vote.roll_order[2]))
    assert "The chair calls you: answer now." in called and 'value="pass"' in called
    assert "Roll call: you are called in order." in waiting
    assert f"Roll call: <b>{second.name}</b> is answering · 1 of 24 have answered" in waiting


def test_placard_abstentions_only_from_those_who_may_abstain(unodc, alice_actor, full_house, decided):
    """Issue 24: ten delegations present and voting; alice may not type more abstentions than the
    others can give, and nothing changes when she tries."""
    for delegation in full_house[:10]:
        actions.mark_attendance(unodc, alice_actor, delegation.pk, "present_voting")
    vote = open_draft_vote(unodc, alice_actor, method="placard")
    assert len(vote.no_abstention) == 10
    with pytest.raises(ActionError, match="15 abstentions, but only 14 of the 24 may abstain: 10 answered"):
        actions.close_vote(unodc, alice_actor, 3, 2, 15)
    vote.refresh_from_db()
    assert vote.is_open
    vote = actions.close_vote(unodc, alice_actor, 8, 2, 14)
    assert (vote.passed, vote.abstain) == (True, 14)


def test_a_roll_call_tells_a_present_and_voting_delegation_why_it_may_not_abstain(
    unodc, alice_actor, full_house, decided
):
    vote = open_draft_vote(unodc, alice_actor, method="roll_call")
    names = dict(Delegation.objects.filter(pk__in=vote.roll_order).values_list("pk", "name"))
    order = [names[pk] for pk in vote.roll_order]
    for name in order[: order.index("Canada")]:
        answer(unodc, name, "yes")
    with pytest.raises(ActionError) as refused:
        answer(unodc, "Canada", "abstain")  # called for the first time; Canada is present and voting
    assert str(refused.value) == "Canada answered the roll call present and voting: it may not abstain."
    assert "passed once" not in str(refused.value)


def test_a_vote_opened_sends_each_phone_its_card_rendered_once_for_each_kind_of_card(
    unodc, alice_actor, full_house, decided, renders_of, django_capture_on_commit_callbacks
):
    """26 phones are told the vote is open. Canada (present and voting) may not abstain, the other 23
    members may, the Holy See and the NGO do not vote on substance: three kinds of card, three
    renderings, each phone sent the card of its own delegation."""
    from committee.live import broadcast

    ballots = renders_of("committee/vote.html#ballot")
    with broadcast.collect() as pushed, django_capture_on_commit_callbacks(execute=True):
        open_draft_vote(unodc, alice_actor)
    assert len(ballots) == 3

    def phone(name: str) -> str:
        pk = unodc.delegations.get(name=name).pk
        return "".join(html for group, html in pushed.html.items() if f".delegation.{pk}." in group)

    canada, brazil, holy_see = phone("Canada"), phone("Brazil"), phone("Holy See")
    assert "Vote open:" in canada and ">YES</button>" in canada and ">ABSTAIN</button>" not in canada
    assert "Vote open:" in brazil and ">ABSTAIN</button>" in brazil
    assert 'id="ballot"' in holy_see and "Vote open:" not in holy_see
