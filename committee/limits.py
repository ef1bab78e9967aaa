"""How fast a delegation's phones may act: a bucket of presses per delegation, refilled over time.

Every action takes the committee's lock for a few milliseconds. A phone (or a script posing as one)
sending hundreds of commands a second would hold it for everyone else; a delegation's phones may press
a dozen times at once (a thumb, a double tap, a retry) and then twice a second, which no person
exceeds. The chair's laptop is not limited. The count is kept by each server process: with several,
a delegation's phones spread over them get that rate from each.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from committee.errors import ActionError

BURST = 12  # presses a delegation's phones may make at once
PER_SECOND = 2.0  # and then, on average

clock = time.monotonic  # tests move time forward


@dataclass
class _Bucket:
    tokens: float
    at: float


_buckets: dict[tuple[int, int], _Bucket] = {}
_lock = threading.Lock()


def take(committee_id: int, delegation_id: int) -> bool:
    """Whether this delegation may press now (and count the press)."""
    now = clock()
    with _lock:
        bucket = _buckets.get((committee_id, delegation_id))
        if bucket is None:
            bucket = _buckets[(committee_id, delegation_id)] = _Bucket(BURST, now)
        bucket.tokens = min(BURST, bucket.tokens + (now - bucket.at) * PER_SECOND)
        bucket.at = now
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        return True


def require(committee_id: int, delegation_id: int, whose: str = "this delegation's") -> None:
    """Count a press, or refuse it in words when the delegation's phones press too fast."""
    if not take(committee_id, delegation_id):
        raise ActionError(f"Too many presses from {whose} phones: wait a moment, then try again.")


def forget() -> None:
    with _lock:
        _buckets.clear()
