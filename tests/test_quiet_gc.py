"""Python's full collection, with a thousand phones' sockets in the heap, takes 40-45 ms: under
`manage.py serve` it runs at a quiet moment (committee/quiet_gc.py), not inside a burst of ballots
whose allocations would trigger it, and what survives it is frozen so that the next ones walk only
what is new; the whole heap is walked again once enough sockets have closed. Counts and states only;
the times are in docs/performance.md."""

from __future__ import annotations

import gc
import time
import weakref
from unittest import mock

import pytest

from committee import quiet_gc, relay
from tests.conftest import cookie_of


@pytest.fixture
def clock(monkeypatch):
    """The last collection long ago (the whole heap's just now), the room quiet; the heap as it was
    afterwards (nothing frozen by these tests stays frozen)."""
    monkeypatch.setattr(quiet_gc, "_last", time.monotonic() - quiet_gc.INTERVAL - 1)
    monkeypatch.setattr(quiet_gc, "_last_whole", time.monotonic())
    monkeypatch.setattr(quiet_gc, "_closed", 0)
    monkeypatch.setattr(relay, "last_delivery", 0.0)
    monkeypatch.setattr(quiet_gc, "collections", 0)
    monkeypatch.setattr(quiet_gc, "whole_collections", 0)
    yield
    gc.unfreeze()


class Socketish:
    """Stands for a phone's socket objects: a reference cycle (protocol and transport point at each
    other), freed only by the garbage collector once the socket is gone."""

    def __init__(self) -> None:
        self.transport = self


def _due(monkeypatch) -> None:
    monkeypatch.setattr(quiet_gc, "_last", time.monotonic() - quiet_gc.INTERVAL - 1)


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

    class Job:  # the box's job, writing a burst of ballots
        finished = False

        def done(self):
            return self.finished

    box = ballots.BallotBox.__new__(ballots.BallotBox)
    box.job = Job()
    monkeypatch.setattr(ballots, "boxes", lambda: [box])
    assert not quiet_gc.tick()
    box.job.finished = True
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


def test_what_survives_a_collection_is_frozen_and_later_ones_walk_only_what_is_new(clock, monkeypatch):
    connected = Socketish()
    assert quiet_gc.tick()
    assert gc.get_freeze_count() > 0
    frozen = gc.get_freeze_count()
    left = weakref.ref(connected)
    del connected  # the phone leaves: its cycle is garbage, but frozen
    _due(monkeypatch)
    assert quiet_gc.tick()
    assert left() is not None  # not walked: a collection costs what was made since the last one
    assert gc.get_freeze_count() >= frozen
    assert quiet_gc.whole_collections == 0


def test_after_enough_sockets_closed_the_next_quiet_collection_frees_theirs(clock, monkeypatch):
    connected = Socketish()
    quiet_gc.tick()
    left = weakref.ref(connected)
    del connected
    for _ in range(quiet_gc.CLOSED_FOR_WHOLE):
        quiet_gc.socket_closed()
    monkeypatch.setattr(relay, "last_delivery", time.monotonic())  # an update going out: not now
    monkeypatch.setattr(quiet_gc, "_last", time.monotonic() - quiet_gc.OVERDUE - 1)
    assert quiet_gc.tick()  # overdue: the new objects' collection runs in a busy room...
    assert left() is not None and quiet_gc.whole_collections == 0  # ...the whole heap's waits
    # Quiet for the new objects' collection, not yet for the whole heap's (116-310 ms at scale).
    monkeypatch.setattr(relay, "last_delivery", time.monotonic() - (quiet_gc.QUIET_FOR + quiet_gc.WHOLE_QUIET_FOR) / 2)
    _due(monkeypatch)
    assert quiet_gc.tick()
    assert left() is not None and quiet_gc.whole_collections == 0
    monkeypatch.setattr(relay, "last_delivery", 0.0)  # quiet for long
    _due(monkeypatch)
    assert quiet_gc.tick()
    assert left() is None  # the whole heap walked: the dropped socket's cycle freed
    assert quiet_gc.whole_collections == 1 and quiet_gc._closed == 0


def test_the_whole_heap_is_walked_now_and_then_even_with_no_socket_closed(clock, monkeypatch):
    connected = Socketish()
    quiet_gc.tick()
    left = weakref.ref(connected)
    del connected
    monkeypatch.setattr(quiet_gc, "_last_whole", time.monotonic() - quiet_gc.WHOLE_EVERY - 1)
    _due(monkeypatch)
    assert quiet_gc.tick()
    assert left() is None and quiet_gc.whole_collections == 1


@pytest.mark.django_db(transaction=True)
def test_a_phone_leaving_counts_towards_the_whole_heaps_collection(unodc, canada_phone, sockets, monkeypatch):
    monkeypatch.setattr(quiet_gc, "_closed", 0)
    phone = sockets("/ws/c/unodc/delegate/", cookie_of(canada_phone))
    assert phone.connected
    phone.receive()  # the snapshot
    phone.close()
    assert quiet_gc._closed == 1
