"""Python's full garbage collection, at a quiet moment rather than in the middle of a burst.

With a thousand phones connected, the objects of their sockets (made after start-up, so not frozen by
`manage.py serve`) make a full collection of the heap take 40-45 ms. Python starts one when enough
objects have been allocated, and nothing allocates like a burst: forty ballots at once, or a
reconnect storm. One such collection in a burst of ballots held the burst's transaction from 16 to
64 ms, and its slowest answers past 100 ms. Under `manage.py serve`, automatic full collections are
switched off (the young generations are collected as before); a timer runs one every INTERVAL
seconds, when no ballot box is busy and no update has been sent to the screens for a moment, and
regardless once it is overdue.

Each of these collections then freezes what survived it (`gc.freeze()`, as `manage.py serve` does
with the start-up heap): the sockets' objects are walked once, not every time, and the next
collection walks only what was made since, a few milliseconds however many phones are connected.
What dies among the frozen objects is mostly the sockets of phones that left: when enough of them
have closed (a reconnect storm), or ten minutes have passed, the next collection after a second of
quiet unfreezes the heap and walks all of it, and the cycles of a thousand dropped sockets are freed
before the next storm (sixteen storms of 1,000: memory flat). That walk includes the start-up heap:
116-310 ms with a thousand sockets, which is why it waits for a longer quiet and for a reason.
"""

from __future__ import annotations

import gc
import time

INTERVAL = 3.0  # seconds between collections
QUIET_FOR = 0.3  # seconds without an update sent before the room counts as quiet
OVERDUE = 30.0  # seconds after which a collection runs however busy the room is
CHECK_EVERY = 0.25  # seconds between two looks at the room
# The whole heap, frozen objects included (start-up's too: 116-310 ms with a thousand sockets, so
# only after a longer quiet): after this many sockets closed, or this many seconds.
CLOSED_FOR_WHOLE = 100
WHOLE_EVERY = 600.0
WHOLE_QUIET_FOR = 1.0  # seconds without an update sent before the whole heap is walked
WHOLE_OVERDUE = 3600.0  # the whole heap even in a busy room (ten times the sockets closed, likewise)
_NEVER = 10**9  # a third-generation threshold that automatic collection never reaches

collections = 0  # tests read them
whole_collections = 0
_last = _last_whole = time.monotonic()
_closed = 0  # sockets closed since the whole heap was last collected


def socket_closed() -> None:
    """A screen's socket closed: its objects, frozen with the rest, are garbage now."""
    global _closed
    _closed += 1


def quiet_for() -> float:
    """Seconds the room has been quiet: no ballot box at work and no update sent (0 when busy)."""
    from committee import ballots, relay

    if any(box.job is not None and not box.job.done() for box in ballots.boxes()):
        return 0.0
    return time.monotonic() - relay.last_delivery


def tick() -> bool:
    """Run a collection if one is due and the room is quiet (or it is overdue), then freeze what
    survived; the whole heap's when enough sockets closed or enough time passed (see above)."""
    global _last, _last_whole, _closed, collections, whole_collections
    now = time.monotonic()
    since = now - _last
    if since < INTERVAL:
        return False
    quiet = quiet_for()
    if quiet < QUIET_FOR and since < OVERDUE:
        return False
    whole_due = _closed >= CLOSED_FOR_WHOLE or now - _last_whole >= WHOLE_EVERY
    whole_overdue = _closed >= 10 * CLOSED_FOR_WHOLE or now - _last_whole >= WHOLE_OVERDUE
    whole = whole_due and (quiet >= WHOLE_QUIET_FOR or whole_overdue)
    if whole:
        gc.unfreeze()
    gc.collect()
    gc.freeze()
    _last = time.monotonic()
    collections += 1
    if whole:
        _last_whole, _closed = _last, 0
        whole_collections += 1
    return True


def take_over() -> None:
    """Switch Python's automatic full collections off and run them from the reactor's timer."""
    from twisted.internet import reactor, task

    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, _NEVER)
    reactor.callWhenRunning(task.LoopingCall(tick).start, CHECK_EVERY, now=False)
