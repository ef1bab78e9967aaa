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
- by POST, when its socket is down. config/asgi.py reads such a request's body first (`read_ballot`)
  and serves a phone's ballot on a thread of its own (`own_thread`), not on the database thread: its
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
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from asgiref.sync import ThreadSensitiveContext, async_to_sync
from channels.db import database_sync_to_async
from django.http.cookie import parse_cookie

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
    # A POST names its committee in its URL; a socket is already the committee's own.
    ours = [p for p in presses if p.slug in (None, committee.slug)]
    answers = cast_ballots(committee, [(p.binding, p.fields, p.request) for p in ours]) if ours else []
    cast = dict(zip(map(id, ours), answers, strict=True))
    elsewhere = ActionError("This phone is joined to another committee: open this committee's join link.")
    return [cast.get(id(p), elsewhere) for p in presses]


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

_BALLOT_PATH = re.compile(r"/c/(?P<slug>[-\w]+)/do/vote\.cast/")
_PHONE_COOKIE = re.compile(r"phone-(\d{1,12})")
_LARGEST = 4096  # bytes: a ballot's form is a few dozen


@dataclass(frozen=True)
class PhoneBallot:
    committee_id: int
    slug: str
    binding: dict


async def read_ballot(scope: dict, receive) -> tuple[object, PhoneBallot | None]:
    """For a POST to a ballot's URL: read its body, and tell whether it is a phone's own ballot from its
    page (htmx, a form, one phone cookie, validly signed, no delegation named as the chair names one).
    Returns the `receive` to hand on (what was read, then the rest) and the ballot, or None."""
    messages: list[dict] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            break
        size += len(message.get("body", b""))
        if not message.get("more_body") or size > _LARGEST:
            break

    async def replay() -> dict:
        return messages.pop(0) if messages else await receive()

    last = messages[-1]
    if last["type"] != "http.request" or last.get("more_body") or size > _LARGEST:
        return replay, None
    body = b"".join(m.get("body", b"") for m in messages)
    return replay, _phone_ballot(scope, body)


def looks_like_ballot(scope: dict) -> bool:
    return scope.get("method") == "POST" and _BALLOT_PATH.fullmatch(scope.get("path", "")) is not None


def _phone_ballot(scope: dict, body: bytes) -> PhoneBallot | None:
    headers = {name.lower(): value for name, value in scope.get("headers", ())}
    if headers.get(b"hx-request") != b"true":
        return None
    if not headers.get(b"content-type", b"").startswith(b"application/x-www-form-urlencoded"):
        return None
    if "delegation" in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True):
        return None
    cookies = parse_cookie(headers.get(b"cookie", b"").decode("latin-1"))
    phones = [m for m in map(_PHONE_COOKIE.fullmatch, cookies) if m]
    if len(phones) != 1:
        return None
    committee_id = int(phones[0].group(1))
    binding = access.phone_cookie_binding(cookies, committee_id)
    if binding is None:
        return None
    return PhoneBallot(committee_id, _BALLOT_PATH.fullmatch(scope["path"]).group("slug"), binding)


@asynccontextmanager
async def own_thread():
    """A thread for one ballot's request, as Django gives every request one (named, for the profiler
    and the tests): its signals, middleware and view run there, never on the database thread."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ballot")
    try:
        async with ThreadSensitiveContext(executor=executor):
            yield
    finally:
        executor.shutdown(wait=False)


def cast_and_wait(ballot: PhoneBallot, fields: dict, request: str | None):
    """From a ballot's own thread: put the ballot in its committee's box, on the server's event loop,
    and wait until it is committed (or refused)."""

    async def cast():
        return await box(ballot.committee_id).cast(ballot.binding, fields, request, ballot.slug)

    return async_to_sync(cast)()
