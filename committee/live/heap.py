"""Python's full garbage collections at quiet moments, not in the middle of a burst (settings.GC_POLICY
= "quiet", the default under `manage.py serve`; "python" leaves them to Python).

`settle` runs before the server serves: the application is built, every template of the project
compiled and the URLs resolved, then `gc.freeze()` sets all of it aside from the collector, whose full
collections walk every object the process holds: with the start-up heap among them, one inside a burst
of ballots held up its slowest answers.

With a thousand phones connected, their sockets' objects make a full collection long again, and a
burst's allocations trigger it. So automatic full collections are switched off (the young generations
are collected as before) and a timer on the reactor runs one every INTERVAL seconds when no ballot box
is writing and no update has gone out for QUIET_FOR seconds, and regardless once it is OVERDUE. Each
then freezes what survived it: the next walks only what was made since. What dies among the frozen
objects is mostly the sockets of phones that left: once CLOSED_FOR_WHOLE sockets closed, or
WHOLE_EVERY seconds passed, the next collection after WHOLE_QUIET_FOR seconds of quiet unfreezes the
heap and walks all of it. The figures that chose these values are in docs/performance.md.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path

from django.conf import settings

from committee.live.memory import MEMORY
from committee.live.metrics import METRICS

INTERVAL = 3.0  # seconds between collections
QUIET_FOR = 0.3  # seconds without an update sent before the room counts as quiet
OVERDUE = 30.0  # seconds after which a collection runs however busy the room is
CHECK_EVERY = 0.25  # seconds between two looks at the room
# The whole heap, frozen objects included, after this many sockets closed or this many seconds, at a
# longer quiet; regardless (however busy the room) after ten times as many or WHOLE_OVERDUE.
CLOSED_FOR_WHOLE = 100
WHOLE_EVERY = 600.0
WHOLE_QUIET_FOR = 1.0
WHOLE_OVERDUE = 3600.0
_NEVER = 10**9  # a third-generation threshold that automatic collection never reaches


class QuietCollector:
    def __init__(self) -> None:
        self.last = self.last_whole = time.monotonic()
        self.closed = 0  # sockets closed since the whole heap was last walked

    def socket_closed(self) -> None:
        """A screen's socket closed: its objects, frozen with the rest, are garbage now."""
        self.closed += 1

    def tick(self) -> bool:
        """Run a collection if one is due and the room is quiet (or it is overdue), then freeze what
        survived; the whole heap's when enough sockets closed or enough time passed."""
        now = time.monotonic()
        since = now - self.last
        if since < INTERVAL:
            return False
        quiet = MEMORY.quiet_for()
        if quiet < QUIET_FOR and since < OVERDUE:
            return False
        due = self.closed >= CLOSED_FOR_WHOLE or now - self.last_whole >= WHOLE_EVERY
        overdue = self.closed >= 10 * CLOSED_FOR_WHOLE or now - self.last_whole >= WHOLE_OVERDUE
        whole = due and (quiet >= WHOLE_QUIET_FOR or overdue)
        if whole:
            gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.last = time.monotonic()
        METRICS.gc_collections += 1
        if whole:
            self.last_whole, self.closed = self.last, 0
            METRICS.gc_whole_heap += 1
        return True

    def take_over(self) -> None:
        """Switch Python's automatic full collections off and run them from the reactor's timer."""
        from twisted.internet import reactor, task

        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, _NEVER)
        reactor.callWhenRunning(task.LoopingCall(self.tick).start, CHECK_EVERY, now=False)


COLLECTOR = QuietCollector()


def settle() -> int:
    """Build what every request uses, then freeze the heap start-up made. Returns how many templates
    were compiled."""
    from django.template import engines
    from django.urls import reverse
    from django.utils.module_loading import import_string

    import_string(settings.ASGI_APPLICATION)  # builds the application and seals the floor's parts

    reverse("home")  # the first lookup builds the URL resolver's tables, here rather than in a request
    compiled = 0
    base = Path(settings.BASE_DIR).resolve()
    for engine in engines.all():
        for folder in engine.template_dirs:
            folder = Path(folder).resolve()
            if not folder.is_relative_to(base) or "site-packages" in folder.parts:
                continue  # installed packages' (the admin's) compile when first used
            for path in sorted(folder.rglob("*.html")):
                engine.get_template(path.relative_to(folder).as_posix())
                compiled += 1
    gc.collect()
    gc.freeze()
    return compiled


def serve_with_policy() -> None:
    """Under `manage.py serve`, before the reactor runs: the heap settled, and the collections of
    settings.GC_POLICY."""
    settle()
    if settings.GC_POLICY == "quiet":
        COLLECTOR.take_over()
