"""Issue 24's points of procedure, each under the four rules profiles: UNA-USA, UNGA-faithful, THIMUN
and the Security Council (UNODC's house run under each; for the Council, UNODC's five permanent
members of the Council are marked permanent). Alice chairs; Canada's draft is before the committee
the way each profile puts it there (a motion granted under UNA-USA, the chair elsewhere; THIMUN's
amendments in open debate).
"""

from __future__ import annotations

import pytest

from committee import actions as committee_actions
from committee.demo.load import PERMANENT_MEMBERS
from committee.errors import ActionError
from committee.models import Vote
from debate import actions as debate_actions
from resolutions.actions import amendments, drafts, voting
from resolutions.models import Amendment, Paper
from tests.conftest import actor_for
from tests.papers import carry_motion, grant, journal, open_vote, sign, write_paper

PROFILES = ["una-usa", "unga", "thimun", "security-council"]


@pytest.fixture(params=PROFILES)
def house(request, voting_house):
    """The voting house under one profile."""
    voting_house.rules_profile = request.param
    voting_house.save()
    if request.param == "security-council":
        voting_house.delegations.filter(name__in=PERMANENT_MEMBERS).update(permanent=True)
    return voting_house


def draft_before(house, chair) -> Paper:
    """Canada's paper, with Finland, Brazil, Mexico, Colombia and Argentina signing, put before the house."""
    paper = write_paper(house, "Canada")
    sign(house, paper, "Finland", "Brazil", "Mexico", "Colombia", "Argentina")
    if house.rules_profile == "una-usa":
        grant(house, chair, "Canada", "introduce_draft", {"paper": paper.pk})
    else:
        drafts.introduce_paper(house, chair, paper.pk)
    if house.rules_profile == "thimun":
        drafts.set_side(house, chair, "open")
    paper.refresh_from_db()
    return paper


def amend(house, chair, paper, mover: str, action: str, phrase: str, *words: str) -> Amendment:
    target = paper.clauses.get(phrase=phrase)
    amendment = amendments.propose_amendment(house, actor_for(house, mover), paper.pk, action, target.pk, *words)
    for name in ("Japan", "Kenya"):
        amendments.sign_amendment(house, actor_for(house, name), amendment.pk)
    grant(house, chair, mover, "introduce_amendment", {"amendment": amendment.pk})
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.INTRODUCED
    return amendment


def by_placard_or_name(house) -> str:
    """Placards, except in the Council, whose votes on substance are taken by name."""
    return Vote.Method.PHONES if house.rules_profile == "security-council" else Vote.Method.PLACARD


def close_by(house, chair, yes: bool) -> Vote:
    """Every delegation that may vote answers yes (or no): by placards, or on the phones."""
    vote = open_vote(house)
    if vote.method == Vote.Method.PLACARD:
        return committee_actions.close_vote(house, chair, yes=vote.base if yes else 0, no=0 if yes else vote.base)
    for delegation in house.delegations.filter(pk__in=vote.electorate):
        committee_actions.cast_ballot(house, actor_for(house, delegation.name), "yes" if yes else "no")
    return committee_actions.close_vote(house, chair)


def test_amendments_go_furthest_removed_first_and_one_to_a_struck_clause_falls(house, alice_actor):
    paper = draft_before(house, alice_actor)
    change = amend(house, alice_actor, paper, "Egypt", "change", "Calls upon", "Calls upon", "States to act")
    strike = amend(house, alice_actor, paper, "India", "strike", "Calls upon")
    carry_motion(house, alice_actor, "Mexico", "close_debate")
    vote = voting.vote_next(house, alice_actor, by_placard_or_name(house))
    assert vote.subject_id == strike.pk  # the strike first, though moved second
    close_by(house, alice_actor, yes=True)
    change.refresh_from_db()
    assert change.status == Amendment.Status.FELL
    next_vote = voting.vote_next(house, alice_actor, by_placard_or_name(house))
    assert next_vote.title.endswith("as a whole")  # the change fell: the draft comes next


def test_only_the_winning_side_moves_to_reconsider(house, alice_actor):
    paper = draft_before(house, alice_actor)
    carry_motion(house, alice_actor, "Mexico", "close_debate")
    vote = voting.vote_next(house, alice_actor, Vote.Method.PHONES)
    for delegation in house.delegations.filter(pk__in=vote.electorate).exclude(name="India"):
        choice = "yes" if delegation.name in ("Canada", "Finland", "Brazil") else "no"
        committee_actions.cast_ballot(house, actor_for(house, delegation.name), choice)
    committee_actions.close_vote(house, alice_actor)
    paper.refresh_from_db()
    assert paper.status == Paper.Status.REJECTED
    for loser_or_silent in ("Canada", "India"):
        with pytest.raises(ActionError, match="the winning side"):
            debate_actions.raise_motion(house, actor_for(house, loser_or_silent), "reconsider", {"decided": paper.pk})
    debate_actions.raise_motion(house, actor_for(house, "Kenya"), "reconsider", {"decided": paper.pk})
    assert journal(house)[-1].startswith("Kenya moved to reconsider the vote on ")


def test_placards_take_abstentions_only_from_who_may_abstain(house, alice_actor):
    for name in ("Canada", "Finland"):
        committee_actions.mark_attendance(house, alice_actor, house.delegations.get(name=name).pk, "present_voting")
    draft_before(house, alice_actor)
    carry_motion(house, alice_actor, "Mexico", "close_debate")
    if house.rules_profile == "security-council":
        with pytest.raises(ActionError, match="take this vote by name"):
            voting.vote_next(house, alice_actor, Vote.Method.PLACARD)
        return
    vote = voting.vote_next(house, alice_actor, Vote.Method.PLACARD)
    may_abstain = vote.base - 2
    with pytest.raises(ActionError, match=f"only {may_abstain} of the {vote.base} may abstain"):
        committee_actions.close_vote(house, alice_actor, yes=0, no=0, abstain=may_abstain + 1)
    with pytest.raises(ActionError, match=f"only {vote.base} delegations may vote"):
        committee_actions.close_vote(house, alice_actor, yes=vote.base, no=1)
    assert open_vote(house).pk == vote.pk  # refused: nothing changed


def test_a_roll_call_tells_present_and_voting_why_it_may_not_abstain(house, alice_actor):
    canada = house.delegations.get(name="Canada")
    committee_actions.mark_attendance(house, alice_actor, canada.pk, "present_voting")
    draft_before(house, alice_actor)
    carry_motion(house, alice_actor, "Mexico", "close_debate")
    vote = voting.vote_next(house, alice_actor, Vote.Method.ROLL_CALL)
    while (turn := vote.turn({b.delegation_id: b for b in vote.ballots.all()})) != canada.pk:
        committee_actions.cast_ballot(house, actor_for(house, house.delegations.get(pk=turn).name), "yes")
    with pytest.raises(ActionError, match="Canada answered the roll call present and voting: it may not abstain."):
        committee_actions.cast_ballot(house, actor_for(house, "Canada"), "abstain")


def test_important_questions_only_under_unga(house, alice_actor):
    paper = draft_before(house, alice_actor)
    if house.rules_profile != "unga":
        with pytest.raises(ActionError, match="no important questions"):
            voting.mark_important(house, alice_actor, paper.pk, True)
        return
    voting.mark_important(house, alice_actor, paper.pk, True)
    carry_motion(house, alice_actor, "Mexico", "close_debate")
    vote = voting.vote_next(house, alice_actor, Vote.Method.PLACARD)
    assert vote.threshold_name == "two_thirds"


def test_in_voting_procedure_only_points_of_order_and_personal_privilege(house, alice_actor):
    draft_before(house, alice_actor)
    carry_motion(house, alice_actor, "Mexico", "close_debate")
    with pytest.raises(ActionError):
        debate_actions.raise_point(house, actor_for(house, "India"), "information", "A question")
    debate_actions.raise_point(house, actor_for(house, "India"), "personal_privilege", "We cannot hear")
    debate_actions.raise_point(house, actor_for(house, "Kenya"), "order", "The vote's conduct")


def test_division_and_a_roll_call_vote_do_not_make_each_other_lapse(house, alice_actor):
    paper = draft_before(house, alice_actor)
    carry_motion(house, alice_actor, "Mexico", "close_debate")
    roll_call = debate_actions.raise_motion(house, actor_for(house, "India"), "roll_call_vote", {"draft": paper.pk})
    carry_motion(house, alice_actor, "Brazil", "divide_question", {"draft": paper.pk, "clauses": "2"})
    roll_call.refresh_from_db()
    assert roll_call.status == "pending"
