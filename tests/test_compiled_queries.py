"""The floor's reload runs SQL compiled once (committee/compiled.py), and never serves another query's
rows: alice's UNODC and the Security Council each read their own delegations; a query whose SQL
depends on more than its ids, joins, or reads a value it was not given is run by Django instead,
and the log says so."""

from __future__ import annotations

import logging

import pytest

from committee import actions as committee_actions
from committee import state
from committee.compiled import Compiled
from committee.demo.load import load_security_council
from committee.models import Delegation
from tests.conftest import actor_for
from tests.test_votes import answer, open_draft_vote

FLOOR_QUERIES = [
    state.COMMITTEE,
    state.LATEST_SITTINGS,
    state.DELEGATIONS,
    state.ATTENDANCE,
    state.DOCUMENTS,
    state.LATEST_VOTES,
    state.BALLOTS,
    state.LAST_ENTRY,
]


def names(rows) -> list[str]:
    return sorted(d.name for d in rows)


def test_the_reload_during_a_vote_reads_through_sql_compiled_once(unodc, alice_actor, full_house, decided, caplog):
    open_draft_vote(unodc, alice_actor)
    answer(unodc, "Canada", "yes")
    with caplog.at_level(logging.ERROR, logger="committee.compiled"):
        first = state.load_floor(unodc.pk)
        again = state.load_floor(unodc.pk)
        undo = again.undoable  # the chair's undo button reads the journal's last entry
    assert caplog.records == []
    assert [r.status for r in first.rows] == [r.status for r in again.rows]
    assert again.vote.tally == first.vote.tally == (1, 0, 0)
    assert undo is None  # a ballot is not the chair's to undo
    assert [query.name for query in FLOOR_QUERIES if not query.compiled_on()] == []


def test_each_committee_reads_its_own_delegations(unodc, caplog):
    council = load_security_council()
    with caplog.at_level(logging.ERROR, logger="committee.compiled"):
        for _ in range(2):
            assert names(state.DELEGATIONS(committee=unodc.pk)) == names(unodc.delegations.all())
            assert names(state.DELEGATIONS(committee=council.pk)) == names(council.delegations.all())
    assert caplog.records == []
    assert state.DELEGATIONS.compiled_on()


def test_a_query_reading_a_value_it_was_not_given_never_serves_another_committees_rows(unodc, caplog):
    council = load_security_council()
    read = {"committee": unodc.pk}  # a mistake: the query reads this, not its id
    query = Compiled(
        "a careless query", Delegation, lambda committee: Delegation.objects.filter(committee_id=read["committee"])
    )
    assert names(query(committee=unodc.pk)) == names(unodc.delegations.all())
    read["committee"] = council.pk
    with caplog.at_level(logging.ERROR, logger="committee.compiled"):
        assert names(query(committee=council.pk)) == names(council.delegations.all())
    assert "a careless query: its compiled run differs from Django's" in caplog.text
    assert not query.compiled_on()
    assert names(query(committee=council.pk)) == names(council.delegations.all())


@pytest.mark.parametrize(
    "build",
    [
        lambda committee: Delegation.objects.filter(committee_id=committee)[: committee % 3 + 1],  # SQL varies
        lambda committee: Delegation.objects.filter(committee_id=committee).select_related("committee"),  # joins
    ],
    ids=["sql-depends-on-the-value", "joins"],
)
def test_a_query_that_cannot_be_compiled_once_is_run_by_django(unodc, caplog, build):
    query = Compiled("an unfit query", Delegation, build)
    with caplog.at_level(logging.ERROR, logger="committee.compiled"):
        rows = query(committee=unodc.pk)
    assert "an unfit query: its SQL depends on more than its ids, or joins" in caplog.text
    assert [d.pk for d in rows] == [d.pk for d in build(unodc.pk)]
    assert not query.compiled_on()


def test_values_are_not_model_rows_and_are_run_by_django(unodc, caplog):
    query = Compiled(
        "values", Delegation, lambda committee: Delegation.objects.filter(committee_id=committee).values("name")
    )
    with caplog.at_level(logging.ERROR, logger="committee.compiled"):
        rows = query(committee=unodc.pk)
    assert "values: its compiled run differs from Django's" in caplog.text
    assert sorted(row["name"] for row in rows) == names(unodc.delegations.all())


@pytest.mark.parametrize("committee", [True, 1.0, None, b"1"])
def test_only_whole_numbers_are_ids(unodc, committee):
    with pytest.raises(TypeError, match="must be a whole number or a slug"):
        state.DELEGATIONS(committee=committee)


def test_alices_press_reads_through_sql_compiled_once(in_session, alice_client, caplog):
    from committee import access, visits
    from committee.actions import base
    from committee.models import sittings
    from debate import state as debate_state

    germany = in_session.delegations.get(name="Germany")
    with caplog.at_level(logging.ERROR, logger="committee.compiled"):
        for status in ("present", "absent", "present"):
            answer = alice_client.post(
                "/c/unodc/do/rollcall.mark/", {"delegation": germany.pk, "status": status}, HTTP_HX_REQUEST="true"
            )
            assert answer.status_code == 200
        floor = state.load_floor(in_session.pk)
    assert caplog.records == []
    assert floor.row_for(germany.pk).present
    read = [
        visits.BY_SLUG,
        access.ROLE,
        base.LOCKED,
        sittings.OPEN_SITTING,
        access.DELEGATION,
        debate_state.FLOOR,
        debate_state.LISTS,
        debate_state.MOTIONS,
        debate_state.POINTS,
    ]
    assert [query.name for query in read if not query.compiled_on()] == []


def test_what_this_sitting_decided_and_heard_reads_through_sql_compiled_once(in_session, alice_actor, caplog):
    """Brazil was heard and Canada's caucus failed 2 to 7: the reload reads the motion (its vote is the
    one closed last, already read) and the speeches heard with SQL compiled once, and a new sitting
    opens on a clear floor."""
    from debate import actions
    from debate import state as debate_state
    from tests.test_motions import MOD, close_and_decide, vote_all

    brazil = in_session.delegations.get(name="Brazil")
    actions.add_speaker(in_session, alice_actor, brazil.pk)
    actions.next_speaker(in_session, alice_actor)
    actions.control_timer(in_session, alice_actor, "speech", "start")
    actions.yield_speech(in_session, alice_actor, "chair")
    actions.raise_motion(in_session, actor_for(in_session, "Canada"), "moderated_caucus", MOD)
    actions.open_vote(in_session, alice_actor, "phones")
    vote_all(in_session, 2, 7)
    close_and_decide(in_session, alice_actor)
    with caplog.at_level(logging.ERROR, logger="committee.compiled"):
        for _ in range(2):
            floor = state.load_floor(in_session.pk).parts["debate"]
    assert caplog.records == []
    assert (floor.last_decided.kind, floor.last_decided.status) == ("moderated_caucus", "failed")
    assert (floor.last_decided.vote.yes, floor.last_decided.vote.no) == (2, 7)
    assert floor.spoken_ids == {brazil.pk} and floor.last_heard.delegation_name == "Brazil"
    read = [debate_state.LAST_DECIDED, debate_state.HEARD]
    assert [query.name for query in read if not query.compiled_on()] == []
    committee_actions.close_sitting(in_session, alice_actor)
    committee_actions.open_sitting(in_session, alice_actor)
    floor = state.load_floor(in_session.pk).parts["debate"]
    assert floor.last_decided is None and floor.spoken_ids == frozenset() and floor.last_heard is None


def test_the_papers_and_their_votes_read_through_sql_compiled_once(unodc, alice_actor, caplog):
    """Session I held: Canada's draft was adopted by a roll call. The reload reads the papers and their
    votes with SQL compiled once; what they hold (sponsors, clauses, amendments) is Django's prefetch."""
    from resolutions import state as resolutions_state
    from resolutions.models import Paper
    from tests.papers import script_session_i

    script_session_i(unodc, alice_actor)
    with caplog.at_level(logging.ERROR, logger="committee.compiled"):
        for _ in range(2):
            adopted_views = state.load_floor(unodc.pk).parts["resolutions"].adopted
    assert caplog.records == []
    adopted = Paper.objects.get(committee=unodc)
    (view,) = adopted_views
    assert view.paper.vote.pk == adopted.vote.pk and (view.paper.vote.yes, view.paper.vote.no) == (
        adopted.vote.yes,
        adopted.vote.no,
    )
    assert [s.delegation.name for s in view.paper.sponsorships.all()] == [
        s.delegation.name for s in adopted.sponsorships.all()
    ]
    read = [resolutions_state.PAPERS, resolutions_state.PAPERS_VOTES]
    assert [query.name for query in read if not query.compiled_on()] == []
