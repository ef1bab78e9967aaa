"""What a (re)connecting screen needs, read and rendered once per committee version, not once per socket.

After a Wi-Fi blip a thousand phones reconnect within a second. Each must be checked (is its join link
still the current one?) and sent the whole floor. Done per socket, that is a thousand sessions read, a
thousand floors loaded and rendered, one after the other on the one database thread. Here:

- `FreshRead` shares one database read among every caller that arrives while it waits, and only
  starts a read after the callers asked: a socket that joined its groups and then asks is never
  answered from a read older than its joining (a change committed meanwhile reaches it either way).
- `Doors` are what a socket is checked against, per committee: its version, the projector link, and
  a digest of each delegation's join link (re-read only when the version moved).
- `Snapshots` keeps each screen's rendering for the newest version it has rendered: shared regions
  once per audience, a phone's own regions once per delegation.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from channels.db import database_sync_to_async

from committee.access import DELEGATE, token_digest


class FreshRead:
    """At most one read at a time; a caller waits for a read that starts after it asked, shared with
    every caller that asked while it waited."""

    def __init__(self, fetch: Callable[[], Awaitable[Any]]):
        self.fetch = fetch
        self.running: asyncio.Future | None = None
        self.next: asyncio.Future | None = None
        self.reads = 0  # tests pin how few reads a storm costs

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
            self.reads += 1
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

    def phone_may_enter(self, binding: dict | None) -> bool:
        if not binding:
            return False
        digest = self.digests.get(binding.get("id"))
        return digest is not None and digest == binding.get("digest")


def _read_doors(committee_id: int, known: Doors | None) -> Doors | None:
    from committee.models import Committee, Delegation

    row = Committee.objects.filter(pk=committee_id).values_list("version", "projector_token").first()
    if row is None:
        return None
    version, projector_token = row
    if known is not None and known.version == version and known.projector_token == projector_token:
        return known  # every change of a join link bumps the version: nothing else to read
    digests = {
        pk: token_digest(token)
        for pk, token in Delegation.objects.filter(committee_id=committee_id).values_list("pk", "join_token")
    }
    return Doors(committee_id, version, projector_token, digests)


@dataclass
class Rendered:
    version: int
    pieces: list[str]  # the HTML split where the server's clock goes (data-now="..."), filled at send

    def html(self) -> str:
        return str(int(time.time() * 1000)).join(self.pieces)


_NOW = re.compile(r'(?<=data-now=")\d+(?=")')


class Room:
    """One committee's doors and snapshots in this process."""

    def __init__(self, committee_id: int):
        self.committee_id = committee_id
        self.doors: Doors | None = None
        self._doors_read = FreshRead(self._fetch_doors)
        self.state = None  # the newest FloorState loaded for snapshots
        self._state_read = FreshRead(self._fetch_state)
        self.rendered: dict[tuple[str, int | None], Rendered] = {}
        self._rendering: dict[tuple[str, int | None, int], asyncio.Future] = {}
        self.renders = 0  # tests pin how few renders a storm costs

    async def _fetch_doors(self) -> Doors | None:
        doors = await database_sync_to_async(_read_doors)(self.committee_id, self.doors)
        if doors is not None and (self.doors is None or doors.version >= self.doors.version):
            self.doors = doors
        return doors

    async def fresh_doors(self) -> Doors | None:
        """The doors as they are now (read after this call; shared with others asking meanwhile)."""
        return await self._doors_read.get()

    async def _fetch_state(self):
        from committee.state import load_floor

        state = await database_sync_to_async(load_floor)(self.committee_id)
        if self.state is None or state.version >= self.state.version:
            self.state = state
        return state

    async def snapshot(self, audience: str, delegation_id: int | None, at_least: int) -> tuple[int, str]:
        """Every region of this screen, rendered from a state of version `at_least` or newer: (the
        version it shows, the HTML). A phone's own regions come with its shared ones."""
        shared = await self._piece((audience, None), at_least)
        if audience != DELEGATE or delegation_id is None:
            return shared.version, shared.html()
        own = await self._piece((audience, delegation_id), at_least)
        return min(shared.version, own.version), shared.html() + own.html()

    async def _piece(self, key: tuple[str, int | None], at_least: int) -> Rendered:
        cached = self.rendered.get(key)
        if cached is not None and cached.version >= at_least:
            return cached
        state = self.state
        if state is None or state.version < at_least:
            state = await self._state_read.get()
        cached = self.rendered.get(key)
        if cached is not None and cached.version >= state.version:
            return cached
        job = (key[0], key[1], state.version)
        future = self._rendering.get(job)
        if future is None:
            future = self._rendering[job] = asyncio.ensure_future(self._render(key, state))
            future.add_done_callback(lambda _: self._rendering.pop(job, None))
        return await asyncio.shield(future)

    async def _render(self, key: tuple[str, int | None], state) -> Rendered:
        from committee import live

        audience, delegation_id = key

        def render() -> str:
            if delegation_id is None:
                return live.render_regions(state, audience, live.PARTS.snapshot(audience))
            return live.render_regions(state, audience, live.PARTS.own_regions(), row=state.row_for(delegation_id))

        html = await database_sync_to_async(render)()
        self.renders += 1
        rendered = Rendered(state.version, _NOW.split(html))
        current = self.rendered.get(key)
        if current is None or current.version <= rendered.version:
            self.rendered[key] = rendered
        return rendered


_ROOMS: dict[int, Room] = {}
_SLUGS: dict[str, int] = {}


def room(committee_id: int) -> Room:
    found = _ROOMS.get(committee_id)
    if found is None:
        found = _ROOMS[committee_id] = Room(committee_id)
    return found


_LOOKUPS: dict[str, asyncio.Future] = {}


async def committee_id_for(slug: str) -> int | None:
    """The committee of a socket's path (remembered: a slug names one committee for good), looked up
    once for every socket that asks meanwhile."""
    if slug in _SLUGS:
        return _SLUGS[slug]
    lookup = _LOOKUPS.get(slug)
    if lookup is None:
        lookup = _LOOKUPS[slug] = asyncio.ensure_future(_look_up(slug))
        lookup.add_done_callback(lambda _: _LOOKUPS.pop(slug, None))
    return await asyncio.shield(lookup)


async def _look_up(slug: str) -> int | None:
    from committee.models import Committee

    pk = await database_sync_to_async(
        lambda: Committee.objects.filter(slug=slug).values_list("pk", flat=True).first()
    )()
    if pk is not None:
        _SLUGS[slug] = pk
    return pk


def forget() -> None:
    """Tests start each with an empty memory (their databases are new)."""
    _ROOMS.clear()
    _SLUGS.clear()
    _LOOKUPS.clear()
