"""A screen's snapshot (every region it shows), rendered once per committee version and screen, not
once per socket.

After a Wi-Fi blip a thousand phones reconnect within a second, and each must be sent the whole floor.
Done per socket, that is a thousand floors loaded and rendered. Here the floor is loaded once per
version (shared by every socket asking meanwhile), and each screen's snapshot rendered once from it:
the shared regions once per audience, a phone's own regions once per delegation. The server's clock
in it (`data-now`) is filled in when it is sent.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass

from channels.db import database_sync_to_async

from committee.access import DELEGATE
from committee.live.doors import FreshRead
from committee.live.metrics import METRICS
from committee.live.render import own_snapshot, shared_snapshot
from committee.state import FloorState, load_floor

_NOW = re.compile(r'(?<=data-now=")\d+(?=")')


@dataclass
class Rendered:
    version: int
    pieces: list[str]  # the HTML split where the server's clock goes (data-now="..."), filled at send

    def html(self) -> str:
        return str(int(time.time() * 1000)).join(self.pieces)


class Snapshots:
    """One committee's snapshots in this process: the newest floor loaded for them, and each screen's
    rendering of the newest version it was asked for."""

    def __init__(self, committee_id: int) -> None:
        self.committee_id = committee_id
        self.state: FloorState | None = None
        self._state_read = FreshRead(self._fetch_state)
        # By (screen, delegation or None, language).
        self.rendered: dict[tuple[str, int | None, str], Rendered] = {}
        self._rendering: dict[tuple[str, int | None, str, int], asyncio.Future] = {}

    async def _fetch_state(self) -> FloorState:
        state = await database_sync_to_async(load_floor)(self.committee_id)
        if self.state is None or state.version >= self.state.version:
            self.state = state
        return state

    async def of(self, audience: str, delegation_id: int | None, language: str, at_least: int) -> tuple[int, str]:
        """Every region of this screen, rendered in its language from a state of version `at_least` or
        newer: (the version it shows, the HTML). A phone's own regions come with its shared ones."""
        shared = await self._piece((audience, None, language), at_least)
        if audience != DELEGATE or delegation_id is None:
            return shared.version, shared.html()
        own = await self._piece((audience, delegation_id, language), at_least)
        return min(shared.version, own.version), shared.html() + own.html()

    async def _piece(self, key: tuple[str, int | None, str], at_least: int) -> Rendered:
        cached = self.rendered.get(key)
        if cached is not None and cached.version >= at_least:
            return cached
        state = self.state
        if state is None or state.version < at_least:
            state = await self._state_read.get()
        cached = self.rendered.get(key)
        if cached is not None and cached.version >= state.version:
            return cached
        job = (*key, state.version)
        future = self._rendering.get(job)
        if future is None:
            future = self._rendering[job] = asyncio.ensure_future(self._render(key, state))
            future.add_done_callback(lambda _: self._rendering.pop(job, None))
        return await asyncio.shield(future)

    async def _render(self, key: tuple[str, int | None, str], state: FloorState) -> Rendered:
        audience, delegation_id, language = key
        if delegation_id is None:
            html = await database_sync_to_async(shared_snapshot)(state, audience, language)
        else:
            html = await database_sync_to_async(own_snapshot)(state, delegation_id, language)
        METRICS.snapshot_renders += 1
        rendered = Rendered(state.version, _NOW.split(html))
        current = self.rendered.get(key)
        if current is None or current.version <= rendered.version:
            self.rendered[key] = rendered
        return rendered
