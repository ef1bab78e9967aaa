"""The embedded channel layer: Channels' in-memory layer, made safe for a busy room.

Channels' InMemoryChannelLayer is a development aid. In a room it turns a slow screen into a deaf one:
it drops what does not fit in 100 queued messages without telling anyone, and once a queued message
is 60 s old it removes the socket from every group, for good (the page still looks live). It also
scans every channel and every group membership on each receive and each group send, and deep-copies
each message once per recipient.

This layer keeps its interface and semantics for one process, with four changes:
- a channel stays in its groups until it leaves them, however slow it is;
- a queue that overflows is emptied and given one `floor.lost` message instead, so its reader knows
  it missed something and resyncs (a screen is never deaf without knowing it);
- no scan and no copy per recipient: a group send puts the same (read-only) message on each member's
  queue, and a receive reads one queue;
- a message sent from another event loop (a test's thread, a management command) is handed to the
  reader's loop thread-safely.

The screens do not hold channels here: each process's relay does (committee/live/relay.py), so a group
has one member per process and a broadcast is one queue put.
"""

from __future__ import annotations

import asyncio
from copy import deepcopy

from channels.layers import InMemoryChannelLayer

from committee.live.metrics import METRICS

LOST = {"type": "floor.lost"}


class RoomChannelLayer(InMemoryChannelLayer):
    def __init__(self, capacity: int = 500, **kwargs) -> None:
        super().__init__(capacity=capacity, **kwargs)
        self.readers: dict[str, asyncio.AbstractEventLoop] = {}  # the loop that reads each channel

    def _queue(self, channel: str) -> asyncio.Queue:
        queue = self.channels.get(channel)
        if queue is None:
            queue = self.channels[channel] = asyncio.Queue(maxsize=self.get_capacity(channel))
        return queue

    def _put(self, channel: str, message: dict) -> None:
        reader = self.readers.get(channel)
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if reader is not None and reader is not running and not reader.is_closed():
            reader.call_soon_threadsafe(self._put_here, channel, message)
        else:
            self._put_here(channel, message)

    def _put_here(self, channel: str, message: dict) -> None:
        queue = self._queue(channel)
        try:
            queue.put_nowait(message)
        except asyncio.QueueFull:
            # Everything queued is stale to this screen now: keep one marker that makes it resync.
            METRICS.layer_overflows += 1
            while not queue.empty():
                queue.get_nowait()
            queue.put_nowait(LOST)

    async def send(self, channel: str, message: dict) -> None:
        assert isinstance(message, dict), "message is not a dict"
        self.require_valid_channel_name(channel)
        self._put(channel, deepcopy(message))

    async def receive(self, channel: str) -> dict:
        self.require_valid_channel_name(channel)
        self.readers[channel] = asyncio.get_running_loop()
        return await self._queue(channel).get()

    async def group_add(self, group: str, channel: str) -> None:
        self.require_valid_group_name(group)
        self.require_valid_channel_name(channel)
        self.groups.setdefault(group, {})[channel] = None  # no expiry: membership ends with the socket

    async def group_send(self, group: str, message: dict) -> None:
        assert isinstance(message, dict), "message is not a dict"
        self.require_valid_group_name(group)
        shared = deepcopy(message)  # one copy for every member: consumers only read their messages
        for channel in list(self.groups.get(group, ())):
            self._put(channel, shared)

    def _clean_expired(self) -> None:
        """Nothing expires: a slow screen is served late (or told it lost messages), never dropped."""

    async def group_discard(self, group: str, channel: str) -> None:
        self.groups.get(group, {}).pop(channel, None)

    async def flush(self) -> None:
        self.channels = {}
        self.groups = {}
        self.readers = {}
