"""Restarts and storms, for real: a daphne killed with SIGKILL ten times in a stream of actions, five
hundred sockets dropped at once, and a screen that stops reading. Real processes, real sockets (the
crowd of bench/crowd.py, which reconnects like the page), on the setup this run of the suite tests.

- Every action the chair saw acknowledged is in the journal after ten kills, and every open screen
  shows the last change within 5 s.
- 500 sockets dropped at once all come back, and all receive the next change.
- A screen that stops reading is sent nothing it cannot take (the others are not held up), and when it
  reads again it is sent the whole floor once.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import socket
import threading
import time
import urllib.error

import pytest

from bench.crowd import Crowd, Spec
from tests.browser.server import Browser

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(300)]
STATUS = re.compile(r'id="status"[^>]*data-v="(\d+)"')


def rows_of(chair: Browser, base: str) -> dict[str, str]:
    page = chair.open(f"{base}/c/unodc/chair/")
    return {name: pk for pk, name in re.findall(r'id="row-(\d+)"[^>]*data-name="([^"]+)"', page)}


def phones(server, n: int) -> list[Spec]:
    """n phones of the demo's delegations in turn, each with the cookies its join link gave it."""
    names = sorted(name.removeprefix("delegate ") for name in server.links if name.startswith("delegate "))
    specs = []
    for i in range(n):
        phone = Browser(server.base)
        phone.open(server.links[f"delegate {names[i % len(names)]}"])
        specs.append(Spec(server.base.replace("http", "ws") + "/ws/c/unodc/delegate/", phone.cookies(), server.base))
    return specs


def a_sitting(make_room):
    """A server of the demo committee, the chair signed in, a sitting open: (server, chair, row ids)."""
    server = make_room().prepare().start()
    chair = Browser(server.base)
    chair.open(server.links["chair"])
    assert chair.post("sitting.open", {}) == 200
    return server, chair, list(rows_of(chair, server.base).values())


def journalled(server, requests: list[str]) -> int:
    out = server.manage(
        "shell",
        "-c",
        "import sys, json; from committee.models import JournalEntry; "
        f"wanted = set(json.loads({json.dumps(json.dumps(requests))})); "
        "print(JournalEntry.objects.filter(request__in=wanted).count())",
    )
    return int(out.strip().splitlines()[-1])


def test_ten_kills_lose_no_acknowledged_action_and_every_screen_comes_back(make_room):
    server, chair, rows = a_sitting(make_room)
    crowd = Crowd(1)
    try:
        crowd.connect(phones(server, 20))
        acknowledged: list[str] = []
        stop = threading.Event()

        def chair_at_work() -> None:
            """Mark the roll call over and over; a press without an answer is sent again (the same
            press) until it is answered, as the page does when the chair presses again."""
            n = 0
            while not stop.is_set():
                press = secrets.token_hex(8)
                fields = {"delegation": rows[n % len(rows)], "status": "present" if n % 2 else "absent"}
                while not stop.is_set():
                    try:
                        code, _ = chair.answer("rollcall.mark", fields, {"X-Request-Id": press})
                    except (urllib.error.URLError, ConnectionError, OSError):
                        time.sleep(0.05)
                        continue
                    if code == 200:
                        acknowledged.append(press)
                    break
                n += 1

        worker = threading.Thread(target=chair_at_work, daemon=True)
        worker.start()
        for _ in range(10):
            # Each life of the server answers three presses or more, then is killed at a random
            # moment of the stream (however slow this machine is today).
            answered, deadline = len(acknowledged), time.monotonic() + 30
            while len(acknowledged) < answered + 3 and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(secrets.randbelow(600) / 1000)
            server.kill()  # SIGKILL: in the middle of whatever it was doing
            server.start()
        time.sleep(0.5)
        stop.set()
        worker.join(30)
        assert len(acknowledged) >= 30  # the stream really went on through the kills
        assert journalled(server, acknowledged) == len(acknowledged)

        # A last change every screen shows, and every screen shows it within 5 s.
        code, answer = chair.answer("rollcall.mark", {"delegation": rows[0], "status": "present_voting"})
        assert code == 200
        code, answer = chair.answer("rollcall.mark", {"delegation": rows[1], "status": "absent"})
        code, answer = chair.answer("rollcall.mark", {"delegation": rows[1], "status": "present"})
        final = int(STATUS.search(answer).group(1))
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            seen = crowd.report()["seen"]
            if all(versions and max(versions) >= final for versions in seen):
                break
            time.sleep(0.2)
        report = crowd.report()
        behind = [
            f"v{max(seen) if seen else None} (socket open for {open_for} s)"
            for seen, open_for in zip(report["seen"], report["open_for"], strict=True)
            if not seen or max(seen) < final
        ]
        assert behind == [], f"{len(behind)} of 20 screens not at v{final} 5 s later: {behind}"
    finally:
        crowd.close()
        crowd.exit()


def test_five_hundred_sockets_dropped_at_once_all_come_back_and_keep_receiving(make_room):
    server, chair, rows = a_sitting(make_room)
    crowd = Crowd(2)
    try:
        opened = crowd.connect(phones(server, 500))
        assert opened["connected"] == 500
        back = crowd.storm(timeout=60)
        assert back["connected"] == 500, back
        assert back["failed"] == 0, back  # no handshake refused or timed out (the listen backlog)
        crowd.reset()
        code, answer = chair.answer("rollcall.mark", {"delegation": rows[0], "status": "present"})
        version = int(STATUS.search(answer).group(1))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            seen = crowd.report()["seen"]
            if all(version in versions for versions in seen):
                break
            time.sleep(0.2)
        missing = sum(1 for versions in crowd.report()["seen"] if version not in versions)
        assert missing == 0, f"{missing} of 500 screens did not receive the change after the storm"
    finally:
        crowd.close()
        crowd.exit()


async def _stalled_chair(url: str, cookies: str, origin: str, stalled: threading.Event, out: dict) -> None:
    """The chair's screen on a laptop that froze: its socket (with a small receive buffer) stops
    reading while `stalled` is set, then reads again and notes what it is sent."""
    from websockets.asyncio.client import connect

    host, port = origin.removeprefix("http://").split(":")
    raw = socket.socket()
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.connect((host, int(port)))
    raw.setblocking(False)
    # No keepalive of its own: a frozen laptop pings nobody (and the client's pongs, queued behind what
    # it does not read, would make it close itself when the stall outlasts its ping timeout).
    async with connect(
        url, sock=raw, additional_headers={"Cookie": cookies}, origin=origin, max_size=None, ping_interval=None
    ) as ws:
        out["first"] = await ws.recv()
        out["ready"].set()
        while stalled.is_set():
            await asyncio.sleep(0.05)
        out["after"] = []
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                out["after"].append(await asyncio.wait_for(ws.recv(), 1.0))
            except TimeoutError:
                if any('id="rollcall"' in message for message in out["after"]):
                    return


def test_a_screen_that_stops_reading_is_sent_nothing_it_cannot_take_then_the_whole_floor(make_room):
    server, chair, rows = a_sitting(make_room)
    frozen = Browser(server.base)  # a second laptop of the board, whose browser freezes
    frozen.open(server.read_links()["chair"])
    crowd = Crowd(1)
    stalled = threading.Event()
    stalled.set()
    out: dict = {"ready": threading.Event()}
    ws_url = server.base.replace("http", "ws") + "/ws/c/unodc/chair/"
    runner = threading.Thread(
        target=lambda: asyncio.run(_stalled_chair(ws_url, frozen.cookies(), server.base, stalled, out)), daemon=True
    )
    try:
        crowd.connect(phones(server, 10))
        runner.start()
        assert out["ready"].wait(10) and 'id="rollcall"' in out["first"]
        crowd.reset()
        sent = []
        for n in range(480):  # 1.6 MB of the chair's regions, which the frozen one never reads
            # Every delegation present, then every one absent, and again: each mark changes the counts.
            status = "present" if (n // len(rows)) % 2 == 0 else "absent"
            code, answer = chair.answer("rollcall.mark", {"delegation": rows[n % len(rows)], "status": status})
            assert code == 200
            sent.append(int(STATUS.search(answer).group(1)))
        time.sleep(1.0)
        # The phones were not held up: each saw every change.
        for versions in crowd.report()["seen"]:
            assert set(sent) <= set(versions)
        stalled.clear()  # the laptop wakes up
        runner.join(20)
        after = out.get("after") or []
        # What it could not take was not queued for it: it is sent the whole floor, once, and far
        # less than what it missed.
        assert sum('id="rollcall"' in message for message in after) == 1, (len(after), sum(len(m) for m in after))
        assert sum(len(message) for message in after) < 1_100_000
    finally:
        stalled.clear()
        crowd.close()
        crowd.exit()
