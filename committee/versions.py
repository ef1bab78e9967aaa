"""What this process knows of each committee's latest version, and since when.

The latest version comes from the broadcasts its screens receive, and from the database at most every
few seconds (so a process whose screens all missed a change learns of it too). A screen still behind a
version this process has known of for a second missed it: its broadcast reached the process's screens
long before (committee/consumers.py, the heartbeat).
"""

from __future__ import annotations

import time
from collections import deque

from committee import snapshots

_CHECKED: dict[int, float] = {}  # committee -> when the database was last asked
DATABASE_EVERY = 5.0
# When this process learnt of each newer version, oldest first (the last is the latest known): a
# screen still behind a version known for OVERDUE_AFTER seconds missed it (its broadcast reached this
# process's screens long before).
_NOTED: dict[int, deque[tuple[int, float]]] = {}
OVERDUE_AFTER = 1.0
clock = time.monotonic  # tests move it on


def note_latest(committee_id: int, version: int) -> None:
    noted = _NOTED.get(committee_id)  # called for every screen an update reaches: no new deque each time
    if noted is None:
        noted = _NOTED[committee_id] = deque()
    if not noted or version > noted[-1][0]:
        now = clock()
        noted.append((version, now))
        # Kept: the newest version already overdue, and the ones that are not yet.
        while len(noted) > 1 and noted[1][1] <= now - OVERDUE_AFTER:
            noted.popleft()


def overdue_version(committee_id: int) -> int:
    """The newest version this process has known of for OVERDUE_AFTER seconds (-1: none)."""
    cutoff = clock() - OVERDUE_AFTER
    overdue = -1
    for version, when in _NOTED.get(committee_id, ()):
        if when > cutoff:
            break
        overdue = version
    return overdue


def known(committee_id: int) -> int:
    noted = _NOTED.get(committee_id)
    return noted[-1][0] if noted else 0


async def latest_version(committee_id: int) -> int:
    """The latest version known, the database asked first if it was not for DATABASE_EVERY seconds."""
    now = clock()
    if now - _CHECKED.get(committee_id, 0.0) > DATABASE_EVERY:
        _CHECKED[committee_id] = now  # before the await: one reader per process, not one per screen
        doors = await snapshots.room(committee_id).fresh_doors()
        note_latest(committee_id, doors.version if doors is not None else 0)
    return known(committee_id)


def forget() -> None:
    """Tests: each test's database is new."""
    _CHECKED.clear()
    _NOTED.clear()
