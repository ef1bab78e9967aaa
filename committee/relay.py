"""The relay: one channel on the layer per process, for every screen the process serves.

Channels' usual pattern gives each socket a channel of its own and its own group memberships, so one
broadcast becomes N layer deliveries, N consumer wake-ups and N dispatches, each with a hop to a worker
thread (to close old database connections) — at a thousand phones, half a second of CPU per change,
growing faster than the room. Here a process joins each group once, with one channel; a broadcast
reaches the process once, and the relay writes the same frame to each local screen of the group in a
plain loop, yielding to the event loop every few dozen sockets so that the chair's answer, requests
and pings go out meanwhile. The same path serves the embedded layer and Redis (one subscription per
group and process: a reconnect storm never touches Redis).

A screen that cannot keep up is not fed without bound: daphne's transport tells when its buffer is
full (Twisted's producer interface); the screen then misses updates (its memory stays bounded) and
resyncs once it drains, or is dropped (and reconnects) if it stays stuck.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import socket
import time
from typing import Any, Protocol

from channels.layers import get_channel_layer

log = logging.getLogger(__name__)

YIELD_EVERY = 48  # sockets written between two turns of the event loop
STUCK_FOR = 30.0  # seconds a screen's buffer may stay full before its connection is dropped
# What a socket may hold that its screen has not read yet, in the kernel and in daphne: a snapshot of
# the largest committee fits (300 delegations: under 300 KB), and a thousand frozen phones cannot pin
# the kernel's 4 MB each.
SEND_BUFFER = 256 * 1024
last_delivery = 0.0  # when the relay last began writing an update (committee/quiet_gc.py waits for quiet)


class Frame:
    """One update as every screen of a group is sent it: the ASGI message, and its WebSocket frame
    built once for all the sockets daphne serves (autobahn's PreparedMessage, its broadcast API: the
    text encoded and framed once, not once per socket)."""

    __slots__ = ("message", "_wire")

    def __init__(self, text: str) -> None:
        self.message = {"type": "websocket.send", "text": text}
        self._wire = None

    def wire(self):
        if self._wire is None:
            from autobahn.websocket.protocol import PreparedMessage

            # A server's frames are not masked; the text is kept for a socket that negotiated
            # compression (daphne offers none), which autobahn then compresses and frames itself.
            self._wire = PreparedMessage(self.message["text"].encode(), False, applyMask=False, doNotCompress=False)
        return self._wire


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
        self.delivered = 0  # frames written (the benchmark reads it)

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
                _spawn(screen.relay_event(message))
            return
        # An update with no HTML only tells the screens which versions it covers.
        frame = Frame(message["html"]) if message.get("html") else None
        global last_delivery
        last_delivery = time.monotonic()
        for n, screen in enumerate(screens, start=1):
            try:
                await screen.relay_update(message, frame)
                self.delivered += 1
            except Exception:
                log.exception("a screen could not be sent an update")
            if n % YIELD_EVERY == 0:
                await asyncio.sleep(0)


_TASKS: set[asyncio.Task] = set()


def _spawn(coroutine) -> None:
    task = asyncio.ensure_future(coroutine)
    _TASKS.add(task)
    task.add_done_callback(_TASKS.discard)


_RELAYS: dict[asyncio.AbstractEventLoop, Relay] = {}


def relay() -> Relay:
    """This event loop's relay (one per process under daphne; tests run their own loop)."""
    loop = asyncio.get_running_loop()
    found = _RELAYS.get(loop)
    if found is None:
        for old in [known for known in _RELAYS if known.is_closed()]:
            del _RELAYS[old]
        found = _RELAYS[loop] = Relay()
    return found


async def reset() -> None:
    """Tests: forget this loop's relay (its channels belonged to a layer that was flushed)."""
    found = _RELAYS.pop(asyncio.get_running_loop(), None)
    if found is not None:
        for reader in found.readers.values():
            reader.cancel()


# ---- backpressure: a screen whose socket is not draining ------------------------------------------


class Flow:
    """Twisted calls pauseProducing when a socket's write buffer is full and resumeProducing when it
    has drained: while paused, the screen is sent nothing (it resyncs when it resumes)."""

    def __init__(self, protocol: Any, on_resume, sock: socket.socket | None = None) -> None:
        self.protocol = protocol
        self.on_resume = on_resume
        self.paused_since: float | None = None
        self.socket = sock  # daphne's plain TCP socket, written at once when nothing waits (`write`)

    @property
    def paused(self) -> bool:
        return self.paused_since is not None

    def pauseProducing(self) -> None:  # noqa: N802 - Twisted's interface
        if self.paused_since is None:
            self.paused_since = time.monotonic()

    def resumeProducing(self) -> None:  # noqa: N802
        if self.paused_since is not None:
            self.paused_since = None
            self.on_resume()

    def stopProducing(self) -> None:  # noqa: N802
        self.paused_since = None

    def stuck(self) -> bool:
        return self.paused_since is not None and time.monotonic() - self.paused_since > STUCK_FOR

    def send(self, frame: Frame) -> None:
        """Write the frame to the socket, as daphne would for a `websocket.send` (to an open socket
        only: once it closes, daphne drops what its application still sends), without the ASGI
        message's way through daphne and autobahn's framing for each socket."""
        protocol = self.protocol
        if protocol.state != protocol.STATE_OPEN:
            return
        wire = frame.wire()
        if self.socket is None or protocol.send_queue or getattr(protocol, "_perMessageCompress", None):
            protocol.sendPreparedMessage(wire)  # autobahn's own way: behind its queue, or compressed
        else:
            self.write(wire.payloadHybi)

    def write(self, data: bytes) -> None:
        """Twisted buffers every write and sends it once the reactor finds the socket writable: two
        changes of the poller's registration and a turn of the loop per socket, most of a broadcast's
        cost at a thousand phones. When nothing is waiting in its buffer, the bytes go to the kernel
        at once, as asyncio's own transports do; what the kernel does not take now goes to Twisted's
        buffer, after them and in order, and the backpressure above works as before."""
        transport = self.protocol.transport
        if (
            transport.connected
            and not transport.disconnecting
            and not transport._tempDataBuffer
            and len(transport.dataBuffer) == transport.offset
        ):
            try:
                sent = self.socket.send(data)
            except (BlockingIOError, InterruptedError):
                sent = 0
            except OSError:
                sent = 0  # the connection is gone: Twisted finds it so when it writes the rest
            if sent == len(data):
                return
            data = data[sent:]
        transport.write(data)

    def drop(self) -> None:
        try:
            self.protocol.dropConnection(abort=True)
        except Exception:
            log.exception("could not drop a stuck socket")


def flow_for(send, on_resume) -> Flow | None:
    """A Flow on daphne's transport for this ASGI `send`, where the server is daphne (elsewhere, such
    as a test's communicator, there is no transport to watch)."""
    # Channels' session middleware (the chair's socket) wraps daphne's send: look through it.
    while not isinstance(send, functools.partial):
        send = getattr(getattr(send, "__self__", None), "real_send", None)
        if send is None:
            return None
    if not send.args:
        return None
    protocol = send.args[0]
    transport = getattr(protocol, "transport", None)
    if not hasattr(protocol, "registerProducer") or transport is None:
        return None
    try:
        transport.getHandle().setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
        transport.bufferSize = SEND_BUFFER  # Twisted pauses its producer beyond this
    except (AttributeError, OSError):
        pass
    flow = Flow(protocol, on_resume, _plain_socket(transport))
    try:
        if getattr(transport, "producer", None) is not None:
            # The HTTP channel that upgraded the connection is still the transport's producer (it
            # would only stop reading the socket when the buffer fills); a WebSocket's is the screen.
            transport.unregisterProducer()
        protocol.registerProducer(flow, True)
    except Exception:
        log.exception("cannot watch a socket's buffer: it is sent its updates without backpressure")
        return None
    return flow


def _plain_socket(transport: Any) -> socket.socket | None:
    """The socket of Twisted's TCP connection, where the relay may write to it itself (`Flow.write`):
    not under TLS (daphne serving https itself), and a transport whose buffer it can see."""
    if getattr(transport, "TLS", True) or not all(
        hasattr(transport, name) for name in ("_tempDataBuffer", "dataBuffer", "offset", "connected", "disconnecting")
    ):
        return None
    try:
        handle = transport.getHandle()
    except Exception:
        return None
    return handle if isinstance(handle, socket.socket) else None
