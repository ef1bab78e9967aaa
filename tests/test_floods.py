"""A flood from one phone costs the room nothing (issue 28, 3): Canada's phone (or a script with its
cookie) floods its socket or keeps a dozen requests in flight; what it sends beyond a page's pace is
dropped unread or waits its turn before Django sees it, a socket that keeps flooding is closed with a
code the page waits on, and alice's presses go on as before. (The figures, beside the chair's presses
alone, are `make bench`'s flood line: bench/flood.py.)"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from committee.limits import RequestPacing
from committee.live.metrics import METRICS
from committee.models import JournalEntry
from tests.conftest import cookie_of


@pytest.fixture
def tight_budget(test_settings):
    """A socket may send 5 messages, then (in a test's time) none; the 10th dropped closes it."""
    test_settings.LIVE = {**test_settings.LIVE, "SOCKET_BURST": 5, "SOCKET_PER_SECOND": 0.0001, "SOCKET_DROPS": 10}


@pytest.mark.django_db(transaction=True)
def test_a_flooding_socket_is_closed_and_what_it_sent_beyond_is_never_read(
    unodc, sitting, canada_phone, alice_client, sockets, tight_budget
):
    chair = sockets("/ws/c/unodc/chair/", cookie_of(alice_client))
    chair.receive()
    phone = sockets("/ws/c/unodc/delegate/", cookie_of(canada_phone))
    phone.receive()
    journal = JournalEntry.objects.count()
    phone.send_json({"command": "rollcall.arrived"})  # read: Canada's note that it has arrived
    phone.receive_until("Canada")
    assert JournalEntry.objects.count() == journal + 1
    for _ in range(4):
        phone.send_json({"command": "ping"})
    phone.receive_until("<!--pong")

    for _ in range(40):  # each would be journalled, were it read
        phone.send_json({"command": "rollcall.arrived"})
    assert phone.receive_until("sent far more messages than a page does", limit=10)
    assert phone.receive_output() == {"type": "websocket.close", "code": 4429}
    assert JournalEntry.objects.count() == journal + 1
    assert METRICS.sockets_flooding == 1

    chair.send_json({"command": "ping"})  # alice's screen is served as before
    assert chair.receive_until("<!--pong").startswith("<!--pong")


@pytest.mark.django_db(transaction=True)
def test_a_pages_own_burst_is_read_whole(unodc, sitting, canada_phone, sockets):
    """Thirty messages at once (far more than a page sends: a ping every 2.5 s, a ballot) are all answered."""
    phone = sockets("/ws/c/unodc/delegate/", cookie_of(canada_phone))
    phone.receive()
    for _ in range(30):
        phone.send_json({"command": "ping"})
    assert all(phone.receive().startswith("<!--pong") for _ in range(30))
    assert METRICS.sockets_flooding == 0


# ---- HTTP: a phone's requests paced before Django -----------------------------------------------------


class Served:
    """The application behind the pacing: counts what reached it, and when (on the test's clock)."""

    def __init__(self, clock):
        self.clock, self.at = clock, []

    async def __call__(self, scope, receive, send):
        self.at.append(self.clock())
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def request_from(cookie: str | None = None, address: str = "192.168.1.23") -> dict:
    headers = [(b"cookie", cookie.encode())] if cookie else []
    return {"type": "http", "method": "GET", "path": "/", "headers": headers, "client": (address, 50000)}


def statuses(pacing: RequestPacing, scopes: list[dict]) -> list[int]:
    async def one(scope):
        sent = []

        async def send(message):
            sent.append(message)

        async def receive():
            return {"type": "http.request", "body": b""}

        await pacing(scope, receive, send)
        return sent[0]["status"]

    async def all_at_once():
        return await asyncio.gather(*(one(scope) for scope in scopes))

    return asyncio.run(all_at_once())


@pytest.fixture
def clock(monkeypatch):
    """The test's clock stands still; a paced request's sleep is noted (in seconds), not slept."""
    slept: list[float] = []
    real_sleep = asyncio.sleep

    async def sleep(seconds, *args):
        slept.append(seconds)
        await real_sleep(0)

    monkeypatch.setattr("committee.limits.asyncio.sleep", sleep)
    return SimpleNamespace(now=lambda: 1000.0, slept=slept)


def phone_cookie(delegation) -> str:
    from committee.access import phone_cookie_name, phone_cookie_value

    return f"{phone_cookie_name(delegation.committee_id)}={phone_cookie_value(delegation)}"


@pytest.mark.django_db
def test_a_phone_keeping_a_dozen_requests_in_flight_is_served_at_a_persons_pace(unodc, canada, clock, test_settings):
    test_settings.LIVE = {**test_settings.LIVE, "REQUEST_BURST": 4, "REQUEST_PER_SECOND": 2.0, "REQUESTS_WAITING": 6}
    served = Served(clock.now)
    pacing = RequestPacing(served, clock=clock.now)
    answers = statuses(pacing, [request_from(phone_cookie(canada)) for _ in range(12)])
    # Four at once, six wait their turns half a second apart, the two beyond are refused (a second later).
    assert answers.count(200) == 10 and answers.count(429) == 2
    assert sorted(clock.slept) == pytest.approx([0.5, 1.0, 1.0, 1.0, 1.5, 2.0, 2.5, 3.0])
    assert len(served.at) == 10  # nothing refused reached Django


@pytest.mark.django_db
def test_another_phone_and_the_chairs_laptop_are_not_held_up(unodc, canada, finland, clock, test_settings):
    test_settings.LIVE = {**test_settings.LIVE, "REQUEST_BURST": 2, "REQUEST_PER_SECOND": 1.0, "REQUESTS_WAITING": 1}
    pacing = RequestPacing(Served(clock.now), clock=clock.now)
    assert statuses(pacing, [request_from(phone_cookie(canada))] * 5).count(429) == 2
    assert statuses(pacing, [request_from(phone_cookie(finland))] * 2) == [200, 200]
    # The chair's laptop, same Wi-Fi, paced by its own address (three times as generously).
    assert statuses(pacing, [request_from(address="192.168.1.50")] * 6) == [200] * 6
    # Served through a reverse proxy (from this machine itself): not paced here.
    assert statuses(pacing, [request_from(address="127.0.0.1")] * 20) == [200] * 20


@pytest.mark.django_db
def test_a_forged_phone_cookie_is_paced_by_its_address(unodc, canada, clock, test_settings):
    test_settings.LIVE = {**test_settings.LIVE, "REQUEST_BURST": 1, "REQUEST_PER_SECOND": 1.0, "REQUESTS_WAITING": 0}
    pacing = RequestPacing(Served(clock.now), clock=clock.now)
    forged = [request_from(f"phone-{unodc.pk}=x{n}", address="192.168.1.99") for n in range(5)]
    assert statuses(pacing, forged).count(200) == 3  # the address's three at once, not one per made-up cookie


# ---- on real daphne: the fast path cuts a flood off where autobahn delivers it; without it, the consumer


def flood_on(server) -> tuple[list[str], int | None]:
    """Canada's phone sends 20,000 tiny messages at once on its socket: what it is told, and the close code."""
    import websockets

    from bench.flood import CHUNK, TINY
    from tests.browser.server import Browser

    phone = Browser(server.base)
    phone.open(server.links["delegate Canada"])

    async def flood():
        url = server.base.replace("http", "ws") + "/ws/c/unodc/delegate/"
        told = []
        async with websockets.connect(url, additional_headers={"Cookie": phone.cookies()}, origin=server.base) as ws:
            await ws.recv()  # the snapshot
            ws.transport.write(CHUNK[: 20000 * len(TINY)])
            try:
                while True:
                    told.append(await asyncio.wait_for(ws.recv(), 10))
            except websockets.ConnectionClosed as closed:
                return told, closed.rcvd.code if closed.rcvd else None

    return asyncio.run(flood())


@pytest.mark.django_db(transaction=True)
@pytest.mark.timeout(120)
@pytest.mark.parametrize("serve", [None, ("tests/serve_without.py", "partial")], ids=["fast path", "public path"])
def test_on_real_daphne_a_flooding_socket_is_told_and_closed_and_the_chair_goes_on(make_room, serve):
    import json

    from tests.browser.server import Browser

    server = make_room(**({"serve": serve} if serve else {})).prepare().start()
    chair, secretariat = Browser(server.base), Browser(server.base)
    chair.open(server.links["chair"])
    secretariat.open(server.links["secretariat (admin)"])
    assert chair.post("sitting.open", {}) == 200

    told, code = flood_on(server)
    assert code == 4429
    assert any("sent far more messages than a page does" in message for message in told)
    counts = json.loads(secretariat.open(f"{server.base}/live/metrics/"))
    assert counts["sockets_flooding"] == 1
    assert counts["fast_path"] is (serve is None)  # cut off where autobahn delivers, or out of daphne's queue
    assert server.log_path.read_text().count("faster than a page does") == 1
    assert chair.post("sitting.close", {}) == 200  # alice's press is answered as before


@pytest.mark.django_db
def test_a_delegations_phones_reconnecting_at_once_are_let_in_and_a_reconnecting_loop_is_paced(
    unodc, canada, clock, test_settings
):
    test_settings.LIVE = {**test_settings.LIVE, "CONNECT_BURST": 3, "CONNECT_PER_SECOND": 1.0, "REQUESTS_WAITING": 1}
    served = Served(clock.now)
    pacing = RequestPacing(served, clock=clock.now)
    handshake = {**request_from(phone_cookie(canada)), "type": "websocket"}

    async def connect_all(count: int) -> list[dict]:
        closed = []

        async def one():
            async def send(message):
                closed.append(message)

            await pacing(dict(handshake), None, send)

        await asyncio.gather(*(one() for _ in range(count)))
        return closed

    # Three at once get in, the fourth waits its turn (a second), the fifth is refused (a second later).
    told = asyncio.run(connect_all(5))
    assert len(served.at) == 4
    assert [m for m in told if m["type"] == "websocket.close"] == [{"type": "websocket.close", "code": 4429}]
    assert sorted(clock.slept) == [1.0, 1.0]
    # Its HTTP requests are counted apart: the page still loads.
    assert statuses(pacing, [request_from(phone_cookie(canada))]) == [200]
