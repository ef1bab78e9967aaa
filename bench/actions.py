"""Every kind of action on the chair's dashboard at N phones, each beside the bare peer sending the same
bytes, in the same run (make bench).

The app's own daphne (embedded, as `make run` serves it), N phones connected over the demo's
delegations (pinging like the page) and a few projectors. For each kind of action, the chair presses
REPEATS times, EVERY seconds apart, over HTTP as the page does; for each press and each screen the
press changed, the time from the press to the last frame that brought that change (a phone is sent
its shared regions, then its own); the chair's POST time; the bytes each phone was sent per press.
Then the bare `websockets` peer (bench/peers.py), with the same crowd, sends frames of that many bytes
as often: its p99 is the platform's limit for those bytes.

    python bench/actions.py [N]
prints a markdown table and last:
    actions n=1000 worst_p99_ms=… worst_ratio=… worst_post_p95_ms=…
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script (`python bench/...py`): the project's root must be on the path before its own
# modules are imported, hence the imports below the path (E402).
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import fanout  # noqa: E402
from bench.crowd import Crowd, Spec, percentile  # noqa: E402

REPEATS = 24  # presses of each kind: the p99 of a kind is its slowest presses' tail
EVERY = 0.5
PROJECTORS = 5
VERSION = re.compile(r' data-v="(\d+)"')


@dataclass
class Kind:
    """One kind of action: what is set up before it (presses not measured), and each press (measured)."""

    name: str
    presses: list  # (command, fields), pressed in turn
    before: list = field(default_factory=list)  # (command, fields) before each press, not measured


@dataclass
class Measured:
    kind: str
    latencies_ms: list[float] = field(default_factory=list)
    posts_ms: list[float] = field(default_factory=list)
    frame_bytes: int = 0
    screens: int = 0  # screens each press changed (median)
    raw_ms: list[float] = field(default_factory=list)


def kinds(rows: list[str], paper: str) -> list[Kind]:
    first, second = rows[0], rows[1]
    motion = {"kind": "moderated_caucus", "topic": "Joint teams", "total": "10", "speaking_time": "60"}
    return [
        Kind("roll call: mark present", [("rollcall.mark", {"delegation": r, "status": s}) for r in rows[:6]
                                         for s in ("present_voting", "present")]),
        Kind("speakers' list: add, remove", [("speakers.add", {"delegation": second}),
                                              ("speakers.remove", {"delegation": second})]),
        Kind("timer: start, pause", [("timer", {"which": "speech", "operation": "start"}),
                                     ("timer", {"which": "speech", "operation": "pause"})]),
        Kind("motion: raise, withdraw", [("motion.raise", {**motion, "delegation": first}),
                                          ("motion.withdraw", {"motion": "{motion}"})]),
        Kind("vote: open on the phones", [("motion.vote", {"method": "phones"})],
             before=[("vote.close", {}), ("motion.raise", {**motion, "delegation": first})]),
        Kind("vote: close and count", [("vote.close", {})],
             before=[("motion.raise", {**motion, "delegation": first}), ("motion.vote", {"method": "phones"})]),
        Kind("draft: on the projector, off", [("draft.show", {"paper": paper, "on_projector": "true"}),
                                               ("draft.show", {"paper": paper, "on_projector": "false"})]),
    ]  # fmt: skip


WRITE_A_DRAFT = """
from committee.models import Committee, ExecutiveRole
from committee.access import board_actor
from tests.papers import grant, sign, write_paper
from tests.conftest import PRESENT_AT_START, FULL_HOUSE_EXTRA
c = Committee.objects.get(slug="unodc")
chair = board_actor(ExecutiveRole.objects.get(committee=c, role="chair").user, c)
paper = write_paper(c, "Canada")
sign(c, paper, *[n for n in PRESENT_AT_START + FULL_HOUSE_EXTRA if n != "Canada"][:12])
grant(c, chair, "Canada", "introduce_draft", {"paper": paper.pk})
print("paper", paper.pk)
"""


def measure(n: int = 1000, var_dir: Path | None = None) -> list[Measured]:
    room = fanout.AppRoom(var_dir or Path(tempfile.mkdtemp(prefix="mun-actions-")))
    results: list[Measured] = []
    try:
        chair = room.chair
        names = {name: pk for pk, name in re.findall(r'id="row-(\d+)"[^>]*data-name="([^"]+)"',
                                                   chair.open(f"{room.base}/c/unodc/chair/"))}  # fmt: skip
        for pk in names.values():
            chair.post("rollcall.mark", {"delegation": pk, "status": "present"})
        chair.post("rollcall.close", {})
        out = room.servers[0].manage("shell", "-c", WRITE_A_DRAFT)
        paper = re.search(r"paper (\d+)", out).group(1)
        chair.post("speakers.add", {"delegation": names["canada"]})
        chair.post("speakers.next", {})
        specs = room.specs(n)
        projector = room.servers[0].links["projector"]
        specs += [Spec(projector.replace("http", "ws").replace("/c/", "/ws/c/"), "", room.base)] * PROJECTORS
        crowd = Crowd(2, ping=True, expect_snapshot=True)
        try:
            crowd.connect(specs)
            time.sleep(1.0)
            for kind in kinds([names[k] for k in sorted(names)][:8], paper):
                print(f"  [actions] {kind.name}", flush=True)
                results.append(_press(room, crowd, kind))
        finally:
            crowd.close()
            crowd.exit()
    finally:
        room.stop()
    _against_the_raw_peer(results, n + PROJECTORS)
    return results


def _press(room, crowd: Crowd, kind: Kind) -> Measured:
    measured = Measured(kind.name)
    crowd.reset()
    sent: list[tuple[float, int]] = []
    motion = None
    for i in range(REPEATS):
        for command, fields in kind.before:
            code, html = room.chair.answer(command, fields)
            motion = _motion_of(html) or motion
        time.sleep(0.2 if kind.before else 0.0)
        command, fields = kind.presses[i % len(kind.presses)]
        fields = {k: (v.format(motion=motion) if isinstance(v, str) else v) for k, v in fields.items()}
        start = time.monotonic()
        code, html = room.chair.answer(command, fields)
        measured.posts_ms.append((time.monotonic() - start) * 1000)
        if code != 200:
            raise RuntimeError(f"{kind.name}: {command} answered {code}: {html[:300]}")
        motion = _motion_of(html) or motion
        versions = [int(v) for v in VERSION.findall(html)]
        if versions:
            sent.append((start, max(versions)))
        time.sleep(EVERY)
    time.sleep(2.0)
    report = crowd.report()
    reached = []
    for start, version in sent:
        times = [regions[version] for regions in report["regions"] if version in regions]
        reached.append(len(times))
        measured.latencies_ms += [(at - start) * 1000 for at in times]
    measured.screens = int(statistics.median(reached)) if reached else 0
    sizes = [b / f for b, f in zip(report["bytes"], report["frames"], strict=True) if f]
    measured.frame_bytes = int(statistics.median(sizes)) if sizes else 0
    return measured


def _motion_of(html: str) -> str | None:
    found = re.search(r'name="motion" value="(\d+)"', html)
    return found.group(1) if found else None


def _against_the_raw_peer(results: list[Measured], n: int) -> None:
    """The bare websockets peer sends frames of each kind's size to the same crowd, as often."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    peer = fanout.raw_peer(1000, env)
    crowd = Crowd(2, ping=True, expect_snapshot=False)
    try:
        crowd.connect(peer.specs(n))
        time.sleep(1.0)
        for result in results:
            crowd.reset()
            sent = []
            for _ in range(REPEATS):
                start, _, version = peer.change(size=result.frame_bytes or 1000)
                sent.append((start, version))
                time.sleep(EVERY)
            time.sleep(1.0)
            result.raw_ms, _, _ = fanout.deliveries(crowd.report()["seen"], sent)
    finally:
        crowd.close()
        crowd.exit()
        peer.stop()


def table(results: list[Measured], n: int) -> str:
    lines = [
        f"| action (N = {n} phones, {PROJECTORS} projectors) | screens changed | bytes/frame | p50 ms | p99 ms "
        "| raw p99 ms | ratio | chair's POST p95 ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        p99, raw = percentile(r.latencies_ms, 0.99), percentile(r.raw_ms, 0.99)
        lines.append(
            f"| {r.kind} | {r.screens} | {r.frame_bytes} | {percentile(r.latencies_ms, 0.5):.0f} | {p99:.0f} "
            f"| {raw:.0f} | {p99 / raw:.2f} | {percentile(r.posts_ms, 0.95):.0f} |"
        )
    return "\n".join(lines)


def line(results: list[Measured], n: int) -> str:
    p99s = [percentile(r.latencies_ms, 0.99) for r in results]
    ratios = [percentile(r.latencies_ms, 0.99) / percentile(r.raw_ms, 0.99) for r in results]
    posts = [percentile(r.posts_ms, 0.95) for r in results]
    return (
        f"actions n={n} worst_p99_ms={max(p99s):.0f} worst_ratio={max(ratios):.2f} worst_post_p95_ms={max(posts):.0f}"
    )


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    measured = measure(count)
    print(table(measured, count))
    print(line(measured, count))
