"""One WebSocket consumer per committee screen: authenticate, subscribe, send a snapshot, relay.

It never writes in a group handler (that would run once per open page) and never raises on bad
input: an unhandled error would close the socket with 1011 and send every client into a reconnect
loop. Bad messages get an error fragment and the socket stays open.
"""

from __future__ import annotations

import json
import logging
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.template.loader import render_to_string

from committee import live
from committee.access import CHAIR, DELEGATE, PROJECTOR, board_actor, delegate_actor, projector_actor
from committee.errors import ActionError
from committee.models import Committee
from committee.parts import run_command
from committee.state import load_floor

log = logging.getLogger(__name__)

# The latest committee version this process knows of: from the broadcasts its screens receive, and
# from the database at most every few seconds (so a process whose screens all missed it learns too).
_LATEST: dict[int, int] = {}
_CHECKED: dict[int, float] = {}
DATABASE_EVERY = 5.0


def note_latest(committee_id: int, version: int) -> None:
    if version > _LATEST.get(committee_id, -1):
        _LATEST[committee_id] = version


async def latest_version(committee_id: int) -> int:
    now = time.monotonic()
    if now - _CHECKED.get(committee_id, 0.0) > DATABASE_EVERY:
        _CHECKED[committee_id] = now  # before the await: one reader per process, not one per screen
        version = await database_sync_to_async(
            lambda: Committee.objects.filter(pk=committee_id).values_list("version", flat=True).first()
        )()
        note_latest(committee_id, version or 0)
    return _LATEST.get(committee_id, 0)


# Close codes of our own (4xxx): the htmx ws extension does not retry them.
CLOSE_FORBIDDEN = 4403
CLOSE_REVOKED = 4401
MAX_MESSAGE_BYTES = 16 * 1024


def _resolve(scope, audience: str, slug: str, token: str | None):
    committee = Committee.objects.filter(slug=slug).first()
    if committee is None:
        return None, None
    if audience == CHAIR:
        actor = board_actor(scope.get("user"), committee)
    elif audience == DELEGATE:
        actor = delegate_actor(scope["session"], committee)
    else:
        actor = projector_actor(committee, token)
    return committee, actor


def _notice(message: str, *, kind: str = "error") -> str:
    return render_to_string("committee/_flash.html", {"message": message, "kind": kind, "oob": True})


class FloorConsumer(AsyncWebsocketConsumer):
    """One screen. `shown` is the committee version up to which every change has reached this screen
    (the snapshot's, then each next change in turn); `later` holds changes that arrived ahead of a
    missing one. A change still missing one heartbeat later, or a `floor.lost` from the layer, makes
    the screen resync once: no screen stays behind without knowing it."""

    committee: Committee | None = None
    shown = -1
    latest_at_last_ping = -1

    async def connect(self) -> None:
        self.later: set[int] = set()
        self.resyncing = False
        kwargs = self.scope["url_route"]["kwargs"]
        self.audience = kwargs["audience"]
        self.committee, self.actor = await database_sync_to_async(_resolve)(
            self.scope, self.audience, kwargs["slug"], kwargs.get("token")
        )
        await self.accept()
        if self.committee is None or self.actor is None:
            # Accept, say why, then close with a code that tells the client not to retry.
            await self.send(text_data=_notice(self._refusal()))
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.groups_joined = [live.committee_group(self.committee.pk, self.audience)]
        if self.actor.delegation is not None:
            self.groups_joined.append(live.delegation_group(self.committee.pk, self.actor.delegation.pk))
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.send_snapshot()

    def _refusal(self) -> str:
        if self.committee is None:
            return "There is no such committee."
        if self.audience == DELEGATE:
            return "This phone is not joined to a delegation, or its link was replaced. Ask the chair."
        if self.audience == PROJECTOR:
            return "This projector link is not valid."
        return "Sign in as a member of the Executive Board first."

    async def disconnect(self, code: int) -> None:
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def send_snapshot(self) -> None:
        delegation_id = self.actor.delegation.pk if self.actor.delegation is not None else None

        def render() -> tuple[int, str]:
            state = load_floor(self.committee.pk)
            return state.version, live.snapshot(state, self.audience, delegation_id)

        version, html = await database_sync_to_async(render)()
        await self.send(text_data=html)
        self.shown = max(self.shown, version)
        self._absorb()

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.actor is None:
            return
        if text_data is None or len(text_data) > MAX_MESSAGE_BYTES:
            await self.send(text_data=_notice("That message could not be read."))
            return
        try:
            message = json.loads(text_data)
        except ValueError:
            await self.send(text_data=_notice("That message could not be read (it is not JSON)."))
            return
        if not isinstance(message, dict):
            await self.send(text_data=_notice("That message could not be read (expected an object)."))
            return
        name = message.get("command")
        if name == "sync":
            # A client that thinks it may have missed something asks for the whole state again (if
            # it is still allowed to see it).
            if await self.still_allowed():
                await self.send_snapshot()
            return
        if name == "ping":
            await self.heartbeat()
            return
        try:
            await database_sync_to_async(self._run)(name, message)
        except ActionError as error:
            await self.send(text_data=_notice(str(error)))
        except Exception:
            log.exception("command %r failed", name)
            await self.send(text_data=_notice("Something went wrong; nothing was changed. Try again."))

    def _run(self, name, message: dict) -> None:
        committee = Committee.objects.get(pk=self.committee.pk)
        # Re-check the actor on every message: a join link may have been replaced, or a board member
        # removed from the board, since the socket connected.
        if self.audience == DELEGATE:
            actor = delegate_actor(self.scope["session"], committee)
            if actor is None:
                raise ActionError("This phone's join link was replaced. Ask the chair for the new one.")
        elif self.audience == CHAIR:
            actor = board_actor(self.scope.get("user"), committee)
            if actor is None:
                raise ActionError("You are no longer on this committee's Executive Board.")
        else:
            raise ActionError("The projector only shows the floor.")
        run_command(committee, actor, name, message)

    async def floor_update(self, event: dict) -> None:
        # Relayed whatever its order: each region carries its version and the page keeps the newest.
        await self.send(text_data=event["html"])
        change = event.get("change")
        if change is not None:
            note_latest(self.committee.pk, change)
            if change > self.shown:
                self.later.add(change)
                self._absorb()

    def _absorb(self) -> None:
        while self.shown + 1 in self.later:
            self.shown += 1
        self.later = {change for change in self.later if change > self.shown}

    async def floor_lost(self, event: dict) -> None:
        """The layer had to drop messages for this screen: it resyncs at once."""
        await self.resync()

    async def heartbeat(self) -> None:
        """The page's ping: answer, with the latest version known; a screen still behind a version it
        was told of one heartbeat ago missed a change: it rejoins its groups and resyncs, once. The
        chair's and the projector's screens check they are still allowed (a board role removed, a
        projector link replaced, by any path): a few sockets, one query each."""
        if self.audience != DELEGATE and not await self.still_allowed():
            return
        latest = await latest_version(self.committee.pk)
        if self.shown < self.latest_at_last_ping:
            await self.resync()
        self.latest_at_last_ping = latest
        await self.send(text_data=f"<!--pong {latest}-->")

    async def resync(self) -> None:
        if self.resyncing:
            return
        self.resyncing = True
        try:
            for group in self.groups_joined:  # idempotent: heals a membership lost along the way
                await self.channel_layer.group_add(group, self.channel_name)
            await self.send_snapshot()
        finally:
            self.resyncing = False

    async def still_allowed(self) -> bool:
        """Is this socket's screen still this person's (or this link's) to see? If not, it says so and
        closes with a code that tells the page not to retry."""
        kwargs = self.scope["url_route"]["kwargs"]
        _, actor = await database_sync_to_async(_resolve)(
            self.scope, self.audience, kwargs["slug"], kwargs.get("token")
        )
        if actor is not None:
            return True
        gone = {
            CHAIR: "You are no longer on this committee's Executive Board: this screen has stopped.",
            PROJECTOR: "This projector link was replaced: open the new one.",
        }
        await self.send(text_data=_notice(gone.get(self.audience) or self._refusal()))
        await self.close(code=CLOSE_FORBIDDEN)
        self.actor = None
        return False

    async def access_check(self, event: dict) -> None:
        await self.still_allowed()

    async def access_revoked(self, event: dict) -> None:
        await self.send(text_data=render_to_string("committee/_revoked.html", {"oob": True}))
        await self.close(code=CLOSE_REVOKED)
