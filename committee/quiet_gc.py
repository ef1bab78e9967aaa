"""Python's full garbage collection, at a quiet moment rather than in the middle of a burst.

With a thousand phones connected, the objects of their sockets (made after start-up, so not frozen by
`manage.py serve`) make a full collection of the heap take 40-45 ms. Python starts one when enough
objects have been allocated, and nothing allocates like a burst: forty ballots at once, or a
reconnect storm. One such collection in a burst of ballots held the burst's transaction from 16 to
64 ms, and its slowest answers past 100 ms. Under `manage.py serve`, automatic full collections are
switched off (the young generations are collected as before); a timer runs one every INTERVAL
seconds, when no ballot box is busy and no update has been sent to the screens for a moment, and
regardless once it is overdue. Every 3 s rather than 10: the cycles of a thousand sockets dropped by a
reconnect storm are freed before the next storm (ten storms: memory flat, where 10 s let it climb).
"""

from __future__ import annotations

import gc
import time

INTERVAL = 3.0  # seconds between full collections
QUIET_FOR = 0.3  # seconds without an update sent before the room counts as quiet
OVERDUE = 30.0  # seconds after which a full collection runs however busy the room is
CHECK_EVERY = 0.25  # seconds between two looks at the room
_NEVER = 10**9  # a third-generation threshold that automatic collection never reaches

collections = 0  # tests read it
_last = time.monotonic()


def busy() -> bool:
    from committee import ballots, relay

    if any((box.job is not None and not box.job.done()) or box.coming for box in ballots.boxes()):
        return True
    return time.monotonic() - relay.last_delivery < QUIET_FOR


def tick() -> bool:
    """Run a full collection if one is due and the room is quiet (or it is overdue)."""
    global _last, collections
    since = time.monotonic() - _last
    if since < INTERVAL or (since < OVERDUE and busy()):
        return False
    gc.collect()
    _last = time.monotonic()
    collections += 1
    return True


def take_over() -> None:
    """Switch Python's automatic full collections off and run them from the reactor's timer."""
    from twisted.internet import reactor, task

    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, _NEVER)
    reactor.callWhenRunning(task.LoopingCall(tick).start, CHECK_EVERY, now=False)
