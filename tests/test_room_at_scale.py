"""The room at scale, in counts (the times are `make bench`'s): what a broadcast, a connection and a
burst of ballots cost, whatever the number of phones.

- a process holds one channel per group, whatever the number of its screens (the relay);
- relaying an update runs no database query;
- phones connecting at once share one read of the doors and one rendering of each snapshot;
- a vote opening reaches each phone in one frame: the vote and its own ballot together;
- forty ballots at once are rendered a few times, not forty, and the phones are sent nothing they
  already show;
- a socket that does not drain is sent nothing until it does, then resyncs once;
- the chair's answer goes out before the other screens' updates.
"""

from __future__ import annotations

import asyncio
import functools
import threading

import pytest
from channels.layers import get_channel_layer
from django.db.backends.utils import CursorWrapper

from committee import actions
from committee.live import broadcast, daphne_adapter, render
from committee.live.consumer import FloorConsumer
from committee.live.memory import MEMORY
from committee.live.metrics import METRICS
from committee.live.relay import Relay
from tests.conftest import (
    FULL_HOUSE_EXTRA,
    HOST,
    LOOP,
    ORIGIN,
    PRESENT_AT_START,
    Socket,
    actor_for,
    cookie_of,
    phone_of,
)

pytestmark = pytest.mark.django_db(transaction=True)


class Queries:
    """Every SQL statement run in any thread while it is open (the sockets' reads run in a thread of
    their own, which CaptureQueriesContext would not see)."""

    def __init__(self, monkeypatch):
        self.count = 0
        self._lock = threading.Lock()
        original = CursorWrapper.execute

        def counted(cursor, sql, params=None):
            with self._lock:
                self.count += 1
            return original(cursor, sql, params)

        monkeypatch.setattr(CursorWrapper, "execute", counted)

    def reset(self) -> None:
        self.count = 0


def phones_of(unodc, names: list[str], copies: int) -> list[tuple[bytes, bytes]]:
    cookies = []
    for name in names:
        client = phone_of(unodc.delegations.get(name=name))
        cookies += [cookie_of(client)] * copies
    return cookies


def connect_all(paths_and_cookies: list[tuple[str, tuple[bytes, bytes] | None]]) -> list[Socket]:
    """Open every socket at once, as phones do after a Wi-Fi blip."""
    from channels.testing import WebsocketCommunicator

    from tests.conftest import asgi_application

    async def open_all():
        communicators = []
        for path, cookie in paths_and_cookies:
            headers = [ORIGIN, HOST] + ([cookie] if cookie else [])
            communicators.append(WebsocketCommunicator(asgi_application(), path, headers=headers))
        results = await asyncio.gather(*(c.connect() for c in communicators))
        return communicators, results

    communicators, results = LOOP.run(open_all())
    assert all(connected for connected, _ in results)
    sockets = []
    for communicator in communicators:
        socket = Socket.__new__(Socket)
        socket.communicator, socket.connected, socket.close_code = communicator, True, None
        sockets.append(socket)
    return sockets


def close_all(sockets: list[Socket]) -> None:
    for socket in sockets:
        try:
            socket.close()
        except Exception:
            pass


def members_of(group: str) -> int:
    """How many channels of this process the layer delivers the group's messages to."""
    layer = get_channel_layer()
    if hasattr(layer, "_get_layer"):  # Redis pub-sub: one layer per event loop, subscribed per group

        async def count():
            inner = layer._get_layer()
            return len(inner.groups.get(inner._get_group_channel_name(group), ()))

        return LOOP.run(count())
    return len(layer.groups.get(group, ()))


def test_a_process_holds_one_channel_per_group_whatever_its_screens(unodc, sitting, alice_client):
    cookies = phones_of(unodc, ["Canada", "Finland"], copies=10)
    sockets = connect_all(
        [("/ws/c/unodc/delegate/", c) for c in cookies] + [("/ws/c/unodc/chair/", cookie_of(alice_client))]
    )
    try:
        for socket in sockets:
            socket.receive()
        canada = unodc.delegations.get(name="Canada")
        assert members_of(render.committee_group(unodc.pk, "delegate", "en-gb")) == 1
        assert members_of(render.delegation_group(unodc.pk, canada.pk, "en-gb")) == 1
        assert members_of(render.committee_group(unodc.pk, "chair", "en-gb")) == 1
    finally:
        close_all(sockets)


def test_relaying_an_update_to_every_screen_runs_no_query(unodc, sitting, monkeypatch):
    sockets = connect_all([("/ws/c/unodc/delegate/", c) for c in phones_of(unodc, ["Canada", "Finland"], copies=8)])
    try:
        for socket in sockets:
            socket.receive()
        queries = Queries(monkeypatch)
        message = {"type": "floor.update", "version": 99, "change": None, "html": '<i id="x" data-v="99">x</i>'}
        LOOP.run(get_channel_layer().group_send(render.committee_group(unodc.pk, "delegate", "en-gb"), message))
        assert all(socket.receive() == '<i id="x" data-v="99">x</i>' for socket in sockets)
        assert queries.count == 0
    finally:
        close_all(sockets)


def test_phones_connecting_at_once_share_one_read_and_one_rendering(unodc, sitting, monkeypatch):
    queries = Queries(monkeypatch)

    def storm(copies: int) -> tuple[int, int, int]:
        MEMORY.forget()  # a process just started: nothing read, nothing rendered
        METRICS.reset()
        queries.reset()
        cookies = phones_of(unodc, ["Canada", "Finland", "Estonia"], copies=copies)
        before = queries.count  # joining the phones (the test's own HTTP requests)
        sockets = connect_all([("/ws/c/unodc/delegate/", c) for c in cookies])
        try:
            shown = [socket.receive() for socket in sockets]
            assert all('id="you"' in html and 'id="status"' in html for html in shown)
            return queries.count - before, METRICS.snapshot_renders, METRICS.doors_reads
        finally:
            close_all(sockets)

    few, many = storm(2), storm(12)
    # 36 phones cost what 6 cost: one committee lookup, the doors, one floor, one rendering of the
    # shared regions and one of each delegation's own (3 delegations).
    assert many == few
    queries_, renders, reads = many
    assert renders == 1 + 3
    assert reads <= 2
    assert queries_ <= 40  # the bound every floor action keeps (tests/test_floor_costs.py)


def test_a_phones_socket_shows_its_signed_cookie_not_its_session(unodc, sitting, alice_actor, canada, canada_phone):
    from committee.access import phone_cookie_name

    session_only = (b"cookie", f"sessionid={canada_phone.cookies['sessionid'].value}".encode())
    refused = Socket("/ws/c/unodc/delegate/", [ORIGIN, HOST, session_only])
    assert "not joined to a delegation" in refused.receive()
    forged = (b"cookie", f"{phone_cookie_name(unodc.pk)}=eyJpZCI6MX0:forged:signature".encode())
    refused = Socket("/ws/c/unodc/delegate/", [ORIGIN, HOST, forged])
    assert "not joined to a delegation" in refused.receive()
    cookie = cookie_of(canada_phone)
    actions.reissue_join_link(unodc, alice_actor, canada.pk)  # a lost phone: its cookie is of the old link
    refused = Socket("/ws/c/unodc/delegate/", [ORIGIN, HOST, cookie])
    assert "not joined to a delegation" in refused.receive()
    assert refused.receive_output() == {"type": "websocket.close", "code": 4403}


def test_a_vote_opening_reaches_each_phone_in_one_frame_with_its_own_ballot(voting_house, alice_actor):
    from debate import actions as debate_actions

    unodc = voting_house
    phones = connect_all([("/ws/c/unodc/delegate/", c) for c in phones_of(unodc, ["Canada", "Kenya"], copies=2)])
    try:
        for socket in phones:
            socket.receive()  # the snapshot
        debate_actions.raise_motion(
            unodc, actor_for(unodc, "Canada"), "unmoderated_caucus", {"duration": 300, "topic": "Drafting"}
        )
        for socket in phones:
            socket.receive()  # the motion on the floor (and the mover's phones their "withdraw")
            while not socket.nothing_more(0.2):
                socket.receive()
        debate_actions.open_vote(unodc, alice_actor, "phones")
        for socket in phones:
            frame = socket.receive()
            assert 'id="phone-motions"' in frame  # what every phone is shown: the motion now voted on
            assert 'id="ballot"' in frame and 'data-testid="vote-open"' in frame  # its own ballot
            assert socket.nothing_more(0.3)  # one frame, not the vote and then the ballot
    finally:
        close_all(phones)


def test_forty_ballots_at_once_are_rendered_a_few_times_and_phones_get_only_what_changed(voting_house, alice_actor):
    from debate import actions as debate_actions

    unodc = voting_house
    names = [n for n in PRESENT_AT_START + FULL_HOUSE_EXTRA if unodc.delegations.get(name=n).kind == "member"][:20]
    debate_actions.raise_motion(
        unodc, actor_for(unodc, names[0]), "unmoderated_caucus", {"duration": 300, "topic": "Drafting"}
    )
    debate_actions.open_vote(unodc, alice_actor, "phones")
    voters = connect_all([("/ws/c/unodc/delegate/", c) for c in phones_of(unodc, names, copies=1)])
    watcher = connect_all([("/ws/c/unodc/delegate/", c) for c in phones_of(unodc, ["Holy See"], copies=1)])[0]
    try:
        for socket in [*voters, watcher]:
            socket.receive()
        METRICS.merged_renders = 0
        METRICS.regions_unchanged = 0

        async def all_vote():
            await asyncio.gather(
                *(s.communicator.send_to(text_data='{"command": "vote.cast", "choice": "yes"}') for s in voters)
            )

        LOOP.run(all_vote())
        for socket in voters:
            assert "You voted yes." in socket.receive_until("You voted yes.")
        assert 1 <= METRICS.merged_renders < len(voters) / 2  # one burst, a few renders
        # The phones' header and roll-call line did not change: a phone that did not vote is sent
        # nothing at all, and it knows it missed nothing (a ping is answered with a pong only).
        assert watcher.nothing_more(0.5)
        assert METRICS.regions_unchanged >= 2 * METRICS.merged_renders
        watcher.send_json({"command": "ping"})
        assert watcher.receive().startswith("<!--pong")
        assert watcher.nothing_more(0.3)
    finally:
        close_all([*voters, watcher])


# ---- a socket that does not drain ----------------------------------------------------------------


class FakeTransport:
    """Twisted's side of one socket, as far as the adapter looks at it (under TLS: no direct write)."""

    TLS = True
    connected, disconnecting = True, False
    _tempDataBuffer: list = []  # Twisted's
    dataBuffer, offset = b"", 0
    producer = None

    def getHandle(self):  # noqa: N802 - Twisted's interface
        return None


class FakeProtocol:
    """Daphne's side of one socket (autobahn's protocol), as far as the flow of bytes goes."""

    STATE_OPEN, STATE_CLOSED = 3, 4  # autobahn's

    def __init__(self):
        self.transport = FakeTransport()
        self.send_queue = []
        self.producer = None
        self.dropped = False
        self.state = self.STATE_OPEN
        self.written: list[bytes] = []  # the frames written to the socket, as bytes on the wire

    def sendPreparedMessage(self, prepared):  # noqa: N802 - autobahn's interface
        self.written.append(prepared.payloadHybi)

    def registerProducer(self, producer, streaming):  # noqa: N802
        self.producer = producer

    def dropConnection(self, abort=False):  # noqa: N802
        self.dropped = True

    def onMessage(self, payload, is_binary):  # noqa: N802 - autobahn's callback (daphne's queue)
        pass

    def sendMessage(self, payload, is_binary=False):  # noqa: N802
        self.written.append(payload)

    def sendClose(self, code=None, reason=None):  # noqa: N802
        self.state = self.STATE_CLOSED


def screen_on(protocol: FakeProtocol) -> FloorConsumer:
    """A screen whose socket daphne serves, in step at version 5."""

    async def handle_reply(protocol, message):
        raise AssertionError("the relay writes a prepared frame to daphne's socket, not an ASGI message")

    daphne_adapter.check()
    screen = FloorConsumer()
    screen.base_send = functools.partial(handle_reply, protocol)
    screen.memory = MEMORY.of(1)
    screen.allowed, screen.committee_id, screen.shown, screen.later, screen.missed = True, 1, 5, set(), False
    screen.writer = daphne_adapter.writer_for(screen.base_send, screen._drained)
    return screen


def test_a_screen_whose_socket_is_full_is_sent_nothing_then_resyncs_once(test_settings):
    protocol = FakeProtocol()
    sent = protocol.written
    screen = screen_on(protocol)
    assert protocol.producer is screen.writer  # Twisted tells the screen's writer when the buffer fills
    resyncs = []

    async def resync():
        resyncs.append(1)

    screen.resync = resync

    def update(version: int) -> None:
        event = {"type": "floor.update", "change": version, "html": f"<i data-v='{version}'></i>"}
        asyncio.run(screen.relay_update(event, daphne_adapter.Frame(event["html"])))

    update(6)
    assert len(sent) == 1
    protocol.producer.pauseProducing()  # the phone stopped reading: its buffer is full
    for version in range(7, 30):
        update(version)
    assert len(sent) == 1 and screen.missed  # nothing piles up for it

    async def drained():
        protocol.producer.resumeProducing()
        await asyncio.sleep(0)

    asyncio.run(drained())
    assert resyncs == [1] and not screen.missed
    protocol.producer.pauseProducing()
    test_settings.LIVE = {**test_settings.LIVE, "STUCK_FOR": 0.0}
    update(31)
    assert protocol.dropped  # stuck for good: dropped, and the page reconnects


def test_a_group_update_is_framed_once_and_written_to_each_open_socket_as_a_websocket_text_frame():
    """Three phones on daphne, one of which has just closed: the two open ones are written the very
    same bytes (framed once), a text frame carrying the update; the closed one is written nothing."""
    protocols = [FakeProtocol() for _ in range(3)]
    screens = [screen_on(protocol) for protocol in protocols]
    protocols[2].state = FakeProtocol.STATE_CLOSED
    hub = Relay()
    hub.screens = lambda group: screens
    html = "<div id='roll' data-v='6'>Canada – present</div>"
    asyncio.run(hub.deliver("committee-1-delegate", {"type": "floor.update", "change": 6, "html": html}))

    first, second = protocols[0].written, protocols[1].written
    assert len(first) == len(second) == 1 and first[0] is second[0]
    assert protocols[2].written == []
    wire, payload = first[0], html.encode()
    assert wire[0] == 0x81  # FIN, a text frame
    assert wire[1] == len(payload) < 126  # unmasked (a server's), its length in the byte itself
    assert wire[2:] == payload
    assert [screen.shown for screen in screens] == [6, 6, 6]


# ---- the chair's answer first ------------------------------------------------------------------


def test_the_chairs_answer_is_complete_before_the_others_are_sent_theirs(unodc, sitting, alice, canada, monkeypatch):
    from django.test import RequestFactory

    from committee import views

    sent = []
    monkeypatch.setattr(broadcast, "_layer_send", lambda group, message, collecting: sent.append(group))
    request = RequestFactory().post(
        "/c/unodc/do/rollcall.mark/", {"delegation": canada.pk, "status": "present"}, HTTP_HX_REQUEST="true"
    )
    request.user = alice
    request.session = {}
    from django_htmx.middleware import HtmxDetails

    request.htmx = HtmxDetails(request)
    response = views.command.__wrapped__(request, "unodc", "rollcall.mark")
    assert 'data-name="canada" data-status="present"' in response.content.decode()
    assert sent == []  # answered: nothing sent to the other screens yet
    response.close()  # Django closes a response once it is sent
    assert (
        render.committee_group(unodc.pk, "delegate", "en-gb") in sent
        and render.committee_group(unodc.pk, "chair", "en-gb") in sent
    )
