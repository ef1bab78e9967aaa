"""The room at scale: N phones on one committee, measured beside two peers in the same run.

For each N and setup, the app (its own daphne processes, as `make run` starts them) and then each peer
(bench/peers.py) get the same crowd of client processes (bench/crowd.py), pinging like the page:
- connect: N sockets opened at once; seconds until the last has its first frame (the app's snapshot,
  a peer's handshake), handshakes that failed; server memory per socket;
- fan-out: 20 changes 0.5 s apart (the app: the chair marks the roll call over HTTP; a peer: GET
  /broadcast with a fragment of the app's median size); delivery time per socket and change
  (p50 / p95 / p99 / max), share reached, the trigger's latency (the chair's POST), server CPU per
  broadcast (the CPU of the same span with the sockets idle subtracted);
- storm: every socket dropped at once and reconnected with the page's back-off; seconds until all
  are back with a fresh snapshot, failed handshakes; then one more change must reach all of them.
The app alone, at one N: one stalled socket (the others' p99), ten storms (memory growth), a running
timer with nobody acting (frames sent: must be none) and 40 ballots cast at once.
"""

from __future__ import annotations

import asyncio
import json
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.crowd import Crowd, Spec, cpu_seconds, percentile, rss_bytes  # noqa: E402
from tests.browser.server import Browser, RoomServer, free_port  # noqa: E402

CHANGES = 20
EVERY = 0.5
STALL_ROUNDS = 9  # fan-outs without and with a stalled socket, in turn (five without, four with)
STATUS_VERSION = re.compile(r'id="status"[^>]*data-v="(\d+)"')


@dataclass
class Result:
    name: str
    n: int
    setup: str = "embedded"
    connect_s: float | None = None
    connect_failed: int = 0
    mem_kb: float | None = None
    latencies_ms: list[float] = field(default_factory=list)
    reached: float = 0.0
    trigger_ms: list[float] = field(default_factory=list)
    cpu_ms: float | None = None
    idle_cpu: float | None = None  # share of a core used by the idle, pinging sockets
    storm_s: float | None = None
    storm_back: int = 0
    storm_failed: int = 0
    after_storm_reached: float = 0.0
    fragment: int = 0
    extra: dict = field(default_factory=dict)

    def p(self, share: float) -> float:
        return percentile(self.latencies_ms, share)

    @property
    def max_ms(self) -> float:
        return max(self.latencies_ms) if self.latencies_ms else float("nan")

    @property
    def trigger_p95(self) -> float:
        return percentile(self.trigger_ms, 0.95)


# ---- the servers ------------------------------------------------------------------------------------


class AppRoom:
    """The demo committee on one daphne (embedded) or two (PostgreSQL + Redis), the chair signed in
    and a sitting open."""

    name = "app"

    def __init__(self, var_dir: Path, processes: int = 1, env: dict | None = None):
        self.servers = []
        for i in range(processes):
            folder = var_dir / f"app-{i}"
            folder.mkdir(parents=True, exist_ok=True)
            self.servers.append(RoomServer(folder, env=env))
        first = self.servers[0].prepare()
        for other in self.servers[1:]:
            other.links = {k: v.replace(first.base, other.base) for k, v in first.links.items()}
        for server in self.servers:
            server.start()
        self.base = first.base
        self.chair = Browser(first.base)
        self.chair.open(first.links["chair"])
        self.chair.post("sitting.open", {})
        self.rows = re.findall(r'id="row-(\d+)"', self.chair.open(f"{first.base}/c/unodc/chair/"))
        self.marks = 0

    @property
    def pids(self) -> list[int]:
        return [s.process.pid for s in self.servers]

    def specs(self, n: int) -> list[Spec]:
        """n phones, bound to the committee's delegations in turn, spread over the processes."""
        # What a phone's browser holds after opening its join link: a session and the signed cookie.
        code = (
            "import json; from importlib import import_module; from django.conf import settings; "
            "from committee.models import Committee; from committee import access; "
            "c = Committee.objects.get(slug='unodc'); ds = list(c.delegations.order_by('pk')); "
            "Store = import_module(settings.SESSION_ENGINE).SessionStore; cookies = []\n"
            f"for i in range({n}):\n"
            "    d = ds[i % len(ds)]; s = Store(); access.bind_phone(s, d); s.save()\n"
            "    cookies.append(f'sessionid={s.session_key}; "
            "{access.phone_cookie_name(c.pk)}={access.phone_cookie_value(d)}')\n"
            "print(json.dumps(cookies))"
        )
        cookies = json.loads(self.servers[0].manage("shell", "-c", code).strip().splitlines()[-1])
        specs = []
        for i, cookie in enumerate(cookies):
            server = self.servers[i % len(self.servers)]
            specs.append(Spec(server.base.replace("http", "ws") + "/ws/c/unodc/delegate/", cookie, server.base))
        return specs

    def chair_spec(self) -> Spec:
        return Spec(self.base.replace("http", "ws") + "/ws/c/unodc/chair/", self.chair.cookies(), self.base)

    def change(self, _: int = 0) -> tuple[float, float, int | None]:
        """The chair marks a delegation: (when the POST started, its seconds, the version it made)."""
        row = self.rows[self.marks % len(self.rows)]
        status = "present" if (self.marks // len(self.rows)) % 2 == 0 else "absent"
        self.marks += 1
        start = time.monotonic()
        code, html = self.chair.answer("rollcall.mark", {"delegation": row, "status": status})
        took = time.monotonic() - start
        found = STATUS_VERSION.search(html)
        return start, took, int(found.group(1)) if found and code == 200 else None

    def stop(self) -> None:
        for server in self.servers:
            server.stop()


class Peer:
    """A peer's server processes; `change` is its GET /broadcast."""

    def __init__(self, name: str, commands: list[list[str]], ws_path: str, env: dict):
        self.name = name
        self.ports = [free_port() for _ in commands]
        self.processes = []
        for port, command in zip(self.ports, commands, strict=True):
            argv = [part.replace("{port}", str(port)) for part in command]
            self.processes.append(
                subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            )
        self.ws_path = ws_path
        for port in self.ports:
            _wait_for_port(port)
        self.version = 0

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.processes]

    def specs(self, n: int) -> list[Spec]:
        return [
            Spec(
                f"ws://127.0.0.1:{self.ports[i % len(self.ports)]}{self.ws_path}",
                "",
                f"http://127.0.0.1:{self.ports[i % len(self.ports)]}",
            )
            for i in range(n)
        ]

    def change(self, _: int = 0, size: int | None = None) -> tuple[float, float, int | None]:
        """GET /broadcast: a frame to every socket (of `size` bytes, where the peer takes one)."""
        self.version += 1
        query = f"v={self.version}" + (f"&size={size}" if size else "")
        start = time.monotonic()
        with urllib.request.urlopen(f"http://127.0.0.1:{self.ports[0]}/broadcast?{query}", timeout=30):
            pass
        return start, time.monotonic() - start, self.version

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


def raw_peer(size: int, env: dict) -> Peer:
    return Peer("raw websockets", [[sys.executable, "bench/peers.py", "raw", "{port}", str(size)]], "/", env)


def stock_peer(size: int, env: dict, processes: int = 1) -> Peer:
    command = [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", "{port}", "bench.peers:stock_application"]
    return Peer(
        "stock Channels",
        [command] * processes,
        "/ws/",
        {**env, "PEER_SIZE": str(size), "DJANGO_SETTINGS_MODULE": "bench.peers"},
    )


def _wait_for_port(port: int, timeout: float = 30) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


# ---- the measurements -------------------------------------------------------------------------------


def _cpu(pids: list[int]) -> float:
    return sum(cpu_seconds(pid) for pid in pids)


def _rss(pids: list[int]) -> int:
    return sum(rss_bytes(pid) for pid in pids)


def connect(room, crowd: Crowd, result: Result, n: int) -> None:
    specs = room.specs(n)
    before = _rss(room.pids)
    opened = crowd.connect(specs)
    result.connect_s, result.connect_failed = opened["seconds"], opened["failed"]
    if opened["connected"] < n:
        result.extra["connected"] = opened["connected"]
    time.sleep(1.0)
    result.mem_kb = (_rss(room.pids) - before) / max(1, n) / 1024


def fan_out(
    room, crowd: Crowd, *, skip: int = 0, idle_first: bool = True
) -> tuple[list[float], float, list[float], float, float, int]:
    """CHANGES changes EVERY seconds: (latencies, share reached, trigger ms, CPU ms per change, idle
    share of a core, median frame size). `skip`: sockets left out (a stalled one). `idle_first`: the
    server's CPU with the sockets idle measured first, over the same span (for CPU per change)."""
    span = CHANGES * EVERY
    cpu = _cpu(room.pids)
    if idle_first:
        time.sleep(span)
    idle = _cpu(room.pids) - cpu
    crowd.reset()
    sent: list[tuple[float, int]] = []
    triggers = []
    cpu = _cpu(room.pids)
    begin = time.monotonic()
    for i in range(CHANGES):
        started, took, version = room.change(i)
        triggers.append(took * 1000)
        if version is not None:
            sent.append((started, version))
        time.sleep(max(0.0, begin + (i + 1) * EVERY - time.monotonic()))
    busy = _cpu(room.pids) - cpu
    time.sleep(3.0)
    report = crowd.report()
    latencies, reached, expected = deliveries(report["seen"][skip:], sent)
    sizes = [b / f for b, f in zip(report["bytes"], report["frames"], strict=True) if f]
    return (
        latencies,
        reached / max(1, expected),
        triggers,
        max(0.0, busy - idle) * 1000 / CHANGES,
        idle / span,
        int(statistics.median(sizes)) if sizes else 0,
    )


def storm(room, crowd: Crowd, result: Result) -> None:
    back = crowd.storm(timeout=60)
    result.storm_s, result.storm_back, result.storm_failed = back["seconds"], back["connected"], back["failed"]
    time.sleep(0.5)
    crowd.reset()
    started, _, version = room.change()
    time.sleep(3.0)
    _, reached, expected = deliveries(crowd.report()["seen"], [(started, version)] if version else [])
    result.after_storm_reached = reached / max(1, expected)


def deliveries(seen: list[dict], sent: list[tuple[float, int]]) -> tuple[list[float], int, int]:
    """Per socket and change: ms from the trigger to the first frame showing that version or a later
    one (an update of a newer version brings this change too)."""
    latencies = []
    reached = 0
    for versions in seen:
        ordered = sorted(versions.items())
        for started, version in sent:
            times = [at for v, at in ordered if v >= version]
            if times:
                reached += 1
                latencies.append((min(times) - started) * 1000)
    return latencies, reached, len(seen) * len(sent)


def measure(room, n: int, *, expect_snapshot: bool, setup: str = "embedded", workers: int = 2) -> Result:
    result = Result(room.name, n, setup)
    crowd = Crowd(workers, ping=True, expect_snapshot=expect_snapshot)
    try:
        connect(room, crowd, result, n)
        (result.latencies_ms, result.reached, result.trigger_ms, result.cpu_ms, result.idle_cpu, result.fragment) = (
            fan_out(room, crowd)
        )
        storm(room, crowd, result)
    finally:
        crowd.close()
        crowd.exit()
    return result


# ---- the app alone ----------------------------------------------------------------------------------


def stalled_and_storms(room: AppRoom, n: int, storms: int = 10) -> dict:
    """One socket stops reading: the others' p99 beside the same crowd's without it; then `storms`
    reconnect storms and the server's memory after the first and the last."""
    crowd = Crowd(2, ping=True, expect_snapshot=True)
    out: dict = {}
    try:
        crowd.connect(room.specs(n))
        time.sleep(1.0)
        # Without and with, in turn, then without again: the machine's noise from one fan-out to the
        # next is as large as the effect, so each side is the median of its rounds.
        without, stalled, reached = [], [], 1.0
        for round_ in range(STALL_ROUNDS):
            if round_ % 2:
                crowd.stall(1)
                latencies, share, *_ = fan_out(room, crowd, skip=1, idle_first=False)
                crowd.unstall(1)
                time.sleep(2.0)
                stalled.append(percentile(latencies, 0.99))
                reached = min(reached, share)
            else:
                latencies, *_ = fan_out(room, crowd, skip=1, idle_first=False)
                without.append(percentile(latencies, 0.99))
        out["p99_without_stall"] = statistics.median(without)
        out["p99_with_one_stalled"] = statistics.median(stalled)
        out["p99_rounds"] = {"without": without, "with": stalled}
        out["reached_with_one_stalled"] = reached
        crowd.close()
        crowd.exit()
        crowd = Crowd(2, ping=True, expect_snapshot=True)
        crowd.connect(room.specs(n))
        rss = []
        times = []
        failed = 0
        for _ in range(storms):
            back = crowd.storm(timeout=60)
            times.append(back["seconds"])
            failed += back["failed"]
            time.sleep(2.0)
            rss.append(_rss(room.pids) / 2**20)
        out["storm_s_max"] = max(t for t in times if t is not None) if any(times) else None
        out["storms"] = storms
        out["storm_failed"] = failed
        out["rss_mb"] = rss
    finally:
        crowd.close()
        crowd.exit()
    return out


def idle_timer(room: AppRoom, n: int, seconds: float = 10.0) -> dict:
    """A speech timer running and nobody acting: what the phones are sent besides pongs."""
    crowd = Crowd(2, ping=True, expect_snapshot=True)
    try:
        crowd.connect(room.specs(n))
        room.chair.post("speakers.add", {"delegation": room.rows[0]})
        room.chair.post("speakers.next", {})
        room.chair.post("timer", {"which": "speech", "operation": "start"})
        time.sleep(1.0)
        crowd.reset()
        time.sleep(seconds)
        frames = sum(crowd.report()["frames"])
        room.chair.post("timer", {"which": "speech", "operation": "pause"})
    finally:
        crowd.close()
        crowd.exit()
    return {"idle_timer_frames": frames, "idle_timer_seconds": seconds}


def _open_a_vote(room: AppRoom, ids: dict[str, str], mover: str) -> None:
    room.chair.post(
        "motion.raise",
        {"kind": "moderated_caucus", "topic": "Joint teams", "total": "10", "speaking_time": "60", "delegation": mover},
    )
    room.chair.post("motion.vote", {"method": "phones"})


async def _at_once(opened: list, vote, go: threading.Event, ready: threading.Event) -> list:
    """Each phone's connection opened beforehand (its page is loaded); then, at `go`, every phone
    votes at the same instant: (ms from its send to its answer, counted) for each."""
    ready.set()
    while not go.is_set():
        await asyncio.sleep(0.001)
    return await asyncio.gather(*(vote(n, connection) for n, connection in enumerate(opened)))


async def _socket_ballots(phones: list[Browser], base: str, go: threading.Event, ready: threading.Event) -> list:
    """Over each phone's socket, as live.js sends a ballot while the page is live."""
    from websockets.asyncio.client import connect

    url = base.replace("http", "ws") + "/ws/c/unodc/delegate/"
    sockets = [
        await connect(url, additional_headers={"Cookie": p.cookies()}, origin=base, max_size=None) for p in phones
    ]

    async def vote(n: int, socket) -> tuple[float, bool]:
        start = time.monotonic()
        await socket.send(json.dumps({"command": "vote.cast", "choice": "yes", "request": f"bench-s-{n:04}-{start}"}))
        while True:
            message = await socket.recv()
            if "Your vote is in" in message or "flash-error" in message:
                return (time.monotonic() - start) * 1000, "Your vote is in" in message

    try:
        for socket in sockets:
            await socket.recv()  # the snapshot
        return await _at_once(sockets, vote, go, ready)
    finally:
        for socket in sockets:
            await socket.close()


async def _post_ballots(phones: list[Browser], base: str, go: threading.Event, ready: threading.Event) -> list:
    """By POST, as live.js posts a ballot when the socket is down: each phone's HTTP connection kept
    open from loading its page (a browser's keep-alive), the request written as the page writes it."""
    url = urllib.parse.urlsplit(base)
    connections = [await asyncio.open_connection(url.hostname, url.port) for _ in phones]

    async def vote(n: int, connection) -> tuple[float, bool]:
        reader, writer = connection
        phone = phones[n]
        body = b"choice=yes"
        start = time.monotonic()
        head = (
            f"POST /c/unodc/do/vote.cast/ HTTP/1.1\r\nHost: {url.netloc}\r\nOrigin: {base}\r\n"
            f"Cookie: {phone.cookies()}\r\nX-CSRFToken: {phone.cookie('csrftoken')}\r\nHX-Request: true\r\n"
            f"X-Request-Id: bench-p-{n:04}-{int(start * 1000)}\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        writer.write(head.encode() + body)
        status = int((await reader.readline()).split()[1])
        headers = {}
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            await reader.readexactly(int(headers["content-length"]))
        else:  # chunked
            while size := int((await reader.readline()).strip() or b"0", 16):
                await reader.readexactly(size + 2)
            await reader.readline()
        return (time.monotonic() - start) * 1000, status == 200

    try:
        return await _at_once(connections, vote, go, ready)
    finally:
        for _, writer in connections:
            writer.close()


def _burst(phones: list[Browser], base: str, way) -> tuple[list, float]:
    """Run one burst of ballots (`way`: _socket_ballots or _post_ballots) in a thread of its own:
    the answers, and when they were sent."""
    go, ready, result = threading.Event(), threading.Event(), {}
    voting = threading.Thread(target=lambda: result.update(answers=asyncio.run(way(phones, base, go, ready))))
    voting.start()
    ready.wait(30)
    started = time.monotonic()
    go.set()
    voting.join(60)
    return result.get("answers", []), started


def ballots(room: AppRoom, n: int, voters: int = 40, bursts: int = 5) -> dict:
    """`voters` phones cast a ballot at the same instant, with n other phones connected: over their
    sockets as the page sends them (the ballot box writes a burst together), and again by POST (the
    page's way when its socket is down); each answer's time, and when the chair's screen shows the
    last ballot. `bursts` bursts each way: one burst is forty answers, and whether the process's
    garbage collector ran inside it decides its slowest few; the percentiles pool every burst's
    answers, and the worst burst's p95 is reported beside them."""
    server = room.servers[0]
    links = server.read_links()
    names = [name.removeprefix("delegate ") for name in links if name.startswith("delegate ")]
    rows = dict(re.findall(r'id="row-(\d+)"[^>]*data-name="([^"]+)"', room.chair.open(f"{room.base}/c/unodc/chair/")))
    ids = {name: pk for pk, name in rows.items()}
    for name in names:
        room.chair.post("rollcall.mark", {"delegation": ids[name.lower()], "status": "present"})
    room.chair.post("rollcall.close", {})
    _open_a_vote(room, ids, ids[names[0].lower()])
    phones = []
    for name in names:
        phone = Browser(room.base)
        phone.open(links[f"delegate {name}"])
        if 'name="choice"' in phone.open(f"{room.base}/c/unodc/delegate/"):
            phones.append(phone)
        if len(phones) == voters:
            break
    room.chair.post("vote.close", {})
    crowd = Crowd(2, ping=True, expect_snapshot=True) if n else None
    chair_screen = Crowd(1, ping=True, expect_snapshot=True)
    out: dict = {"ballots": len(phones), "others": n, "bursts": bursts}
    try:
        if crowd is not None:
            crowd.connect(room.specs(n))
        chair_screen.connect([room.chair_spec()])
        time.sleep(1.0)

        for way, label in ((_socket_ballots, "socket"), (_post_ballots, "post")):
            took, ok, burst_p95, last_ms = [], 0, [], []
            for _ in range(bursts):
                _open_a_vote(room, ids, ids[names[0].lower()])
                time.sleep(1.0)
                chair_screen.reset()
                answers, started = _burst(phones, room.base, way)
                time.sleep(2.0)
                last = chair_screen.report()["votes"][0].get(len(phones))
                took += [ms for ms, _ in answers]
                ok += sum(1 for _, counted in answers if counted)
                burst_p95.append(percentile([ms for ms, _ in answers], 0.95))
                last_ms.append((last - started) * 1000 if last else float("inf"))  # never
                room.chair.post("vote.close", {})
            out.update(
                {
                    f"{label}_ok": ok,
                    f"{label}_p50_ms": percentile(took, 0.5),
                    f"{label}_p95_ms": percentile(took, 0.95),
                    f"{label}_worst_burst_p95_ms": max(burst_p95),
                    f"{label}_chair_sees_last_ms": statistics.median(last_ms),
                    f"{label}_chair_sees_last_max_ms": max(last_ms),
                }
            )
    finally:
        if crowd is not None:
            crowd.close()
            crowd.exit()
        chair_screen.close()
        chair_screen.exit()
    return out


def main() -> None:
    """`python bench/fanout.py [N]`: the app alone at N phones (embedded, one process), then the raw peer
    sending frames of the app's median size to the same crowd, one line each: to compare two versions
    of the code in a few minutes (the full comparison is `make bench`)."""
    import os
    import tempfile

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    room = AppRoom(Path(tempfile.mkdtemp(prefix="mun-fanout-")))
    try:
        app = measure(room, n, expect_snapshot=True)
    finally:
        room.stop()
    peer = raw_peer(app.fragment or 1000, dict(os.environ))
    try:
        raw = measure(peer, n, expect_snapshot=False)
    finally:
        peer.stop()
    for result in (app, raw):
        print(
            f"{result.name}: n={n} p50_ms={result.p(0.5):.0f} p95_ms={result.p(0.95):.0f} "
            f"p99_ms={result.p(0.99):.0f} trigger_p95_ms={result.trigger_p95:.0f} bytes={app.fragment}"
        )
    print(f"ratio_raw={app.p(0.99) / raw.p(0.99):.2f}")


if __name__ == "__main__":
    main()
