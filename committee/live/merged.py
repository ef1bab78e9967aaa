"""Merged broadcasts: forty ballots at once, rendered a few times, not forty.

A ballot is frequent and small: its change is declared `merged` (committee/part.py). Instead of a
render of every screen per ballot, the changes of a burst wait together in the committee's memory
and are rendered once, in a worker thread of the server, saying which versions the render covers:
once none joined for settings.LIVE["MERGE_QUIET"] and no writer of the committee is under way (the
rest of the burst: the ballot box's transactions, other phones' POSTs), or MERGE_AT_MOST after the
first at the latest.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import time
from collections.abc import Iterable

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections

from committee.live.broadcast import broadcast
from committee.live.memory import MEMORY, WaitingChanges
from committee.live.metrics import METRICS
from committee.writers import WRITERS

log = logging.getLogger(__name__)


def broadcast_merged(
    committee_id: int, changes: Iterable[str], delegation_ids: Iterable[int] = (), change: int | None = None
) -> None:
    """As `broadcast`, for a frequent change (a ballot): the changes of a burst are rendered together,
    a moment after the last of them. Outside a server, rendered at once."""
    loop = MEMORY.serving_loop()
    if loop is None:
        broadcast(committee_id, changes, delegation_ids, change=change)
        return
    memory = MEMORY.of(committee_id)
    with memory.waiting_guard:
        first = memory.waiting is None
        if first:
            memory.waiting = WaitingChanges()
        memory.waiting.changes.update(changes)
        memory.waiting.delegation_ids.update(delegation_ids)
        if change is not None:
            memory.waiting.versions.append(change)
        memory.waiting.last = time.monotonic()
    if first:
        # A context of its own: the request's would tie the render to the request's thread.
        loop.call_soon_threadsafe(_render_soon, committee_id, context=contextvars.Context())


def _render_soon(committee_id: int) -> None:
    MEMORY.keep(asyncio.ensure_future(_render_when_quiet(committee_id)))


async def _render_when_quiet(committee_id: int) -> None:
    memory = MEMORY.of(committee_id)
    quiet, at_most = settings.LIVE["MERGE_QUIET"], settings.LIVE["MERGE_AT_MOST"]
    started = time.monotonic()
    while True:
        with memory.waiting_guard:
            last = memory.waiting.last if memory.waiting is not None else started
        now = time.monotonic()
        if now >= started + at_most or (now >= last + quiet and not WRITERS.busy(committee_id)):
            break
        await asyncio.sleep(max(0.002, min(last + quiet, started + at_most) - now))
    await sync_to_async(_send, thread_sensitive=False)(committee_id)


def _send(committee_id: int) -> None:
    memory = MEMORY.of(committee_id)
    with memory.waiting_guard:
        waiting, memory.waiting = memory.waiting, None
    if waiting is None:
        return
    METRICS.merged_renders += 1
    try:
        broadcast(
            committee_id,
            waiting.changes,
            waiting.delegation_ids,
            change=max(waiting.versions) if waiting.versions else None,
            covers=waiting.versions,
        )
    except Exception:  # the changes are committed: the screens catch up at their next resync
        log.exception("a merged broadcast of %s failed", committee_id)
    finally:
        close_old_connections()
