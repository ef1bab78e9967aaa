"""The live channel: render each changed region once per audience and push it to the committee's groups.

`broadcast` is called only from actions, after their transaction commits (never from save() or a
signal). Phones of one delegation also get their own region ("you"), rendered once per delegation
that changed, not once per open page.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.template.loader import render_to_string

from committee.access import CHAIR, DELEGATE, PROJECTOR
from committee.network import public_base_url
from committee.rules import PROFILE_CHOICES
from committee.state import FloorState, RollCallRow, load_floor

log = logging.getLogger(__name__)

TEMPLATES = {
    CHAIR: "committee/chair.html",
    DELEGATE: "committee/delegate.html",
    PROJECTOR: "committee/projector.html",
}

# What each kind of change re-renders on each screen, as (shared regions, regions per delegation).
# Actions name their changes:
#   "status"   the header: sitting, counts, version (goes out with every change)
#   "sitting"  a sitting opened or closed, or its roll call closed
#   "roll"     the attendance of the changed delegations
#   "links"    the join links of the changed delegations
PLAN: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    CHAIR: {
        "status": (("status",), ()),
        "sitting": (("sitting", "rollcall"), ()),
        "roll": (("sitting",), ("row",)),  # the sitting region lists late-arrival notes
        "links": ((), ("card",)),
        "rules": (("rules",), ()),
    },
    PROJECTOR: {
        "status": (("status",), ()),
        "sitting": (("rollcall",), ()),
        "roll": (("figures",), ("cell",)),
    },
    DELEGATE: {
        "status": (("status",), ()),
    },
}
# Each phone's own region goes only to the phones of its delegation.
OWN = {"sitting": ("you",), "roll": ("you",)}
SNAPSHOT_OWN = ["you"]
# Everything a (re)connecting screen needs.
SNAPSHOT = {
    CHAIR: ("status", "sitting", "rollcall", "rules"),
    DELEGATE: ("status",),
    PROJECTOR: ("status", "rollcall"),
}


def extend_plan(
    plan: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]],
    snapshot: dict[str, tuple[str, ...]],
    own: dict[str, tuple[str, ...]],
    snapshot_own: tuple[str, ...] = (),
) -> None:
    """Let another app (debate, resolutions) add its changes and regions to the committee's screens."""
    for audience, changes in plan.items():
        for change, (shared, each) in changes.items():
            old_shared, old_each = PLAN[audience].get(change, ((), ()))
            PLAN[audience][change] = (old_shared + shared, old_each + each)
    for audience, regions in snapshot.items():
        SNAPSHOT[audience] = SNAPSHOT[audience] + regions
    for change, regions in own.items():
        OWN[change] = OWN.get(change, ()) + regions
    SNAPSHOT_OWN.extend(snapshot_own)


# How many region renders broadcasts made in this process (tests pin it; bench prints it).
render_count = 0


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


def render_regions(state: FloorState, audience: str, regions: Iterable[str], *, row: RollCallRow | None = None) -> str:
    """HTML fragments for `regions`, each marked for an out-of-band swap by its id."""
    global render_count
    context = region_context(state, audience, row=row, oob=True)
    parts = []
    for region in dict.fromkeys(regions):  # each region once, in order
        render_count += 1
        # A region of another app names its template: "debate/chair.html#speakers".
        template = region if "#" in region else f"{TEMPLATES[audience]}#{region}"
        parts.append(render_to_string(template, context))
    return "".join(parts)


def snapshot(state: FloorState, audience: str, delegation_id: int | None = None) -> str:
    """Every region of a screen: what a (re)connecting client needs to show the current state."""
    html = render_regions(state, audience, SNAPSHOT[audience])
    if audience == DELEGATE and delegation_id is not None:
        html += render_regions(state, audience, SNAPSHOT_OWN, row=state.row_for(delegation_id))
    return html


_collectors = threading.local()


@contextmanager
def collect() -> Iterator[dict[str, str]]:
    """Keep what broadcasts in this thread push, by group, so a view can answer its caller with the
    very HTML the other screens got (rendered once, not again for the caller)."""
    pushed: dict[str, str] = {}
    stack = getattr(_collectors, "stack", None) or []
    _collectors.stack = [*stack, pushed]
    try:
        yield pushed
    finally:
        _collectors.stack = stack


def _send(group: str, message: dict) -> None:
    for pushed in getattr(_collectors, "stack", None) or []:
        if "html" in message:
            pushed[group] = pushed.get(group, "") + message["html"]
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:  # the change is committed; a lost push is healed by the next resync
        log.exception("broadcast to %s failed", group)


def broadcast(committee_id: int, changes: Iterable[str], delegation_ids: Iterable[int] = ()) -> None:
    """Render what the changes touch, once per audience and once per changed delegation, and push it."""
    changes = {"status", *changes}
    state = load_floor(committee_id)
    rows = [row for row in map(state.row_for, sorted(set(delegation_ids))) if row is not None]
    for audience, plan in PLAN.items():
        shared = [name for change in sorted(changes) for name in plan.get(change, ((), ()))[0]]
        each = [name for change in sorted(changes) for name in plan.get(change, ((), ()))[1]]
        html = render_regions(state, audience, shared)
        if each:
            html += "".join(render_regions(state, audience, each, row=row) for row in rows)
        if html:
            _send(
                committee_group(committee_id, audience),
                {"type": "floor.update", "version": state.version, "html": html},
            )
    own = [name for change in sorted(changes) for name in OWN.get(change, ())]
    if own:
        for row in rows:
            _send(
                delegation_group(committee_id, row.delegation.pk),
                {
                    "type": "floor.update",
                    "version": state.version,
                    "html": render_regions(state, DELEGATE, own, row=row),
                },
            )


def revoke_phones(committee_id: int, delegation_id: int) -> None:
    """Tell the phones bound to a replaced join link that they are no longer that delegation."""
    _send(delegation_group(committee_id, delegation_id), {"type": "access.revoked"})
