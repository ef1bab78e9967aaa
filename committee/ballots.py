"""The ballot box: phones' ballots, written together.

When a vote opens, forty phones press at once. Each ballot alone is a transaction on the one database
thread (lock, checks, three writes, a commit), and forty of them queue one behind the other. Here a
phone's ballot waits in the committee's box; the box is emptied by one job on the database thread
that casts every ballot in it in one transaction (committee/actions/votes.py::cast_ballots: each
checked and journalled as one cast alone is), and each phone is then answered. Ballots that arrive
while a job runs go in the next one. Nothing is answered before it is committed: no acknowledged
ballot is lost.

A ballot comes in the box by either of the page's two ways:
- over the socket the phone holds (the page's way while it is live: committee/consumers.py);
- by POST, when its socket is down. Such a request is served on a thread of its own (`THREADS`,
  chosen by config/asgi.py for a phone's ballot and nothing else), not on the database thread: its
  middleware and view read no database (the phone is known by its signed cookie, checked in the job),
  so forty of them wait in the box together instead of one behind the other.

While the box is busy, the merged broadcast of the ballots already cast waits for it (committee/live.py:
`hold_merged`): the next ballots are written first, then one render shows them all.
"""

from __future__ import annotations

import asyncio
import contextvars
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from committee import access, live
from committee.errors import ActionError

GATHER = 0.003  # seconds the first ballot of a burst waits for the others to come in


@dataclass
class Press:
    binding: dict  # the phone's signed binding (its delegation, its link's digest)
    fields: dict  # the message's fields, parsed by the command's declaration in the job
    request: str | None
    slug: str | None = None  # the committee the page named (a POST's URL), checked in the job
    answer: asyncio.Future = field(default=None)  # the Ballot, or the ActionError that refused it


class BallotBox:
    """The presses waiting for one committee, and the job that empties them."""

    def __init__(self, committee_id: int):
        self.committee_id = committee_id
        self.waiting: list[Press] = []
        self.job: asyncio.Task | None = None
        self.jobs = 0  # tests and the benchmark read how few transactions a burst took

    async def cast(self, binding: dict, fields: dict, request: str | None, slug: str | None = None):
        press = Press(binding, fields, request, slug, asyncio.get_running_loop().create_future())
        self.waiting.append(press)
        if self.job is None or self.job.done():
            # A context of its own: a POST's would send the job to that request's thread, not the
            # database thread (asgiref runs thread-sensitive code in the sync thread that called in).
            self.job = asyncio.get_running_loop().create_task(self._empty(), context=contextvars.Context())
        return await asyncio.shield(press.answer)

    async def _empty(self) -> None:
        live.hold_merged(self.committee_id)
        try:
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
        finally:
            live.release_merged(self.committee_id)


def _cast_together(committee_id: int, presses: list[Press]) -> list:
    from committee.actions.votes import cast_ballots
    from committee.models import Committee

    committee = Committee.objects.filter(pk=committee_id).first()
    if committee is None:
        return [ActionError("There is no such committee.")] * len(presses)
    elsewhere = ActionError("This phone is joined to another committee: open this committee's join link.")
    ours = [p for p in presses if p.slug in (None, committee.slug)]
    answers = iter(cast_ballots(committee, [(p.binding, p.fields, p.request) for p in ours]) if ours else ())
    return [next(answers) if p.slug in (None, committee.slug) else elsewhere for p in presses]


_BOXES: dict[tuple[asyncio.AbstractEventLoop, int], BallotBox] = {}


def box(committee_id: int) -> BallotBox:
    key = (asyncio.get_running_loop(), committee_id)
    found = _BOXES.get(key)
    if found is None:
        found = _BOXES[key] = BallotBox(committee_id)
    return found


def forget() -> None:
    _BOXES.clear()


# ---- a ballot by POST ------------------------------------------------------------------------------

# Threads for phones' ballots by POST: they wait for the box, and read no database.
THREADS = ThreadPoolExecutor(max_workers=64, thread_name_prefix="ballot")
_BALLOT_PATH = re.compile(r"/c/(?P<slug>[-\w]+)/do/vote\.cast/")
_PHONE_COOKIE = re.compile(r"phone-(\d{1,12})")


@dataclass(frozen=True)
class PhoneBallot:
    committee_id: int
    slug: str
    binding: dict


def phone_ballot(request) -> PhoneBallot | None:
    """A POST that is a phone's own ballot from its page (htmx; one phone cookie, validly signed; no
    delegation named, as the chair names one), or None: everything else takes the ordinary way."""
    if request.method != "POST" or request.headers.get("HX-Request") != "true":
        return None
    path = _BALLOT_PATH.fullmatch(request.path_info)
    phones = [m for m in map(_PHONE_COOKIE.fullmatch, request.COOKIES) if m]
    if path is None or len(phones) != 1 or "delegation" in request.POST:
        return None
    committee_id = int(phones[0].group(1))
    binding = access.phone_cookie_binding(request.COOKIES, committee_id)
    if binding is None:
        return None
    return PhoneBallot(committee_id, path.group("slug"), binding)


def cast_and_wait(ballot: PhoneBallot, fields: dict, request: str | None):
    """From a ballot thread: put the ballot in its committee's box, on the server's event loop, and
    wait until it is committed (or refused)."""

    async def cast():
        return await box(ballot.committee_id).cast(ballot.binding, fields, request, ballot.slug)

    return async_to_sync(cast)()
