"""The floor's frequent queries keep their SQL compiled (committee/prepared.py): alice marks the roll
call again and again, and only the first broadcast compiles the reload's queries; each one still
reads what the database holds now, and a key that forgot a value is caught."""

from __future__ import annotations

import threading

import pytest

from committee import actions, prepared
from committee.models import Delegation
from committee.state import load_floor


def _canada(unodc) -> int:
    return unodc.delegations.get(name="Canada").pk


def test_a_second_mark_compiles_no_query_and_shows_what_the_database_holds(unodc, alice_actor, sitting):
    canada = _canada(unodc)
    actions.mark_attendance(unodc, alice_actor, canada, "present")
    load_floor(unodc.pk)  # every part's, as a page loads it
    before = prepared.compiled
    actions.mark_attendance(unodc, alice_actor, canada, "absent")
    assert prepared.compiled == before  # the action's and the reload's SQL, kept from the first mark
    state = load_floor(unodc.pk)
    assert state.row_for(canada).attendance.status == "absent"
    assert prepared.compiled == before
    # A change made behind the floor's back (the admin renames a delegation) is read all the same.
    Delegation.objects.filter(pk=canada).update(name="Canada (renamed)")
    assert load_floor(unodc.pk).row_for(canada).delegation.name == "Canada (renamed)"


def test_rows_carry_their_committee_without_a_query(unodc, sitting, django_assert_num_queries):
    state = load_floor(unodc.pk)
    with django_assert_num_queries(0):
        assert {row.delegation.committee.slug for row in state.rows} == {"unodc"}
        assert state.sitting.committee.slug == "unodc"


def test_a_key_that_forgot_a_value_is_caught(unodc, db):
    canada, finland = _canada(unodc), unodc.delegations.get(name="Finland").pk

    def named(pk):
        return prepared.fetch(("tests.one delegation",), lambda: Delegation.objects.filter(pk=pk))

    assert [d.name for d in named(canada)] == ["Canada"]
    with pytest.raises(prepared.KeyForgotAValue):
        named(finland)  # same key, other SQL: without the check it would have shown Canada


@pytest.mark.django_db(transaction=True)
def test_each_database_connection_compiles_its_own(unodc):
    key = ("tests.committee", unodc.pk)
    prepared.fetch(key, lambda: type(unodc).objects.filter(pk=unodc.pk))
    before = prepared.compiled
    seen = []

    def other_thread():
        from django.db import connection

        try:
            seen.extend(prepared.fetch(key, lambda: type(unodc).objects.filter(pk=unodc.pk)))
        finally:
            connection.close()

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert [c.slug for c in seen] == ["unodc"]
    assert prepared.compiled == before + 1  # its own connection: compiled there once more
