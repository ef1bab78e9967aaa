"""Benchmarks that print figures (never asserted: machines here are shared and noisy).

    make bench                 # everything (about twenty-five minutes)
    BENCH_QUICK=1 make bench   # the same at 1,000 phones only, embedded only

First, in this process, on a fresh SQLite database in a temporary folder:
- the weight of each screen's page (HTML, and gzipped as whitenoise/daphne would send static files);
- the cost of one floor action (mark a delegation present), including its broadcast render:
  queries, region renders, bytes pushed, and wall time (median of many), for 43 and 300 delegations;
- the snapshot a (re)connecting screen receives.
Then the room at scale (bench/fanout.py): the app's own daphne processes and two peers in the same
run, with the same client processes, for N phones, embedded and on two processes with PostgreSQL and
Redis; pages as served; each kind of the chair's actions at 1,000 phones beside the raw peer
(bench/actions.py); the chair's press while the minutes are downloaded (bench/stall.py) and while
one phone floods its socket and its requests (bench/flood.py); ten committees of 200 phones on two
processes with the secretariat's consoles (bench/conference.py); markdown tables, and last the
one-line summaries.
"""

from __future__ import annotations

import gzip
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="mun-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
for name in ("DATABASE_URL", "REDIS_URL"):
    os.environ.pop(name, None)

import django

django.setup()

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from committee import actions
from committee.access import Actor, board_actor
from committee.demo.load import load_demo
from committee.live import broadcast, render
from committee.live.metrics import METRICS
from committee.models import Delegation, ExecutiveRole
from committee.state import load_floor


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KiB"


def page_weights(committee) -> None:
    chair_user = ExecutiveRole.objects.get(committee=committee, role="chair").user
    chair = Client(HTTP_HOST="localhost")
    chair.force_login(chair_user)
    phone = Client(HTTP_HOST="localhost")
    phone.get(f"/join/{committee.delegations.get(name='Canada').join_token}/")
    pages = {
        "chair dashboard": chair.get("/c/unodc/chair/").content,
        "delegate phone": phone.get("/c/unodc/delegate/").content,
        "projector": Client(HTTP_HOST="localhost").get(f"/c/unodc/projector/{committee.projector_token}/").content,
    }
    print("page weight (HTML with the stylesheet inside; gzipped)")
    for name, html in pages.items():
        print(f"  {name:16} {kb(len(html)):>10}; {kb(len(gzip.compress(html))):>9}")
    static = sorted((ROOT / "static/js/live").glob("*.js"))
    import django_htmx

    vendored = Path(django_htmx.__file__).parent / "static/django_htmx"
    static += [vendored / "htmx-2.min.js", vendored / "ext/hx-ws-2.min.js"]
    total = sum(p.stat().st_size for p in static)
    zipped = sum(len(gzip.compress(p.read_bytes())) for p in static)
    print(f"  scripts          {kb(total):>10}; {kb(zipped):>9}  (cached after the first load)")


def action_cost(committee, runs: int = 200) -> None:
    actor = board_actor(ExecutiveRole.objects.get(committee=committee, role="chair").user, committee)
    delegations = list(committee.delegations.values_list("pk", flat=True))
    sent: list[int] = []
    original = broadcast._send
    broadcast._send = lambda group, message: sent.append(len(message.get("html", "")))
    try:
        absent = next(row.delegation.pk for row in load_floor(committee.pk).rows if not row.present)
        with CaptureQueriesContext(connection) as queries:
            METRICS.region_renders = 0
            actions.mark_attendance(committee, actor, absent, "present")
        one_queries, one_renders, one_bytes = len(queries), METRICS.region_renders, sum(sent)
        times = []
        for i in range(runs):
            status = "present_voting" if i % 2 else "present"
            start = time.perf_counter()
            actions.mark_attendance(committee, actor, delegations[i % len(delegations)], status)
            times.append((time.perf_counter() - start) * 1000)
    finally:
        broadcast._send = original
    n = len(delegations)
    print(f"mark present, {n} delegations (action + broadcast render, in-memory layer)")
    print(f"  queries {one_queries}, region renders {one_renders}, bytes pushed {kb(one_bytes)}")
    print(
        f"  time: median {statistics.median(times):.1f} ms, "
        f"p90 {statistics.quantiles(times, n=10)[-1]:.1f} ms over {runs} runs"
    )
    state = load_floor(committee.pk)
    print(
        f"  snapshot on (re)connect: chair {kb(len(render.whole_screen(state, 'chair')))}, "
        f"phone {kb(len(render.whole_screen(state, 'delegate', delegations[0])))}, "
        f"projector {kb(len(render.whole_screen(state, 'projector')))}"
    )


def floor_costs(committee, runs: int = 100) -> None:
    """A speech and a procedural vote: queries, renders and time per action, broadcast included."""
    from debate import actions as debate_actions

    actor = board_actor(ExecutiveRole.objects.get(committee=committee, role="chair").user, committee)
    present = [row.delegation for row in load_floor(committee.pk).rows if row.present][:12]
    phones = [Actor("delegate", d.name, delegation=d) for d in present]
    original = broadcast._send
    broadcast._send = lambda group, message: None
    rows = []
    try:

        def measure(name, call):
            with CaptureQueriesContext(connection) as queries:
                METRICS.region_renders = 0
                start = time.perf_counter()
                call()
                elapsed = (time.perf_counter() - start) * 1000
            rows.append((name, len(queries), METRICS.region_renders, elapsed))

        for phone in phones[:3]:
            measure("ask to speak (phone)", lambda p=phone: debate_actions.ask_to_speak(committee, p))
            measure("accept request", lambda p=phone: debate_actions.add_speaker(committee, actor, p.delegation.pk))
        measure("next speaker", lambda: debate_actions.next_speaker(committee, actor))
        measure("start timer", lambda: debate_actions.control_timer(committee, actor, "speech", "start"))
        measure("yield to the chair", lambda: debate_actions.yield_speech(committee, actor, "chair"))
        # Three motions voted on: the median is a warm one (the first renders the ballot cards cold).
        for _ in range(3):
            measure(
                "raise motion (phone)",
                lambda: debate_actions.raise_motion(
                    committee, phones[0], "moderated_caucus", {"topic": "JITs", "total": 600, "speaking_time": 60}
                ),
            )
            measure("open vote", lambda: debate_actions.open_vote(committee, actor, "phones"))
            for phone in phones:
                measure("ballot (phone)", lambda p=phone: actions.cast_ballot(committee, p, "yes"))
            measure("close vote", lambda: actions.close_vote(committee, actor))
    finally:
        broadcast._send = original
    print(f"debate floor, {committee.delegations.count()} delegations (queries, region renders, ms)")
    seen = {}
    for name, queries, renders, elapsed in rows:
        seen.setdefault(name, []).append((queries, renders, elapsed))
    for name, values in seen.items():
        queries = max(v[0] for v in values)
        renders = max(v[1] for v in values)
        print(
            f"  {name:22} {queries:3} queries  {renders:3} renders  {statistics.median(v[2] for v in values):6.1f} ms"
        )


def record_costs(committee) -> None:
    """The minutes of what the benchmark did: reading the journal, and each export."""
    from committee.models import JournalEntry
    from record.exports import csv_table, minutes_docx
    from record.minutes import read_minutes

    entries = JournalEntry.objects.filter(committee=committee).count()
    timings = {}
    for name, work in (
        ("read the journal", lambda: read_minutes(committee)),
        ("DOCX", lambda: minutes_docx(read_minutes(committee))),
        ("CSV (3 tables)", lambda: [csv_table(read_minutes(committee), t) for t in ("speeches", "motions", "votes")]),
    ):
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            work()
            runs.append((time.perf_counter() - start) * 1000)
        timings[name] = statistics.median(runs)
    print(f"record: minutes of {entries} journal entries (median of 5)")
    for name, ms in timings.items():
        print(f"  {name:22} {ms:7.1f} ms")


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    from django.conf import settings

    os.environ["STATIC_ROOT"] = str(settings.STATIC_ROOT)  # the servers started below serve these
    committee = load_demo()
    actor = board_actor(ExecutiveRole.objects.get(committee=committee, role="chair").user, committee)
    actions.open_sitting(committee, actor)
    page_weights(committee)
    action_cost(committee)
    floor_costs(committee)
    record_costs(committee)
    Delegation.objects.bulk_create(Delegation(committee=committee, name=f"Bench State {i:03}") for i in range(257))
    action_cost(committee)
    print()
    from bench.scale import room_at_scale

    room_at_scale(quick=bool(os.environ.get("BENCH_QUICK")))


if __name__ == "__main__":
    main()
