"""Serve as `manage.py serve` does, with one detail of daphne's or autobahn's that the fast path to the
sockets relies on taken away (tests/test_daphne_sockets.py):

    python tests/serve_without.py partial --host 127.0.0.1 --port 8001
        each socket's `send` is no longer daphne's partial (an ASGI middleware wraps it);
    python tests/serve_without.py prepared-message ...
        autobahn's PreparedMessage no longer holds its frame's bytes where the adapter reads them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


class SendWrapped:
    """An ASGI middleware that hands the application a `send` of its own, as many middlewares do."""

    def __init__(self, application) -> None:
        self.application = application

    async def __call__(self, scope, receive, send):
        async def wrapped(message):
            await send(message)

        return await self.application(scope, receive, wrapped)


def take_away(detail: str) -> None:
    if detail == "partial":
        import django

        django.setup()
        import config.asgi

        config.asgi.application = SendWrapped(config.asgi.application)
    elif detail == "prepared-message":
        import autobahn.websocket.protocol

        class PreparedMessage:  # a later autobahn's, say: the frame is kept elsewhere
            def __init__(self, payload, isBinary, applyMask, doNotCompress):  # noqa: N803 - autobahn's names
                self.frame = payload

        autobahn.websocket.protocol.PreparedMessage = PreparedMessage
    else:
        raise SystemExit(f"unknown detail {detail!r}")


if __name__ == "__main__":
    take_away(sys.argv[1])
    from django.core.management import execute_from_command_line

    execute_from_command_line(["manage.py", "serve", *sys.argv[2:]])
