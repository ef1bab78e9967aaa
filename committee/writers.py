"""Writers of the committees' floors, one at a time where the database needs it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


class Writers:
    """The writers of this process, queued in order before their transaction begins. Each request runs
    in a thread of its own: on SQLite, concurrent writers would otherwise meet at the database's lock,
    whose busy handler sleeps and retries (forty ballots at once took a second, mostly asleep). One
    turn at a time for SQLite (one writer for the whole file), one per committee elsewhere (PostgreSQL
    locks the committee's row). It also says whether a committee has writers under way: a merged
    broadcast waits for them (committee/live/merged.py)."""

    def __init__(self) -> None:
        self._locks: dict[object, threading.RLock] = {}
        self._under_way: dict[int, int] = {}
        self._guard = threading.Lock()

    @contextmanager
    def turn(self, committee_id: int) -> Iterator[None]:
        key = "sqlite" if connection.vendor == "sqlite" else committee_id
        with self._guard:
            lock = self._locks.setdefault(key, threading.RLock())
            self._under_way[committee_id] = self._under_way.get(committee_id, 0) + 1
        try:
            with lock:
                yield
        finally:
            with self._guard:
                self._under_way[committee_id] -= 1

    def busy(self, committee_id: int) -> bool:
        """Whether a writer of this committee is writing or waiting for its turn."""
        return self._under_way.get(committee_id, 0) > 0


WRITERS = Writers()
