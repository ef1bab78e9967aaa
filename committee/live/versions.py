"""The one way a screen is found to have missed an update: what this process knows of a committee's
versions, against the version up to which every change has reached the screen.

The process learns of each version from the broadcasts it relays, and from the database at most every
few seconds (a process whose screens all missed a change learns of it too). A screen still behind a
version the process has known of for a second (settings.LIVE["OVERDUE_AFTER"]) missed it: its
broadcast reached the process's screens long before. The screen's heartbeat asks; it is then sent its
whole state once (committee/live/consumer.py).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from committee.live.doors import DoorKeeper


class VersionLedger:
    """When this process learnt of each newer version of one committee, oldest first (the last is the
    latest known); kept: the newest version already overdue, and those that are not yet."""

    def __init__(self, doors: DoorKeeper, clock: Callable[[], float] = time.monotonic) -> None:
        self.doors = doors
        self.clock = clock  # tests move it on
        self._noted: deque[tuple[int, float]] = deque()
        self._checked = -float("inf")  # when the database was last asked

    def note(self, version: int) -> None:
        noted = self._noted
        if not noted or version > noted[-1][0]:
            now = self.clock()
            noted.append((version, now))
            overdue_after = settings.LIVE["OVERDUE_AFTER"]
            while len(noted) > 1 and noted[1][1] <= now - overdue_after:
                noted.popleft()

    def overdue(self) -> int:
        """The newest version this process has known of for OVERDUE_AFTER seconds (-1: none)."""
        cutoff = self.clock() - settings.LIVE["OVERDUE_AFTER"]
        overdue = -1
        for version, when in self._noted:
            if when > cutoff:
                break
            overdue = version
        return overdue

    def known(self) -> int:
        return self._noted[-1][0] if self._noted else 0

    async def latest(self) -> int:
        """The latest version known, the database asked first if it was not for DATABASE_EVERY s."""
        now = self.clock()
        if now - self._checked > settings.LIVE["DATABASE_EVERY"]:
            self._checked = now  # before the await: one reader per process, not one per screen
            doors = await self.doors.fresh()
            self.note(doors.version if doors is not None else 0)
        return self.known()
