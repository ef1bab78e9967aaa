"""The drafts under each rules profile (procedure.md, "Other profiles to offer"): how much support a
paper needs and who introduces it, how many degrees of amendment, and THIMUN's debate time for and
against a resolution with amendments in open debate."""

from __future__ import annotations

import pytest

from committee.errors import ActionError
from committee.live import render
from committee.state import load_floor
from debate.actions import raise_motion
from resolutions.actions import amendments, drafts
from resolutions.models import Paper
from tests.conftest import actor_for, debate
from tests.papers import carry_motion, grant, sign, write_paper


def under(committee, profile: str):
    committee.rules_profile = profile
    committee.save()
    return committee


def resolutions(committee):
    return load_floor(committee.pk).parts["resolutions"]


def test_una_usa_asks_a_fifth_of_those_present_and_a_motion_the_chair_grants(voting_house, alice_actor):
    paper = write_paper(voting_house, "Canada")
    sign(voting_house, paper, "Brazil", "Mexico", "Colombia", "India")
    assert resolutions(voting_house).paper(paper.pk).needed == 5  # 20% of the 23 present
    with pytest.raises(ActionError, match="introduced by a motion: a sponsor moves it"):
        drafts.introduce_paper(voting_house, alice_actor, paper.pk)
    grant(voting_house, alice_actor, "Canada", "introduce_draft", {"paper": paper.pk})
    assert Paper.objects.get(pk=paper.pk).symbol == "DR 1/1"
    # Amendments of the first degree only.
    first = amendments.propose_amendment(
        voting_house, actor_for(voting_house, "Egypt"), paper.pk, "strike", paper.clauses.get(phrase="Requests").pk
    )
    for name in ("Kenya", "Japan"):
        amendments.sign_amendment(voting_house, actor_for(voting_house, name), first.pk)
    grant(voting_house, alice_actor, "Egypt", "introduce_amendment", {"amendment": first.pk})
    with pytest.raises(ActionError, match="first degree only"):
        amendments.propose_amendment(
            voting_house,
            actor_for(voting_house, "India"),
            paper.pk,
            "change",
            phrase="Urges",
            text="…",
            amends_id=first.pk,
        )


def test_unga_the_chair_introduces_a_paper_with_one_sponsor_and_there_is_no_motion_for_it(voting_house, alice_actor):
    under(voting_house, "unga")
    paper = write_paper(voting_house, "Canada")
    assert resolutions(voting_house).paper(paper.pk).needed == 1
    with pytest.raises(ActionError, match="not in these rules of procedure"):
        raise_motion(voting_house, actor_for(voting_house, "Canada"), "introduce_draft", {"paper": paper.pk})
    drafts.introduce_paper(voting_house, alice_actor, paper.pk)
    assert Paper.objects.get(pk=paper.pk).status == "introduced"


def test_a_second_degree_amendment_only_where_the_profile_allows_it_and_it_is_voted_first(voting_house, alice_actor):
    under(voting_house, "thimun")
    paper = write_paper(voting_house, "Canada")
    sign(voting_house, paper, "Brazil", "Mexico", "Colombia", "India", "Kenya")
    drafts.introduce_paper(voting_house, alice_actor, paper.pk)
    drafts.set_side(voting_house, alice_actor, "open")
    clause = paper.clauses.get(phrase="Calls upon")
    first = amendments.propose_amendment(
        voting_house, actor_for(voting_house, "Egypt"), paper.pk, "change", clause.pk, "Invites", "Member States …"
    )
    grant(voting_house, alice_actor, "Egypt", "introduce_amendment", {"amendment": first.pk})
    second = amendments.propose_amendment(
        voting_house,
        actor_for(voting_house, "India"),
        paper.pk,
        "change",
        phrase="Encourages",
        text="Member States …",
        amends_id=first.pk,
    )
    grant(voting_house, alice_actor, "India", "introduce_amendment", {"amendment": second.pk})
    carry_motion(voting_house, alice_actor, "Mexico", "close_debate")
    queue = resolutions(voting_house).queue
    assert [(kind, getattr(item, "amendment", None)) for kind, item, _ in queue][:2] == [
        ("amendment", second),
        ("amendment", first),
    ]


def test_thimun_runs_time_for_then_against_and_takes_amendments_in_open_debate(voting_house, alice_actor):
    under(voting_house, "thimun")
    paper = write_paper(voting_house, "Canada")
    sign(voting_house, paper, "Brazil", "Mexico", "Colombia", "India")
    with pytest.raises(ActionError, match="it needs 6 \\(6 delegations\\)"):
        drafts.introduce_paper(voting_house, alice_actor, paper.pk)
    sign(voting_house, paper, "Kenya")
    drafts.introduce_paper(voting_house, alice_actor, paper.pk)
    state = resolutions(voting_house)
    # The main submitter has the floor; time for runs first.
    assert (state.debate.side, state.debate.speaker.name) == ("for", "Canada")
    assert state.debate.for_timer.duration == 600 and state.debate.against_timer.duration == 600
    with pytest.raises(ActionError, match="Amendments are taken in open debate"):
        amendments.propose_amendment(
            voting_house, actor_for(voting_house, "Egypt"), paper.pk, "strike", paper.clauses.get(phrase="Requests").pk
        )
    drafts.set_side(voting_house, alice_actor, "for", voting_house.delegations.get(name="Finland").pk)
    drafts.set_side(voting_house, alice_actor, "against", voting_house.delegations.get(name="Egypt").pk)
    state = resolutions(voting_house)
    assert state.debate.against_timer.running and not state.debate.for_timer.running
    assert state.debate.for_timer.elapsed >= 0  # paused where it stood
    # Alice's "Floor to" shows Egypt holding it, among the delegations present.
    chair = render.whole_screen(load_floor(voting_house.pk), "chair")
    floor_to = chair.split('<select name="speaker">')[1].split("</select>")[0]
    egypt = voting_house.delegations.get(name="Egypt").pk
    assert f'<option value="{egypt}" selected>Egypt</option>' in floor_to and floor_to.count(" selected") == 1
    drafts.set_side(voting_house, alice_actor, "open")
    amendment = amendments.propose_amendment(
        voting_house, actor_for(voting_house, "Egypt"), paper.pk, "strike", paper.clauses.get(phrase="Requests").pk
    )
    assert amendment.status == "proposed"
    # Under UNA-USA there is no such thing as time for and against.
    under(voting_house, "una-usa")
    with pytest.raises(ActionError, match="no debate time for and against"):
        drafts.set_side(voting_house, alice_actor, "for")
    assert debate(voting_house).phase == "formal"


def test_under_unga_rules_an_important_question_needs_two_thirds(voting_house, alice_actor):
    """UN Charter, Article 18 (issue 24): alice marks DR 1/1 an important question; 12 in favour to 8
    against is a majority, not two thirds, so it is rejected; UNA-USA has no important questions."""
    from committee import actions as committee_actions
    from resolutions.actions import drafts as draft_actions
    from resolutions.actions import voting
    from tests.papers import carry_motion, write_paper

    with pytest.raises(ActionError, match="no important questions"):
        voting.mark_important(voting_house, alice_actor, 1, True)
    voting_house.rules_profile = "unga"
    voting_house.save()
    paper = write_paper(voting_house, "Canada")
    draft_actions.introduce_paper(voting_house, alice_actor, paper.pk)
    voting.mark_important(voting_house, alice_actor, paper.pk, True)
    carry_motion(voting_house, alice_actor, "Mexico", "close_debate")
    vote = voting.vote_next(voting_house, alice_actor, "placard")
    assert vote.title.endswith("as a whole (an important question)")
    with pytest.raises(ActionError, match="its majority stands"):
        voting.mark_important(voting_house, alice_actor, paper.pk, False)
    vote = committee_actions.close_vote(voting_house, alice_actor, yes=12, no=8)
    paper.refresh_from_db()
    assert (vote.needed, vote.passed, paper.status) == (14, False, "rejected")  # two thirds of 20
