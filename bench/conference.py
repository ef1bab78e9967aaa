"""The conference at scale: ten committees on two `serve` processes with PostgreSQL and Redis, 200
phones each, every chair acting every one to two seconds, and the secretariat's console (one per
process) watching them all.

    python bench/conference.py                                 # 10 committees × 200 phones, 60 s
    python bench/conference.py --committees 4 --phones 50 --seconds 20

Each committee's versions start in a range of their own (committee i from (i + 1) × 10,000,000), so a
screen that shows a version outside its committee's range was sent another committee's update: a leak.
The phones are real sockets in client processes (bench/crowd.py) that ping and reconnect as the page
does; each chair marks its roll call over HTTP, each press with an id of its own, sent again until it
is answered. At the end (the figures of one run):
- lost: presses acknowledged that are not in the journal (must be 0);
- stale: screens that do not show their committee's last change 10 s after it, consoles included
  (must be 0);
- leaks: versions of another committee seen by a screen (must be 0);
- p50/p99: from the chair's press to each of its committee's phones showing it; console p99: to each
  console showing that committee's card at that version or later.
Last line: `conference committees=… sockets=… presses=… lost=… stale=… leaks=… messages=… p50_ms=…
p99_ms=… console_p99_ms=…`.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import secrets
import sys
import tempfile
import threading
import time
import urllib.error
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.crowd import Crowd, Spec, percentile  # noqa: E402 - the root is on the path only now
from tests.browser.server import Browser, RoomServer  # noqa: E402 - the root is on the path only now
from tests.services import fresh_database, problems, services_env  # noqa: E402 - the root is on the path only now

STATUS = re.compile(r'id="status"[^>]*data-v="(\d+)"')
RANGE = 10_000_000  # each committee's versions: [(i + 1) × RANGE, (i + 2) × RANGE)

# Run in the first server's database: the committees, their delegations and chairs, each committee's
# versions moved to its own range, the phones' cookies and the sign-in links. Prints one JSON line.
SET_UP = """
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import get_user_model
from committee import access
from committee.models import Committee, Conference, Delegation, ExecutiveRole, SignInLink
conference = Conference.objects.first()
names = list(Committee.objects.get(slug="unodc").delegations.order_by("name").values_list("name", flat=True))
Store = import_module(settings.SESSION_ENGINE).SessionStore
User = get_user_model()
out = {"committees": [], "secretariat": None}
for i in range(COMMITTEES):
    slug = f"bench{i}"
    c = Committee.objects.create(name=f"Committee {i}", abbreviation=f"C{i}", slug=slug, agenda="The agenda",
                                 conference=conference)
    Committee.objects.filter(pk=c.pk).update(version=(i + 1) * RANGE)
    Delegation.objects.bulk_create([Delegation(committee=c, name=n) for n in names])
    chair = User.objects.create_user(f"benchchair{i}")
    ExecutiveRole.objects.create(committee=c, user=chair, role="chair")
    ds = list(c.delegations.order_by("pk"))
    cookies = []
    for j in range(PHONES):
        d = ds[j % len(ds)]; s = Store(); access.bind_phone(s, d); s.save()
        cookies.append(f"sessionid={s.session_key}; {access.phone_cookie_name(c.pk)}={access.phone_cookie_value(d)}")
    link = SignInLink.issue(chair, f"/c/{slug}/chair/").token
    out["committees"].append({"slug": slug, "cookies": cookies, "link": link})
staff = User.objects.get(username="secretariat")
out["secretariat"] = SignInLink.issue(staff, "/console/").token
print(json.dumps(out))
"""


class Chair(threading.Thread):
    """One committee's chair: marks its roll call every one to two seconds, each press sent again until
    it is answered; notes when each press started, its id and the version it made."""

    def __init__(self, index: int, browser: Browser, rows: list[str], until: float):
        super().__init__(daemon=True)
        self.index, self.browser, self.rows, self.until = index, browser, rows, until
        self.presses: list[tuple[float, str, int | None]] = []  # (started, request id, version or None)
        self.marks = 0

    def press(self) -> tuple[float, str, int | None]:
        row = self.rows[self.marks % len(self.rows)]
        status = "present" if (self.marks // len(self.rows)) % 2 == 0 else "absent"
        self.marks += 1
        request, started = secrets.token_hex(8), time.monotonic()
        deadline = started + 30
        while time.monotonic() < deadline:
            try:
                code, answer = self.browser.answer(
                    "rollcall.mark", {"delegation": row, "status": status}, {"X-Request-Id": request}
                )
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
                continue
            found = STATUS.search(answer)
            return started, request, int(found.group(1)) if code == 200 and found else None
        return started, request, None

    def run(self) -> None:
        time.sleep(random.random() * 2)  # the chairs do not press in step
        while time.monotonic() < self.until:
            self.presses.append(self.press())
            time.sleep(1 + random.random())


def committee_of(version: int) -> int:
    return version // RANGE - 1


def first_at_or_after(seen: dict[int, float], index: int, version: int) -> float | None:
    """When a screen first showed committee `index` at `version` or later (None: never)."""
    times = [at for v, at in seen.items() if committee_of(v) == index and v >= version]
    return min(times) if times else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--committees", type=int, default=10)
    parser.add_argument("--phones", type=int, default=200, help="phones per committee")
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    if problems():
        print("conference: " + "; ".join(problems()))
        return 2
    figures = measure(args.committees, args.phones, args.seconds)
    print(line(figures))
    return 0 if figures["lost"] == 0 and figures["stale"] == 0 and figures["leaks"] == 0 else 1


def line(f: dict) -> str:
    return (
        f"conference committees={f['committees']} sockets={f['sockets']} consoles={f['consoles']} "
        f"presses={f['presses']} acknowledged={f['acknowledged']} lost={f['lost']} stale={f['stale']} "
        f"leaks={f['leaks']} messages={f['messages']} p50_ms={f['p50_ms']:.0f} p99_ms={f['p99_ms']:.0f} "
        f"console_p99_ms={f['console_p99_ms']:.0f}"
    )


def measure(committees: int, phones_each: int, seconds: float) -> dict:
    """The run (PostgreSQL and Redis must be there: tests/services.py)."""
    processes = 2
    with ExitStack() as stack:
        var_dir = Path(tempfile.mkdtemp(prefix="mun-conference-"))
        env = services_env(stack.enter_context(fresh_database()))
        for i in range(processes):
            (var_dir / f"app-{i}").mkdir(parents=True, exist_ok=True)
        servers = [RoomServer(var_dir / f"app-{i}", env=env) for i in range(processes)]
        servers[0].prepare()
        for server in servers[1:]:  # its pages too (the chairs of half the committees sign in there)
            server.manage("collectstatic", "--noinput", "-v0")
        code = (
            SET_UP.replace("COMMITTEES", str(committees))
            .replace("PHONES", str(phones_each))
            .replace("RANGE", str(RANGE))
        )
        made = json.loads(servers[0].manage("shell", "-c", code).strip().splitlines()[-1])
        for server in servers:
            server.start()
            stack.callback(server.stop)

        began_at = time.monotonic()
        chairs: list[Chair] = []
        specs: list[Spec] = []
        owners: list[int] = []  # the committee of each socket (-1: a console)
        for i, committee in enumerate(made["committees"]):
            server = servers[i % processes]
            browser = Browser(server.base, committee["slug"])
            browser.open(f"{server.base}/signin/{committee['link']}/")
            browser.answer("sitting.open", {})
            rows = re.findall(r'id="row-(\d+)"', browser.open(f"{server.base}/c/{committee['slug']}/chair/"))
            chairs.append(Chair(i, browser, rows, 0.0))
            for j, cookie in enumerate(committee["cookies"]):
                phone_server = servers[j % processes]
                url = f"{phone_server.base.replace('http', 'ws')}/ws/c/{committee['slug']}/delegate/"
                specs.append(Spec(url, cookie, phone_server.base))
                owners.append(i)
        secretariat = Browser(servers[0].base)
        secretariat.open(f"{servers[0].base}/signin/{made['secretariat']}/")
        for server in servers:  # a console on each process, signed in once (the session is in the database)
            specs.append(Spec(f"{server.base.replace('http', 'ws')}/ws/console/", secretariat.cookies(), server.base))
            owners.append(-1)
        print(f"conference: {committees} committees ready in {time.monotonic() - began_at:.1f} s", flush=True)

        crowd = Crowd(2)
        stack.callback(crowd.exit)
        stack.callback(crowd.close)
        opened = crowd.connect(specs, spread=5.0)
        # The crowd reports its workers' sockets one worker after the other (each took every other spec).
        workers = len(crowd.pipes)
        owners = [owner for i in range(workers) for owner in owners[i::workers]]
        ready = f"{opened['connected']} of {len(specs)} sockets open in {opened['seconds']:.1f} s"
        print(f"conference: {ready}", flush=True)

        until = time.monotonic() + seconds
        for chair in chairs:
            chair.until = until
            chair.start()
        for chair in chairs:
            chair.join()
        finals = {chair.index: chair.press()[2] for chair in chairs}  # the last change every screen must show
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            report = crowd.report()
            if not _stale(report, owners, finals):
                break
            time.sleep(0.5)
        report = crowd.report()
        stale = _stale(report, owners, finals)

        leaks = 0
        latencies: list[float] = []
        console_latencies: list[float] = []
        for n, owner in enumerate(owners):
            seen = {**report["regions"][n], **report["seen"][n]} if owner < 0 else report["seen"][n]
            if owner >= 0:
                leaks += sum(1 for version in seen if committee_of(version) != owner)
            for chair in chairs if owner < 0 else [chairs[owner]]:
                for started, _, version in chair.presses:
                    if version is None:
                        continue
                    at = first_at_or_after(seen, chair.index, version)
                    if at is not None:
                        (console_latencies if owner < 0 else latencies).append((at - started) * 1000)

        acknowledged = [request for chair in chairs for _, request, version in chair.presses if version is not None]
        check = (
            "import json; from committee.models import JournalEntry; "
            f"wanted = set(json.loads({json.dumps(json.dumps(acknowledged))})); "
            "print(JournalEntry.objects.filter(request__in=wanted).count())"
        )
        found = int(servers[0].manage("shell", "-c", check).strip().splitlines()[-1])
        phones = sum(1 for owner in owners if owner >= 0)
        return {
            "committees": committees,
            "sockets": phones,
            "consoles": len(owners) - phones,
            "presses": sum(len(chair.presses) for chair in chairs),
            "acknowledged": len(acknowledged),
            "lost": len(acknowledged) - found,
            "stale": stale,
            "leaks": leaks,
            "messages": sum(report["frames"]),
            "p50_ms": percentile(latencies, 0.5),
            "p99_ms": percentile(latencies, 0.99),
            "console_p99_ms": percentile(console_latencies, 0.99),
        }


def _stale(report: dict, owners: list[int], finals: dict[int, int | None]) -> int:
    """Screens that do not yet show their committee's last change (a console: any committee's)."""
    behind = 0
    for n, owner in enumerate(owners):
        seen = {**report["regions"][n], **report["seen"][n]} if owner < 0 else report["seen"][n]
        wanted = finals.items() if owner < 0 else [(owner, finals.get(owner))]
        for index, final in wanted:
            if final is not None and first_at_or_after(seen, index, final) is None:
                behind += 1
                break
    return behind


if __name__ == "__main__":
    sys.exit(main())
