"""A crowd of phones: client processes that hold many WebSockets open, as the phone page does, and time
what reaches them. Used by the benchmark (`make bench`), the soak (`make soak`) and the storm tests.

Each worker process runs one asyncio loop with its share of the sockets and answers commands from the
parent over a pipe. Every socket reads all it is sent and notes, for each version of the floor it sees
(`id="status" ... data-v="N"`, which every broadcast carries), when it first saw it (time.monotonic:
one clock for every process of this machine). Like the page, it can ping every 2.5 s, and it reconnects
with the page's jittered back-off when its socket drops.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import random
import re
import struct
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

STATUS_VERSION = re.compile(rb'id="status"[^>]*data-v="(\d+)"')
REGION_VERSION = re.compile(rb' data-v="(\d+)"')  # any region's (a phone is sent only what changed for it)
VOTE_COUNT = re.compile(rb'data-testid="vote-count">(\d+) of')
PONG = b"<!--pong"


def backoff(retry: int) -> float:
    """The page's reconnect delay (static/js/live.js): jittered, doubling from 0.5 s up to 5 s."""
    cap = min(5.0, 0.5 * 2**retry)
    return cap / 2 + random.random() * cap / 2


@dataclass
class Spec:
    url: str
    cookie: str = ""
    origin: str = ""


@dataclass
class Phone:
    spec: Spec
    seen: dict[int, float] = field(default_factory=dict)  # version -> when first seen
    regions: dict[int, float] = field(default_factory=dict)  # version -> when its last region came
    frames: int = 0  # frames other than pongs
    pongs: int = 0
    bytes: int = 0
    connected_at: float | None = None  # when the first frame after the handshake came (the snapshot)
    opened_at: float | None = None  # when the handshake completed
    failed: int = 0  # handshakes that failed (refused, timed out, reset)
    votes: dict[int, float] = field(default_factory=dict)  # ballots cast -> when first seen
    closed_by_server: list[int] = field(default_factory=list)
    socket: object | None = None
    reading: asyncio.Event = field(default_factory=asyncio.Event)


class Worker:
    def __init__(self, conn, ping: bool, expect_snapshot: bool):
        self.conn = conn
        self.ping = ping
        self.expect_snapshot = expect_snapshot
        self.phones: list[Phone] = []
        self.tasks: list[asyncio.Task] = []
        self.running = True

    async def run_phone(self, phone: Phone, first_delay: float) -> None:
        from websockets.asyncio.client import connect
        from websockets.exceptions import ConnectionClosed

        await asyncio.sleep(first_delay)
        retry = 0
        headers = {}
        if phone.spec.cookie:
            headers["Cookie"] = phone.spec.cookie
        while self.running:
            try:
                async with connect(
                    phone.spec.url,
                    additional_headers=headers,
                    origin=phone.spec.origin or None,
                    max_size=None,
                    compression=None,
                    open_timeout=10,
                    ping_interval=None,
                    close_timeout=1,
                ) as socket:
                    phone.socket = socket
                    phone.opened_at = time.monotonic()
                    if not self.expect_snapshot:
                        phone.connected_at = phone.opened_at
                    retry = 0
                    pinger = asyncio.create_task(self.pinger(socket)) if self.ping else None
                    try:
                        while True:
                            await phone.reading.wait()
                            message = await socket.recv(decode=False)
                            now = time.monotonic()
                            if message.startswith(PONG):
                                phone.pongs += 1
                                continue
                            phone.frames += 1
                            phone.bytes += len(message)
                            if phone.connected_at is None:
                                phone.connected_at = now
                            for match in STATUS_VERSION.finditer(message):
                                phone.seen.setdefault(int(match.group(1)), now)
                            for version in set(REGION_VERSION.findall(message)):
                                phone.regions[int(version)] = now
                            for match in VOTE_COUNT.finditer(message):
                                phone.votes.setdefault(int(match.group(1)), now)
                    except ConnectionClosed as closed:
                        if closed.rcvd is not None:
                            phone.closed_by_server.append(closed.rcvd.code)
                            if closed.rcvd.code >= 4000:
                                return  # the app's "do not retry"
                    finally:
                        phone.socket = None
                        if pinger is not None:
                            pinger.cancel()
            except asyncio.CancelledError:
                raise
            except Exception:
                phone.failed += 1
            if not self.running:
                return
            await asyncio.sleep(backoff(retry))
            retry += 1

    async def pinger(self, socket) -> None:
        await asyncio.sleep(random.random() * 2.5)
        while True:
            await socket.send('{"command": "ping"}')
            await asyncio.sleep(2.5)

    # ---- commands from the parent -----------------------------------------------------------------

    async def connect(self, specs: list[Spec], spread: float) -> dict:
        """Open these sockets at once (or spread over `spread` seconds); returns when all have their
        first frame, or after 60 s."""
        start = time.monotonic()
        for spec in specs:
            phone = Phone(spec)
            phone.reading.set()
            self.phones.append(phone)
            delay = random.random() * spread if spread else 0.0
            self.tasks.append(asyncio.create_task(self.run_phone(phone, delay)))
        await self.until(lambda: all(p.connected_at is not None for p in self.phones), 60)
        done = [p.connected_at for p in self.phones if p.connected_at is not None]
        return {
            "start": start,
            "connected": len(done),
            "last": max(done) if done else None,
            "failed": sum(p.failed for p in self.phones),
        }

    async def until(self, condition, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            await asyncio.sleep(0.02)
        return condition()

    async def storm(self, timeout: float) -> dict:
        """Every socket drops at once (its TCP connection reset, as when the Wi-Fi goes) and comes back
        with the page's back-off. Returns when every one has its new snapshot, or after `timeout`."""
        failed_before = sum(p.failed for p in self.phones)
        for phone in self.phones:
            phone.connected_at = None
        start = time.monotonic()
        for phone in self.phones:
            socket = phone.socket
            if socket is not None:
                socket.transport.abort()
        await self.until(lambda: all(p.connected_at is not None for p in self.phones), timeout)
        done = [p.connected_at for p in self.phones if p.connected_at is not None]
        return {
            "start": start,
            "connected": len(done),
            "last": max(done) if done else None,
            "failed": sum(p.failed for p in self.phones) - failed_before,
        }

    async def reset(self) -> dict:
        for phone in self.phones:
            phone.seen.clear()
            phone.regions.clear()
            phone.votes.clear()
            phone.frames = phone.pongs = phone.bytes = 0
        return {}

    async def report(self) -> dict:
        now = time.monotonic()
        return {
            "seen": [dict(p.seen) for p in self.phones],
            "regions": [dict(p.regions) for p in self.phones],
            "votes": [dict(p.votes) for p in self.phones],
            "frames": [p.frames for p in self.phones],
            "bytes": [p.bytes for p in self.phones],
            "closed_by_server": [list(p.closed_by_server) for p in self.phones],
            "open": sum(1 for p in self.phones if p.socket is not None),
            # Seconds each phone's socket has been open (None: not connected now, between attempts).
            "open_for": [round(now - p.opened_at, 2) if p.socket is not None else None for p in self.phones],
        }

    async def stall(self, count: int) -> dict:
        """The first `count` sockets stop reading (a phone whose browser froze): TCP backs up. A
        negative count makes them read again."""
        for phone in self.phones[: abs(count)]:
            if count > 0:
                phone.reading.clear()
            else:
                phone.reading.set()
        return {}

    async def close(self) -> dict:
        self.running = False
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        self.phones, self.tasks = [], []
        self.running = True
        return {}

    async def serve(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                command, args = await loop.run_in_executor(None, self.conn.recv)
            except EOFError:  # the parent has gone: so do we
                await self.close()
                return
            if command == "exit":
                await self.close()
                self.conn.send({})
                return
            result = await getattr(self, command)(*args)
            self.conn.send(result)


class Pipe:
    """Length-prefixed pickles over a pair of file objects (a worker's stdin and stdout)."""

    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer

    def send(self, obj) -> None:
        data = pickle.dumps(obj)
        self.writer.write(struct.pack("!Q", len(data)) + data)
        self.writer.flush()

    def recv(self):
        head = self.reader.read(8)
        if len(head) < 8:
            raise EOFError("the other end has gone")
        (size,) = struct.unpack("!Q", head)
        return pickle.loads(self.reader.read(size))


def _worker_main(ping: bool, expect_snapshot: bool) -> None:
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ImportError, ValueError, OSError):
        pass
    conn = Pipe(sys.stdin.buffer, sys.stdout.buffer)
    sys.stdout = sys.stderr  # nothing else may write on the pipe
    asyncio.run(Worker(conn, ping, expect_snapshot).serve())


class Crowd:
    """Phones spread over `workers` client processes (plain subprocesses: `python bench/crowd.py`)."""

    def __init__(self, workers: int = 2, *, ping: bool = True, expect_snapshot: bool = True):
        self.pipes = []
        self.processes = []
        for _ in range(workers):
            process = subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), "worker", str(int(ping)), str(int(expect_snapshot))],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
            self.pipes.append(Pipe(process.stdout, process.stdin))
            self.processes.append(process)

    def _all(self, command: str, per_worker_args: list[tuple]) -> list[dict]:
        for pipe, args in zip(self.pipes, per_worker_args, strict=True):
            pipe.send((command, args))
        return [pipe.recv() for pipe in self.pipes]

    def _same(self, command: str, *args) -> list[dict]:
        return self._all(command, [args] * len(self.pipes))

    def connect(self, specs: list[Spec], spread: float = 0.0) -> dict:
        """Open every socket; (seconds until the last had its first frame, connected, failed)."""
        shares = [specs[i :: len(self.pipes)] for i in range(len(self.pipes))]
        results = self._all("connect", [(share, spread) for share in shares])
        return _merge_opening(results)

    def storm(self, timeout: float = 60.0) -> dict:
        return _merge_opening(self._same("storm", timeout))

    def reset(self) -> None:
        self._same("reset")

    def stall(self, count: int) -> None:
        self._all("stall", [(count,)] + [(0,)] * (len(self.pipes) - 1))

    def unstall(self, count: int) -> None:
        self._all("stall", [(-count,)] + [(0,)] * (len(self.pipes) - 1))

    def report(self) -> dict:
        merged: dict[str, list] = {
            "seen": [],
            "regions": [],
            "votes": [],
            "frames": [],
            "bytes": [],
            "closed_by_server": [],
            "open_for": [],
        }
        opened = 0
        for result in self._same("report"):
            for key in merged:
                merged[key] += result[key]
            opened += result["open"]
        merged["open"] = opened
        return merged

    def close(self) -> None:
        self._same("close")

    def exit(self) -> None:
        try:
            self._same("exit")
        except (EOFError, BrokenPipeError, OSError):
            pass
        for process in self.processes:
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()


def _merge_opening(results: list[dict]) -> dict:
    start = min(r["start"] for r in results)
    lasts = [r["last"] for r in results if r["last"] is not None]
    return {
        "seconds": (max(lasts) - start) if lasts else None,
        "connected": sum(r["connected"] for r in results),
        "failed": sum(r["failed"] for r in results),
    }


# ---- reading a server process from the outside ------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def rss_bytes(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


if __name__ == "__main__" and sys.argv[1:2] == ["worker"]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench.crowd import _worker_main as main  # the pickled Specs name bench.crowd, not __main__

    main(sys.argv[2] == "1", sys.argv[3] == "1")
