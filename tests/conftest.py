"""Personas and fixtures shared by every test module.

The people of these tests, and what they may do:
- alice: chair of UNODC (an Executive Board account); runs the floor.
- victor: vice-chair of UNODC; runs the floor too.
- sam: secretariat (staff); sees every committee.
- eve: signed in, but on no committee's board: may do nothing on UNODC's floor.
- Canada's and Finland's phones: delegates, bound by their join links; they follow the floor.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import threading
from contextlib import ExitStack
from html import unescape

import pytest
from channels.testing import WebsocketCommunicator
from django.contrib.auth import get_user_model
from django.test import Client

from committee.access import Actor, board_actor, delegate_actor
from committee.demo.load import load_demo
from committee.models import Committee, Delegation, ExecutiveRole
from tests.browser.server import RoomServer
from tests.services import fresh_database, services_env, services_setup


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests last: once Playwright's event loop runs in the main thread, async_to_sync (which
    broadcasts use) refuses to run there, so no other test may come after them."""
    items.sort(key=lambda item: "tests/browser/" in str(item.fspath))


@pytest.fixture
def unodc(db) -> Committee:
    return load_demo()


@pytest.fixture
def alice(unodc):
    user = get_user_model().objects.create_user("alice", first_name="Alice")
    ExecutiveRole.objects.create(committee=unodc, user=user, role=ExecutiveRole.Role.CHAIR)
    return user


@pytest.fixture
def victor(unodc):
    user = get_user_model().objects.create_user("victor", first_name="Victor")
    ExecutiveRole.objects.create(committee=unodc, user=user, role=ExecutiveRole.Role.VICE_CHAIR)
    return user


@pytest.fixture
def sam(db):
    return get_user_model().objects.create_user("sam", first_name="Sam", is_staff=True)


@pytest.fixture
def eve(db):
    return get_user_model().objects.create_user("eve", first_name="Eve")


@pytest.fixture
def alice_actor(alice, unodc) -> Actor:
    return board_actor(alice, unodc)


@pytest.fixture
def canada(unodc) -> Delegation:
    return unodc.delegations.get(name="Canada")


@pytest.fixture
def finland(unodc) -> Delegation:
    return unodc.delegations.get(name="Finland")


@pytest.fixture
def alice_client(alice) -> Client:
    client = Client()
    client.force_login(alice)
    return client


def phone_of(delegation: Delegation) -> Client:
    """A phone that opened the delegation's join link."""
    client = Client()
    response = client.get(f"/join/{delegation.join_token}/")
    assert response.status_code == 302
    return client


@pytest.fixture
def canada_phone(canada) -> Client:
    return phone_of(canada)


@pytest.fixture
def finland_phone(finland) -> Client:
    return phone_of(finland)


def delegate_of(client: Client, committee: Committee) -> Actor | None:
    return delegate_actor(client.session, committee)


PRESENT_AT_START = [
    "Canada",
    "Finland",
    "Russian Federation",
    "United States of America",
    "Estonia",
    "Brazil",
    "India",
    "Mexico",
    "Argentina",
    "Australia",
    "China",
    "Colombia",
    "Egypt",
    "Holy See",
    "Global Initiative against Transnational Organized Crime",
]


@pytest.fixture
def sitting(unodc, alice_actor):
    """Session I is open; nobody has answered the roll call yet."""
    from committee import actions

    return actions.open_sitting(unodc, alice_actor)


@pytest.fixture
def in_session(unodc, alice_actor):
    """Session I is open; the roll call found fifteen delegations present (thirteen members, the
    quorum to open debate of 38; the Holy See as observer; one NGO) and was closed."""
    from committee import actions

    actions.open_sitting(unodc, alice_actor)
    for name in PRESENT_AT_START:
        actions.mark_attendance(unodc, alice_actor, unodc.delegations.get(name=name).pk, "present")
    actions.close_roll_call(unodc, alice_actor)
    return unodc


# Members who answer the roll call besides those present at the start, so that a majority of the 38
# members is present: the quorum for a substantive vote (a draft, an amendment).
FULL_HOUSE_EXTRA = ["France", "Germany", "Indonesia", "Italy", "Japan", "Kenya", "Netherlands", "Norway"]


@pytest.fixture
def voting_house(unodc, alice_actor):
    """Session I is open; 23 delegations answered present (21 members, a majority of the 38; the Holy
    See as observer; one NGO) and the roll call was closed: substantive votes may be taken."""
    from committee import actions

    actions.open_sitting(unodc, alice_actor)
    for name in PRESENT_AT_START + FULL_HOUSE_EXTRA:
        actions.mark_attendance(unodc, alice_actor, unodc.delegations.get(name=name).pk, "present")
    actions.close_roll_call(unodc, alice_actor)
    return unodc


@pytest.fixture
def renders_of(monkeypatch):
    """renders_of(template) -> the list that grows by one each time the live broadcast renders that
    template (a partial is named "page.html#region"), so a test can count the renders one press costs."""
    from committee.live import render

    real = render.render_to_string
    counted: dict[str, list] = {}  # template -> one context per render, for the templates asked for

    def counting(template, context):
        if template in counted:
            counted[template].append(context)
        return real(template, context)

    monkeypatch.setattr(render, "render_to_string", counting)
    return lambda template: counted.setdefault(template, [])


# Members present for the vote fixtures below: above the quorum to vote (more than half of the 38).
MEMBERS_PRESENT = 24


@pytest.fixture
def decided(monkeypatch):
    """The stand-in owner of a vote's question ("tests.draft", the way the resolutions app owns a
    draft's): it is told each result."""
    from committee.actions import Decision
    from committee.contract import PARTS

    results = []

    def decide(step, vote):
        results.append(vote)
        return Decision(frozenset(), {"draft": "DR 1/1"})

    monkeypatch.setitem(PARTS._subjects, "tests.draft", decide)
    return results


@pytest.fixture
def full_house(unodc, alice_actor):
    """Session I is open; 24 members answered (Canada present and voting), the Holy See (observer)
    and the NGO present too; the roll call is still open."""
    from committee import actions

    actions.open_sitting(unodc, alice_actor)
    members = list(unodc.delegations.filter(kind="member").order_by("name"))[:MEMBERS_PRESENT]
    for delegation in members:
        status = "present_voting" if delegation.name == "Canada" else "present"
        actions.mark_attendance(unodc, alice_actor, delegation.pk, status)
    for name in ("Holy See", "Global Initiative against Transnational Organized Crime"):
        actions.mark_attendance(unodc, alice_actor, unodc.delegations.get(name=name).pk, "present")
    return members


def actor_for(committee: Committee, name: str) -> Actor:
    """The actor of a delegation's phone."""
    delegation = committee.delegations.get(name=name)
    return Actor("delegate", delegation.name, delegation=delegation)


def debate(committee: Committee):
    """What the debate screens show now (the debate's part of the floor state)."""
    from committee.state import load_floor

    return load_floor(committee.pk).parts["debate"]


@pytest.fixture(scope="session", autouse=True)
def threads_let_go_of_the_database(django_db_setup, django_db_blocker):
    """Before the test database is dropped, every connection opened by a thread of this process (the
    live channel's database work runs in asgiref's and asyncio's threads) is given back. Channels
    closes a thread's old connection only when that thread's next call starts; after the last test
    there is none, and PostgreSQL refuses to drop a database still in use."""
    from django.db.backends.signals import connection_created

    opened = []

    def note(sender, connection, **kwargs):
        if threading.current_thread() is not threading.main_thread() and connection not in opened:
            opened.append(connection)

    connection_created.connect(note, weak=False)
    yield
    connection_created.disconnect(note)
    with django_db_blocker.unblock():
        for wrapper in opened:
            if wrapper.connection is not None:
                wrapper.inc_thread_sharing()  # closed from this thread, once
                wrapper.close()


@pytest.fixture(scope="session", autouse=True)
def collected_static(tmp_path_factory):
    """The static files as `make run` serves them (hashed names, .gz and .br), collected once for the
    session: the pages rendered in tests and the servers the tests start all use them."""
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.files.storage import storages
    from django.core.management import call_command
    from django.utils.functional import empty

    root = tmp_path_factory.mktemp("staticfiles")
    settings.STATIC_ROOT = root
    storages._storages.clear()
    staticfiles_storage._wrapped = empty
    call_command("collectstatic", "--noinput", "-v0")
    os.environ["STATIC_ROOT"] = str(root)  # inherited by every server a test starts
    return root


@pytest.fixture(autouse=True)
def fresh_memory():
    """Each test's database is new: what the live path remembers of committees goes with it."""
    from committee.live.memory import MEMORY
    from committee.live.metrics import METRICS

    MEMORY.forget()
    METRICS.reset()
    yield


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request through Django's test client leaves its language active in the test's thread (the
    LocaleMiddleware activates it and nothing deactivates it there): a French page must not make the
    next test's refusals French."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def test_settings(settings):
    """Settings of the suite:
    - the record's reads are made in the test's own process, where its database (and the test's
      transaction) is; tests/test_no_request_waits.py runs them in a worker process;
    - tests press faster than any person: the phones' rate limit and the pace of their requests are
      lifted, except where they are the subject (tests/test_rate_limits.py, tests/test_floods.py);
    - with Redis (the second setup), each test counts presses under keys of its own;
    - a broadcast that fails raises (in a room it is logged and healed by the next resync), so a
      template error can never hide behind a green test."""
    settings.RECORD_WORKERS = 0
    settings.LIVE = {
        **settings.LIVE,
        "PRESS_BURST": 10**9,
        "REQUEST_BURST": 10**9,
        "CONNECT_BURST": 10**9,
        "BROADCAST_FAILURES": "raise",
    }
    settings.REDIS_PREFIX = f"mun-test-{secrets.token_hex(4)}"  # the press counts in Redis start afresh
    return settings


# ---- sockets: the live channel, one WebsocketCommunicator per screen ----------------------------------

ORIGIN = (b"origin", b"http://localhost")
HOST = (b"host", b"localhost")  # a browser's socket carries both: the page's origin and the host it reached


def cookie_of(client) -> tuple[bytes, bytes]:
    """The cookies a page's socket shows: the session, and a phone's signed cookie."""
    return (b"cookie", "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items()).encode())


class _Loop:
    """One event loop in a thread of its own: a communicator must live in a single loop."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()

    def run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=30)


LOOP = _Loop()


class Socket:
    """A synchronous handle on one communicator, so tests read top to bottom."""

    def __init__(self, path: str, headers: list[tuple[bytes, bytes]]):
        self.communicator = WebsocketCommunicator(asgi_application(), path, headers=headers)
        self.connected, self.close_code = LOOP.run(self.communicator.connect())

    def receive(self, timeout: float = 3) -> str:
        return unescape(LOOP.run(self.communicator.receive_from(timeout)))

    def receive_output(self, timeout: float = 3) -> dict:
        return LOOP.run(self.communicator.receive_output(timeout))

    def receive_until(self, text: str, limit: int = 10) -> str:
        """Read messages until one contains `text` (the updates in between are skipped)."""
        for _ in range(limit):
            message = self.receive()
            if text in message:
                return message
        raise AssertionError(f"no message with {text!r}")

    def nothing_more(self, timeout: float = 0.3) -> bool:
        return LOOP.run(self.communicator.receive_nothing(timeout))

    def send(self, text: str) -> None:
        LOOP.run(self.communicator.send_to(text_data=text))

    def send_bytes(self, data: bytes) -> None:
        LOOP.run(self.communicator.send_to(bytes_data=data))

    def send_json(self, data) -> None:
        self.send(json.dumps(data))

    def close(self) -> None:
        LOOP.run(self.communicator.disconnect())


@pytest.fixture
def sockets():
    opened: list[Socket] = []

    def open_socket(path: str, *headers: tuple[bytes, bytes]) -> Socket:
        socket = Socket(path, [ORIGIN, HOST, *headers])
        opened.append(socket)
        return socket

    yield open_socket
    for socket in opened:
        try:
            socket.close()
        except Exception:
            pass


def asgi_application():
    from config.asgi import application

    return application


# ---- real servers: the same daphne as `make run`, in a process of its own ---------------------------


@pytest.fixture
def make_room(tmp_path):
    """Servers of the demo committee, each its own daphne as `make run` starts it, on the setup this
    run of the suite tests: SQLite and the in-memory layer, or (MUN_SETUP=services) a PostgreSQL
    database of its own and Redis."""
    servers: list[RoomServer] = []
    with ExitStack() as stack:

        def make(**options) -> RoomServer:
            env = dict(options.pop("env", None) or {})
            if services_setup() and "DATABASE_URL" not in env:
                env = {**services_env(stack.enter_context(fresh_database())), **env}
            var_dir = tmp_path / f"server-{len(servers)}"
            var_dir.mkdir()
            server = RoomServer(var_dir, env=env, **options)
            servers.append(server)
            return server

        yield make
        for server in servers:
            server.stop()
