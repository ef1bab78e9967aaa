"""The secretariat's console: every committee on one live screen, a card each, for staff only.

Its socket joins one group, CONSOLE_GROUP. Every committee's broadcast adds one small notice to it
(the committee and its new version: committee/live/broadcast.py) and renders nothing more, so a chair's
press costs the console nothing. In each process that serves a console, a committee's card is
rendered once per version however many consoles watch it (ConsoleMemory): a card asked for while one
renders waits for that one, and a burst of changes is rendered at the newest version it reached.

The heartbeat every screen sends (connection.js pings every 2.5 s) keeps the console true:
- it reads every committee's version (one query) and sends the cards the console is behind on, the
  whole grid when a committee came or went: a lost notice is healed within one heartbeat;
- it sends what time changes without a version: the screens this process serves for each committee,
  and the alerts (a vote open five minutes, a point of order waiting a minute, phones dropping, the
  quorum lost), worded by the parts' templates from the card's state.
"""

from __future__ import annotations

import logging

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from committee.access import CONSOLE, DELEGATE, is_secretariat, session_user
from committee.languages import screen_language
from committee.limits import SocketBudget
from committee.live import daphne_adapter
from committee.live.console_cards import PAGE, Card, committees
from committee.live.memory import MEMORY
from committee.live.messages import FLOODING, notice, read_message
from committee.live.render import region_context

log = logging.getLogger(__name__)

CONSOLE_GROUP = "console"
CLOSE_FORBIDDEN = 4403


def changed(committee_id: int, version: int) -> dict:
    """The notice a committee's broadcast sends the consoles."""
    return {"type": "console.changed", "committee": committee_id, "version": version}


class ConsoleConsumer:
    """One console: a staff member's screen of every committee."""

    allowed = False

    @classmethod
    def as_asgi(cls):
        async def app(scope, receive, send):
            await cls().serve(scope, receive, send)

        return app

    async def serve(self, scope, receive, send) -> None:
        self.scope, self.base_send = scope, send
        budget = SocketBudget()
        while True:
            message = await receive()
            kind = message["type"]
            if kind == "websocket.connect":
                await self.connect()
            elif kind == "websocket.receive":
                verdict = budget.admit()
                if verdict == SocketBudget.READ:
                    await self.receive(message.get("text"))
                elif verdict == SocketBudget.CLOSE:
                    await self.close_with(notice(FLOODING), 4429)
            elif kind == "websocket.disconnect":
                self.allowed = False
                MEMORY.relay().leave(self)
                return

    async def send(self, text: str) -> None:
        try:
            await self.base_send({"type": "websocket.send", "text": text})
        except daphne_adapter.SOCKET_GONE:
            log.info("a console closed before a message reached it")  # its disconnect comes next

    async def close_with(self, last_words: str, code: int) -> None:
        self.allowed = False
        MEMORY.relay().leave(self)
        await self.send(last_words)
        await self.base_send({"type": "websocket.close", "code": code})

    async def connect(self) -> None:
        self.memory = MEMORY.console
        self.language = screen_language(self.scope)  # its page's (committee/languages.py)
        translation.activate(self.language)
        self.shown: dict[int, int] = {}  # committee id -> the version of its card on this console
        # Join first, then read: a change committed from now on reaches this console as a notice.
        await MEMORY.relay().join(CONSOLE_GROUP, self)
        await self.base_send({"type": "websocket.accept"})
        if not await database_sync_to_async(self._staff)():
            await self.close_with(
                notice(_("The console is the secretariat's: sign in as the secretariat.")), CLOSE_FORBIDDEN
            )
            return
        self.allowed = True
        await self.send_grid(await database_sync_to_async(committees)())

    def _staff(self) -> bool:
        """Is this socket's user the secretariat (read afresh from its session at every check)?"""
        return is_secretariat(session_user(self.scope))

    async def send_grid(self, listed: list[tuple[int, int]]) -> None:
        """Every committee's slot: its card, its screens and its alerts."""
        cards = [(pk, await self.memory.card(pk, version, self.language)) for pk, version in listed]
        cards = [(pk, card) for pk, card in cards if card is not None]
        live = await self.live(cards)
        slots = "".join(
            f'<section class="console-slot" id="slot-{pk}">{card.html()}{now}</section>'
            for (pk, card), now in zip(cards, live, strict=True)
        )
        await self.send(f'<div id="console-grid" class="console-grid" data-testid="console-grid">{slots}</div>')
        self.shown = {pk: card.version for pk, card in cards}

    async def live(self, cards: list[tuple[int, Card]]) -> list[str]:
        """Each committee's screens (over every process) and alerts now (they change with time, not
        with a version): counted on the loop that holds the relay; worded in a thread."""
        screens = await MEMORY.census().everywhere(MEMORY.relay(), [pk for pk, _ in cards])
        contexts = []
        for pk, card in cards:
            counts = screens[pk]
            context = region_context(card.state, CONSOLE, oob=False)
            context.update(
                counts=counts, dropped_from=self.memory.dropped_from(pk, counts[DELEGATE]), now=timezone.now()
            )
            contexts.append(context)
        return await sync_to_async(_render_live, thread_sensitive=False)(contexts, self.language)

    # ---- what the relay brings ------------------------------------------------------------------

    async def relay_event(self, event: dict) -> None:
        if not self.allowed or event.get("type") != "console.changed":
            return
        committee_id, version = event.get("committee"), event.get("version") or 0
        if committee_id not in self.shown or self.shown[committee_id] >= version:
            return  # a committee the console does not show yet comes with the next heartbeat's grid
        card = await self.memory.card(committee_id, version, self.language)
        if card is not None and self.allowed and card.version > self.shown.get(committee_id, -1):
            self.shown[committee_id] = card.version
            await self.send(card.html())

    async def relay_update(self, event: dict, frame) -> None:
        """The console's group carries notices only (relay_event)."""

    # ---- what the page sends --------------------------------------------------------------------

    async def receive(self, text: str | None) -> None:
        if not self.allowed:
            return
        message = read_message(text)
        if isinstance(message, str):
            await self.send(notice(message))
            return
        if message.get("command") in ("ping", "sync"):
            await self.heartbeat(whole=message.get("command") == "sync")
            return
        await self.send(notice(_("The console only watches the committees: act from a committee's dashboard.")))

    async def heartbeat(self, whole: bool = False) -> None:
        MEMORY.report_screens()
        if not await database_sync_to_async(self._staff)():
            await self.close_with(notice(_("You are no longer the secretariat: the console closes.")), CLOSE_FORBIDDEN)
            return
        listed = await database_sync_to_async(committees)()
        if whole or [pk for pk, _ in listed] != list(self.shown):
            await self.send_grid(listed)
        else:
            behind = [(pk, version) for pk, version in listed if version > self.shown[pk]]
            for pk, version in behind:
                card = await self.memory.card(pk, version, self.language)
                if card is not None:
                    self.shown[pk] = card.version
                    await self.send(card.html())
            cards = [
                (pk, card) for pk in self.shown if (card := self.memory.cards.get((pk, self.language))) is not None
            ]
            await self.send("".join(await self.live(cards)))
        await self.send(f"<!--pong {max((v for _, v in listed), default=0)}-->")


def _render_live(contexts: list[dict], language: str) -> list[str]:
    with translation.override(language):
        return [render_to_string(f"{PAGE}#live", context) for context in contexts]
