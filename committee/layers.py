"""The embedded channel layer: Channels' in-memory layer, made safe for a busy room.

Channels' InMemoryChannelLayer is a development aid. In a room it turns a slow screen into a deaf one:
it drops what does not fit in 100 queued messages without telling anyone, and once a queued message
is 60 s old it removes the socket from every group, for good (the page still looks live). It also
scans every channel and every group membership on each receive and each group send, and deep-copies
each message once per recipient.

This layer keeps its interface and semantics for one process, with three changes:
- a socket stays in its groups until it leaves them (disconnect), however slow it is;
- a queue that overflows is emptied and given one `floor.lost` message instead, so the consumer knows
  it missed something and resyncs (a screen is never deaf without knowing it);
- no scan and no copy per recipient: a group send puts the same (read-only) message on each member's
  queue, and a receive reads one queue.
"""

from __future__ import annotations

import asyncio
from copy import deepcopy

from channels.layers import InMemoryChannelLayer

LOST = {"type": "floor.lost"}


class RoomChannelLayer(InMemoryChannelLayer):
    def __init__(self, capacity: int = 500, **kwargs) -> None:
        super().__init__(capacity=capacity, **kwargs)
        self.lost = 0  # how many times a queue overflowed (tests and the benchmark read it)

    def _queue(self, channel: str) -> asyncio.Queue:
        queue = self.channels.get(channel)
        if queue is None:
            queue = self.channels[channel] = asyncio.Queue(maxsize=self.get_capacity(channel))
        return queue

    def _put(self, channel: str, message: dict) -> None:
        queue = self._queue(channel)
        try:
            queue.put_nowait(message)
        except asyncio.QueueFull:
            # Everything queued is stale to this screen now: keep one marker that makes it resync.
            self.lost += 1
            while not queue.empty():
                queue.get_nowait()
            queue.put_nowait(LOST)

    async def send(self, channel: str, message: dict) -> None:
        assert isinstance(message, dict), "message is not a dict"
        self.require_valid_channel_name(channel)
        self._put(channel, deepcopy(message))

    async def receive(self, channel: str) -> dict:
        self.require_valid_channel_name(channel)
        queue = self._queue(channel)
        try:
            return await queue.get()
        finally:
            if queue.empty() and self.channels.get(channel) is queue:
                del self.channels[channel]

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

    async def flush(self) -> None:
        self.channels = {}
        self.groups = {}
