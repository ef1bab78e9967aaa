"""The chair's press while the record is read: no request waits for an unrelated one.

A day of debate is written through the app's own actions until the journal holds ENTRIES entries (roll
call, speeches with their timers and yields, motions voted on the phones); then, on one `manage.py
serve` process as `make run` starts it, the chair marks the roll call PRESSES times alone, and again
while a secretariat member downloads the minutes DOCX of that day in a loop. Printed:

    stall entries=4000 press_p50_ms=… press_p95_ms=… busy_press_p50_ms=… busy_press_p95_ms=… docx_ms=…

Run alone: `python bench/stall.py` (make bench runs it too).
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script (`python bench/...py`): the project's root must be on the path before its own
# modules are imported, hence the imports below the path (E402).
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.crowd import percentile  # noqa: E402
from tests.browser.server import Browser, RoomServer  # noqa: E402

ENTRIES = 4000
PRESSES = 60
GAP = 0.05  # seconds between two presses


def write_a_day(entries: int) -> int:
    """In this process (the server's database): act until the journal holds `entries` entries."""
    import django

    django.setup()
    from committee import actions
    from committee.access import Actor, board_actor
    from committee.models import Committee, ExecutiveRole, JournalEntry, current_sitting
    from debate import actions as debate

    committee = Committee.objects.get(slug="unodc")
    chair = board_actor(ExecutiveRole.objects.get(committee=committee, role="chair").user, committee)
    if current_sitting(committee) is None:
        actions.open_sitting(committee, chair)
    delegations = list(committee.delegations.filter(kind="member").order_by("name"))
    for delegation in delegations:
        actions.mark_attendance(committee, chair, delegation.pk, "present")
    actions.close_roll_call(committee, chair)
    phones = [Actor("delegate", d.name, delegation=d) for d in delegations]
    turn = 0
    while JournalEntry.objects.filter(committee=committee).count() < entries:
        for _ in range(4):  # four speeches, each with its timer and a yield to the chair
            speaker = delegations[turn % len(delegations)]
            turn += 1
            debate.add_speaker(committee, chair, speaker.pk)
            debate.next_speaker(committee, chair)
            debate.control_timer(committee, chair, "speech", "start")
            debate.control_timer(committee, chair, "speech", "pause")
            debate.yield_speech(committee, chair, "chair")
        mover = phones[turn % len(phones)]
        seconds = 60 + 15 * (turn % 4)
        debate.raise_motion(committee, mover, "set_speaking_time", {"speaking_time": seconds})
        debate.open_vote(committee, chair, "phones")
        for n, phone in enumerate(phones):
            actions.cast_ballot(committee, phone, "yes" if n % 3 else "no")
        actions.close_vote(committee, chair)
    return JournalEntry.objects.filter(committee=committee).count()


def chair_presses(chair: Browser, rows: list[str], count: int) -> list[float]:
    """The chair marks the roll call `count` times, GAP apart: how long each press took (ms)."""
    took = []
    for n in range(count):
        status = "present" if n % 2 else "present_voting"
        start = time.monotonic()
        code, _ = chair.answer("rollcall.mark", {"delegation": rows[n % len(rows)], "status": status})
        took.append((time.monotonic() - start) * 1000)
        if code != 200:
            raise RuntimeError(f"the chair's press was refused ({code})")
        time.sleep(GAP)
    return took


def measure(var_dir: Path, entries: int = ENTRIES, presses: int = PRESSES) -> dict:
    var_dir.mkdir(parents=True, exist_ok=True)
    server = RoomServer(var_dir).prepare()
    env = {**server.env, "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [sys.executable, str(Path(__file__)), "write", str(entries)], cwd=ROOT, env=env, check=True, timeout=900
    )
    server.start()
    try:
        chair = Browser(server.base)
        chair.open(server.links["chair"])
        rows = re.findall(r'id="row-(\d+)"', chair.open(f"{server.base}/c/unodc/chair/"))
        docx_url = f"{server.base}/c/unodc/minutes.docx"
        secretariat = Browser(server.base)
        secretariat.open(server.links["secretariat (admin)"])
        first = time.monotonic()
        secretariat.opener.open(docx_url, timeout=60).read()
        docx_first = (time.monotonic() - first) * 1000
        chair_presses(chair, rows, 10)  # warm up
        alone = chair_presses(chair, rows, presses)
        stop = threading.Event()
        downloads: list[float] = []

        def download_in_a_loop() -> None:
            while not stop.is_set():
                start = time.monotonic()
                secretariat.opener.open(docx_url, timeout=60).read()
                downloads.append((time.monotonic() - start) * 1000)

        reader = threading.Thread(target=download_in_a_loop, daemon=True)
        reader.start()
        time.sleep(0.5)
        busy = chair_presses(chair, rows, presses)
        stop.set()
        reader.join(60)
    finally:
        server.stop()
    return {
        "entries": entries,
        "press_p50_ms": statistics.median(alone),
        "press_p95_ms": percentile(alone, 0.95),
        "busy_press_p50_ms": statistics.median(busy),
        "busy_press_p95_ms": percentile(busy, 0.95),
        "docx_ms": statistics.median(downloads) if downloads else docx_first,
        "downloads": len(downloads),
    }


def line(figures: dict) -> str:
    return (
        f"stall entries={figures['entries']} press_p50_ms={figures['press_p50_ms']:.1f} "
        f"press_p95_ms={figures['press_p95_ms']:.1f} busy_press_p50_ms={figures['busy_press_p50_ms']:.1f} "
        f"busy_press_p95_ms={figures['busy_press_p95_ms']:.1f} docx_ms={figures['docx_ms']:.0f} "
        f"(downloads during the presses: {figures['downloads']})"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["write"]:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        print(f"journal: {write_a_day(int(sys.argv[2]))} entries", flush=True)
    else:
        print(line(measure(Path(tempfile.mkdtemp(prefix="mun-stall-")))), flush=True)
