"""Serve the committee with daphne, tuned for a room: `make run` and every test and benchmark server
start it the same way.

- A listen backlog of 1024 (Twisted's default is 50): when the Wi-Fi comes back, a thousand phones
  connect within a second, and a full accept queue drops their handshakes (each then waits seconds
  for its retry).
- Sockets are never closed for their age (daphne's default closes every socket after a day); the page
  reconnects by itself after any close anyway.
- Ten seconds to complete a handshake, not five: under a reconnect storm a handshake waits its turn.
- Daphne's WebSocket pings every 20 s find phones that left without a word (a closed laptop lid, a
  dropped Wi-Fi) and free their sockets.
- The heap is settled before the first request (`settle_heap`): the application is built, every
  template of the project compiled and the URLs resolved, then `gc.freeze()` sets all of it aside
  from the garbage collector. Python's full collections walk every object the process holds; with
  the start-up heap among them, one took 54-99 ms, and when it fell inside a burst of forty ballots
  the burst's slowest answers waited for it (POST p95 130-224 ms in one burst of three or four).
  Frozen, a full collection takes 4-21 ms (docs/performance.md, "Garbage collection").
- With a thousand phones connected, their sockets' objects make a full collection 40-45 ms again:
  it is run on a timer at a quiet moment, not when a burst's allocations trigger it
  (committee/quiet_gc.py).

Any other daphne option may follow `--`, e.g. `manage.py serve -- --websocket_timeout 3`.
"""

from __future__ import annotations

import argparse
import gc
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from committee import quiet_gc

BACKLOG = 1024


def settle_heap() -> int:
    """Build what every request uses, then freeze the heap start-up made (see the module's notes).

    Returns how many templates were compiled."""
    from django.template import engines
    from django.urls import reverse
    from django.utils.module_loading import import_string

    import_string(settings.ASGI_APPLICATION)  # builds the application and seals the floor's parts

    reverse("home")  # the first lookup builds the URL resolver's tables, here rather than in a request
    compiled = 0
    base = Path(settings.BASE_DIR).resolve()
    for engine in engines.all():
        for folder in engine.template_dirs:
            folder = Path(folder).resolve()
            if not folder.is_relative_to(base) or "site-packages" in folder.parts:
                continue  # installed packages' (the admin's) compile when first used
            for path in sorted(folder.rglob("*.html")):
                engine.get_template(path.relative_to(folder).as_posix())
                compiled += 1
    gc.collect()
    gc.freeze()
    return compiled


class Command(BaseCommand):
    help = "Serve the committee with daphne (HTTP and WebSockets), as `make run` does."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="0.0.0.0", help="Address to listen on (default: every interface).")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("daphne_args", nargs=argparse.REMAINDER, help="More daphne options, after --.")

    def handle(self, host: str, port: int, daphne_args: list[str], **options):
        from daphne.cli import CommandLineInterface

        extra = [arg for arg in daphne_args if arg != "--"]
        interface = host.strip("[]").replace(":", r"\:")
        argv = [
            "-e",
            f"tcp:port={port}:interface={interface}:backlog={BACKLOG}",
            "--websocket_timeout",
            "-1",
            "--websocket_connect_timeout",
            "10",
            "--ping-interval",
            "20",
            "--ping-timeout",
            "30",
            *extra,
            ":".join(settings.ASGI_APPLICATION.rsplit(".", 1)),  # daphne's module:attribute
        ]
        settle_heap()
        cli = CommandLineInterface()  # imports daphne's server, which installs its asyncio reactor
        quiet_gc.take_over()
        cli.run(argv)
