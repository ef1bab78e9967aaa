"""What this process keeps in memory for the live screens: one object per committee, and one for the
process that finds them.

Nothing of the live path is kept anywhere else: a committee's doors, its screens' snapshots, the
versions the process knows of, the regions it last sent, the changes waiting to be rendered together,
its ballot box and its phones' press counts (kept in Redis with several processes) are the attributes
of its `CommitteeMemory`. The process's `ProcessMemory` (MEMORY) holds them by committee, the
committees' slugs, the event loop that serves the process, its relay and its way to Redis. Tests
start each with `MEMORY.forget()` (their databases are new).
"""

from __future__ import annotations

import asyncio
import re
import threading
import time
from dataclasses import dataclass, field

from channels.db import database_sync_to_async
from django.conf import settings

from committee.limits import PressLimits, SharedCounts
from committee.live.census import Census
from committee.live.console_cards import ConsoleMemory
from committee.live.doors import DoorKeeper
from committee.live.metrics import METRICS
from committee.live.relay import Relay
from committee.live.snapshots import Snapshots
from committee.live.versions import VersionLedger
from committee.loops import for_this_loop


class SentRegions:
    """What each shared region last showed on each screen: (the version, its HTML without the version
    marks). A region rendered the same as at the version just before a broadcast is not sent again:
    forty ballots change the chair's tally, not the thousand phones' header."""

    _MARKS = re.compile(r' data-(?:v|now)="\d+"')

    def __init__(self) -> None:
        self._shown: dict[tuple[tuple[str, str], str], tuple[int, str]] = {}  # by ((screen, language), template)
        self._guard = threading.Lock()

    def changed(self, screen: tuple[str, str], rendered: list[tuple[str, str]], covered: list[int]) -> str:
        """Of these rendered regions, the HTML of those to send: the ones that differ from what the
        screens were sent at the version just before this broadcast's first (anything older may have
        been changed by another process)."""
        if not covered:
            return "".join(html for _, html in rendered)
        first, last = covered[0], covered[-1]
        sent = []
        with self._guard:
            for template, html in rendered:
                bare = self._MARKS.sub("", html)
                before = self._shown.get((screen, template))
                if before is not None and before[0] == first - 1 and before[1] == bare:
                    METRICS.regions_unchanged += 1
                else:
                    sent.append(html)
                if before is None or before[0] < last:
                    self._shown[(screen, template)] = (last, bare)
        return "".join(sent)


@dataclass
class WaitingChanges:
    """Merged changes (ballots) committed and not yet rendered (committee/live/merged.py)."""

    changes: set[str] = field(default_factory=set)
    delegation_ids: set[int] = field(default_factory=set)
    versions: list[int] = field(default_factory=list)
    last: float = 0.0  # when the last change joined (time.monotonic)


class CommitteeMemory:
    """What this process keeps for one committee's live screens."""

    def __init__(self, committee_id: int, shared: SharedCounts | None = None) -> None:
        self.committee_id = committee_id
        self.doors = DoorKeeper(committee_id)
        self.snapshots = Snapshots(committee_id)
        self.versions = VersionLedger(self.doors)
        self.sent = SentRegions()
        self.presses = PressLimits(committee_id, shared)
        self.waiting: WaitingChanges | None = None  # merged changes to render, with `waiting_guard`
        self.waiting_guard = threading.Lock()
        self.box = None  # its BallotBox, made with the first ballot (committee/live/ballot_box.py)


class ProcessMemory:
    def __init__(self) -> None:
        self._committees: dict[int, CommitteeMemory] = {}
        self._guard = threading.Lock()
        self._slugs: dict[str, int] = {}
        self._lookups: dict[str, asyncio.Future] = {}
        self._relays: dict[asyncio.AbstractEventLoop, Relay] = {}
        self._tasks: set[asyncio.Task] = set()
        self._shared: SharedCounts | None = None
        self._census: Census | None = None
        self.loop: asyncio.AbstractEventLoop | None = None  # noted by `Serving`
        self.console = ConsoleMemory()  # the secretariat's consoles' cards (committee/live/console.py)

    def of(self, committee_id: int) -> CommitteeMemory:
        found = self._committees.get(committee_id)
        if found is None:
            with self._guard:
                found = self._committees.setdefault(committee_id, CommitteeMemory(committee_id, self.shared_counts()))
        return found

    def shared_counts(self) -> SharedCounts | None:
        """Where the processes of a deployment count presses together (Redis), if there are several."""
        if not settings.REDIS_URL:
            return None
        where = (settings.REDIS_URL, settings.REDIS_PREFIX)
        if self._shared is None or (self._shared.url, self._shared.prefix) != where:
            self._shared = SharedCounts(settings.REDIS_URL, settings.REDIS_PREFIX)
        return self._shared

    def census(self) -> Census:
        """How this process counts the screens of every process for the consoles, and reports its own."""
        where = (settings.REDIS_URL or None, settings.REDIS_PREFIX)
        if self._census is None or (self._census.url, self._census.prefix) != where:
            self._census = Census(*where)
        return self._census

    def report_screens(self) -> None:
        """At each screen's ping: this process's screens counted for the other processes' consoles (in
        Redis, at most every few seconds), without holding up the ping's answer."""
        census = self.census()
        if census.due():
            self.keep(asyncio.ensure_future(census.report(self.relay())))

    # ---- the event loop that serves this process -----------------------------------------------------

    def serving_loop(self) -> asyncio.AbstractEventLoop | None:
        """The loop the server serves from, when this code runs in another thread of the server; None
        outside a server (a management command) or on the loop itself."""
        loop = self.loop
        if loop is None or loop.is_closed() or not loop.is_running():
            return None
        try:
            if asyncio.get_running_loop() is loop:
                return None
        except RuntimeError:
            pass
        return loop

    def relay(self) -> Relay:
        """This event loop's relay (one per process under daphne; tests run their own loops)."""
        return for_this_loop(self._relays, Relay)

    def screens(self) -> int:
        """How many screens this process serves (every loop's relay)."""
        return len({screen for relay in list(self._relays.values()) for screen in relay.all_screens()})

    def keep(self, task: asyncio.Task) -> None:
        """A task handed to the loop that nobody awaits (a send, a merged render): kept until done."""
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def settled(self) -> None:
        """Wait until the tasks handed to this loop are done (tests, shutdown)."""
        loop = asyncio.get_running_loop()
        while mine := [task for task in self._tasks if task.get_loop() is loop and not task.done()]:
            await asyncio.gather(*mine, return_exceptions=True)

    def busy(self) -> bool:
        """Whether a ballot box is writing (committee/live/heap.py waits for a quiet moment)."""
        return any(m.box is not None and m.box.writing() for m in list(self._committees.values()))

    def quiet_for(self) -> float:
        """Seconds the room has been quiet: no ballot box writing and no update sent (0 when busy)."""
        return 0.0 if self.busy() else time.monotonic() - METRICS.last_delivery

    # ---- committees by slug ---------------------------------------------------------------------------

    async def committee_id_for(self, slug: str) -> int | None:
        """The committee of a socket's path (remembered: a slug names one committee for good), looked
        up once for every socket that asks meanwhile."""
        if slug in self._slugs:
            return self._slugs[slug]
        lookup = self._lookups.get(slug)
        if lookup is None:
            lookup = self._lookups[slug] = asyncio.ensure_future(self._look_up(slug))
            lookup.add_done_callback(lambda _: self._lookups.pop(slug, None))
        return await asyncio.shield(lookup)

    async def _look_up(self, slug: str) -> int | None:
        from committee.models import Committee

        pk = await database_sync_to_async(
            lambda: Committee.objects.filter(slug=slug).values_list("pk", flat=True).first()
        )()
        if pk is not None:
            self._slugs[slug] = pk
        return pk

    def forget(self) -> None:
        """Tests: each test's database is new (the relays stay: their loop's screens leave them)."""
        with self._guard:
            self._committees.clear()
        self._slugs.clear()
        self.console.forget()
        self._lookups.clear()


MEMORY = ProcessMemory()


class Serving:
    """ASGI middleware (config/asgi.py): notes the event loop that serves this process (daphne's), to
    which a request's thread hands the broadcasts' sends without waiting for them."""

    def __init__(self, application) -> None:
        self.application = application

    async def __call__(self, scope, receive, send):
        MEMORY.loop = asyncio.get_running_loop()
        return await self.application(scope, receive, send)
