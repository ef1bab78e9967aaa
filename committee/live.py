"""The live channel: render each changed region once per audience and push it to the committee's groups.

`broadcast` is called only from actions, after their transaction commits (never from save() or a
signal). Which regions a change re-renders is declared by the floor parts (committee/parts.py); the
broadcast loads only the parts whose regions it renders. Phones of one delegation also get their own
regions, rendered once per delegation that changed, not once per open page.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.template.loader import render_to_string

from committee.access import CHAIR, DELEGATE, PROJECTOR
from committee.network import public_base_url
from committee.parts import PARTS, Placed
from committee.rules import PROFILE_CHOICES
from committee.state import FloorState, RollCallRow, load_floor

log = logging.getLogger(__name__)

PAGES = {
    CHAIR: "committee/chair.html",
    DELEGATE: "committee/delegate.html",
    PROJECTOR: "committee/projector.html",
}
# Goes out with every change: the header carries the committee's version.
STATUS = "committee.status"

# How many region renders broadcasts made in this process (tests pin it; bench prints it).
render_count = 0
# Tests set this: a broadcast that fails raises there instead of being logged and healed by a resync.
STRICT = False


def committee_group(committee_id: int, audience: str) -> str:
    return f"committee.{committee_id}.{audience}"


def delegation_group(committee_id: int, delegation_id: int) -> str:
    return f"committee.{committee_id}.delegation.{delegation_id}"


def region_context(state: FloorState, audience: str, *, row: RollCallRow | None = None, oob: bool) -> dict:
    return {
        "state": state,
        "committee": state.committee,
        "audience": audience,
        "row": row,
        "you": row,
        "oob": oob,
        "public_base": public_base_url(),
        "rule_profiles": PROFILE_CHOICES,
    }


def render_regions(
    state: FloorState, audience: str, regions: Iterable[Placed], *, row: RollCallRow | None = None
) -> str:
    """HTML fragments for `regions`, each marked for an out-of-band swap by its id."""
    global render_count
    context = region_context(state, audience, row=row, oob=True)
    parts = []
    for template in dict.fromkeys(p.region.template for p in regions):  # each region once, in order
        render_count += 1
        parts.append(render_to_string(template, context))
    return "".join(parts)


def render_each(state: FloorState, audience: str, regions: Iterable[Placed]) -> list[tuple[str, str]]:
    """As render_regions, one (template, HTML) per region."""
    global render_count
    context = region_context(state, audience, oob=True)
    rendered = []
    for template in dict.fromkeys(p.region.template for p in regions):
        render_count += 1
        rendered.append((template, render_to_string(template, context)))
    return rendered


# What each shared region last showed, per committee and screen: (the version, its HTML without the
# version marks). A region rendered the same as at the version just before is not sent again: forty
# ballots change the chair's tally, not the thousand phones' header.
_shown: dict[tuple[int, str, str], tuple[int, str]] = {}
_shown_lock = threading.Lock()
_MARKS = re.compile(r' data-(?:v|now)="\d+"')
skipped_regions = 0  # tests and the benchmark read it


def _unchanged(committee_id: int, audience: str, rendered: list[tuple[str, str]], covered: list[int]) -> str:
    """The regions to send: those whose HTML differs from what the screens were sent at the version
    just before this broadcast's first one (anything older may have been changed by another process)."""
    global skipped_regions
    if not covered:
        return "".join(html for _, html in rendered)
    first, last = covered[0], covered[-1]
    sent = []
    with _shown_lock:
        for template, html in rendered:
            key = (committee_id, audience, template)
            bare = _MARKS.sub("", html)
            before = _shown.get(key)
            if before is not None and before[0] == first - 1 and before[1] == bare:
                skipped_regions += 1
            else:
                sent.append(html)
            if before is None or before[0] < last:
                _shown[key] = (last, bare)
    return "".join(sent)


def snapshot(state: FloorState, audience: str, delegation_id: int | None = None) -> str:
    """Every region of a screen: what a (re)connecting client needs to show the current state."""
    html = render_regions(state, audience, PARTS.snapshot(audience))
    if audience == DELEGATE and delegation_id is not None:
        html += render_regions(state, audience, PARTS.own_regions(), row=state.row_for(delegation_id))
    return html


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
    loop = serving_loop()
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
    `covers` lists the versions a merged broadcast brings (committee/live.py::broadcast_merged)."""
    changes = PARTS.check_changes({STATUS, *changes})
    covered = sorted({*covers, change} - {None})
    plan = {audience: PARTS.regions(audience, changes) for audience in PAGES}
    own = PARTS.own_regions(changes)
    touched = [p for shared, each in plan.values() for p in shared + each] + own
    state = load_floor(committee_id, parts=PARTS.loads_for(touched))
    rows = [row for row in map(state.row_for, sorted(set(delegation_ids))) if row is not None]
    for audience, (shared, each) in plan.items():
        html = _unchanged(committee_id, audience, render_each(state, audience, shared), covered)
        if each:
            html += "".join(render_regions(state, audience, each, row=row) for row in rows)
        if html or covered:
            # With nothing to show, the message still tells the screens which versions it covers (so
            # they know they missed nothing); the relay writes nothing to their sockets.
            message = {"type": "floor.update", "version": state.version, "change": change, "html": html}
            if len(covered) > 1:
                message["covers"] = covered
            _send(committee_group(committee_id, audience), message)
    for row, regions in _own_regions_by_phone(state, changes, own, rows):
        html = render_regions(state, DELEGATE, regions, row=row)
        _send(
            delegation_group(committee_id, row.delegation.pk),
            {"type": "floor.update", "version": state.version, "html": html},
        )


# ---- the serving loop: where a thread hands its sends -------------------------------------------------


class Serving:
    """ASGI middleware (config/asgi.py): notes the event loop that serves this process (daphne's), to
    which a request's thread hands the broadcasts' sends without waiting for them."""

    def __init__(self, application) -> None:
        self.application = application

    async def __call__(self, scope, receive, send):
        global _loop
        _loop = asyncio.get_running_loop()
        return await self.application(scope, receive, send)


_loop: asyncio.AbstractEventLoop | None = None


def serving_loop() -> asyncio.AbstractEventLoop | None:
    """The running loop the server serves from, when this code runs in another thread of the server;
    None outside a server (a test's client, a management command) or on the loop itself."""
    loop = _loop
    if loop is None or loop.is_closed() or not loop.is_running():
        return None
    try:
        if asyncio.get_running_loop() is loop:
            return None
    except RuntimeError:
        pass
    return loop


def _spawn_send(layer, group: str, message: dict) -> None:
    async def send() -> None:
        try:
            await layer.group_send(group, message)
        except Exception:
            log.exception("broadcast to %s failed", group)

    keep_task(asyncio.ensure_future(send()))


def keep_task(task: asyncio.Task) -> None:
    _pending_tasks.add(task)
    task.add_done_callback(_pending_tasks.discard)


_pending_tasks: set = set()


async def settled() -> None:
    """Wait until the sends and merged broadcasts handed to this loop are done (tests, shutdown)."""
    loop = asyncio.get_running_loop()
    while mine := [task for task in _pending_tasks if task.get_loop() is loop and not task.done()]:
        await asyncio.gather(*mine, return_exceptions=True)


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
    _send(delegation_group(committee_id, delegation_id), {"type": "access.revoked"})


def check_access(committee_id: int) -> None:
    """The committee's setup changed (a board role, a link): every chair's and projector's socket
    checks it is still allowed, and closes itself if not."""
    for audience in ("chair", "projector"):
        _send(committee_group(committee_id, audience), {"type": "access.check"})


def revoke_projector(committee_id: int) -> None:
    """The projector link was replaced: the screens opened with the old one close."""
    _send(committee_group(committee_id, "projector"), {"type": "access.check"})
