"""The console's cards (committee/live/console.py): each committee's, rendered once per version in a
process however many consoles watch it, and the phones each committee had over the last minute."""

from __future__ import annotations

import asyncio
import re
import time
from collections import deque
from dataclasses import dataclass

from channels.db import database_sync_to_async
from django.template.loader import render_to_string
from django.utils import translation

from committee.access import CONSOLE
from committee.live.metrics import METRICS
from committee.live.render import region_context
from committee.models import Committee
from committee.state import FloorState, load_floor

PAGE = "committee/console.html"
DROP_WINDOW = 60.0  # seconds of phone counts kept for the "phones dropping" alert
DROP_AT_LEAST = 3  # phones lost, and a fifth of those there were, before it is an alert
_NOW = re.compile(r'(?<=data-now=")\d+(?=")')


@dataclass
class Card:
    version: int
    state: FloorState  # what its alerts are read from at each heartbeat
    pieces: list[str]  # its HTML split where the server's clock goes (data-now), filled when sent

    def html(self) -> str:
        return str(int(time.time() * 1000)).join(self.pieces)


def render_card(committee_id: int, language: str) -> Card | None:
    """A committee's card in a language, from its whole floor (None: the committee is gone)."""
    try:
        state = load_floor(committee_id)
    except Committee.DoesNotExist:
        return None
    with translation.override(language):
        html = render_to_string(f"{PAGE}#card", region_context(state, CONSOLE, oob=False))
    METRICS.console_renders += 1
    return Card(state.version, state, _NOW.split(html))


def committees() -> list[tuple[int, int]]:
    """Every committee the console shows, (id, version), in the order of the page."""
    return list(Committee.objects.order_by("conference__name", "name").values_list("pk", "version"))


class ConsoleMemory:
    """This process's cards, one per committee and language at the newest version rendered, and its
    phones counted over the last minute."""

    def __init__(self) -> None:
        self.cards: dict[tuple[int, str], Card] = {}
        self._rendering: dict[tuple[int, str], asyncio.Future] = {}
        self._phones: dict[int, deque[tuple[float, int]]] = {}

    async def card(self, committee_id: int, at_least: int, language: str) -> Card | None:
        key = (committee_id, language)
        while True:
            cached = self.cards.get(key)
            if cached is not None and cached.version >= at_least:
                return cached
            running = self._rendering.get(key)
            if running is None or running.done():
                running = self._rendering[key] = asyncio.ensure_future(self._render(key))
            card = await asyncio.shield(running)
            if card is None or card.version >= at_least:
                return card

    async def _render(self, key: tuple[int, str]) -> Card | None:
        card = await database_sync_to_async(render_card)(*key)
        current = self.cards.get(key)
        if card is None:
            self.cards.pop(key, None)
        elif current is None or current.version <= card.version:
            self.cards[key] = card
        return card

    def dropped_from(self, committee_id: int, phones: int) -> int | None:
        """Note the committee's phones now (over every process); how many there were a moment ago if
        they dropped since, else None."""
        now = time.monotonic()
        history = self._phones.setdefault(committee_id, deque())
        history.append((now, phones))
        while history[0][0] < now - DROP_WINDOW:
            history.popleft()
        most = max(count for _, count in history)
        dropped = most - phones >= DROP_AT_LEAST and phones <= 0.8 * most
        return most if dropped else None

    def forget(self) -> None:
        self.cards.clear()
        self._rendering.clear()
        self._phones.clear()
