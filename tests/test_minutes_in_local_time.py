"""The minutes give the conference's local date and times, and name the zone (issue 25, 1): an evening
sitting in New York (00:30 UTC the next day) is dated Thursday 25 February at 19:30 there; the same
moment in Tokyo is Friday morning, 09:30. The server runs in UTC; the DOCX, the CSV (ISO 8601 with
the offset) and the printable page agree. Alice chairs; sam, of the secretariat, reads the record."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from docx import Document

from committee import actions as committee_actions
from committee.models import Conference, JournalEntry
from record.exports import csv_table, minutes_docx
from record.minutes import read_minutes
from tests.papers import carry_motion

# The first entry of the day, in UTC: 19:30 in New York (UTC−05:00), 09:30 in Tokyo (UTC+09:00).
START = datetime(2027, 2, 26, 0, 30, tzinfo=UTC)

ZONES = [
    ("America/New_York", "Thursday, 25 February 2027, at 19:30", "America/New_York, UTC−05:00", "-05:00", "19:45",
     "2027-02-25"),
    ("Asia/Tokyo", "Friday, 26 February 2027, at 09:30", "Asia/Tokyo, UTC+09:00", "+09:00", "09:45", "2027-02-26"),
]  # fmt: skip
ZONE_FACTS = ("zone", "opened", "named", "offset", "late", "day")


@pytest.fixture
def evening(unodc, alice_actor, settings):
    """Session I: the roll call, Pakistan late, a caucus motion carried; each entry a minute after the
    one before it, from START."""
    settings.TIME_ZONE = "UTC"
    committee_actions.open_sitting(unodc, alice_actor)
    for name in ("Canada", "Finland", "Brazil", "Mexico", "India", "Kenya", "Egypt", "China", "France"):
        committee_actions.mark_attendance(unodc, alice_actor, unodc.delegations.get(name=name).pk, "present")
    for name in ("Germany", "Japan", "Italy", "Norway"):
        committee_actions.mark_attendance(unodc, alice_actor, unodc.delegations.get(name=name).pk, "present")
    committee_actions.close_roll_call(unodc, alice_actor)
    committee_actions.mark_attendance(unodc, alice_actor, unodc.delegations.get(name="Pakistan").pk, "present")
    carry_motion(unodc, alice_actor, "Canada", "unmoderated_caucus", {"topic": "Drafting", "duration": 300})
    for minute, entry in enumerate(JournalEntry.objects.filter(committee=unodc).order_by("version")):
        JournalEntry.objects.filter(pk=entry.pk).update(at=START + timedelta(minutes=minute))
    return unodc


def in_zone(committee, zone: str) -> None:
    committee.conference = Conference.objects.create(name="Seed MUN 2027", time_zone=zone)
    committee.save()


@pytest.mark.parametrize(ZONE_FACTS, ZONES)
def test_the_docx_dates_the_sitting_where_it_met(evening, zone, opened, named, offset, late, day):
    in_zone(evening, zone)
    text = "\n".join(p.text for p in Document(io.BytesIO(minutes_docx(read_minutes(evening)))).paragraphs)
    assert f"Held on {opened} ({named})" in text
    assert f"The meeting was called to order at {opened[-5:]}." in text
    assert f"Pakistan took its seat at {late}." in text  # 00:45 UTC


@pytest.mark.parametrize(ZONE_FACTS, ZONES)
def test_the_csv_gives_date_time_and_offset(evening, zone, opened, named, offset, late, day):
    in_zone(evening, zone)
    rows = list(csv.DictReader(io.StringIO(csv_table(read_minutes(evening), "motions"))))
    assert len(rows) == 1 and rows[0]["date"] == day
    moment = datetime.fromisoformat(rows[0]["time"])
    assert rows[0]["time"].endswith(offset)
    assert moment.astimezone(UTC) == START + timedelta(minutes=16)  # moved a minute after Pakistan came


@pytest.mark.parametrize(ZONE_FACTS, ZONES)
def test_the_printable_page_agrees_with_the_files(evening, zone, opened, named, offset, late, day, sam):
    in_zone(evening, zone)
    client = Client()
    client.force_login(sam)
    page = client.get("/c/unodc/minutes/").content.decode()
    assert f"Held on {opened} ({named})" in page
    assert f"Pakistan took its seat at {late}." in page


def test_a_committee_without_a_conference_reads_the_servers_zone(evening, settings):
    evening.conference = None
    evening.save()
    assert str(read_minutes(evening).zone) == "UTC"
    assert read_minutes(evening).sittings[0].zone == "UTC, UTC+00:00"
