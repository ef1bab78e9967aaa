"""The record's heavy reads, made in a process of their own.

Reading a day's journal and writing its minutes holds Python's interpreter for hundreds of
milliseconds (a day of 4,000 entries: half a second for the DOCX). Made in the server's process, every
chair's press and every phone's answer would wait for it at each turn of the interpreter's lock, even
in threads of their own. So the minutes (page, DOCX, CSV) and the statistics are made by worker
processes beside the server (settings.RECORD_WORKERS of them, started with the first export), which
read the same database; the request's thread only waits for the result. With RECORD_WORKERS = 0 they
are made in the request's own thread (the tests' in-process client, whose database the workers would
not see inside a test's transaction).

A job is a module-level function of this module: it takes ids and plain values, and returns bytes or
text (what a process can hand back).
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from django.conf import settings
from django.utils import translation

log = logging.getLogger(__name__)


class Workers:
    """The pool of worker processes, made when the first job comes and made again if one died."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._guard = threading.Lock()

    def run(self, job: Callable[..., Any], *args: Any) -> Any:
        if not settings.RECORD_WORKERS:
            return job(*args)
        try:
            return self._ready().submit(job, *args).result()
        except BrokenProcessPool:
            log.warning("a worker of the record died; starting it again for %s", job.__name__)
            self.stop()
            return self._ready().submit(job, *args).result()

    def _ready(self) -> ProcessPoolExecutor:
        with self._guard:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    settings.RECORD_WORKERS,
                    # A fresh interpreter (not a fork of a server with threads), on the same database.
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_set_up,
                    initargs=(settings.DATABASES,),
                )
            return self._pool

    def stop(self) -> None:
        with self._guard:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


WORKERS = Workers()


def _set_up(databases: dict) -> None:
    """In the worker: Django, on the server's own database (the same settings and environment)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    settings.DATABASES = databases
    django.setup()


def _read(committee_id: int, number: int | None):
    from committee.models import Committee
    from record.minutes import read_minutes

    return read_minutes(Committee.objects.get(pk=committee_id), number)


def _committee_language(committee_id: int) -> str:
    """The language of a committee's minutes (its projector's)."""
    from committee.models import Committee

    return (
        Committee.objects.filter(pk=committee_id).values_list("language", flat=True).first() or settings.LANGUAGE_CODE
    )


# ---- the jobs -------------------------------------------------------------------------------------------


def minutes_docx(committee_id: int, number: int | None) -> bytes:
    from record.exports import minutes_docx

    with translation.override(_committee_language(committee_id)):
        return minutes_docx(_read(committee_id, number))


def minutes_csv(committee_id: int, number: int | None, table: str) -> str:
    from record.exports import csv_table

    with translation.override(_committee_language(committee_id)):
        return csv_table(_read(committee_id, number), table)


def minutes_page(
    committee_id: int, number: int | None, template: str, standalone: bool = False, language: str | None = None
) -> str:
    """The printable minutes or the statistics (`template`), rendered whole: no form on them asks for
    the request's CSRF token. `standalone`: a file of its own, with no link back to the app. In
    `language` (the statistics: the reader's), else the committee's (the minutes)."""
    from django.template.loader import render_to_string
    from django.utils import timezone

    from record import charts

    with translation.override(language or _committee_language(committee_id)):
        minutes = _read(committee_id, number)
        context = {
            "committee": minutes.committee,
            "minutes": minutes,
            "sitting": number or "",
            "standalone": standalone,
            **charts.pictures(minutes),
        }
        with timezone.override(minutes.zone):  # the page's times in the committee's zone, as the files give them
            return render_to_string(template, context)


def marking_evidence(committee_id: int, number: int) -> dict:
    """Each delegation's evidence for the Board's marks: in sitting `number`, and in all sittings."""
    from record.marking import evidence

    return evidence(_read(committee_id, None), number)


def everything_zip() -> bytes:
    """Every committee that has met, in one zip: a folder each with its minutes (DOCX, printable page,
    CSV tables) and the awards its Board confirmed; and every conference's awards."""
    import io
    import zipfile

    from committee.models import Committee, Conference
    from record.awards import awards_csv
    from record.exports import CSV_TABLES

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for found in Committee.objects.order_by("slug"):
            if not found.sittings.exists():
                continue
            folder = f"{found.slug}/{found.slug}-minutes"
            archive.writestr(f"{folder}.docx", minutes_docx(found.pk, None))
            archive.writestr(f"{folder}.html", minutes_page(found.pk, None, "record/minutes.html", True))
            for table in CSV_TABLES:
                archive.writestr(f"{folder}-{table}.csv", minutes_csv(found.pk, None, table))
            if found.awards.exists():
                archive.writestr(f"{found.slug}/{found.slug}-awards.csv", awards_csv([found]))
        for conference in Conference.objects.order_by("name"):
            committees = list(conference.committees.order_by("name"))
            if any(c.awards.exists() for c in committees):
                archive.writestr(f"awards-{conference.pk}.csv", awards_csv(committees))
    return buffer.getvalue()
