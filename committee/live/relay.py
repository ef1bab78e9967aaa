"""The relay: one channel on the layer per process, for every screen the process serves.

Channels' usual pattern gives each socket a channel of its own and its own group memberships, so one
broadcast becomes N layer deliveries and N consumer wake-ups: at a thousand phones, half a second of
CPU per change, growing faster than the room. Here a process joins each group once, with one channel;
a broadcast reaches the process once, and the relay writes the same frame to each screen of the group
in a plain loop, yielding to the event loop every few dozen sockets (settings.LIVE["RELAY_YIELD_EVERY"])
so that the chair's answer, requests and pings go out meanwhile. The same path serves the embedded
layer and Redis (one subscription per group and process: a reconnect storm never touches Redis).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Protocol

from channels.layers import get_channel_layer
from django.conf import settings

from committee.live.daphne_adapter import Frame
from committee.live.metrics import METRICS

log = logging.getLogger(__name__)


class Screen(Protocol):
    async def relay_update(self, event: dict, frame: Frame | None) -> None: ...

    async def relay_event(self, event: dict) -> None: ...


class Relay:
    """The screens of one process (one event loop), by group: one layer channel and one reader per
    group, whatever the number of screens in it."""

    def __init__(self) -> None:
        self.members: dict[str, dict[Screen, None]] = {}  # insertion-ordered sets
        self.readers: dict[str, asyncio.Task] = {}
        self._joining: dict[str, asyncio.Future] = {}
        self._tasks: set[asyncio.Task] = set()

    async def join(self, group: str, screen: Screen) -> None:
        self.members.setdefault(group, {})[screen] = None
        reader = self.readers.get(group)
        if reader is not None and not reader.done():
            return
        joining = self._joining.get(group)
        if joining is None:
            joining = self._joining[group] = asyncio.ensure_future(self._subscribe(group))
            joining.add_done_callback(lambda _: self._joining.pop(group, None))
        await asyncio.shield(joining)

    async def _subscribe(self, group: str) -> None:
        layer = get_channel_layer()
        channel = await layer.new_channel("relay.")
        await layer.group_add(group, channel)
        self.readers[group] = asyncio.ensure_future(self._read(layer, group, channel))

    def leave(self, screen: Screen) -> None:
        for members in self.members.values():
            members.pop(screen, None)

    def screens(self, group: str) -> list[Screen]:
        return list(self.members.get(group, ()))

    def all_screens(self) -> list[Screen]:
        return [screen for members in list(self.members.values()) for screen in list(members)]

    async def _read(self, layer, group: str, channel: str) -> None:
        while True:
            try:
                message = await layer.receive(channel)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("the relay could not read the channel layer for %s; retrying", group)
                await asyncio.sleep(0.5)
                continue
            try:
                await self.deliver(group, message)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("the relay failed to deliver %s to %s", message.get("type"), group)

    async def deliver(self, group: str, message: dict) -> None:
        screens = self.screens(group)
        if message.get("type") != "floor.update":
            # Access checks, a revoked link, "the layer lost messages": each screen sees to it.
            for screen in screens:
                task = asyncio.ensure_future(screen.relay_event(message))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
            return
        # An update with no HTML only tells the screens which versions it covers.
        frame = Frame(message["html"]) if message.get("html") else None
        METRICS.last_delivery = time.monotonic()
        every = settings.LIVE["RELAY_YIELD_EVERY"]
        for n, screen in enumerate(screens, start=1):
            try:
                await screen.relay_update(message, frame)
            except Exception:
                log.exception("a screen could not be sent an update")
            if n % every == 0:
                await asyncio.sleep(0)
