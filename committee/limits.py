"""How fast a delegation's phones may act: a bucket of presses per delegation, refilled over time.

Every action takes the committee's lock for a few milliseconds. A phone (or a script posing as one)
sending hundreds of commands a second would hold it for everyone else; a delegation's phones may press
a dozen times at once (a thumb, a double tap, a retry) and then twice a second, which no person
exceeds (settings.LIVE: PRESS_BURST, PRESS_PER_SECOND). The chair's laptop is not limited. The count
is kept by each server process, in the committee's memory (committee/live/memory.py): with several
processes, a delegation's phones spread over them get that rate from each. A press is counted where
it enters (the view, the socket), before anything reads the database for it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from committee.errors import ActionError


@dataclass
class _Bucket:
    tokens: float
    at: float


class PressLimits:
    """One committee's buckets, by delegation."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock  # tests move time forward
        self._buckets: dict[int, _Bucket] = {}
        self._guard = threading.Lock()

    def take(self, delegation_id: int) -> bool:
        """Whether this delegation may press now (and count the press)."""
        burst, per_second = settings.LIVE["PRESS_BURST"], settings.LIVE["PRESS_PER_SECOND"]
        now = self.clock()
        with self._guard:
            bucket = self._buckets.setdefault(delegation_id, _Bucket(burst, now))
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.at) * per_second)
            bucket.at = now
            if bucket.tokens < 1:
                return False
            bucket.tokens -= 1
            return True

    def require(self, delegation_id: int, name: str) -> None:
        """Count a press, or refuse it in words when the delegation's phones press too fast."""
        if not self.take(delegation_id):
            raise ActionError(f"Too many presses from {name}'s phones: wait a moment, then try again.")
