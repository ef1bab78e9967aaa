"""Python's full collection, with a thousand phones' sockets in the heap, takes 40-45 ms: under
`manage.py serve` it runs at a quiet moment (committee/live/heap.py), not inside a burst of ballots
whose allocations would trigger it, and what survives it is frozen so that the next ones walk only
what is new; the whole heap is walked again once enough sockets have closed. GC_POLICY=python leaves
collections to Python. Counts and states only; the times are in docs/performance.md."""

from __future__ import annotations

import gc
import time
import weakref
from unittest import mock

import pytest

from committee.live import heap
from committee.live.heap import QuietCollector
from committee.live.memory import MEMORY
from committee.live.metrics import METRICS
from tests.conftest import cookie_of


@pytest.fixture
def collector():
    """A collector whose last collection was long ago (the whole heap's just now), in a quiet room;
    the heap as it was afterwards (nothing frozen by these tests stays frozen)."""
    found = QuietCollector()
    found.last = time.monotonic() - heap.INTERVAL - 1
    METRICS.last_delivery = 0.0
    yield found
    gc.unfreeze()


class Socketish:
    """Stands for a phone's socket objects: a reference cycle (protocol and transport point at each
    other), freed only by the garbage collector once the socket is gone."""

    def __init__(self) -> None:
        self.transport = self


def due(collector: QuietCollector) -> None:
    collector.last = time.monotonic() - heap.INTERVAL - 1


def test_a_due_collection_runs_when_the_room_is_quiet_and_not_again_before_its_interval(collector):
    assert collector.tick()
    assert METRICS.gc_collections == 1
    assert not collector.tick()  # just ran: the next one in INTERVAL seconds
    assert METRICS.gc_collections == 1


def test_while_an_update_is_going_out_it_waits_until_it_is_overdue(collector):
    METRICS.last_delivery = time.monotonic()  # the relay is writing to the screens
    assert not collector.tick()
    assert METRICS.gc_collections == 0
    collector.last = time.monotonic() - heap.OVERDUE - 1
    assert collector.tick()  # never put off for good
    assert METRICS.gc_collections == 1


def test_while_a_ballot_box_is_writing_it_waits(collector):
    class Box:  # a committee's ballot box, writing a burst of ballots
        writes = True

        def writing(self):
            return self.writes

    box = MEMORY.of(1).box = Box()
    assert not collector.tick()
    box.writes = False
    assert collector.tick()


def test_what_survives_a_collection_is_frozen_and_later_ones_walk_only_what_is_new(collector):
    connected = Socketish()
    assert collector.tick()
    assert gc.get_freeze_count() > 0
    frozen = gc.get_freeze_count()
    left = weakref.ref(connected)
    del connected  # the phone leaves: its cycle is garbage, but frozen
    due(collector)
    assert collector.tick()
    assert left() is not None  # not walked: a collection costs what was made since the last one
    assert gc.get_freeze_count() >= frozen
    assert METRICS.gc_whole_heap == 0


def test_after_enough_sockets_closed_the_next_quiet_collection_frees_theirs(collector):
    connected = Socketish()
    collector.tick()
    left = weakref.ref(connected)
    del connected
    for _ in range(heap.CLOSED_FOR_WHOLE):
        collector.socket_closed()
    METRICS.last_delivery = time.monotonic()  # an update going out: not now
    collector.last = time.monotonic() - heap.OVERDUE - 1
    assert collector.tick()  # overdue: the new objects' collection runs in a busy room...
    assert left() is not None and METRICS.gc_whole_heap == 0  # ...the whole heap's waits
    # Quiet for the new objects' collection, not yet for the whole heap's (116-310 ms at scale).
    METRICS.last_delivery = time.monotonic() - (heap.QUIET_FOR + heap.WHOLE_QUIET_FOR) / 2
    due(collector)
    assert collector.tick()
    assert left() is not None and METRICS.gc_whole_heap == 0
    METRICS.last_delivery = 0.0  # quiet for long
    due(collector)
    assert collector.tick()
    assert left() is None  # the whole heap walked: the dropped socket's cycle freed
    assert METRICS.gc_whole_heap == 1 and collector.closed == 0


def test_the_whole_heap_is_walked_now_and_then_even_with_no_socket_closed(collector):
    connected = Socketish()
    collector.tick()
    left = weakref.ref(connected)
    del connected
    collector.last_whole = time.monotonic() - heap.WHOLE_EVERY - 1
    due(collector)
    assert collector.tick()
    assert left() is None and METRICS.gc_whole_heap == 1


def test_serving_switches_automatic_full_collections_off_and_runs_the_timer_on_the_reactor():
    before = gc.get_threshold()
    started = []
    try:
        with mock.patch("twisted.internet.reactor.callWhenRunning", lambda f, *a, **k: started.append((f, a))):
            heap.COLLECTOR.take_over()
        young, middle, full = gc.get_threshold()
        assert (young, middle) == before[:2] and full == heap._NEVER
    finally:
        gc.set_threshold(*before)
    [(start, args)] = started
    assert start.__self__.f == heap.COLLECTOR.tick and args == (heap.CHECK_EVERY,)


@pytest.mark.parametrize(("policy", "taken_over"), [("quiet", 1), ("python", 0)])
def test_the_policy_setting_says_who_runs_full_collections(policy, taken_over, test_settings, monkeypatch):
    test_settings.GC_POLICY = policy
    monkeypatch.setattr(heap, "settle", lambda: 0)
    calls = []
    monkeypatch.setattr(heap.COLLECTOR, "take_over", lambda: calls.append(1))
    heap.serve_with_policy()
    assert len(calls) == taken_over


@pytest.mark.django_db(transaction=True)
def test_a_phone_leaving_counts_towards_the_whole_heaps_collection(unodc, canada_phone, sockets):
    closed = heap.COLLECTOR.closed
    phone = sockets("/ws/c/unodc/delegate/", cookie_of(canada_phone))
    assert phone.connected
    phone.receive()  # the snapshot
    phone.close()
    assert heap.COLLECTOR.closed == closed + 1
