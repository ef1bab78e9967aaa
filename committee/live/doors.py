"""What a (re)connecting socket is checked against, read once for every socket asking meanwhile.

After a Wi-Fi blip a thousand phones reconnect within a second. Each must be checked (is its join
link still the current one?): done per socket, that would be a thousand reads. Here a committee's
`Doors` (its version, the projector link, a digest of each delegation's join link) are read by one
`FreshRead` for every socket that asks while a read is under way, and only after they asked: a socket
that joined its groups and then asks is never answered from a read older than its joining (a change
committed meanwhile reaches it either way).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Any

from channels.db import database_sync_to_async

from committee.access import token_digest
from committee.live.metrics import METRICS


class FreshRead:
    """At most one read at a time; a caller waits for a read that starts after it asked, shared with
    every caller that asked while it waited."""

    def __init__(self, fetch: Callable[[], Awaitable[Any]]):
        self.fetch = fetch
        self.running: asyncio.Future | None = None
        self.next: asyncio.Future | None = None

    async def get(self) -> Any:
        future = self.next
        if future is None:
            future = self.next = asyncio.get_running_loop().create_future()
            if self.running is None:
                self._start()
        return await asyncio.shield(future)

    def _start(self) -> None:
        future, self.next = self.next, None
        self.running = asyncio.ensure_future(self._run(future))

    async def _run(self, future: asyncio.Future) -> None:
        try:
            future.set_result(await self.fetch())
        except BaseException as error:  # noqa: B036 - handed to every waiter
            future.set_exception(error)
            future.exception()  # retrieved here too, so an error nobody awaits is not logged twice
        finally:
            self.running = None
            if self.next is not None:
                self._start()


@dataclass(frozen=True)
class Doors:
    committee_id: int
    version: int
    projector_token: str
    digests: dict[int, str] = field(default_factory=dict)  # delegation id -> digest of its join token
    languages: tuple[str, ...] = ()  # what its broadcasts are rendered in (Committee.languages)

    def phone_may_enter(self, binding: dict | None) -> bool:
        if not binding:
            return False
        digest = self.digests.get(binding.get("id"))
        return digest is not None and digest == binding.get("digest")


def read_doors(committee_id: int, known: Doors | None) -> Doors | None:
    """The committee's doors as the database has them (None: no such committee)."""
    from committee.models import Committee, Delegation

    METRICS.doors_reads += 1
    row = (
        Committee.objects.filter(pk=committee_id)
        .values_list("version", "projector_token", "language", "screen_languages")
        .first()
    )
    if row is None:
        return None
    version, projector_token, language, screen_languages = row
    languages = tuple(dict.fromkeys([language, *screen_languages]))
    if known is not None and known.version == version and known.projector_token == projector_token:
        # Every change of a join link bumps the version: nothing else to read.
        return known if known.languages == languages else replace(known, languages=languages)
    digests = {
        pk: token_digest(token)
        for pk, token in Delegation.objects.filter(committee_id=committee_id).values_list("pk", "join_token")
    }
    return Doors(committee_id, version, projector_token, digests, languages)


class DoorKeeper:
    """One committee's doors in this process: the newest read, and the read shared by those asking."""

    def __init__(self, committee_id: int) -> None:
        self.committee_id = committee_id
        self.known: Doors | None = None
        self._read = FreshRead(self._fetch)

    async def _fetch(self) -> Doors | None:
        doors = await database_sync_to_async(read_doors)(self.committee_id, self.known)
        if doors is not None and (self.known is None or doors.version >= self.known.version):
            self.known = doors
        return doors

    async def fresh(self) -> Doors | None:
        """The doors as they are now (read after this call; shared with others asking meanwhile)."""
        return await self._read.get()
