"""Python's full collection, with a thousand phones' sockets in the heap, takes 40-45 ms: under
`manage.py serve` it runs at a quiet moment (committee/quiet_gc.py), not inside a burst of ballots
whose allocations would trigger it. Counts and states only; the times are in docs/performance.md."""

from __future__ import annotations

import gc
import time
from unittest import mock

import pytest

from committee import quiet_gc, relay


@pytest.fixture
def clock(monkeypatch):
    """The last full collection long ago, the room quiet."""
    monkeypatch.setattr(quiet_gc, "_last", time.monotonic() - quiet_gc.INTERVAL - 1)
    monkeypatch.setattr(relay, "last_delivery", 0.0)
    monkeypatch.setattr(quiet_gc, "collections", 0)


def test_a_due_collection_runs_when_the_room_is_quiet_and_not_again_before_its_interval(clock):
    assert quiet_gc.tick()
    assert quiet_gc.collections == 1
    assert not quiet_gc.tick()  # just ran: the next one in INTERVAL seconds
    assert quiet_gc.collections == 1


def test_while_an_update_is_going_out_it_waits_until_it_is_overdue(clock, monkeypatch):
    monkeypatch.setattr(relay, "last_delivery", time.monotonic())  # the relay is writing to the screens
    assert not quiet_gc.tick()
    assert quiet_gc.collections == 0
    monkeypatch.setattr(quiet_gc, "_last", time.monotonic() - quiet_gc.OVERDUE - 1)
    assert quiet_gc.tick()  # never put off for good
    assert quiet_gc.collections == 1


def test_while_a_ballot_box_is_busy_it_waits(clock, monkeypatch):
    from committee import ballots

    box = ballots.BallotBox.__new__(ballots.BallotBox)
    box.job, box.coming = None, 1  # a ballot by POST on its way through Django's chain
    monkeypatch.setattr(ballots, "boxes", lambda: [box])
    assert not quiet_gc.tick()
    box.coming = 0
    assert quiet_gc.tick()


def test_serving_switches_automatic_full_collections_off_and_runs_the_timer_on_the_reactor():
    before = gc.get_threshold()
    started = []
    try:
        with mock.patch("twisted.internet.reactor.callWhenRunning", lambda f, *a, **k: started.append((f, a))):
            quiet_gc.take_over()
        young, middle, full = gc.get_threshold()
        assert (young, middle) == before[:2] and full == quiet_gc._NEVER
    finally:
        gc.set_threshold(*before)
    [(start, args)] = started
    assert start.__self__.f is quiet_gc.tick and args == (quiet_gc.CHECK_EVERY,)
