"""The room at scale, as `make bench` prints it: the fan-out beside its peers for each N and setup, the
app's own scenarios, the pages as served, a markdown table, and last one line to compare runs.

Every figure of one table comes from the same run; ratios compare the app with its peers measured
just before or after it, with the same client processes.
"""

from __future__ import annotations

import os
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from bench import actions, conference, fanout, flood, pages, stall
from tests.services import fresh_database, problems, services_env


def _f(value, digits: int = 0) -> str:
    if value is None or value != value:  # None or NaN
        return "–"
    return f"{value:.{digits}f}"


def _peer_env() -> dict:
    return {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}


def run_setup(setup: str, ns: list[int], var_dir: Path) -> list[fanout.Result]:
    """The app, then the raw and the stock peers, at each N, on one setup."""
    results = []
    for n in ns:
        print(f"  [{setup}] N={n}: the app", flush=True)
        with ExitStack() as stack:
            if setup == "embedded":
                room = fanout.AppRoom(var_dir / f"{setup}-{n}")
                stock_processes, stock_env = 1, _peer_env()
            else:
                env = services_env(stack.enter_context(fresh_database()))
                room = fanout.AppRoom(var_dir / f"{setup}-{n}", processes=2, env=env)
                stock_processes = 2
                stock_env = {**_peer_env(), "REDIS_URL": env["REDIS_URL"], "REDIS_PREFIX": env["REDIS_PREFIX"] + "-p"}
            stack.callback(room.stop)
            app = fanout.measure(room, n, expect_snapshot=True, setup=setup)
        results.append(app)
        size = app.fragment or 1000
        peers = {
            "raw": (fanout.raw_peer, (size, _peer_env())),
            "stock": (fanout.stock_peer, (size, stock_env, stock_processes)),
        }
        for name, (make, args) in peers.items():
            print(f"  [{setup}] N={n}: the {name} peer", flush=True)
            peer = make(*args)
            try:
                result = fanout.measure(peer, n, expect_snapshot=False, setup=setup)
            finally:
                peer.stop()
            results.append(result)
    return results


def app_scenarios(var_dir: Path, n: int) -> dict:
    out: dict = {"n": n}
    room = fanout.AppRoom(var_dir / "scenarios")
    try:
        print(f"  [embedded] N={n}: one stalled socket, ten storms", flush=True)
        out.update(fanout.stalled_and_storms(room, n))
        print(f"  [embedded] N={n}: a running timer, nobody acting", flush=True)
        out.update(fanout.idle_timer(room, n))
        print("  [embedded] 40 ballots at once, 40 phones connected", flush=True)
        out["ballots_alone"] = fanout.ballots(room, 0)
        print(f"  [embedded] 40 ballots at once, {n} more phones connected", flush=True)
        out["ballots_crowd"] = fanout.ballots(room, n)
        print("  pages as served", flush=True)
        links = room.servers[0].read_links()
        out["pages"] = pages.weights(room.base, links)
        out["slow"] = pages.slow_network(room.base, links)
    finally:
        room.stop()
    return out


def table(results: list[fanout.Result]) -> str:
    head = (
        "| setup | N | server | p50 ms | p95 ms | p99 ms | max ms | reached | trigger p95 ms | CPU ms/broadcast "
        "| KB/socket | connect s (failed) | storm s (back, failed) | after storm |"
    )
    lines = [head, "|" + "---|" * 14]
    for r in results:
        lines.append(
            f"| {r.setup} | {r.n} | {r.name} | {_f(r.p(0.5))} | {_f(r.p(0.95))} | {_f(r.p(0.99))} | {_f(r.max_ms)} "
            f"| {r.reached:.1%} | {_f(r.trigger_p95)} | {_f(r.cpu_ms)} | {_f(r.mem_kb, 1)} "
            f"| {_f(r.connect_s, 2)} ({r.connect_failed}) | {_f(r.storm_s, 2)} ({r.storm_back}, {r.storm_failed}) "
            f"| {r.after_storm_reached:.1%} |"
        )
    return "\n".join(lines)


def room_at_scale(quick: bool = False) -> None:
    var_dir = Path(tempfile.mkdtemp(prefix="mun-scale-"))
    started = time.monotonic()
    print("the room at scale (bench/fanout.py; the clients ping every 2.5 s, as the page does)", flush=True)
    ns = [1000] if quick else [200, 1000, 2000]
    results = run_setup("embedded", ns, var_dir)
    missing = problems()
    if quick:
        pass
    elif missing:
        print(f"  two processes on PostgreSQL + Redis: skipped ({'; '.join(missing)})")
    else:
        results += run_setup("2 daphne + Redis + PostgreSQL", [1000, 2000], var_dir)
    scenarios = app_scenarios(var_dir, 1000)
    print("  [embedded] N=1000: every kind of the chair's actions, each beside the raw peer", flush=True)
    kinds = actions.measure(1000, var_dir / "actions")
    print(f"  [embedded] the chair's press while the minutes of {stall.ENTRIES} entries are downloaded", flush=True)
    stalled = stall.measure(var_dir / "stall")
    print("  [embedded] the chair's press while one phone floods its socket, then its requests", flush=True)
    flooded = flood.measure(var_dir / "flood")
    conferenced = None
    if not quick and not missing:
        print("  [2 daphne + Redis + PostgreSQL] ten committees of 200 phones and two consoles", flush=True)
        conferenced = conference.measure(10, 200, 60.0)

    print()
    print(table(results))
    print()
    s = scenarios
    print(f"app alone, embedded, {s['n']} phones:")
    print(
        f"- one stalled socket: the others' p99 {_f(s['p99_with_one_stalled'])} ms "
        f"(without it {_f(s['p99_without_stall'])} ms; medians of rounds, with "
        f"{' '.join(_f(v) for v in s['p99_rounds']['with'])}, without "
        f"{' '.join(_f(v) for v in s['p99_rounds']['without'])}), reached {s['reached_with_one_stalled']:.1%}"
    )
    rss = s["rss_mb"]
    half = len(rss) // 2
    print(
        f"- {s['storms']} reconnect storms: slowest {_f(s['storm_s_max'], 2)} s, {s['storm_failed']} failed "
        f"handshakes; server memory after each (MiB): {' '.join(f'{m:.0f}' for m in rss)} "
        f"(second half {rss[-1] - rss[half - 1]:+.1f} MiB)"
    )
    print(f"- a running timer, nobody acting: {s['idle_timer_frames']} frames in {s['idle_timer_seconds']:.0f} s")
    for label, b in (("40 phones", s["ballots_alone"]), (f"40 phones among {s['n']}", s["ballots_crowd"])):
        cast = b["ballots"] * b["bursts"]
        print(f"- {b['ballots']} ballots at once, {label}, {b['bursts']} bursts each way:")
        for way, name in (("socket", "over their sockets (the page's way)"), ("post", "by POST")):
            print(
                f"  - {name}: {b[way + '_ok']} of {cast} counted, answer p50 {_f(b[way + '_p50_ms'])} ms, "
                f"p95 {_f(b[way + '_p95_ms'])} ms (worst burst's p95 {_f(b[way + '_worst_burst_p95_ms'])} ms); "
                f"the chair saw each burst's last ballot {_f(b[way + '_chair_sees_last_ms'])} ms after it was "
                f"sent (median; slowest {_f(b[way + '_chair_sees_last_max_ms'])} ms)"
            )
    for screen, weight in s["pages"].items():
        assets = ", ".join(f"{name} {size / 1024:.1f} KiB {enc}" for name, (size, enc, _) in weight["assets"].items())
        print(
            f"- {screen} page, first load as served: {weight['bytes'] / 1024:.1f} KiB in {weight['requests']} "
            f"requests (HTML {weight['html'] / 1024:.1f} KiB; {assets})"
        )
    caching = {cache for w in s["pages"].values() for (_, _, cache) in w["assets"].values()}
    print(f"- static files cached: {', '.join(sorted(caching))}")
    for profile, figures in s["slow"].items():
        if "error" in figures:
            print(f"- slow network: {figures['error']}")
            continue
        print(
            f"- phone on {profile}: floor painted {figures['floor_s']:.2f} s, live {figures['live_s']:.2f} s, "
            f"{figures['requests']} requests, {figures['render_blocking']} of them holding the first paint"
        )
    print()
    print(actions.table(kinds, 1000))
    print()
    print(f"(the room at scale took {(time.monotonic() - started) / 60:.1f} min)")
    print()
    line(results)
    print(actions.line(kinds, 1000))
    print(stall.line(stalled))
    print(flood.line(flooded))
    print(conference.line(conferenced) if conferenced else "conference (not measured: quick, or no services)")


def line(results: list[fanout.Result]) -> None:
    by = {(r.setup, r.n, r.name): r for r in results}
    app = by.get(("embedded", 1000, "app"))
    raw = by.get(("embedded", 1000, "raw websockets"))
    stock = by.get(("embedded", 1000, "stock Channels"))
    if not (app and raw and stock):
        print("fanout n=1000 (not measured)")
        return
    p99, raw_p99, stock_p99 = app.p(0.99), raw.p(0.99), stock.p(0.99)
    print(
        f"fanout n=1000 p99_ms={p99:.0f} raw_p99_ms={raw_p99:.0f} stock_p99_ms={stock_p99:.0f} "
        f"ratio_raw={p99 / raw_p99:.2f} ratio_stock={p99 / stock_p99:.2f} connect_s={_f(app.connect_s, 2)} "
        f"storm_s={_f(app.storm_s, 2)}"
    )
