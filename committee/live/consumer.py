"""One WebSocket consumer per committee screen: authenticate, subscribe, send a snapshot, relay.

It never writes in a group handler (that would run once per open page) and never raises on bad input:
an unhandled error would close the socket with 1011 and send every client into a reconnect loop. Bad
messages get an error fragment and the socket stays open.

It is an ASGI application (the interface daphne serves), reading its socket's messages one by one: a
screen holds no channel of its own (the process's relay, committee/live/relay.py, joins each group
once and writes each update to the screens of the group), and a message costs no hop to a thread
(every database call goes through database_sync_to_async, which closes old connections itself).
Channels' consumer classes give each socket a channel and hop to a thread for every message, a ping
included: at a thousand phones, a third of a core idle and twice the latency (docs/performance.md).
Connecting costs no database round trip per socket beyond the chair's sign-in: a phone shows a signed
cookie, the projector its link, both checked against the committee's doors read once for every socket
connecting meanwhile (committee/live/doors.py), and the snapshot is rendered once per committee
version and screen (committee/live/snapshots.py).
"""

from __future__ import annotations

import asyncio
import logging
import time

from channels.db import database_sync_to_async
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from committee.access import CHAIR, DELEGATE, PROJECTOR, board_actor, cookie_actor, phone_cookie_binding, session_user
from committee.contract import PARTS, run_command
from committee.errors import ActionError, AlreadyDone, LinkReplaced
from committee.languages import note_screen_language, screen_language
from committee.limits import SocketBudget
from committee.live import ballot_box, daphne_adapter
from committee.live.doors import Doors
from committee.live.heap import COLLECTOR
from committee.live.memory import MEMORY
from committee.live.messages import FLOODING, GONE, REFUSALS, notice, read_message
from committee.live.metrics import METRICS
from committee.live.render import committee_group, delegation_group
from committee.models import Committee
from committee.presses import press_id

log = logging.getLogger(__name__)

# Close codes of our own (4xxx): the page does not retry them.
CLOSE_FORBIDDEN = 4403
CLOSE_REVOKED = 4401
CLOSE_FLOODING = 4429  # the page waits a while before it connects again


class FloorConsumer:
    """One screen. `shown` is the committee version up to which every change has reached this screen
    (the snapshot's, then each next change in turn); `later` holds changes that arrived ahead of a
    missing one. The screen is sent its whole state again (once) when it fell behind: a change still
    missing a second after this process learnt of it (seen at its heartbeat: committee/live/versions.py),
    a `floor.lost` from the layer, or updates skipped while its socket could not drain."""

    committee_id: int | None = None
    allowed = False
    shown = -1
    delegation_id: int | None = None
    writer: daphne_adapter.DirectWriter | daphne_adapter.PublicWriter | None = None
    synced_at = 0.0

    @classmethod
    def as_asgi(cls):
        """The ASGI application: one FloorConsumer per socket."""

        async def app(scope, receive, send):
            await cls().serve(scope, receive, send)

        return app

    async def serve(self, scope, receive, send) -> None:
        self.scope, self.base_send = scope, send
        # Each message is counted before it is read: where autobahn delivers it when the fast path
        # is there (a flood is then cut off before daphne queues it), else as it comes out of the queue.
        budget = SocketBudget()
        counted_at_the_socket = daphne_adapter.count_messages(send, budget.admit, self.flooding)
        while True:
            message = await receive()
            kind = message["type"]
            if kind == "websocket.connect":
                await self.connect()
            elif kind == "websocket.receive":
                verdict = SocketBudget.READ if counted_at_the_socket else budget.admit()
                if verdict == SocketBudget.READ:
                    await self.receive(message.get("text"), message.get("bytes"))
                elif verdict == SocketBudget.CLOSE:
                    await self.close_flooding()
            elif kind == "websocket.disconnect":
                await self.disconnect(message.get("code", 1006))
                return

    async def accept(self) -> None:
        await self._to_socket({"type": "websocket.accept"})

    async def send(self, text_data: str) -> None:
        await self._to_socket({"type": "websocket.send", "text": text_data})

    async def close(self, code: int) -> None:
        await self._to_socket({"type": "websocket.close", "code": code})

    async def _to_socket(self, message: dict) -> None:
        try:
            await self.base_send(message)
        except daphne_adapter.SOCKET_GONE:
            # The socket closed while this was on its way (a server frozen, then woken up): not an
            # error. Its disconnect message comes next and ends this screen.
            log.info("a socket closed before a message reached it")

    # ---- connecting -----------------------------------------------------------------------------

    async def connect(self) -> None:
        self.queued: list[tuple[dict, daphne_adapter.Frame | None]] | None = []  # relayed while connecting
        self.later: set[int] = set()
        self.resyncing = False
        self.missed = False
        kwargs = self.scope["url_route"]["kwargs"]
        self.audience = kwargs["audience"]
        self.committee_id = await MEMORY.committee_id_for(kwargs["slug"])
        if self.committee_id is None:
            await self.refuse(_("There is no such committee."))
            return
        self.memory = MEMORY.of(self.committee_id)
        self.binding = None
        # The language its page was rendered in (committee/languages.py): its updates come in it.
        self.language = screen_language(self.scope)
        # Its refusals and notices too (this socket's task and the threads it hands work to).
        translation.activate(self.language)
        groups = [committee_group(self.committee_id, self.audience, self.language)]
        if self.audience == DELEGATE:
            self.binding = phone_cookie_binding(self.scope.get("cookies") or {}, self.committee_id)
            if self.binding is None:
                await self.refuse(REFUSALS[DELEGATE])
                return
            self.delegation_id = self.binding["id"]
            groups.append(delegation_group(self.committee_id, self.delegation_id, self.language))
        # Join first, then read: any change committed from now on reaches this screen as an update,
        # and the doors and the snapshot are read after joining, so none falls in between.
        relay = MEMORY.relay()
        for group in groups:
            await relay.join(group, self)
        doors = await self.memory.doors.fresh()
        if doors is None or not await self.may_see(doors):
            relay.leave(self)
            self.queued = None
            await self.refuse(REFUSALS[self.audience] if doors is not None else "There is no such committee.")
            return
        if self.language not in doors.languages:
            # The first screen in its language: broadcasts render it from now on (one missed
            # meanwhile is healed like any other).
            await database_sync_to_async(note_screen_language)(self.committee_id, self.language)
        await self.accept()
        self.writer = daphne_adapter.writer_for(self.base_send, self._drained)
        await self.send_snapshot(doors.version)
        # Updates that came while it connected follow the snapshot (the page keeps the newest of each
        # region), then the screen is open to the relay.
        queued, self.queued = self.queued, None
        if queued is None:
            return  # the socket closed while it connected
        self.allowed = True
        for event, frame in queued:
            await self.relay_update(event, frame)

    async def may_see(self, doors: Doors) -> bool:
        if self.audience == DELEGATE:
            return doors.phone_may_enter(self.binding)
        if self.audience == PROJECTOR:
            return (
                bool(doors.projector_token) and self.scope["url_route"]["kwargs"].get("token") == doors.projector_token
            )
        return await database_sync_to_async(self._board_actor)() is not None

    def _board_actor(self):
        """The chair's screen: its user, read afresh from its session at every check (a board role
        taken away, an account made inactive, a session signed out: the next check says so)."""
        committee = Committee.objects.filter(pk=self.committee_id).first()
        if committee is None:
            return None
        return board_actor(session_user(self.scope), committee)

    async def refuse(self, message: str) -> None:
        """Accept, say why, then close with a code that tells the page not to retry."""
        await self.accept()
        await self.send(text_data=notice(message))
        await self.close(code=CLOSE_FORBIDDEN)

    async def disconnect(self, code: int) -> None:
        self.allowed = False
        self.queued = None
        COLLECTOR.socket_closed()
        if self.committee_id is not None:
            MEMORY.relay().leave(self)

    async def send_snapshot(self, at_least: int = 0) -> None:
        version, html = await self.memory.snapshots.of(self.audience, self.delegation_id, self.language, at_least)
        if not self.allowed and self.queued is None:
            return  # closed meanwhile
        await self.send(text_data=html)
        self.shown = max(self.shown, version)
        self._absorb()

    # ---- what the relay brings ------------------------------------------------------------------

    async def relay_update(self, event: dict, frame: daphne_adapter.Frame | None) -> None:
        """An update for this screen's groups: relayed whatever its order (each region carries its
        version and the page keeps the newest); a gap is noted and healed at the next heartbeat."""
        if not self.allowed:
            if self.queued is not None:
                self.queued.append((event, frame))
            return
        writer = self.writer
        if writer.paused:
            self.missed = True  # its socket is not draining: it is sent its whole state when it does
            if writer.stuck():
                writer.drop()
            return
        if frame is not None:
            await writer.write(frame)
        change = event.get("change")
        if change is not None:
            self.memory.versions.note(change)
            # A merged broadcast (ballots) brings several versions at once.
            for version in event.get("covers") or (change,):
                if version > self.shown:
                    self.later.add(version)
            self._absorb()

    async def relay_event(self, event: dict) -> None:
        if not self.allowed:
            return
        kind = event.get("type")
        if kind == "access.check":
            await self.still_allowed()
        elif kind == "access.revoked":
            await self.access_revoked()
        elif kind == "floor.lost":
            await self.resync()

    def _drained(self) -> None:
        if self.missed and self.allowed:
            self.missed = False
            MEMORY.keep(asyncio.ensure_future(self.resync()))

    def _absorb(self) -> None:
        while self.shown + 1 in self.later:
            self.shown += 1
        self.later = {change for change in self.later if change > self.shown}

    # ---- what the page sends --------------------------------------------------------------------

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if not self.allowed:
            return
        message = read_message(text_data)
        if isinstance(message, str):
            await self.send(text_data=notice(message))
            return
        name = message.get("command")
        if name == "ping":
            await self.heartbeat()
            return
        if name == "sync":
            # A client that thinks it may have missed something asks for the whole state again (if
            # it is still allowed to see it): once a second at most, however often it asks.
            now = time.monotonic()
            if now - self.synced_at >= 1.0 and await self.still_allowed():
                self.synced_at = now
                await self.resync()
            return
        if name == "vote.cast" and self.audience == DELEGATE:
            await self.answer(self.cast_ballot(message), done=PARTS.command("vote.cast").done[DELEGATE])
            # The page forgets the press (pressed again, it is a new one): it was answered.
            if press := press_id(message.get("request")):
                await self.send(text_data=f"<!--answered {press}-->")
            return
        await self.answer(self.run(name, message))

    async def answer(self, press, done: str | None = None) -> None:
        """Carry out a press (an awaitable) and tell the page: done (when there is something to say),
        done already (and the whole state again, which shows it), refused in words, or failed."""
        try:
            await press
        except AlreadyDone as already:
            await self.send(text_data=notice(str(already), kind="info"))
            await self.resync()
        except ActionError as error:
            await self.send(text_data=notice(str(error)))
        except Exception:
            log.exception("a press failed")
            await self.send(text_data=notice(_("Something went wrong; nothing was changed. Try again.")))
        else:
            if done:
                await self.send(text_data=notice(done, kind="info"))

    async def cast_ballot(self, message: dict) -> None:
        """A phone's ballot goes in the committee's ballot box: a burst of them is written in one
        transaction (committee/live/ballot_box.py); the phone is answered once its ballot is committed."""
        await self.memory.presses.require_async(self.delegation_id, "your delegation")
        await ballot_box.box(self.committee_id).cast(self.binding, message, message.get("request"))

    async def run(self, name, message: dict) -> None:
        if self.audience == DELEGATE:
            # Counted before anything reads the database: a flood from one phone costs it nothing.
            await self.memory.presses.require_async(self.delegation_id, "your delegation")
        await database_sync_to_async(self._run)(name, message)

    def _run(self, name, message: dict) -> None:
        committee = Committee.objects.get(pk=self.committee_id)
        # Re-check the actor on every message: a join link may have been replaced, or a board member
        # removed from the board, since the socket connected.
        if self.audience == DELEGATE:
            actor = cookie_actor(self.scope.get("cookies") or {}, committee)
            if actor is None:
                raise LinkReplaced()
        elif self.audience == CHAIR:
            actor = self._board_actor()
            if actor is None:
                raise ActionError(_("You are no longer on this committee's Executive Board."))
        else:
            raise ActionError(_("The projector only shows the floor."))
        run_command(committee, actor, name, message, message.get("request"))

    async def heartbeat(self) -> None:
        """The page's ping: answer, with the latest version known; a screen still behind a version
        this process has known of for a second missed a change: it is sent its whole state, once, so a
        lost update is healed within one heartbeat of that second. The chair's and the projector's
        screens check they are still allowed (a board role removed, a projector link replaced, by any
        path)."""
        if self.audience != DELEGATE and not await self.still_allowed():
            return
        MEMORY.report_screens()
        latest = await self.memory.versions.latest()
        if self.shown < self.memory.versions.overdue():
            await self.resync()
        await self.send(text_data=f"<!--pong {latest}-->")

    async def resync(self) -> None:
        if self.resyncing:
            return
        self.resyncing = True
        try:
            METRICS.screens_resynced += 1
            await self.send_snapshot(self.memory.versions.known())
        finally:
            self.resyncing = False

    async def still_allowed(self) -> bool:
        """Is this socket's screen still this person's (or this link's) to see? If not, it says so and
        closes with a code that tells the page not to retry."""
        if not self.allowed:
            return False
        doors = await self.memory.doors.fresh()
        if doors is not None and await self.may_see(doors):
            return True
        self.allowed = False
        MEMORY.relay().leave(self)
        await self.send(text_data=notice(GONE[self.audience]))
        await self.close(code=CLOSE_FORBIDDEN)
        return False

    def flooding(self) -> str:
        """This socket sent far more than a page does: the screen stops here (the page, told with a
        code, waits before it connects again: static/js/live/connection.js). Its last words."""
        METRICS.sockets_flooding += 1
        log.warning(
            "a %s screen's socket sent messages faster than a page does (committee %s, delegation %s): closed",
            getattr(self, "audience", "new"),
            self.committee_id,
            self.delegation_id,
        )
        self.allowed, self.queued = False, None
        if self.committee_id is not None:
            MEMORY.relay().leave(self)
        return notice(FLOODING)

    async def close_flooding(self) -> None:
        """The same, where its messages are counted as they come out of daphne's queue."""
        await self.send(text_data=self.flooding())
        await self.close(code=CLOSE_FLOODING)

    async def access_revoked(self) -> None:
        self.allowed = False
        MEMORY.relay().leave(self)
        await self.send(text_data=render_to_string("committee/_revoked.html", {"oob": True}))
        await self.close(code=CLOSE_REVOKED)
