"""How many screens watch each committee, over every process of a deployment.

A process knows the screens its own relay serves (its groups' members). With several processes
(REDIS_URL), each also writes its counts into Redis, at most every REPORT_EVERY seconds, when one of its
screens pings (every screen does, every 2.5 s): one hash per committee, a field per process holding its
counts and when they were taken. The secretariat's console adds up the fields younger than FRESH_FOR
to its own process's counts, taken now: a process that stopped, or whose screens all left, drops out
within seconds. With one process, its own counts are the whole.

If Redis cannot be reached, the console counts this process's screens alone (said in the log once), and
Redis is asked again five seconds later.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
import socket
import time
from collections.abc import Callable, Iterable

from committee import languages
from committee.access import AUDIENCES
from committee.live.relay import Relay
from committee.live.render import committee_group, committee_of_group
from committee.loops import for_this_loop

log = logging.getLogger(__name__)

REPORT_EVERY = 2.0  # seconds between two reports of one process
FRESH_FOR = 8.0  # seconds a report counts (a few missed reports, and a clock a little off)
KEPT_FOR = 60  # seconds Redis keeps a committee's hash once nobody writes it
Counts = dict[str, int]  # screens by audience: {"chair": 1, "delegate": 40, "projector": 2}


def counted_here(relay: Relay, committee_id: int) -> Counts:
    """The screens of each kind this process serves for the committee, in every language."""
    return {
        audience: sum(
            len(relay.members.get(committee_group(committee_id, audience, language), ()))
            for language in languages.codes()
        )
        for audience in AUDIENCES
    }


class Census:
    """This process's part of the count: what it reports, and the sum its consoles show."""

    def __init__(self, url: str | None, prefix: str, clock: Callable[[], float] = time.time) -> None:
        self.url, self.prefix = url, prefix
        self.clock = clock  # wall time: the processes may run on several machines; tests move it
        self.process = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self._clients: dict[asyncio.AbstractEventLoop, object] = {}  # an asyncio client belongs to its loop
        self._reported_at = float("-inf")  # time.monotonic() of the last report
        self._reported: set[int] = set()  # the committees of the last report
        self._failed_said = False
        self._down_until = float("-inf")  # after a failure, Redis is not asked again for a few seconds

    @property
    def shared(self) -> bool:
        """Whether the counts go through Redis now: several processes, and Redis not just failed."""
        return bool(self.url) and time.monotonic() >= self._down_until

    def key(self, committee_id: int) -> str:
        return f"{self.prefix}:screens:{committee_id}"

    def _client(self):
        import redis.asyncio

        return for_this_loop(self._clients, lambda: redis.asyncio.Redis.from_url(self.url, socket_timeout=1.0))

    def due(self) -> bool:
        """Whether this process reports now: never with one process (no Redis), else at most every
        REPORT_EVERY seconds (the report is counted as made, so the pings meanwhile start no other)."""
        now = time.monotonic()
        if not self.shared or now - self._reported_at < REPORT_EVERY:
            return False
        self._reported_at = now
        return True

    async def report(self, relay: Relay) -> None:
        """Write this process's counts of every committee it serves; a committee whose screens all
        left since the last report loses this process's field."""
        import redis

        served = set()
        for group, screens in list(relay.members.items()):
            found = committee_of_group(group)
            if found is not None and screens:
                served.add(found[0])
        counts = {pk: counted_here(relay, pk) for pk in served}
        gone, self._reported = self._reported - set(counts), set(counts)
        at = self.clock()
        try:
            async with self._client().pipeline(transaction=False) as pipe:
                for pk, here in counts.items():
                    pipe.hset(self.key(pk), self.process, json.dumps({"at": at, "counts": here}))
                    pipe.expire(self.key(pk), KEPT_FOR)
                for pk in gone:
                    pipe.hdel(self.key(pk), self.process)
                await pipe.execute()
        except redis.RedisError as error:
            self._failed(error)

    async def everywhere(self, relay: Relay, committee_ids: Iterable[int]) -> dict[int, Counts]:
        """Each committee's screens over every process: this one's counted now, the others' as they
        last reported (if not too long ago)."""
        import redis

        ids = list(committee_ids)
        totals = {pk: counted_here(relay, pk) for pk in ids}
        if not self.shared:
            return totals
        try:
            async with self._client().pipeline(transaction=False) as pipe:
                for pk in ids:
                    pipe.hgetall(self.key(pk))
                reports = await pipe.execute()
        except redis.RedisError as error:
            self._failed(error)
            return totals
        oldest = self.clock() - FRESH_FOR
        for pk, fields in zip(ids, reports, strict=True):
            for process, value in fields.items():
                if process.decode() == self.process:
                    continue
                report = json.loads(value)
                if report["at"] >= oldest:
                    for audience, count in report["counts"].items():
                        totals[pk][audience] = totals[pk].get(audience, 0) + count
        return totals

    def _failed(self, error: Exception) -> None:
        self._down_until = time.monotonic() + 5.0
        if not self._failed_said:
            self._failed_said = True
            log.error("the console counts this process's screens alone: Redis cannot be reached (%s)", error)
