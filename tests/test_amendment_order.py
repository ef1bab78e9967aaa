"""Unfriendly amendments in voting procedure (issue 24): the furthest removed from the original first
(India strikes clause 2, Egypt changes "within one year" to "within six months", Kenya adds a clause
after it: voted strike, change, add, then the draft); alice may reorder them before the first vote,
never after; once the strike is adopted, the change to the clause struck falls without a vote and the
clause to be added after it is added where clause 2 stood."""

from __future__ import annotations

import pytest

from committee import actions as committee_actions
from committee.errors import ActionError
from committee.models import Vote
from record.minutes import read_minutes
from resolutions.actions import amendments, voting
from resolutions.models import Amendment, Clause
from resolutions.state import voting_queue
from resolutions.text import flatten, lay_out
from tests.conftest import actor_for
from tests.papers import carry_motion, grant, sign, write_paper


def introduce(committee, chair, mover: str, paper, *args) -> Amendment:
    amendment = amendments.propose_amendment(committee, actor_for(committee, mover), paper.pk, *args)
    for name in ("Brazil", "Mexico"):
        amendments.sign_amendment(committee, actor_for(committee, name), amendment.pk)
    grant(committee, chair, mover, "introduce_amendment", {"amendment": amendment.pk})
    amendment.refresh_from_db()
    return amendment


@pytest.fixture
def three_amendments(voting_house, alice_actor):
    """DR 1/1 (Canada's, Finland signing) with a change, a strike and an add to clause 2 on the floor,
    moved in that order; then debate is closed."""
    paper = write_paper(voting_house, "Canada")
    sign(voting_house, paper, "Finland", "Colombia", "Argentina", "Australia")
    grant(voting_house, alice_actor, "Canada", "introduce_draft", {"paper": paper.pk})
    paper.refresh_from_db()
    second = paper.clauses.get(phrase="Calls upon")
    change = introduce(
        voting_house, alice_actor, "Egypt", paper, "change", second.pk, "Calls upon", "Member States to act"
    )
    strike = introduce(voting_house, alice_actor, "India", paper, "strike", second.pk)
    add = introduce(voting_house, alice_actor, "Kenya", paper, "add", second.pk, "Invites", "regions to share")
    carry_motion(voting_house, alice_actor, "Mexico", "close_debate")
    return paper, change, strike, add


def queue(committee) -> list:
    from committee.state import load_floor

    return [
        (kind, getattr(item, "amendment", item).pk if kind == "amendment" else None)
        for kind, item, _ in load_floor(committee.pk).parts["resolutions"].queue
    ]


def test_the_furthest_removed_is_voted_first(voting_house, three_amendments):
    paper, change, strike, add = three_amendments
    assert queue(voting_house) == [
        ("amendment", strike.pk),
        ("amendment", change.pk),
        ("amendment", add.pk),
        ("draft", None),
    ]


def test_alice_reorders_before_the_first_vote_and_not_after(voting_house, alice_actor, three_amendments):
    paper, change, strike, add = three_amendments
    voting.move_amendment(voting_house, alice_actor, add.pk, "up")
    assert [pk for _, pk in queue(voting_house)][:3] == [strike.pk, add.pk, change.pk]
    voting.move_amendment(voting_house, alice_actor, strike.pk, "up")  # first already: nothing moves
    voting.vote_next(voting_house, alice_actor, Vote.Method.PLACARD)
    committee_actions.close_vote(voting_house, alice_actor, yes=2, no=18)  # the strike is rejected
    with pytest.raises(ActionError, match="The votes on the amendments to DR 1/1 have begun: their order stands."):
        voting.move_amendment(voting_house, alice_actor, change.pk, "up")
    assert [pk for _, pk in queue(voting_house)][:2] == [add.pk, change.pk]


def test_a_clause_struck_takes_its_amendments_with_it(voting_house, alice_actor, three_amendments):
    paper, change, strike, add = three_amendments
    voting.vote_next(voting_house, alice_actor, Vote.Method.PLACARD)
    committee_actions.close_vote(voting_house, alice_actor, yes=18, no=2)  # clause 2 is struck out
    change.refresh_from_db()
    add.refresh_from_db()
    assert change.status == "fell" and add.status == "introduced"
    assert queue(voting_house) == [("amendment", add.pk), ("draft", None)]  # the change is not voted
    voting.vote_next(voting_house, alice_actor, Vote.Method.PLACARD)
    committee_actions.close_vote(voting_house, alice_actor, yes=18, no=2)
    preamble, operative = lay_out(Clause.objects.filter(paper=paper))
    assert [line.phrase for line in operative] == ["Encourages", "Invites", "Requests"]  # where clause 2 stood
    fates = {a.mover: a.fate for p in read_minutes(voting_house).papers for a in p.amendments.values()}
    assert fates["Egypt"] == "fell without a vote (its clause was struck out)"
    assert fates["India"].startswith("adopted")


def test_the_app_proposes_the_order_on_every_profile(voting_house, three_amendments):
    from committee.state import load_floor

    paper, change, strike, add = three_amendments
    for profile in ("una-usa", "unga", "thimun", "security-council"):
        voting_house.rules_profile = profile
        voting_house.save()
        state = load_floor(voting_house.pk).parts["resolutions"]
        kinds = [item.amendment.action for kind, item, _ in voting_queue(state.drafts) if kind == "amendment"]
        assert kinds == ["strike", "change", "add"], profile
    assert [line.words for line in flatten(lay_out(paper.clauses.all())[1])][1].startswith("2. Calls upon")
