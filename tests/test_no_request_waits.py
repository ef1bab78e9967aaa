"""No request waits for an unrelated one: a secretariat member exporting the minutes, however long it
takes, never holds up the chair's press. Each request is served in a thread of its own, and the
record's heavy reads are made in worker processes beside the server, so that they do not hold the
server's interpreter either."""

from __future__ import annotations

import asyncio
import threading
from urllib.parse import urlencode

import pytest
from channels.testing import HttpCommunicator

from record import worker
from tests.conftest import HOST, LOOP, ORIGIN, asgi_application

pytestmark = pytest.mark.django_db(transaction=True)

CSRF = "c" * 32


def _headers(client, *more):
    cookies = "; ".join([*(f"{n}={m.value}" for n, m in client.cookies.items()), f"csrftoken={CSRF}"])
    return [ORIGIN, HOST, (b"cookie", cookies.encode()), *more]


def test_the_chairs_press_is_answered_while_the_minutes_are_still_being_written(
    in_session, alice_client, sam, canada, monkeypatch
):
    from django.test import Client

    secretariat = Client()
    secretariat.force_login(sam)
    writing, finish = threading.Event(), threading.Event()

    def docx_that_takes_its_time(committee_id, number) -> bytes:
        writing.set()
        assert finish.wait(20), "the chair's press never came while the minutes were being written"
        return b"the minutes"

    monkeypatch.setattr(worker, "minutes_docx", docx_that_takes_its_time)

    async def export_and_press():
        export = HttpCommunicator(asgi_application(), "GET", "/c/unodc/minutes.docx", headers=_headers(secretariat))
        exporting = asyncio.ensure_future(export.get_response(timeout=25))
        while not writing.is_set():
            await asyncio.sleep(0.01)
        press = HttpCommunicator(
            asgi_application(),
            "POST",
            "/c/unodc/do/rollcall.mark/",
            body=urlencode({"delegation": canada.pk, "status": "present_voting"}).encode(),
            headers=_headers(
                alice_client,
                (b"content-type", b"application/x-www-form-urlencoded"),
                (b"hx-request", b"true"),
                (b"x-csrftoken", CSRF.encode()),
            ),
        )
        answer = await press.get_response(timeout=10)
        still_writing = not exporting.done()
        finish.set()
        return answer, still_writing, await exporting

    answer, still_writing, exported = LOOP.run(export_and_press())
    assert answer["status"] == 200 and 'data-name="canada" data-status="present_voting"' in answer["body"].decode()
    assert still_writing  # the press did not wait for the export
    assert exported["status"] == 200 and exported["body"] == b"the minutes"


def test_the_minutes_are_made_in_a_worker_process_reading_the_same_database(in_session, sam, settings):
    """With a worker (as `manage.py serve` runs), the DOCX and the statistics come from another
    process, which reads what the room wrote."""
    import io
    import os

    from django.test import Client
    from docx import Document

    settings.RECORD_WORKERS = 1
    try:
        assert worker.WORKERS.run(os.getpid) != os.getpid()
        secretariat = Client()
        secretariat.force_login(sam)
        docx = secretariat.get("/c/unodc/minutes.docx")
        assert docx.status_code == 200
        text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
        assert "Canada" in text and "present" in text.lower()
        stats = secretariat.get("/c/unodc/statistics/")
        assert stats.status_code == 200 and "Canada" in stats.content.decode()
    finally:
        worker.WORKERS.stop()
