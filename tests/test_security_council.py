"""The Security Council (issue 24): fifteen members, five permanent; every decision by nine votes; on
substance a permanent member's "no" defeats a draft that has its nine (the veto), its abstention does
not; a party to the dispute abstains; nine members present for any decision; drafts in the Council's
own series, "S/DR 1"; results as the Council words them.

Pia presides over the demo Council (`make run` makes it beside UNODC); the members vote from their
phones, and she enters a raised hand for a member without one.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from committee import actions as committee_actions
from committee.access import board_actor
from committee.demo.load import ELECTED_MEMBERS, PERMANENT_MEMBERS, load_security_council
from committee.errors import ActionError
from committee.models import Delegation, ExecutiveRole, Vote
from debate import actions as debate_actions
from record.minutes import read_minutes
from resolutions.actions import amendments, drafts, voting
from resolutions.models import Amendment, Paper
from tests.conftest import actor_for
from tests.papers import carry_motion, grant, journal, open_vote, write_paper

EVERYONE = PERMANENT_MEMBERS + ELECTED_MEMBERS


@pytest.fixture
def council(db):
    return load_security_council()


@pytest.fixture
def pia(council):
    user = get_user_model().objects.create_user("pia", first_name="Pia")
    ExecutiveRole.objects.create(committee=council, user=user, role=ExecutiveRole.Role.CHAIR)
    return board_actor(user, council)


def sit(council, pia, present=EVERYONE) -> None:
    committee_actions.open_sitting(council, pia)
    for name in present:
        committee_actions.mark_attendance(council, pia, council.delegations.get(name=name).pk, "present")
    committee_actions.close_roll_call(council, pia)


def draft_on_the_floor(council, pia) -> Paper:
    """Panama's draft, put before the Council by its president; debate is closed: voting procedure."""
    paper = write_paper(council, "Panama")
    drafts.introduce_paper(council, pia, paper.pk)
    carry_motion(council, pia, "Denmark", "close_debate")
    paper.refresh_from_db()
    return paper


def vote_by_name(council, answers: dict[str, str], default: str = "yes") -> Vote:
    vote = open_vote(council)
    for delegation in council.delegations.filter(pk__in=vote.electorate):
        committee_actions.cast_ballot(
            council, actor_for(council, delegation.name), answers.get(delegation.name, default)
        )
    return vote


def test_make_run_seats_the_council_beside_unodc(council):
    assert council.rules.name == "Security Council"
    assert council.delegations.count() == 15
    assert sorted(council.delegations.filter(permanent=True).values_list("name", flat=True)) == PERMANENT_MEMBERS
    assert council.board.get().role == "chair"
    assert load_security_council().pk == council.pk  # made once, never over the secretariat's edits


def test_a_permanent_members_no_defeats_a_draft_with_eleven_in_favour(council, pia):
    sit(council, pia)
    paper = draft_on_the_floor(council, pia)
    assert paper.symbol == "S/DR 1"
    voting.vote_next(council, pia, Vote.Method.PHONES)
    vote_by_name(
        council,
        {"Russian Federation": "no", "China": "abstain", "Pakistan": "abstain", "Somalia": "abstain"},
    )
    vote = committee_actions.close_vote(council, pia)
    paper.refresh_from_db()
    assert (vote.yes, vote.no, vote.abstain) == (11, 1, 3)
    assert vote.passed is False and paper.status == Paper.Status.REJECTED
    assert vote.vetoed_by == ["Russian Federation"]
    record = (
        "not adopted, owing to the negative vote of a permanent member of the Council (Russian Federation): "
        "11 in favour, 1 against, 3 abstaining"
    )
    assert vote.record_text() == record
    assert [line for line in journal(council) if "as a whole: not adopted" in line] == [
        f"The vote on {vote.title}: {record}."
    ]
    minutes = read_minutes(council)
    assert minutes.papers[0].outcome == record


def test_an_abstention_of_a_permanent_member_is_no_veto(council, pia):
    sit(council, pia)
    paper = draft_on_the_floor(council, pia)
    voting.vote_next(council, pia, Vote.Method.PHONES)
    vote_by_name(council, {"Russian Federation": "abstain", "China": "abstain"})
    vote = committee_actions.close_vote(council, pia)
    paper.refresh_from_db()
    assert paper.status == Paper.Status.ADOPTED
    assert vote.record_text() == "adopted by 13 votes to none, with 2 abstentions (China, Russian Federation)"


def test_seven_in_favour_is_not_enough_and_a_permanent_members_no_then_is_no_veto(council, pia):
    sit(council, pia)
    draft_on_the_floor(council, pia)
    voting.vote_next(council, pia, Vote.Method.ROLL_CALL)
    answers = dict.fromkeys(EVERYONE[8:], "abstain") | {"France": "no"}
    vote = open_vote(council)
    while (turn := vote.turn({b.delegation_id: b for b in vote.ballots.all()})) is not None:
        name = council.delegations.get(pk=turn).name
        committee_actions.cast_ballot(council, actor_for(council, name), answers.get(name, "yes"))
    vote = committee_actions.close_vote(council, pia)
    assert (vote.yes, vote.no, vote.passed, vote.vetoed_by) == (7, 1, False, [])
    assert vote.record_text() == (
        "not adopted, having failed to obtain the required 9 votes: 7 in favour, 1 against, 7 abstaining"
    )


def test_procedural_decisions_need_nine_votes_of_any_members_and_know_no_veto(council, pia):
    sit(council, pia)
    suspended = carry_motion(council, pia, "Greece", "suspend_meeting", {"duration": 600}, passes=False)
    assert suspended.status == "failed"
    debate_actions.raise_motion(council, actor_for(council, "Greece"), "suspend_meeting", {"duration": 600})
    vote = debate_actions.open_vote(council, pia, Vote.Method.PLACARD)
    assert (vote.base, vote.needed, vote.council) == (15, 9, False)
    committee_actions.close_vote(council, pia, yes=9, no=6)  # the five permanent members among the six
    vote.refresh_from_db()
    assert vote.passed and vote.record_text() == "passed, 9 to 6 (9 needed)"


def test_eight_for_a_procedural_motion_fail_it(council, pia):
    sit(council, pia)
    debate_actions.raise_motion(council, actor_for(council, "Greece"), "suspend_meeting", {"duration": 600})
    vote = debate_actions.open_vote(council, pia, Vote.Method.PLACARD)
    committee_actions.close_vote(council, pia, yes=8, no=0)
    vote.refresh_from_db()
    assert vote.passed is False


def test_placards_cannot_say_whose_no_it_was(council, pia):
    sit(council, pia)
    draft_on_the_floor(council, pia)
    with pytest.raises(
        ActionError, match="In the Security Council a permanent member's no is a veto: take this vote by name"
    ):
        voting.vote_next(council, pia, Vote.Method.PLACARD)
    assert not council.votes.filter(closed_at__isnull=True).exists()


def test_a_party_to_the_dispute_abstains(council, pia):
    pakistan = council.delegations.get(name="Pakistan")
    committee_actions.mark_party_to_dispute(council, pia, pakistan.pk, True)
    assert "Chair (Pia) marked Pakistan a party to the dispute: it abstains on substance." in journal(council)[-1]
    sit(council, pia)
    draft_on_the_floor(council, pia)
    voting.vote_next(council, pia, Vote.Method.PHONES)
    vote = open_vote(council)
    assert vote.must_abstain == [pakistan.pk]
    assert vote.choices_for(pakistan.pk, {}) == ["abstain"]
    with pytest.raises(
        ActionError, match=r"Pakistan is a party to the dispute: it abstains \(Charter, Article 27\(3\)\)\."
    ):
        committee_actions.cast_ballot(council, actor_for(council, "Pakistan"), "yes")
    committee_actions.cast_ballot(council, actor_for(council, "Pakistan"), "abstain")


def test_a_permanent_member_party_to_the_dispute_cannot_veto(council, pia):
    china = council.delegations.get(name="China")
    committee_actions.mark_party_to_dispute(council, pia, china.pk, True)
    sit(council, pia)
    draft_on_the_floor(council, pia)
    voting.vote_next(council, pia, Vote.Method.PHONES)
    with pytest.raises(ActionError, match="China is a party to the dispute"):
        committee_actions.cast_ballot(council, actor_for(council, "China"), "no")
    vote_by_name(council, {"China": "abstain"})
    vote = committee_actions.close_vote(council, pia)
    assert vote.passed and vote.record_text() == "adopted by 14 votes to none, with 1 abstention (China)"


def test_only_the_councils_rules_have_parties_to_a_dispute(unodc, alice_actor, canada):
    with pytest.raises(ActionError, match="Only the Security Council's rules have parties to a dispute abstain."):
        committee_actions.mark_party_to_dispute(unodc, alice_actor, canada.pk, True)
    canada.refresh_from_db()
    assert canada.party_to_dispute is False


def test_nine_members_present_for_any_decision(council, pia):
    sit(council, pia, present=EVERYONE[:8])
    paper = write_paper(council, "China")
    drafts.introduce_paper(council, pia, paper.pk)
    with pytest.raises(ActionError, match="No quorum to open debate: 8 of 15 members are present, 9 needed."):
        carry_motion(council, pia, "Colombia", "close_debate")
    assert not council.votes.exists()


def test_an_amendment_is_substance_too_and_can_be_vetoed(council, pia):
    sit(council, pia)
    paper = write_paper(council, "Panama")
    drafts.introduce_paper(council, pia, paper.pk)
    clause = paper.clauses.get(phrase="Calls upon")
    amendment = amendments.propose_amendment(council, actor_for(council, "Latvia"), paper.pk, "strike", clause.pk)
    grant(council, pia, "Latvia", "introduce_amendment", {"amendment": amendment.pk})
    carry_motion(council, pia, "Denmark", "close_debate")
    voting.vote_next(council, pia, Vote.Method.PHONES)
    vote = vote_by_name(council, {"United States of America": "no", "France": "no"})
    vote = committee_actions.close_vote(council, pia)
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.REJECTED
    assert vote.vetoed_by == ["France", "United States of America"]
    assert vote.record_text().startswith(
        "not adopted, owing to the negative votes of permanent members of the Council "
        "(France, United States of America)"
    )


def test_the_president_sees_what_a_council_vote_needs(council, pia, client):
    sit(council, pia)
    draft_on_the_floor(council, pia)
    voting.vote_next(council, pia, Vote.Method.PHONES)
    assert open_vote(council).requirement == "9 affirmative votes, no permanent member against"
    client.force_login(get_user_model().objects.get(username="pia"))
    page = client.get(f"/c/{council.slug}/chair/").content.decode()
    assert "9 affirmative votes, no permanent member against · 15 may vote" in page
    assert "P5" in page


def test_a_permanent_members_phone_knows_its_no_is_a_veto(council, pia, client):
    sit(council, pia)
    draft_on_the_floor(council, pia)
    voting.vote_next(council, pia, Vote.Method.PHONES)
    russia = council.delegations.get(name="Russian Federation")
    page = client.get(f"/join/{russia.join_token}/", follow=True).content.decode()
    assert "You are a permanent member: your NO defeats it, whatever the others vote." in page
    denmark = council.delegations.get(name="Denmark")
    page = client.get(f"/join/{denmark.join_token}/", follow=True).content.decode()
    assert "permanent member" not in page


def test_nobody_else_may_mark_a_party(council, pia):
    with pytest.raises(ActionError):
        committee_actions.mark_party_to_dispute(
            council, actor_for(council, "China"), council.delegations.get(name="Pakistan").pk, True
        )
    with pytest.raises(ActionError, match="no vote to abstain with"):
        observer = Delegation.objects.create(committee=council, name="African Union", kind="observer")
        committee_actions.mark_party_to_dispute(council, pia, observer.pk, True)
