"""The one module that reaches inside daphne, autobahn and Twisted: updates written straight to the
sockets daphne serves, and each socket's backpressure.

The public path always works: a screen's update is an ASGI message, `await send({"type":
"websocket.send", "text": ...})`; daphne hands it to autobahn, which frames it, and to Twisted, which
buffers it and writes it when the poller says the socket is writable. At a thousand phones that is a
framing and two poller registrations per socket and update: most of a broadcast's CPU
(docs/performance.md). The fast path, where every detail below is still there:

- an update is framed once for every screen of a group: autobahn's `PreparedMessage`, the API it
  offers for broadcasts (`sendPreparedMessage`);
- the frame goes to the socket at once when Twisted holds nothing for it (as asyncio's own transports
  do), else behind what Twisted holds, in order;
- Twisted says when a socket's buffer is full (its producer interface): the screen is then skipped,
  and sent its whole state once it drains; stuck for settings.LIVE["STUCK_FOR"], it is dropped.

- a socket's messages are counted where autobahn hands them to daphne (`onMessage`, the callback
  autobahn calls for each): beyond the screen's budget a message is dropped there, before daphne
  queues it; a socket that floods is told, closed (4429) and no longer read (`dropConnection`), so
  what it still sends costs neither parsing nor memory.

The details, each checked when the server starts (`check`, from config/asgi.py) and for every socket
(`writer_for`); one that is gone is logged loudly (once) and the screens are served by the public path:

1. daphne hands each application `send=functools.partial(Server.handle_reply, protocol)`
   (daphne/server.py, `create_application`): the protocol is the partial's first argument;
2. that protocol is autobahn's WebSocketServerProtocol: `state`, `STATE_OPEN`, `send_queue`,
   `sendPreparedMessage`, `registerProducer`, `dropConnection`, `transport`, and its callback
   `onMessage` (called through the instance: one socket's may be wrapped), `sendMessage`, `sendClose`;
3. autobahn's `PreparedMessage(payload, isBinary, applyMask, doNotCompress)` holds the frame's bytes in
   `payloadHybi`;
4. Twisted's TCP transport: `getHandle()` is its socket; `dataBuffer`, `offset` and `_tempDataBuffer`
   hold what waits to be written; `producer` is the HTTP channel that upgraded the connection.
"""

from __future__ import annotations

import functools
import logging
import socket
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings

from committee.live.metrics import METRICS

try:  # What `send` raises once the socket has closed: ASGI says an OSError; daphne lets autobahn's through.
    from autobahn.exception import Disconnected

    SOCKET_GONE: tuple[type[Exception], ...] = (OSError, Disconnected)
except ImportError:
    SOCKET_GONE = (OSError,)

log = logging.getLogger(__name__)

_PROTOCOL = (
    "STATE_OPEN",
    "sendPreparedMessage",
    "registerProducer",
    "dropConnection",
    "onMessage",
    "sendMessage",
    "sendClose",
)  # its class's
_CONNECTED = ("state", "send_queue", "transport")  # what a connected protocol holds
_TRANSPORT = ("_tempDataBuffer", "dataBuffer", "offset", "connected", "disconnecting", "getHandle")


class Details:
    """Which of the details the fast path needs this process has (`check`), said once if one is gone."""

    def __init__(self) -> None:
        self.missing: list[str] | None = None  # None: not checked yet
        self.gone_for: set[str] = set()  # why screens were served by the public path (said once each)

    @property
    def there(self) -> bool:
        return self.missing == []

    def check(self) -> list[str]:
        """Check every detail that can be checked before a socket exists; log loudly what is gone."""
        self.missing = _missing_details()
        if self.missing:
            self.gone("; ".join(self.missing))
        else:
            log.info("live: updates are written straight to daphne's sockets (fast path)")
        return self.missing

    def gone(self, what: str) -> None:
        if what not in self.gone_for:
            self.gone_for.add(what)
            log.error(
                "live: the fast path to daphne's sockets is off (%s): screens are sent their updates "
                "through ASGI, slower at scale and without backpressure. Check the versions of daphne, "
                "autobahn and Twisted against requirements.txt.",
                what,
            )


DETAILS = Details()


def check() -> list[str]:
    return DETAILS.check()


def _missing_details() -> list[str]:
    missing = []
    try:
        from daphne.server import Server

        if not callable(getattr(Server, "handle_reply", None)):
            missing.append("daphne's Server.handle_reply")
    except ImportError:
        missing.append("daphne")
    try:
        from autobahn.twisted.websocket import WebSocketServerProtocol

        missing += [f"autobahn's protocol.{name}" for name in _PROTOCOL if not hasattr(WebSocketServerProtocol, name)]
    except ImportError:
        missing.append("autobahn's Twisted protocol")
    try:
        wire = prepared(b"ok")
        if wire.payloadHybi != b"\x81\x02ok":
            missing.append("autobahn's PreparedMessage framing")
    except Exception:
        missing.append("autobahn's PreparedMessage.payloadHybi")
    try:
        from twisted.internet import abstract

        probe = abstract.FileDescriptor(reactor=object())  # not the reactor: daphne installs its own
        missing += [
            f"Twisted's transport.{n}" for n in ("_tempDataBuffer", "dataBuffer", "offset") if not hasattr(probe, n)
        ]
    except Exception:
        missing.append("Twisted's FileDescriptor")
    return missing


def prepared(data: bytes):
    """A server's text frame of `data`, built once for every socket it goes to."""
    from autobahn.websocket.protocol import PreparedMessage

    # A server's frames are not masked; the text is kept for a socket that negotiated compression
    # (daphne offers none), which autobahn then compresses and frames itself.
    return PreparedMessage(data, False, applyMask=False, doNotCompress=False)


class Frame:
    """One update as every screen of a group is sent it: the ASGI message, and its WebSocket frame
    built once for all the sockets written to by the fast path."""

    __slots__ = ("message", "_wire")

    def __init__(self, text: str) -> None:
        self.message = {"type": "websocket.send", "text": text}
        self._wire = None

    def wire(self):
        if self._wire is None:
            self._wire = prepared(self.message["text"].encode())
        return self._wire


# ---- one screen's way to its socket ---------------------------------------------------------------------


class PublicWriter:
    """The public path: each update an ASGI message to daphne (no backpressure: daphne buffers all)."""

    paused = False

    def __init__(self, send) -> None:
        self._send = send

    async def write(self, frame: Frame) -> None:
        METRICS.frames_public += 1
        try:
            await self._send(frame.message)
        except SOCKET_GONE:
            pass  # closed meanwhile (a frozen server woke up): its disconnect message follows

    def stuck(self) -> bool:
        return False

    def drop(self) -> None:
        pass


class DirectWriter:
    """The fast path for one socket; Twisted calls pauseProducing when the socket's write buffer is
    full and resumeProducing when it has drained: while paused, the screen is sent nothing."""

    def __init__(self, protocol: Any, on_drained, sock: socket.socket | None) -> None:
        self.protocol = protocol
        self.on_drained = on_drained
        self.paused_since: float | None = None
        self.socket = sock  # written at once when Twisted holds nothing for it (None under TLS)

    @property
    def paused(self) -> bool:
        return self.paused_since is not None

    def pauseProducing(self) -> None:  # noqa: N802 - Twisted's interface
        if self.paused_since is None:
            self.paused_since = time.monotonic()

    def resumeProducing(self) -> None:  # noqa: N802
        if self.paused_since is not None:
            self.paused_since = None
            self.on_drained()

    def stopProducing(self) -> None:  # noqa: N802
        self.paused_since = None

    def stuck(self) -> bool:
        return self.paused_since is not None and time.monotonic() - self.paused_since > settings.LIVE["STUCK_FOR"]

    def drop(self) -> None:
        try:
            self.protocol.dropConnection(abort=True)
        except Exception:
            log.exception("could not drop a stuck socket")

    async def write(self, frame: Frame) -> None:
        """As daphne would for a `websocket.send`, to an open socket only (once it closes, daphne drops
        what its application still sends)."""
        protocol = self.protocol
        if protocol.state != protocol.STATE_OPEN:
            return
        wire = frame.wire()
        if self.socket is None or protocol.send_queue or getattr(protocol, "_perMessageCompress", None):
            METRICS.frames_buffered += 1
            protocol.sendPreparedMessage(wire)  # autobahn's own way: behind its queue, or compressed
            return
        transport = protocol.transport
        data = wire.payloadHybi
        if transport.connected and not transport.disconnecting and not transport._tempDataBuffer:
            if len(transport.dataBuffer) == transport.offset:
                try:
                    sent = self.socket.send(data)
                except (BlockingIOError, InterruptedError):
                    sent = 0
                except OSError:
                    sent = 0  # the connection is gone: Twisted finds it so when it writes the rest
                if sent == len(data):
                    METRICS.frames_direct += 1
                    return
                data = data[sent:]
        METRICS.frames_buffered += 1
        transport.write(data)  # what the kernel did not take, after it and in order


def count_messages(send, admit: Callable[[], str], flooding: Callable[[], str]) -> bool:
    """Count this socket's messages where autobahn delivers them, before daphne queues them (False:
    not possible here, the consumer counts them as they come out of daphne's queue). `admit()` says
    read, drop or close (committee/limits.py, SocketBudget); on close, `flooding()` lets the screen
    go and gives the last words, sent before the close frame."""
    if not DETAILS.there:
        return False
    protocol = _protocol_of(send)
    if protocol is None:
        return False
    deliver = protocol.onMessage

    def on_message(payload, is_binary):
        verdict = admit()
        if verdict == "read":
            deliver(payload, is_binary)
        elif verdict == "close":
            words = flooding()
            try:
                protocol.sendMessage(words.encode())
                protocol.sendClose(code=4429)
            except Exception:
                log.exception("could not tell a flooding socket why it is closed")
            # No more parsing of what it has sent already, no more reading: the frames just written
            # go out, then the connection closes.
            protocol.dropConnection(abort=False)

    protocol.onMessage = on_message
    return True


def _protocol_of(send):
    """daphne's protocol behind a socket's `send`, when it is the one the fast path knows."""
    protocol = send.args[0] if isinstance(send, functools.partial) and send.args else None
    if protocol is None or not all(hasattr(protocol, n) for n in _PROTOCOL + _CONNECTED):
        return None
    return protocol


def writer_for(send, on_drained) -> DirectWriter | PublicWriter:
    """The way to this socket's screen: the fast path where daphne serves it and every detail is
    there, else the public path (said loudly, once per missing detail)."""
    if not DETAILS.there:
        return PublicWriter(send)
    protocol = _protocol_of(send)
    transport = getattr(protocol, "transport", None)
    if protocol is None:
        DETAILS.gone("daphne's send is not a partial of Server.handle_reply on an autobahn protocol")
        return PublicWriter(send)
    if not all(hasattr(transport, n) for n in _TRANSPORT):
        DETAILS.gone("Twisted's transport lacks " + ", ".join(n for n in _TRANSPORT if not hasattr(transport, n)))
        return PublicWriter(send)
    buffer = settings.LIVE["SEND_BUFFER"]
    try:
        transport.getHandle().setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, buffer)
        transport.bufferSize = buffer  # Twisted pauses its producer beyond this
    except (AttributeError, OSError):
        pass
    writer = DirectWriter(protocol, on_drained, _plain_socket(transport))
    try:
        if getattr(transport, "producer", None) is not None:
            # The HTTP channel that upgraded the connection is still the transport's producer (it
            # would only stop reading the socket when the buffer fills); a WebSocket's is its screen.
            transport.unregisterProducer()
        protocol.registerProducer(writer, True)
    except Exception:
        log.exception("cannot watch a socket's buffer: it is sent its updates through ASGI")
        return PublicWriter(send)
    return writer


def _plain_socket(transport: Any) -> socket.socket | None:
    """The socket of Twisted's TCP connection, where the writer may write to it itself: not under TLS
    (daphne serving https itself)."""
    if getattr(transport, "TLS", True):
        return None
    try:
        handle = transport.getHandle()
    except Exception:
        return None
    return handle if isinstance(handle, socket.socket) else None
