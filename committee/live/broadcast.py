"""The broadcast: render what a change touches, once per audience, and send it to the committee's groups.

`broadcast` is called only from actions, after their transaction commits (never from save() or a
signal). Which regions a change re-renders is declared by the floor parts (committee/contract.py); the
broadcast loads only the parts whose regions it renders. Phones of one delegation also get their own
regions, rendered once per delegation that changed, not once per open page. The press's own screen is
answered with the very HTML its audience was sent (`collect`). The secretariat's consoles are only told
the committee's new version (committee/live/console.py).
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import threading
from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.utils import translation

from committee import languages
from committee.access import CHAIR, DELEGATE, PROJECTOR
from committee.contract import PARTS, Placed
from committee.live.console import CONSOLE_GROUP, changed
from committee.live.memory import MEMORY
from committee.live.render import PAGES, committee_group, delegation_group, render_each, render_regions
from committee.state import FloorState, RollCallRow, load_floor

log = logging.getLogger(__name__)

# Goes out with every change: the header carries the committee's version.
STATUS = "committee.status"


@dataclass
class Pushed:
    """What broadcasts in this thread pushed, by group, and whether any of them failed. With `defer`,
    the pushes wait in `deferred` until `flush`: a view answers its caller first (the chair's answer
    is not kept waiting behind a thousand phones' updates), then sends them."""

    html: dict[str, str] = field(default_factory=dict)
    failed: bool = False
    defer: bool = False
    deferred: list[tuple[str, dict]] = field(default_factory=list)

    def flush(self) -> None:
        deferred, self.deferred = self.deferred, []
        for group, message in deferred:
            _layer_send(group, message, [self])


_collectors = threading.local()


@contextmanager
def collect(*, defer: bool = False) -> Iterator[Pushed]:
    """Keep what broadcasts in this thread push, by group, so a view can answer its caller with the
    very HTML the other screens got (rendered once, not again for the caller)."""
    pushed = Pushed(defer=defer)
    stack = getattr(_collectors, "stack", None) or []
    _collectors.stack = [*stack, pushed]
    try:
        yield pushed
    finally:
        _collectors.stack = stack


def _collecting() -> list[Pushed]:
    return getattr(_collectors, "stack", None) or []


def _send(group: str, message: dict) -> None:
    collecting = _collecting()
    for pushed in collecting:
        if "html" in message:
            pushed.html[group] = pushed.html.get(group, "") + message["html"]
    if collecting and collecting[-1].defer:
        collecting[-1].deferred.append((group, message))
        return
    _layer_send(group, message, collecting)


def _layer_send(group: str, message: dict, collecting: list[Pushed]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    loop = MEMORY.serving_loop()
    if loop is not None:
        # Under the server, the send is handed to its event loop without waiting for it: the thread
        # goes on with its request (messages keep their order; a failure is logged and healed by the
        # screens' resync).
        loop.call_soon_threadsafe(_spawn_send, layer, group, message, context=contextvars.Context())
        return
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:  # the change is committed; a lost push is healed by the next resync
        log.exception("broadcast to %s failed", group)
        for pushed in collecting:
            pushed.failed = True


def _spawn_send(layer, group: str, message: dict) -> None:
    async def send() -> None:
        try:
            await layer.group_send(group, message)
        except Exception:
            log.exception("broadcast to %s failed", group)

    MEMORY.keep(asyncio.ensure_future(send()))


def broadcast(
    committee_id: int,
    changes: Iterable[str],
    delegation_ids: Iterable[int] = (),
    change: int | None = None,
    covers: Iterable[int] = (),
) -> None:
    """Render what the changes touch, once per audience and once per changed delegation, and push it.

    `change` is the committee version the action wrote: each screen's consumer follows the sequence
    and knows when it missed one. Every audience's message carries it (the header always changes);
    the version of each message is the state it was rendered from, which may already be later.
    `covers` lists the versions a merged broadcast brings (committee/live/merged.py)."""
    changes = PARTS.check_changes({STATUS, *changes})
    covered = sorted({*covers, change} - {None})
    plan = {audience: PARTS.regions(audience, changes) for audience in PAGES}
    own = PARTS.own_regions(changes)
    touched = [p for shared, each in plan.values() for p in shared + each] + own
    state = load_floor(committee_id, parts=PARTS.loads_for(touched))
    rows = [row for row in map(state.row_for, sorted(set(delegation_ids))) if row is not None]
    by_phone = _own_regions_by_phone(state, changes, own, rows)
    for language in state.committee.languages():
        with translation.override(language):
            _broadcast_in(state, language, plan, rows, by_phone, change, covered)
    # The secretariat's consoles render the committee's card themselves, off this path.
    _send(CONSOLE_GROUP, changed(committee_id, state.version))


def _broadcast_in(
    state: FloorState,
    language: str,
    plan: dict[str, tuple[list[Placed], list[Placed]]],
    rows: list[RollCallRow],
    by_phone: list[tuple[RollCallRow, list[Placed]]],
    change: int | None,
    covered: list[int],
) -> None:
    """One language's part of a broadcast: each audience's regions, then each changed phone's own."""
    committee_id = state.committee.pk
    sent = MEMORY.of(committee_id).sent
    # When every delegation's phones are sent their own regions, the phones' shared regions go in the
    # same frame: one frame per phone, not two (the phones' group is told only the versions covered).
    phones_shared = ""
    together = bool(state.rows) and len(by_phone) == len(state.rows)
    for audience, (shared, each) in plan.items():
        html = sent.changed((audience, language), render_each(state, audience, shared), covered)
        if each:
            html += "".join(render_regions(state, audience, each, row=row) for row in rows)
        if audience == DELEGATE and together:
            phones_shared, html = html, ""
        if html or covered:
            # With nothing to show, the message still tells the screens which versions it covers (so
            # they know they missed nothing); the relay writes nothing to their sockets.
            message = {"type": "floor.update", "version": state.version, "change": change, "html": html}
            if len(covered) > 1:
                message["covers"] = covered
            _send(committee_group(committee_id, audience, language), message)
    cards: dict[tuple[str, Hashable], str] = {}  # a region shown alike on several phones, rendered once
    for row, regions in by_phone:
        html = phones_shared + "".join(_own_region(state, placed, row, cards) for placed in regions)
        _send(
            delegation_group(committee_id, row.delegation.pk, language),
            {"type": "floor.update", "version": state.version, "html": html},
        )


def _own_region(state: FloorState, placed: Placed, row: RollCallRow, cards: dict[tuple[str, Hashable], str]) -> str:
    """A phone's own region: rendered for its row, or once for every row it shows alike (its
    `shown_by`, which is all of the row its partial reads: committee/partials.py)."""
    shown_by = placed.region.shown_by
    if shown_by is None:
        return render_regions(state, DELEGATE, [placed], row=row)
    key = (placed.region.template, shown_by(state, row))
    if key not in cards:
        cards[key] = render_regions(state, DELEGATE, [placed], row=row)
    return cards[key]


def _own_regions_by_phone(
    state: FloorState, changes: set[str], own: list[Placed], rows: list[RollCallRow]
) -> list[tuple[RollCallRow, list[Placed]]]:
    """Each phone's own regions that these changes touch: every phone's where a region listens to a
    change that concerns every phone (a vote opened, a new phase), else the changed delegations' only."""
    everyone = {name for name in changes if PARTS.every_phone({name})}
    by_phone: dict[int, tuple[RollCallRow, list[Placed]]] = {}
    for placed in own:
        for row in state.rows if everyone.intersection(placed.region.on) else rows:
            by_phone.setdefault(row.delegation.pk, (row, []))[1].append(placed)
    return list(by_phone.values())


def report_failure() -> None:
    """A broadcast failed after its change was committed: the caller is told the change was made and
    that the screens catch up (the next resync heals them), never that nothing changed."""
    for pushed in _collecting():
        pushed.failed = True


def revoke_phones(committee_id: int, delegation_id: int) -> None:
    """Tell the phones bound to a replaced join link that they are no longer that delegation."""
    for language in languages.codes():
        _send(delegation_group(committee_id, delegation_id, language), {"type": "access.revoked"})


def check_access(committee_id: int) -> None:
    """The committee's setup changed (a board role, a link): every chair's and projector's socket
    checks it is still allowed, and closes itself if not."""
    for audience in (CHAIR, PROJECTOR):
        for language in languages.codes():
            _send(committee_group(committee_id, audience, language), {"type": "access.check"})


def revoke_projector(committee_id: int) -> None:
    """The projector link was replaced: the screens opened with the old one close."""
    for language in languages.codes():
        _send(committee_group(committee_id, PROJECTOR, language), {"type": "access.check"})
