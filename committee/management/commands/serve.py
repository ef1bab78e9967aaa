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
- The heap is settled before the first request, and full garbage collections run at quiet moments
  (committee/live/heap.py; settings.GC_POLICY).

Any other daphne option may follow `--`, e.g. `manage.py serve -- --websocket_timeout 3`.
"""

from __future__ import annotations

import argparse

from django.conf import settings
from django.core.management.base import BaseCommand

BACKLOG = 1024


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
        cli = CommandLineInterface()  # imports daphne's server, which installs its asyncio reactor
        from committee import languages
        from committee.live.heap import serve_with_policy

        serve_with_policy()
        languages.warm()
        cli.run(argv)
