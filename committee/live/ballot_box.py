"""The ballot box: the phones' ballots of a burst, written together.

When a vote opens, forty phones press at once. Each ballot alone is a transaction (lock, checks, three
writes, a commit), and forty of them queue one behind the other. Here a phone's ballot waits in the
committee's box; the box is emptied by one job in a database thread that casts every ballot in it in
one transaction (committee/actions/votes.py::cast_ballots: each checked and journalled as one cast
alone is), and each phone is then answered. Ballots that arrive while a job runs go in the next one.
Nothing is answered before it is committed: no acknowledged ballot is lost.

A live phone sends its ballot over its socket (committee/live/consumer.py); a phone whose socket is
down posts it, and its request's thread puts it in the same box (`cast_by_post`, from
committee/views.py). While the box writes, the merged broadcast of the ballots already cast waits for
it (committee/live/merged.py): the next ballots are written first, then one render shows them all.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from dataclasses import dataclass, field

from channels.db import database_sync_to_async
from django.conf import settings
from django.utils.translation import gettext_lazy

from committee.actions.ballots import cast_ballots
from committee.errors import ActionError
from committee.live.memory import MEMORY

log = logging.getLogger(__name__)


@dataclass
class Press:
    binding: dict  # the phone's binding: its delegation, and its join link's token or digest
    fields: dict  # the message's fields, parsed by the command's declaration in the job
    request: str | None
    answer: asyncio.Future = field(default=None)  # the Ballot, or the ActionError that refused it


class BallotBox:
    """The presses waiting for one committee, and the job that empties them (on one event loop)."""

    def __init__(self, committee_id: int, loop: asyncio.AbstractEventLoop):
        self.committee_id = committee_id
        self.loop = loop
        self.waiting: list[Press] = []
        self.job: asyncio.Task | None = None
        self.jobs = 0  # tests and the benchmark read how few transactions a burst took

    def writing(self) -> bool:
        return self.job is not None and not self.job.done()

    async def cast(self, binding: dict, fields: dict, request: str | None):
        """The press in the box; returns its Ballot once committed, or raises why it was refused."""
        press = Press(binding, fields, request, self.loop.create_future())
        self.waiting.append(press)
        if not self.writing():
            # A context of its own: the job serves every press in the box, not the one that started
            # it (no request's context variables, nor a thread asgiref would tie the job to).
            self.job = self.loop.create_task(self._empty(), context=contextvars.Context())
        return await asyncio.shield(press.answer)

    async def _empty(self) -> None:
        await asyncio.sleep(settings.LIVE["BALLOT_GATHER"])
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
    from committee.models import Committee

    committee = Committee.objects.filter(pk=committee_id).first()
    if committee is None:
        return [ActionError(gettext_lazy("There is no such committee."))] * len(presses)
    return cast_ballots(committee, [(p.binding, p.fields, p.request) for p in presses])


def box(committee_id: int) -> BallotBox:
    """The committee's ballot box, on the running event loop."""
    memory = MEMORY.of(committee_id)
    loop = asyncio.get_running_loop()
    if memory.box is None or memory.box.loop is not loop:
        memory.box = BallotBox(committee_id, loop)
    return memory.box


async def cast_by_post(committee_id: int, binding: dict, fields: dict, request: str | None) -> None:
    """A phone's ballot by POST, from its request's thread (committee/views.py): in the box with the
    others of its burst; returns once it is committed, or raises why it was refused."""
    await box(committee_id).cast(binding, fields, request)
