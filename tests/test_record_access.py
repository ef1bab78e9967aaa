"""Who may read the record (issue 9): the chair, the vice-chair, a rapporteur and the secretariat read
the minutes, the statistics and every export; a delegate's phone, the projector, a stranger and a
signed-in person of no role are refused in words; a committee that has not met has no minutes yet;
nothing anyone reads changes the journal."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from committee import actions
from committee.models import ExecutiveRole, JournalEntry
from tests.conftest import phone_of

RECORD = [
    "/c/unodc/minutes/",
    "/c/unodc/minutes/?sitting=1",
    "/c/unodc/minutes.docx",
    "/c/unodc/minutes-speeches.csv",
    "/c/unodc/minutes-motions.csv",
    "/c/unodc/minutes-votes.csv",
    "/c/unodc/statistics/",
]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def readers(unodc, alice, victor, sam):
    rapporteur = get_user_model().objects.create_user("rita", first_name="Rita")
    ExecutiveRole.objects.create(committee=unodc, user=rapporteur, role=ExecutiveRole.Role.RAPPORTEUR)
    return {"chair": signed_in(alice), "vice-chair": signed_in(victor), "rapporteur": signed_in(rapporteur),
            "secretariat": signed_in(sam)}  # fmt: skip


@pytest.fixture
def met(unodc, alice_actor):
    actions.open_sitting(unodc, alice_actor)
    actions.mark_attendance(unodc, alice_actor, unodc.delegations.get(name="Canada").pk, "present")
    return unodc


@pytest.mark.parametrize("who", ["chair", "vice-chair", "rapporteur", "secretariat"])
def test_the_executive_board_and_the_secretariat_read_every_record(met, readers, who):
    before = JournalEntry.objects.count()
    for path in RECORD:
        response = readers[who].get(path)
        assert response.status_code == 200, (who, path)
    assert JournalEntry.objects.count() == before


def test_a_delegate_the_projector_and_strangers_are_refused_in_words(met, eve):
    projector = Client()
    projector.get(f"/c/unodc/projector/{met.projector_token}/")
    refused = {
        "Canada's phone": (
            phone_of(met.delegations.get(name="Canada")),
            "for the Executive Board and the secretariat.",
        ),
        "the projector": (projector, "for the Executive Board and the secretariat."),
        "eve (no role)": (signed_in(eve), "for the Executive Board and the secretariat: sign in first."),
        "a stranger": (Client(), "for the Executive Board and the secretariat: sign in first."),
    }
    for who, (client, words) in refused.items():
        for path in RECORD:
            response = client.get(path)
            assert response.status_code == 403, (who, path)
            assert words in response.content.decode(), (who, path)


def test_a_committee_that_has_not_met_has_no_minutes_yet(unodc, readers, capsys):
    response = readers["chair"].get("/c/unodc/minutes/")
    assert response.status_code == 404
    assert "UNODC has not met yet: there are no minutes." in response.content.decode()
    with pytest.raises(CommandError, match="UNODC has not met yet: there are no minutes to export."):
        call_command("export_minutes", "unodc")
    with pytest.raises(CommandError, match="No committee 'sochum' \\(committees: unodc\\)."):
        call_command("export_minutes", "sochum")


def test_a_sitting_or_a_table_that_does_not_exist_is_refused(met, readers):
    for path, words in (
        ("/c/unodc/minutes/?sitting=7", "UNODC has no sitting &#x27;7&#x27;."),
        ("/c/unodc/minutes/?sitting=one", "UNODC has no sitting &#x27;one&#x27;."),
        ("/c/unodc/minutes-ballots.csv", "The tables are speeches, motions and votes."),
    ):
        response = readers["secretariat"].get(path)
        assert response.status_code == 404 and words in response.content.decode(), path


def test_an_entry_of_an_unknown_kind_reads_as_a_line_of_the_minutes(met, readers):
    entry = JournalEntry.objects.last()
    JournalEntry.objects.create(
        committee=met, sitting=entry.sitting, version=entry.version + 1, kind="award.given", actor="Canada", data={}
    )
    page = readers["chair"].get("/c/unodc/minutes/").content.decode()
    assert "Canada: award.given (an entry this version does not describe)" in page
