"""How fast a screen may talk to the server: a delegation's presses, and each socket's messages.

Presses. Every action takes the committee's lock for a few milliseconds. A phone (or a script posing
as one) sending hundreds of commands a second would hold it for everyone else; a delegation's phones
may press a dozen times at once (a thumb, a double tap, a retry) and then twice a second, which no
person exceeds (settings.LIVE: PRESS_BURST, PRESS_PER_SECOND). The chair's laptop is not limited. A
press is counted where it enters (the view, the socket), before anything reads the database for it.
With one process the count is kept in the committee's memory; with REDIS_URL set (several processes)
it is kept in Redis, so a delegation's phones spread over the processes get the rate once, not once
per process. If Redis cannot be reached the press is counted by this process alone (said in the log).

Messages. A screen's socket carries a ping every few seconds and a phone's ballots: a budget of
settings.LIVE SOCKET_BURST messages at once and SOCKET_PER_SECOND after is more than any page sends.
A message beyond it is dropped unread (no parsing, no database, no answer), and a socket that has had
SOCKET_DROPS messages dropped is flooding: it is closed (committee/live/consumer.py).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext as _

from committee.errors import ActionError
from committee.loops import for_this_loop

log = logging.getLogger(__name__)


class Bucket:
    """Tokens: `burst` at once, then `per_second` on average; one is taken per press or message."""

    __slots__ = ("tokens", "at")

    def __init__(self, tokens: float, at: float) -> None:
        self.tokens, self.at = tokens, at

    def take(self, now: float, burst: float, per_second: float) -> bool:
        self.tokens = min(burst, self.tokens + max(0.0, now - self.at) * per_second)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


# The same bucket in Redis, for every process at once; `now` is the caller's clock (wall time: the
# processes of one deployment share it), so tests can move it. Kept for as long as a full refill takes.
TAKE_IN_REDIS = """
local burst, per_second, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local held = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens, at = tonumber(held[1]) or burst, tonumber(held[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * per_second)
local taken = 0
if tokens >= 1 then tokens = tokens - 1; taken = 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(math.min(burst, 1e6) / per_second) + 1)
return taken
"""


class SharedCounts:
    """This process's way to the counts in Redis: one client for the request threads, one per event
    loop for the sockets (an asyncio client belongs to its loop)."""

    def __init__(self, url: str, prefix: str) -> None:
        self.url, self.prefix = url, prefix
        self._client = None
        self._loop_clients: dict[asyncio.AbstractEventLoop, object] = {}
        self._guard = threading.Lock()
        self._failed_said = False
        self._down_until = 0.0  # after a failure, Redis is not asked again for a few seconds

    @property
    def down(self) -> bool:
        return time.monotonic() < self._down_until

    def key(self, committee_id: int, delegation_id: int) -> str:
        return f"{self.prefix}:presses:{committee_id}:{delegation_id}"

    def take(self, key: str, args: list[float]) -> bool | None:
        """Whether the press may go (None: Redis could not be asked)."""
        import redis

        if self.down:
            return None
        with self._guard:
            if self._client is None:
                self._client = redis.Redis.from_url(self.url, socket_timeout=1.0)
                self._script = self._client.register_script(TAKE_IN_REDIS)
        try:
            return bool(self._script(keys=[key], args=args))
        except redis.RedisError as error:
            self._failed(error)
            return None

    async def take_async(self, key: str, args: list[float]) -> bool | None:
        import redis
        import redis.asyncio

        if self.down:
            return None
        script = for_this_loop(
            self._loop_clients,
            lambda: redis.asyncio.Redis.from_url(self.url, socket_timeout=1.0).register_script(TAKE_IN_REDIS),
        )
        try:
            return bool(await script(keys=[key], args=args))
        except redis.RedisError as error:
            self._failed(error)
            return None

    def _failed(self, error: Exception) -> None:
        self._down_until = time.monotonic() + 5.0
        if not self._failed_said:
            self._failed_said = True
            log.error("presses are counted by this process alone: Redis cannot be reached (%s)", error)


class PressLimits:
    """One committee's press counts, by delegation."""

    def __init__(self, committee_id: int, shared: SharedCounts | None = None, clock: Callable[[], float] = time.time):
        self.committee_id = committee_id
        self.shared = shared
        self.clock = clock  # tests move time forward
        self._buckets: dict[int, Bucket] = {}
        self._guard = threading.Lock()

    def _args(self) -> tuple[float, float, float]:
        return settings.LIVE["PRESS_BURST"], settings.LIVE["PRESS_PER_SECOND"], self.clock()

    def _take_here(self, delegation_id: int, burst: float, per_second: float, now: float) -> bool:
        with self._guard:
            bucket = self._buckets.setdefault(delegation_id, Bucket(burst, now))
            return bucket.take(now, burst, per_second)

    def take(self, delegation_id: int) -> bool:
        """Whether this delegation may press now (and count the press)."""
        burst, per_second, now = self._args()
        if self.shared is not None:
            taken = self.shared.take(self.shared.key(self.committee_id, delegation_id), [burst, per_second, now])
            if taken is not None:
                return taken
        return self._take_here(delegation_id, burst, per_second, now)

    async def take_async(self, delegation_id: int) -> bool:
        """The same, from a socket's event loop (Redis asked without blocking the loop)."""
        burst, per_second, now = self._args()
        if self.shared is not None:
            key = self.shared.key(self.committee_id, delegation_id)
            taken = await self.shared.take_async(key, [burst, per_second, now])
            if taken is not None:
                return taken
        return self._take_here(delegation_id, burst, per_second, now)

    def require(self, delegation_id: int, name: str) -> None:
        """Count a press, or refuse it in words when the delegation's phones press too fast."""
        if not self.take(delegation_id):
            raise _too_many(name)

    async def require_async(self, delegation_id: int, name: str) -> None:
        if not await self.take_async(delegation_id):
            raise _too_many(name)


def _too_many(name: str) -> ActionError:
    return ActionError(_("Too many presses from %(name)s's phones: wait a moment, then try again.") % {"name": name})


class SocketBudget:
    """What one socket may send. `admit()` says, for each message, whether to read it, drop it unread,
    or close the socket (once: it then drops whatever still comes until the socket is gone)."""

    READ, DROP, CLOSE = "read", "drop", "close"

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.bucket = Bucket(settings.LIVE["SOCKET_BURST"], clock())
        self.dropped = 0
        self.closed = False

    def admit(self) -> str:
        if self.closed:
            return self.DROP
        if self.bucket.take(self.clock(), settings.LIVE["SOCKET_BURST"], settings.LIVE["SOCKET_PER_SECOND"]):
            return self.READ
        self.dropped += 1
        if self.dropped >= settings.LIVE["SOCKET_DROPS"]:
            self.closed = True
            return self.CLOSE
        return self.DROP


REFUSED_AFTER = 1.0  # seconds before a request refused for its phone's pace is answered


class RequestPacing:
    """ASGI middleware (config/asgi.py): one phone's HTTP requests and socket handshakes are paced
    before Django or the live channel sees them.

    A phone's requests (known by its signed cookie, whichever committee it joined) may come
    REQUEST_BURST at once, then REQUEST_PER_SECOND: a page and its scripts, a press, a paper. Its
    delegation's socket handshakes have a pace of their own, CONNECT_BURST at once (every phone of a
    delegation reconnecting when the Wi-Fi comes back) then CONNECT_PER_SECOND: a script that floods
    its socket, is closed and connects again at once floods at that pace. A request
    beyond waits on the event loop for its turn (no thread, no database), so a phone that keeps a dozen
    requests in flight is served at that rate and no faster; with more than REQUESTS_WAITING waiting,
    the next is answered 429 (a second later). Requests without a phone's cookie are paced by the address they
    come from, three times as generously (a laptop's pages), except from this machine itself: a reverse
    proxy's requests all come from there (rate-limit at the proxy then). The chair's presses, signed in
    on a laptop, are never held up by a phone's."""

    def __init__(self, application, clock: Callable[[], float] = time.monotonic) -> None:
        self.application = application
        self.clock = clock
        self._buckets: dict[tuple, Bucket] = {}
        self._waiting: dict[tuple, int] = {}
        self._pruned_at = clock()

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.application(scope, receive, send)
        found = self.key_of(scope)
        if found is not None:
            key = (scope["type"], *found)
            wait = self.reserve(key)
            if wait is None:
                # Answered after a pause: a phone that keeps a dozen requests in flight gets a dozen
                # refusals a second, not thousands.
                await asyncio.sleep(REFUSED_AFTER)
                if scope["type"] == "websocket":
                    return await send({"type": "websocket.close", "code": 4429})  # refused: HTTP 403
                return await _too_many_requests(send)
            if wait > 0:
                self._waiting[key] = self._waiting.get(key, 0) + 1
                try:
                    await asyncio.sleep(wait)
                finally:
                    self._waiting[key] -= 1
        return await self.application(scope, receive, send)

    def key_of(self, scope) -> tuple | None:
        """("phone", committee, delegation) for a phone's signed cookie (checked as its socket checks
        it), else ("address", host); None: from this machine (a proxy), not paced here."""
        from django.http.cookie import parse_cookie

        from committee.access import phone_cookie_binding

        cookies = {}
        for name, value in scope.get("headers") or ():
            if name == b"cookie":
                cookies.update(parse_cookie(value.decode("latin-1")))
        for cookie in cookies:
            if cookie.startswith("phone-") and cookie[6:].isdigit():
                binding = phone_cookie_binding(cookies, int(cookie[6:]))
                if binding is not None:
                    return ("phone", int(cookie[6:]), binding["id"])
        host = (scope.get("client") or (None,))[0]
        if not host or host in ("127.0.0.1", "::1", "localhost"):
            return None
        return ("address", host)

    def reserve(self, key: tuple) -> float | None:
        """Seconds this request waits for its turn (0: now), or None: too many are waiting already.
        `key`: ("http" or "websocket", "phone" or "address", …)."""
        limits = settings.LIVE
        if key[0] == "websocket":
            # A delegation's phones all reconnect at once when the Wi-Fi comes back: their own pace.
            burst, per_second = limits["CONNECT_BURST"], limits["CONNECT_PER_SECOND"]
        else:
            scale = 1 if key[1] == "phone" else 3
            burst, per_second = limits["REQUEST_BURST"] * scale, limits["REQUEST_PER_SECOND"] * scale
        now = self.clock()
        self._prune(now, burst / per_second)
        bucket = self._buckets.setdefault(key, Bucket(burst, now))
        if bucket.take(now, burst, per_second):
            return 0.0
        if self._waiting.get(key, 0) >= limits["REQUESTS_WAITING"]:
            return None
        # Its turn is booked: the bucket goes below zero, and comes back to it when the turn is due.
        bucket.tokens -= 1
        return -bucket.tokens / per_second

    def _prune(self, now: float, refill: float) -> None:
        """Forget the buckets of phones and laptops that have been quiet long enough to be full again."""
        if now - self._pruned_at < 60:
            return
        self._pruned_at = now
        for key in [k for k, b in self._buckets.items() if now - b.at > refill and not self._waiting.get(k)]:
            del self._buckets[key]
            self._waiting.pop(key, None)


async def _too_many_requests(send) -> None:
    body = b"Too many requests from this phone at once: wait a moment, then try again."
    await send(
        {
            "type": "http.response.start",
            "status": 429,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"retry-after", b"2")],
        }
    )
    await send({"type": "http.response.body", "body": body})
