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
  and serves a phone's ballot inline on the event loop, not on the database thread: its middleware
  and view read no database (the phone is known by its signed cookie, checked in the job). The view
  only holds the ballot (`hold`) and writes its answer; then the ballot is cast in the box and waited
  for (`settle`) and only then is the answer sent; a refused one is answered by Django's chain again,
  with the refusal. Nothing waits for the box but the request's own coroutine, so forty of them pass
  Django one after the other in a fraction of a millisecond each and wait in the box together.

While the box is busy, the merged broadcast of the ballots already cast waits for it (committee/live.py:
`hold_merged`): the next ballots are written first, then one render shows them all.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import re
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from django.http.cookie import parse_cookie

from committee import access, live
from committee.errors import ActionError

log = logging.getLogger(__name__)

GATHER = 0.003  # seconds the first ballot of a burst waits for the others to come in
# Ballots by POST still passing Django's chain are waited for, up to this long: in a burst, a
# transaction takes about twenty milliseconds whether it writes one ballot or forty (the interpreter
# is shared with the requests in the chain), and forty POSTs take some thirty milliseconds to pass
# the chain one after the other.
GATHER_COMING = 0.060


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
        self.coming = 0  # ballots by POST on their way through Django's chain (`on_the_way`)
        self.all_in = asyncio.Event()
        self.all_in.set()

    def expect(self) -> None:
        self.coming += 1
        self.all_in.clear()

    def arrived(self) -> None:
        self.coming -= 1
        if not self.coming:
            self.all_in.set()

    async def _gather(self) -> None:
        """Wait for the ballots by POST already on their way (not longer than GATHER_COMING)."""
        if self.coming:
            try:
                await asyncio.wait_for(self.all_in.wait(), GATHER_COMING)
            except TimeoutError:
                pass

    async def cast(self, binding: dict, fields: dict, request: str | None, slug: str | None = None):
        return await asyncio.shield(self.put(binding, fields, request, slug))

    def put(self, binding: dict, fields: dict, request: str | None, slug: str | None = None) -> asyncio.Future:
        """The press in the box: its answer (the Ballot, or the ActionError that refused it) to come."""
        press = Press(binding, fields, request, slug, asyncio.get_running_loop().create_future())
        self.waiting.append(press)
        if self.job is None or self.job.done():
            # A context of its own: the job serves every press in the box, not the one that started
            # it (no request's context variables, nor a thread asgiref would tie the job to).
            self.job = asyncio.get_running_loop().create_task(self._empty(), context=contextvars.Context())
        return press.answer

    async def _empty(self) -> None:
        live.hold_merged(self.committee_id)
        try:
            await asyncio.sleep(GATHER)
            await self._gather()
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
                await self._gather()
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


def boxes() -> list[BallotBox]:
    return list(_BOXES.values())


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


@dataclass(frozen=True)
class Pending:
    """A ballot by POST that Django's whole chain has accepted, to be cast before its answer is sent."""

    ballot: PhoneBallot
    fields: dict
    request: str | None


class OnTheWay:
    """A ballot by POST between its arrival and the box: the box's job waits for it to come in."""

    def __init__(self, ballot: PhoneBallot):
        self.box = box(ballot.committee_id)
        self.box.expect()
        self.here = False

    def arrived(self) -> None:  # in the box, or refused before it: either way, not to be waited for
        if not self.here:
            self.here = True
            self.box.arrived()


@asynccontextmanager
async def on_the_way(ballot: PhoneBallot):
    """While a phone's ballot by POST is served (config/asgi.py): its box knows it is coming."""
    coming = OnTheWay(ballot)
    try:
        yield coming
    finally:
        coming.arrived()


def hold(http_request, ballot: PhoneBallot, fields: dict, request: str | None) -> None:
    """From the view: the request's ballot is cast before its answer goes out (`settle`)."""
    http_request.ballot_pending = Pending(ballot, fields, request)


async def settle(http_request) -> ActionError | None:
    """On the event loop, once Django has answered a held ballot: cast it in its committee's box and
    wait until it is committed. Returns None, or why it was refused (nothing was written)."""
    pending: Pending | None = http_request.__dict__.pop("ballot_pending", None)
    if pending is None:
        return None
    ballot = pending.ballot
    coming = http_request.scope.get("ballot_on_the_way")
    try:
        answer = box(ballot.committee_id).put(ballot.binding, pending.fields, pending.request, ballot.slug)
        if coming is not None:
            coming.arrived()
        await asyncio.shield(answer)
    except ActionError as error:
        return error
    except Exception:
        log.exception("a ballot by POST failed")
        return ActionError("Something went wrong; nothing was changed. Try again.")
    return None
