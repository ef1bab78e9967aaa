"""The fast path to the phones' sockets, on real daphne: where every detail of daphne, autobahn and
Twisted it relies on is there, each update is written straight to the sockets; where one is gone, the
screens still get every update, through daphne's public ASGI path, and the server's log says so loudly
(committee/live/daphne_adapter.py). The secretariat reads which path served them on /live/metrics/."""

from __future__ import annotations

import asyncio
import json
import re

import pytest

from tests.browser.server import Browser

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(120)]
STATUS = re.compile(r'id="status"[^>]*data-v="(\d+)"')
OFF = "the fast path to daphne's sockets is off"


def the_room(server) -> tuple[Browser, Browser, list[Browser]]:
    """The chair (a sitting open), the secretariat, and three phones of the demo's delegations."""
    chair, secretariat = Browser(server.base), Browser(server.base)
    chair.open(server.links["chair"])
    secretariat.open(server.links["secretariat (admin)"])
    assert chair.post("sitting.open", {}) == 200
    phones = []
    for name in ("Canada", "Finland", "Mexico"):
        phone = Browser(server.base)
        phone.open(server.links[f"delegate {name}"])
        phones.append(phone)
    return chair, secretariat, phones


def each_phone_sees_the_roll_call_change(server, chair: Browser, phones: list[Browser]) -> None:
    """The chair marks Canada present: every phone's socket is sent that version of the floor."""
    import websockets

    rows = dict(re.findall(r'id="row-(\d+)"[^>]*data-name="([^"]+)"', chair.open(f"{server.base}/c/unodc/chair/")))
    canada = next(pk for pk, name in rows.items() if name == "canada")

    async def watch() -> list[bool]:
        url = server.base.replace("http", "ws") + "/ws/c/unodc/delegate/"
        sockets = [
            await websockets.connect(url, additional_headers={"Cookie": p.cookies()}, origin=server.base)
            for p in phones
        ]
        try:
            for socket in sockets:
                await socket.recv()  # the snapshot
            code, answer = await asyncio.to_thread(
                chair.answer, "rollcall.mark", {"delegation": canada, "status": "present"}
            )
            assert code == 200
            version = int(STATUS.search(answer).group(1))

            async def sees(socket) -> bool:
                while True:
                    found = STATUS.search(await asyncio.wait_for(socket.recv(), 10))
                    if found and int(found.group(1)) >= version:
                        return True

            return await asyncio.gather(*(sees(socket) for socket in sockets))
        finally:
            for socket in sockets:
                await socket.close()

    assert asyncio.run(watch()) == [True, True, True]


def metrics(server, secretariat: Browser) -> dict:
    return json.loads(secretariat.open(f"{server.base}/live/metrics/"))


def test_on_real_daphne_each_update_is_written_straight_to_the_sockets(make_room):
    server = make_room().prepare().start()
    chair, secretariat, phones = the_room(server)
    each_phone_sees_the_roll_call_change(server, chair, phones)
    counts = metrics(server, secretariat)
    assert counts["fast_path"] is True and counts["fast_path_off"] == []
    assert counts["frames_direct"] >= 3  # the update, framed once, written to each phone's socket
    assert counts["frames_public"] == 0
    assert OFF not in server.log_path.read_text()


@pytest.mark.parametrize(
    ("detail", "said"),
    [
        ("partial", "daphne's send is not a partial"),
        ("prepared-message", "PreparedMessage.payloadHybi"),
    ],
)
def test_with_a_detail_gone_every_update_still_arrives_through_asgi_and_the_log_says_why(make_room, detail, said):
    server = make_room(serve=("tests/serve_without.py", detail)).prepare().start()
    chair, secretariat, phones = the_room(server)
    each_phone_sees_the_roll_call_change(server, chair, phones)
    counts = metrics(server, secretariat)
    assert counts["fast_path"] is False
    assert counts["frames_public"] >= 3 and counts["frames_direct"] == counts["frames_buffered"] == 0
    log = server.log_path.read_text()
    assert OFF in log and said in log
    assert log.count(OFF) == 1  # said once, not once per socket


def test_the_metrics_are_the_secretariats_only(make_room):
    server = make_room().prepare().start()
    chair, secretariat, phones = the_room(server)
    assert "frames_direct" in metrics(server, secretariat)
    for visitor in (chair, phones[0], Browser(server.base)):
        with pytest.raises(Exception, match="404"):
            visitor.open(f"{server.base}/live/metrics/")
