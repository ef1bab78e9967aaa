"""The chair's press while one phone floods the server: a flood costs the room nothing.

On one `manage.py serve` process as `make run` starts it, the chair marks the roll call PRESSES times
alone; then again while Canada's phone (a script with its cookie) floods its socket with tiny messages
as fast as the kernel takes them, connecting again at once each time the server closes it, for the
length of the presses; then again while the same phone keeps HTTP_IN_FLIGHT requests for its page in
flight; ROUNDS rounds of the three. After the first socket flood: how long the server's CPU takes to
fall idle, and its memory 5 s after the flood against before it. Printed:

    flood press_p50_ms=… press_p95_ms=… socket_press_p50_ms=… socket_press_p95_ms=… http_press_p95_ms=…
      rss_growth_mib=… idle_after_s=…
      (socket: … messages sent, … connections, … closed for flooding; http: … served, … refused)

Run alone: `python bench/flood.py` (make bench runs it too).
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script (`python bench/flood.py`): the project's root must be on the path before its own
# modules are imported, hence the imports below the path (E402).
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.crowd import cpu_seconds, percentile, rss_bytes  # noqa: E402 - the root is on the path only now
from bench.stall import chair_presses  # noqa: E402 - the root is on the path only now
from tests.browser.server import Browser, RoomServer  # noqa: E402 - the root is on the path only now

ROUNDS = 3
PRESSES = 30  # the chair's presses in each round of each condition
HTTP_IN_FLIGHT = 12
# A text frame "{}" as a client sends it (masked, with a zero mask): eight bytes a message.
TINY = b"\x81\x82\x00\x00\x00\x00{}"
CHUNK = TINY * 8192


def _socket_flood(base: str, cookies: str, stop: threading.Event, counts: dict) -> None:
    """Canada's socket, flooded; when the server closes it, connected again at once."""
    import logging

    from websockets.sync.client import connect

    logging.getLogger("websockets").setLevel(logging.CRITICAL)  # a dropped connection is the point here
    url = base.replace("http://", "ws://") + "/ws/c/unodc/delegate/"
    while not stop.is_set():
        try:
            ws = connect(url, origin=base, additional_headers={"Cookie": cookies}, open_timeout=5)
        except Exception:
            counts["refused"] += 1
            time.sleep(0.01)
            continue
        counts["connections"] += 1
        raw = ws.socket
        try:
            while not stop.is_set():
                raw.sendall(CHUNK)
                counts["messages"] += len(CHUNK) // len(TINY)
        except OSError:
            pass
        try:
            ws.close_socket()
        except Exception:
            pass
        try:
            raw.close()
        except OSError:
            pass


def _http_flood(url: str, cookies: str, stop: threading.Event, counts: dict) -> None:
    while not stop.is_set():
        request = urllib.request.Request(url, headers={"Cookie": cookies})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
            counts["served"] += 1
        except urllib.error.HTTPError as error:
            counts["refused" if error.code == 429 else "failed"] += 1
        except OSError:
            counts["failed"] += 1


def _idle_after(pid: int, since: float, limit: float = 30.0) -> float:
    """Seconds from `since` until the process used under a tenth of a core over half a second."""
    while time.monotonic() - since < limit:
        before = cpu_seconds(pid)
        time.sleep(0.5)
        if cpu_seconds(pid) - before < 0.05:
            return max(0.0, time.monotonic() - 0.5 - since)
    return float("inf")


def measure(var_dir: Path, rounds: int = ROUNDS, presses: int = PRESSES) -> dict:
    var_dir.mkdir(parents=True, exist_ok=True)
    server = RoomServer(var_dir).prepare().start()
    alone, socket_busy, http_busy = [], [], []
    socket_counts = {"messages": 0, "connections": 0, "refused": 0}
    http_counts = {"served": 0, "refused": 0, "failed": 0}
    try:
        pid = server.process.pid
        chair = Browser(server.base)
        chair.open(server.links["chair"])
        chair.answer("sitting.open", {})
        rows = re.findall(r'id="row-(\d+)"', chair.open(f"{server.base}/c/unodc/chair/"))
        phone = Browser(server.base)
        phone.open(server.links["delegate Canada"])
        cookies = phone.cookies()
        page = f"{server.base}/c/unodc/delegate/"
        chair_presses(chair, rows, 10)  # warm up
        time.sleep(1.0)
        rss_before = rss_bytes(pid)
        idle_after = rss_after = None
        # Rounds of each condition in turn, so that the machine's own drift falls on all three alike.
        for round_ in range(rounds):
            alone += chair_presses(chair, rows, presses)

            stop = threading.Event()
            flooder = threading.Thread(target=_socket_flood, args=(server.base, cookies, stop, socket_counts))
            flooder.start()
            time.sleep(0.5)
            socket_busy += chair_presses(chair, rows, presses)
            stop.set()
            flooder.join(30)
            if round_ == 0:
                stopped = time.monotonic()
                idle_after = _idle_after(pid, stopped)
                time.sleep(max(0.0, 5.0 - (time.monotonic() - stopped)))
                rss_after = rss_bytes(pid)

            stop = threading.Event()
            threads = [
                threading.Thread(target=_http_flood, args=(page, cookies, stop, http_counts))
                for _ in range(HTTP_IN_FLIGHT)
            ]
            for thread in threads:
                thread.start()
            time.sleep(0.5)
            http_busy += chair_presses(chair, rows, presses)
            stop.set()
            for thread in threads:
                thread.join(30)
        closed = server.log_path.read_text().count("faster than a page does")
    finally:
        server.stop()
    return {
        "press_p50_ms": statistics.median(alone),
        "press_p95_ms": percentile(alone, 0.95),
        "socket_press_p50_ms": statistics.median(socket_busy),
        "socket_press_p95_ms": percentile(socket_busy, 0.95),
        "http_press_p95_ms": percentile(http_busy, 0.95),
        "rss_growth_mib": (rss_after - rss_before) / 2**20,
        "idle_after_s": idle_after,
        "socket": {**socket_counts, "closed": closed},
        "http": http_counts,
    }


def line(figures: dict) -> str:
    s, h = figures["socket"], figures["http"]
    return (
        f"flood press_p50_ms={figures['press_p50_ms']:.1f} press_p95_ms={figures['press_p95_ms']:.1f} "
        f"socket_press_p50_ms={figures['socket_press_p50_ms']:.1f} "
        f"socket_press_p95_ms={figures['socket_press_p95_ms']:.1f} "
        f"http_press_p95_ms={figures['http_press_p95_ms']:.1f} rss_growth_mib={figures['rss_growth_mib']:.1f} "
        f"idle_after_s={figures['idle_after_s']:.1f} (socket: {s['messages']} messages sent, "
        f"{s['connections']} connections, {s['closed']} closed for flooding, {s['refused']} handshakes refused; "
        f"http: {h['served']} served, {h['refused']} refused 429, {h['failed']} failed)"
    )


if __name__ == "__main__":
    print(line(measure(Path(tempfile.mkdtemp(prefix="mun-flood-")))), flush=True)
