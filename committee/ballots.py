"""The ballot box: phones' ballots sent over their sockets, written together.

When a vote opens, forty phones press at once. Each ballot alone is a transaction (lock, checks, three
writes, a commit), and forty of them queue one behind the other. Here a phone's ballot waits in the
committee's box; the box is emptied by one job in a database thread that casts every ballot in it in
one transaction (committee/actions/votes.py::cast_ballots: each checked and journalled as one cast
alone is), and each phone is then answered. Ballots that arrive while a job runs go in the next one.
Nothing is answered before it is committed: no acknowledged ballot is lost.

A phone whose socket is down posts its ballot instead: its request takes the ordinary way of every
command (committee/views.py), in a thread of its own, and puts the ballot in the same box.

While the box writes, the merged broadcast of the ballots already cast waits for it (committee/merged.py):
the next ballots are written first, then one render shows them all.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from dataclasses import dataclass, field

from channels.db import database_sync_to_async

from committee.errors import ActionError

log = logging.getLogger(__name__)

GATHER = 0.003  # seconds the first ballot of a burst waits for the others to come in


@dataclass
class Press:
    binding: dict  # the phone's signed binding (its delegation, its link's digest)
    fields: dict  # the message's fields, parsed by the command's declaration in the job
    request: str | None
    answer: asyncio.Future = field(default=None)  # the Ballot, or the ActionError that refused it


class BallotBox:
    """The presses waiting for one committee, and the job that empties them."""

    def __init__(self, committee_id: int):
        self.committee_id = committee_id
        self.waiting: list[Press] = []
        self.job: asyncio.Task | None = None
        self.jobs = 0  # tests and the benchmark read how few transactions a burst took

    async def cast(self, binding: dict, fields: dict, request: str | None):
        return await asyncio.shield(self.put(binding, fields, request))

    def put(self, binding: dict, fields: dict, request: str | None) -> asyncio.Future:
        """The press in the box: its answer (the Ballot, or the ActionError that refused it) to come."""
        press = Press(binding, fields, request, asyncio.get_running_loop().create_future())
        self.waiting.append(press)
        if self.job is None or self.job.done():
            # A context of its own: the job serves every press in the box, not the one that started
            # it (no request's context variables, nor a thread asgiref would tie the job to).
            self.job = asyncio.get_running_loop().create_task(self._empty(), context=contextvars.Context())
        return press.answer

    async def _empty(self) -> None:
        await asyncio.sleep(GATHER)
        while self.waiting:
            presses, self.waiting = self.waiting, []
            self.jobs += 1
            try:
                answers = await database_sync_to_async(_cast_together)(self.committee_id, presses)
            except Exception as error:  # nothing was written: each phone is told, and may press again
                answers = [error] * len(presses)
            for press, answer in zip(presses, answers, strict=True):
                if press.answer.done():
                    continue
                if isinstance(answer, BaseException):
                    press.answer.set_exception(answer)
                else:
                    press.answer.set_result(answer)


def _cast_together(committee_id: int, presses: list[Press]) -> list:
    from committee.actions.votes import cast_ballots
    from committee.models import Committee

    committee = Committee.objects.filter(pk=committee_id).first()
    if committee is None:
        return [ActionError("There is no such committee.")] * len(presses)
    return cast_ballots(committee, [(p.binding, p.fields, p.request) for p in presses])


_BOXES: dict[tuple[asyncio.AbstractEventLoop, int], BallotBox] = {}


def box(committee_id: int) -> BallotBox:
    key = (asyncio.get_running_loop(), committee_id)
    found = _BOXES.get(key)
    if found is None:
        found = _BOXES[key] = BallotBox(committee_id)
    return found


async def cast_by_post(committee_id: int, binding: dict, fields: dict, request: str | None) -> None:
    """A phone's ballot by POST, from its request's thread (committee/views.py): in the box with the
    others of its burst; returns once it is committed, or raises why it was refused."""
    await box(committee_id).cast(binding, fields, request)


def boxes() -> list[BallotBox]:
    return list(_BOXES.values())


def forget() -> None:
    _BOXES.clear()
