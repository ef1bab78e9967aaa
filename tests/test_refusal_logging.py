"""A request too big is a refusal, not a crash (issue 28, 5): alice's laptop (or anything holding her
session) posts 2,000 fields, or 3 MiB, to a command: it is answered 400 and the server's log says so
in one line, with no traceback; nothing changes."""

from __future__ import annotations

import io
import logging

import pytest

from committee.models import JournalEntry


@pytest.fixture
def server_log():
    """What the server's configured handlers for refused requests write (settings.LOGGING)."""
    written = io.StringIO()
    handlers = {
        handler: handler.setStream(written)
        for name in ("TooManyFieldsSent", "RequestDataTooBig")
        for handler in logging.getLogger(f"django.security.{name}").handlers
        if isinstance(handler, logging.StreamHandler) and handler.filters  # the configured one, not pytest's
    }
    assert handlers, "settings.LOGGING has no handler for refused requests"
    yield written
    for handler, stream in handlers.items():
        handler.setStream(stream)


def test_two_thousand_fields_are_refused_in_one_line(unodc, alice_client, sitting, server_log):
    before = JournalEntry.objects.count()
    response = alice_client.post("/c/unodc/do/rollcall.close/", {f"field{n}": "x" for n in range(2000)})
    assert response.status_code == 400
    log = server_log.getvalue()
    assert log.startswith("refused POST /c/unodc/do/rollcall.close/: The number of GET/POST parameters exceeded")
    assert log.count("\n") == 1 and "Traceback" not in log
    assert JournalEntry.objects.count() == before


def test_three_mebibytes_are_refused_in_one_line(unodc, alice_client, sitting, server_log):
    response = alice_client.post("/c/unodc/do/rollcall.close/", {"note": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 400
    log = server_log.getvalue()
    assert log.startswith("refused POST /c/unodc/do/rollcall.close/: Request body exceeded")
    assert log.count("\n") == 1 and "Traceback" not in log
