"""The floor's reload runs SQL compiled once (committee/compiled.py), and never serves another query's
rows: alice's UNODC and the Security Council each read their own delegations; a query whose SQL
depends on more than its ids, joins, or reads a value it was not given is run by Django instead,
and the log says so."""

from __future__ import annotations

import logging

import pytest

from committee import state
from committee.compiled import Compiled
from committee.demo.load import load_security_council
from committee.models import Delegation
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
