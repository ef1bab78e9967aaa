"""The soak: 500 phones on the demo committee for 10 minutes, the chair acting every 2 seconds.

    make soak                              # 500 sockets, 10 minutes, embedded (SQLite, in-memory layer)
    SOAK_ARGS="--minutes 2 --sockets 200" make soak
    SOAK_ARGS="--services" make soak       # two daphne processes on PostgreSQL and Redis

The phones are real sockets in client processes (bench/crowd.py) that ping and reconnect as the page
does. The chair marks the roll call over HTTP, each press with an id of its own, sent again until it
is answered (as the page does). At the end:
- lost: presses the chair saw acknowledged that are not in the journal (must be 0);
- wrong_version: screens that do not show the last change 10 s after it (must be 0);
- the server's memory at the start, every minute, and its growth.
Last line: `soak minutes=… sockets=… actions=… lost=… wrong_version=… rss_start_mb=… rss_end_mb=… growth_mb=…`.
"""

from __future__ import annotations

import argparse
import json
import re
import secrets
import sys
import tempfile
import time
import urllib.error
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.crowd import Crowd, rss_bytes  # noqa: E402
from bench.fanout import AppRoom  # noqa: E402
from tests.services import fresh_database, problems, services_env  # noqa: E402

STATUS = re.compile(r'id="status"[^>]*data-v="(\d+)"')


def press(room: AppRoom, fields: dict, deadline: float) -> tuple[str, int | None]:
    """One press of the chair's, sent again until it is answered: (its id, the version if done)."""
    request = secrets.token_hex(8)
    while time.monotonic() < deadline:
        try:
            code, answer = room.chair.answer("rollcall.mark", fields, {"X-Request-Id": request})
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
            continue
        found = STATUS.search(answer)
        return request, int(found.group(1)) if code == 200 and found else None
    return request, None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--sockets", type=int, default=500)
    parser.add_argument("--every", type=float, default=2.0, help="seconds between two of the chair's actions")
    parser.add_argument("--services", action="store_true", help="two daphne processes, PostgreSQL and Redis")
    args = parser.parse_args()

    with ExitStack() as stack:
        var_dir = Path(tempfile.mkdtemp(prefix="mun-soak-"))
        if args.services:
            if problems():
                print("soak: " + "; ".join(problems()))
                return 2
            env = services_env(stack.enter_context(fresh_database()))
            room = AppRoom(var_dir, processes=2, env=env)
        else:
            room = AppRoom(var_dir)
        stack.callback(room.stop)
        crowd = Crowd(2)
        stack.callback(crowd.exit)
        stack.callback(crowd.close)
        opened = crowd.connect(room.specs(args.sockets))
        print(f"soak: {opened['connected']} of {args.sockets} sockets open in {opened['seconds']:.1f} s", flush=True)

        def memory() -> float:
            return sum(rss_bytes(pid) for pid in room.pids) / 2**20

        start_rss = memory()
        samples = [start_rss]
        acknowledged: list[str] = []
        actions = 0
        began = time.monotonic()
        end = began + args.minutes * 60
        next_sample = began + 60
        n = 0
        while time.monotonic() < end:
            row = room.rows[n % len(room.rows)]
            status = "present" if (n // len(room.rows)) % 2 == 0 else "absent"  # every mark changes the counts
            request, version = press(room, {"delegation": row, "status": status}, time.monotonic() + 30)
            actions += 1
            if version is not None:
                acknowledged.append(request)
            n += 1
            if time.monotonic() >= next_sample:
                samples.append(memory())
                minute = round((time.monotonic() - began) / 60)
                print(f"soak: minute {minute}: {actions} actions, server {samples[-1]:.1f} MiB", flush=True)
                next_sample += 60
            time.sleep(max(0.0, began + n * args.every - time.monotonic()))

        # The last change, which every screen must show.
        request, final = press(
            room, {"delegation": room.rows[n % len(room.rows)], "status": "present_voting"}, time.monotonic() + 30
        )
        row = room.rows[(n + 1) % len(room.rows)]
        _, final = press(room, {"delegation": row, "status": "absent"}, time.monotonic() + 30)
        _, final = press(room, {"delegation": row, "status": "present"}, time.monotonic() + 30)
        deadline = time.monotonic() + 10
        behind = args.sockets
        while time.monotonic() < deadline:
            seen = crowd.report()["seen"]
            behind = sum(1 for versions in seen if not versions or max(versions) < (final or 0))
            if behind == 0:
                break
            time.sleep(0.5)
        code = (
            "import json; from committee.models import JournalEntry; "
            f"wanted = set(json.loads({json.dumps(json.dumps(acknowledged))})); "
            "print(JournalEntry.objects.filter(request__in=wanted).count())"
        )
        found = int(room.servers[0].manage("shell", "-c", code).strip().splitlines()[-1])
        lost = len(acknowledged) - found
        end_rss = memory()
        print(f"soak: server memory each minute (MiB): {' '.join(f'{m:.1f}' for m in [*samples, end_rss])}")
        print(
            f"soak minutes={args.minutes:g} sockets={args.sockets} actions={actions} acknowledged={len(acknowledged)} "
            f"lost={lost} wrong_version={behind} rss_start_mb={start_rss:.1f} rss_end_mb={end_rss:.1f} "
            f"growth_mb={end_rss - start_rss:+.1f}"
        )
        return 0 if lost == 0 and behind == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
