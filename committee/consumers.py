"""One WebSocket consumer per committee screen: authenticate, subscribe, send a snapshot, relay.

It never writes in a group handler (that would run once per open page) and never raises on bad
input: an unhandled error would close the socket with 1011 and send every client into a reconnect
loop. Bad messages get an error fragment and the socket stays open.

A screen holds no channel of its own: the process's relay (committee/relay.py) joins each group once
and writes each update to the screens of the group. Connecting costs no database round trip per
socket beyond the chair's sign-in: a phone shows a signed cookie, the projector its link, both checked
against the committee's doors read once for every socket connecting meanwhile, and the snapshot is
rendered once per committee version and screen (committee/snapshots.py).
"""

from __future__ import annotations

import json
import logging
import time

from channels.db import database_sync_to_async
from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncWebsocketConsumer
from django.template.loader import render_to_string

from committee import ballots, limits, live, quiet_gc, relay, snapshots, versions
from committee.access import CHAIR, DELEGATE, PROJECTOR, board_actor, cookie_actor, phone_cookie_binding
from committee.errors import ActionError, AlreadyDone, LinkReplaced
from committee.models import Committee
from committee.parts import PARTS, press_id, run_command

log = logging.getLogger(__name__)

# Close codes of our own (4xxx): the page does not retry them.
CLOSE_FORBIDDEN = 4403
CLOSE_REVOKED = 4401
# Whole-message limits, checked before parsing: a screen sends commands of a few hundred bytes.
MAX_MESSAGE_BYTES = 16 * 1024
MAX_DEPTH = 8


def too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether JSON text nests objects or arrays deeper than `limit` (strings are skipped), without
    parsing it: deep nesting would exhaust the parser's recursion."""
    if text.count("{") + text.count("[") <= limit:
        return False
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def read_message(text_data: str | None) -> dict | str:
    """The message as a dict, or the sentence that says why it could not be read."""
    if text_data is None:
        return "That message could not be read (send text, not binary)."
    if len(text_data) > MAX_MESSAGE_BYTES:
        return "That message could not be read (it is too long)."
    if too_deep(text_data):
        return "That message could not be read (it is nested too deeply)."
    try:
        message = json.loads(text_data)
    except (ValueError, RecursionError):
        return "That message could not be read (it is not JSON)."
    if not isinstance(message, dict):
        return "That message could not be read (expected an object)."
    return message


def _notice(message: str, *, kind: str = "error") -> str:
    return render_to_string("committee/_flash.html", {"message": message, "kind": kind, "oob": True})


REFUSALS = {
    CHAIR: "Sign in as a member of the Executive Board first.",
    DELEGATE: "This phone is not joined to a delegation, or its link was replaced. Ask the chair.",
    PROJECTOR: "This projector link is not valid.",
}
GONE = {
    CHAIR: "You are no longer on this committee's Executive Board: this screen has stopped.",
    PROJECTOR: "This projector link was replaced: open the new one.",
    DELEGATE: REFUSALS[DELEGATE],
}


class FloorConsumer(AsyncWebsocketConsumer):
    """One screen. `shown` is the committee version up to which every change has reached this screen
    (the snapshot's, then each next change in turn); `later` holds changes that arrived ahead of a
    missing one. A change still missing a second after this process learnt of it (seen at the next
    heartbeat), a `floor.lost` from the layer, or updates skipped while its socket could not drain,
    make the screen resync once: no screen stays behind without knowing it."""

    committee_id: int | None = None
    allowed = False
    shown = -1
    delegation_id: int | None = None
    flow: relay.Flow | None = None
    synced_at = 0.0

    # ---- the ASGI loop, without what this consumer does not use ------------------------------------
    # No channel of its own (the relay's), and no hop to a worker thread per message to close database
    # connections: every database call here goes through database_sync_to_async, which does that.

    async def __call__(self, scope, receive, send):
        self.scope = scope
        self.channel_layer = None
        self.base_send = send
        try:
            while True:
                await self.dispatch(await receive())
        except StopConsumer:
            pass

    async def dispatch(self, message: dict) -> None:
        handler = getattr(self, message["type"].replace(".", "_"), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def websocket_disconnect(self, message: dict) -> None:
        await self.disconnect(message.get("code", 1006))
        raise StopConsumer()

    # ---- connecting -----------------------------------------------------------------------------

    async def connect(self) -> None:
        self.queued: list[tuple[dict, dict]] | None = []  # updates relayed while connecting
        self.later: set[int] = set()
        self.resyncing = False
        self.missed = False
        kwargs = self.scope["url_route"]["kwargs"]
        self.audience = kwargs["audience"]
        self.committee_id = await snapshots.committee_id_for(kwargs["slug"])
        if self.committee_id is None:
            await self.refuse("There is no such committee.")
            return
        self.room = snapshots.room(self.committee_id)
        self.binding = None
        groups = [live.committee_group(self.committee_id, self.audience)]
        if self.audience == DELEGATE:
            self.binding = phone_cookie_binding(self.scope.get("cookies") or {}, self.committee_id)
            if self.binding is None:
                await self.refuse(REFUSALS[DELEGATE])
                return
            self.delegation_id = self.binding["id"]
            groups.append(live.delegation_group(self.committee_id, self.delegation_id))
        # Join first, then read: any change committed from now on reaches this screen as an update,
        # and the doors and the snapshot are read after joining, so none falls in between.
        hub = relay.relay()
        for group in groups:
            await hub.join(group, self)
        doors = await self.room.fresh_doors()
        if doors is None or not await self.may_see(doors):
            hub.leave(self)
            self.queued = None
            await self.refuse(REFUSALS[self.audience] if doors is not None else "There is no such committee.")
            return
        await self.accept()
        self.flow = relay.flow_for(self.base_send, self._drained)
        await self.send_snapshot(doors.version)
        # Updates that came while it connected follow the snapshot (the page keeps the newest of each
        # region), then the screen is open to the relay.
        queued, self.queued = self.queued, None
        if queued is None:
            return  # the socket closed while it connected
        self.allowed = True
        for event, frame in queued:
            await self.relay_update(event, frame)

    async def may_see(self, doors: snapshots.Doors) -> bool:
        if self.audience == DELEGATE:
            return doors.phone_may_enter(self.binding)
        if self.audience == PROJECTOR:
            return (
                bool(doors.projector_token) and self.scope["url_route"]["kwargs"].get("token") == doors.projector_token
            )
        return await database_sync_to_async(self._board_member)()

    def _board_member(self) -> bool:
        committee = Committee.objects.filter(pk=self.committee_id).first()
        return committee is not None and board_actor(self.scope.get("user"), committee) is not None

    async def refuse(self, message: str) -> None:
        """Accept, say why, then close with a code that tells the page not to retry."""
        await self.accept()
        await self.send(text_data=_notice(message))
        await self.close(code=CLOSE_FORBIDDEN)

    async def disconnect(self, code: int) -> None:
        self.allowed = False
        self.queued = None
        quiet_gc.socket_closed()
        if self.committee_id is not None:
            relay.relay().leave(self)

    async def send_snapshot(self, at_least: int = 0) -> None:
        version, html = await self.room.snapshot(self.audience, self.delegation_id, at_least)
        if not self.allowed and self.queued is None:
            return  # closed meanwhile
        await self.send(text_data=html)
        self.shown = max(self.shown, version)
        self._absorb()

    # ---- what the relay brings ------------------------------------------------------------------

    async def relay_update(self, event: dict, frame: relay.Frame | None) -> None:
        """An update for this screen's groups: relayed whatever its order (each region carries its
        version and the page keeps the newest); a gap is noted and healed at the next heartbeat."""
        if not self.allowed:
            if self.queued is not None:
                self.queued.append((event, frame))
            return
        if self.flow is not None and self.flow.paused:
            self.missed = True  # its socket is not draining: it resyncs when it does
            if self.flow.stuck():
                self.flow.drop()
            return
        if frame is not None:
            if self.flow is not None:
                self.flow.send(frame)  # daphne's socket: the frame built once for the whole group
            else:
                await self.base_send(frame.message)
        change = event.get("change")
        if change is not None:
            versions.note_latest(self.committee_id, change)
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
            relay._spawn(self.resync())

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
            await self.send(text_data=_notice(message))
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
            await self.answer(self.cast_ballot(message), done=PARTS.command("vote.cast").done)
            # The page forgets the press (pressed again, it is a new one): it was answered.
            if press := press_id(message.get("request")):
                await self.send(text_data=f"<!--answered {press}-->")
            return
        await self.answer(database_sync_to_async(self._run)(name, message))

    async def answer(self, press, done: str | None = None) -> None:
        """Carry out a press (an awaitable) and tell the page: done (when there is something to say),
        done already (and the whole state again, which shows it), refused in words, or failed."""
        try:
            await press
        except AlreadyDone as already:
            await self.send(text_data=_notice(str(already), kind="info"))
            await self.resync()
        except ActionError as error:
            await self.send(text_data=_notice(str(error)))
        except Exception:
            log.exception("a press failed")
            await self.send(text_data=_notice("Something went wrong; nothing was changed. Try again."))
        else:
            if done:
                await self.send(text_data=_notice(done, kind="info"))

    async def cast_ballot(self, message: dict) -> None:
        """A phone's ballot goes in the committee's ballot box: a burst of them is written in one
        transaction (committee/ballots.py); the phone is answered once its ballot is committed."""
        limits.require(self.committee_id, self.delegation_id)
        await ballots.box(self.committee_id).cast(self.binding, message, message.get("request"))

    def _run(self, name, message: dict) -> None:
        committee = Committee.objects.get(pk=self.committee_id)
        # Re-check the actor on every message: a join link may have been replaced, or a board member
        # removed from the board, since the socket connected.
        if self.audience == DELEGATE:
            actor = cookie_actor(self.scope.get("cookies") or {}, committee)
            if actor is None:
                raise LinkReplaced()
        elif self.audience == CHAIR:
            actor = board_actor(self.scope.get("user"), committee)
            if actor is None:
                raise ActionError("You are no longer on this committee's Executive Board.")
        else:
            raise ActionError("The projector only shows the floor.")
        run_command(committee, actor, name, message, message.get("request"))

    async def heartbeat(self) -> None:
        """The page's ping: answer, with the latest version known; a screen still behind a version
        this process has known of for a second (OVERDUE_AFTER) missed a change: it resyncs, once, so
        a lost update is healed within one heartbeat of that second. The chair's and the projector's
        screens check they are still allowed (a board role removed, a projector link replaced, by any
        path)."""
        if self.audience != DELEGATE and not await self.still_allowed():
            return
        latest = await versions.latest_version(self.committee_id)
        if self.shown < versions.overdue_version(self.committee_id):
            await self.resync()
        await self.send(text_data=f"<!--pong {latest}-->")

    async def resync(self) -> None:
        if self.resyncing:
            return
        self.resyncing = True
        try:
            await self.send_snapshot(versions.known(self.committee_id))
        finally:
            self.resyncing = False

    async def still_allowed(self) -> bool:
        """Is this socket's screen still this person's (or this link's) to see? If not, it says so and
        closes with a code that tells the page not to retry."""
        if not self.allowed:
            return False
        doors = await self.room.fresh_doors()
        if doors is not None and await self.may_see(doors):
            return True
        self.allowed = False
        relay.relay().leave(self)
        await self.send(text_data=_notice(GONE[self.audience]))
        await self.close(code=CLOSE_FORBIDDEN)
        return False

    async def access_revoked(self) -> None:
        self.allowed = False
        relay.relay().leave(self)
        await self.send(text_data=render_to_string("committee/_revoked.html", {"oob": True}))
        await self.close(code=CLOSE_REVOKED)
