"""Merged broadcasts: forty ballots at once, rendered a few times, not forty.

A ballot is frequent and small: its change is declared `merged` (committee/part.py). Instead of a
render of every screen per ballot, the changes of a burst wait a moment together and are rendered
once, in a worker thread of the server, saying which versions the render covers. While writers of the
committee are under way (the rest of the burst: the ballot box's transactions, other phones' POSTs), the
render waits for them.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from asgiref.sync import sync_to_async
from django.db import close_old_connections

from committee.live import broadcast, keep_task, serving_loop
from committee.writers import WRITERS

log = logging.getLogger(__name__)


@dataclass
class _Waiting:
    changes: set[str]
    delegation_ids: set[int]
    versions: list[int]
    last: float = 0.0  # when the last change joined (time.monotonic)


_waiting: dict[int, _Waiting] = {}
_waiting_lock = threading.Lock()
merged_renders = 0  # how many merged broadcasts were rendered (tests and the benchmark read it)
# A merged broadcast is rendered once no change joined it for MERGE_QUIET seconds (the rest of a
# burst of ballots commits meanwhile), and MERGE_AT_MOST seconds after its first change at the latest.
MERGE_QUIET = 0.010
MERGE_AT_MOST = 0.100


def broadcast_merged(
    committee_id: int, changes: Iterable[str], delegation_ids: Iterable[int] = (), change: int | None = None
) -> None:
    """As `broadcast`, for a frequent change (a ballot): the changes of a burst are rendered together,
    a moment after the last of them, in a worker thread of the server."""
    loop = serving_loop()
    if loop is None:
        broadcast(committee_id, changes, delegation_ids, change=change)
        return
    with _waiting_lock:
        waiting = _waiting.get(committee_id)
        first = waiting is None
        if first:
            waiting = _waiting[committee_id] = _Waiting(set(), set(), [])
        waiting.changes.update(changes)
        waiting.delegation_ids.update(delegation_ids)
        if change is not None:
            waiting.versions.append(change)
        waiting.last = time.monotonic()
    if first:
        # A context of its own: the request's would tie the render to the request's thread.
        loop.call_soon_threadsafe(_queue_merged, committee_id, context=contextvars.Context())


def _queue_merged(committee_id: int) -> None:
    keep_task(asyncio.ensure_future(_render_merged_when_quiet(committee_id)))


async def _render_merged_when_quiet(committee_id: int) -> None:
    """Render once the burst is over: no change joined for MERGE_QUIET and no writer of the committee
    is under way (the rest of the burst), or MERGE_AT_MOST after the first change at the latest."""
    started = time.monotonic()
    while True:
        with _waiting_lock:
            waiting = _waiting.get(committee_id)
            last = waiting.last if waiting is not None else started
        now = time.monotonic()
        if now >= started + MERGE_AT_MOST or (now >= last + MERGE_QUIET and not WRITERS.busy(committee_id)):
            break
        await asyncio.sleep(max(0.002, min(last + MERGE_QUIET, started + MERGE_AT_MOST) - now))
    await sync_to_async(_send_merged, thread_sensitive=False)(committee_id)


def _send_merged(committee_id: int) -> None:
    global merged_renders
    with _waiting_lock:
        waiting = _waiting.pop(committee_id, None)
    if waiting is None:
        return
    merged_renders += 1
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
