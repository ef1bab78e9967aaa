"""The minutes of a scripted sitting (issue 9), read back from each format: the printable page, the
DOCX (python-docx) and the CSV tables (csv). Session I of UNODC: a roll call with Spain arriving
late; a General Speakers' List in which Canada yields to questions, Finland to Estonia and Brazil
to the chair; India's point of order; Mexico's moderated caucus; Kenya's motion that fails;
Canada's draft with Egypt's amendment, and a roll-call vote on it."""

from __future__ import annotations

import csv
import io

import docx
import pytest
from django.core.management import call_command

from tests.papers import script_session_i


@pytest.fixture
def session_i(unodc, alice_actor):
    return script_session_i(unodc, alice_actor)


ADOPTED = "adopted by a recorded vote of 20 in favour to 1 against, with 1 abstention"


def test_the_printable_minutes_hold_every_event_with_its_figures(session_i, alice_client):
    page = alice_client.get("/c/unodc/minutes/?sitting=1").content.decode()
    assert "Summary record of the first meeting" in page
    assert "<dt>Chair:</dt><dd>Alice</dd>" in page
    assert "<dt>Vice-chair:</dt><dd>Rahul Mehta (University of Delhi)</dd>" in page
    assert "Agenda: Discussing cross-border crimes" in page
    assert "The roll call was taken. 21 members were present: Argentina, Australia" in page
    assert "The quorum (13 members) was met." in page
    assert "Spain took its seat at" in page
    assert "Present and voting: Canada." in page
    speeches = page[page.index('data-testid="speeches"') : page.index('data-testid="points"')]
    for row in (
        "<td>Canada</td><td>General Speakers&#x27; List</td><td>1:24</td><td>1:30</td><td>to questions</td>",
        "<td>Finland</td><td>General Speakers&#x27; List</td><td>1:00</td><td>1:30</td><td>to Estonia</td>",
        "<td>Estonia</td><td>General Speakers&#x27; List (time yielded by Finland)</td><td>0:25</td><td>0:30</td>"
        "<td></td>",
        "<td>Brazil</td><td>General Speakers&#x27; List</td><td>1:10</td><td>1:30</td><td>to the chair</td>",
        "<td>Japan</td><td>Moderated caucus</td><td>0:45</td><td>1:00</td><td></td>",
    ):
        assert row in speeches, row
    assert "<td>India</td><td>Order</td><td>The speaking time was not announced</td><td>answered</td>" in page
    assert "<td>Mexico</td><td>moderated caucus “Extradition”" in page
    assert "<td>passed</td><td>23 to 0 (12 needed)</td>" in page
    # Absent when the roll was called (Spain came after).
    assert "Absent: Afghanistan, European Union, INTERPOL" in page
    assert "Saudi Arabia, Singapore, South Africa, Spain, State of Palestine" in page
    assert "<td>Kenya</td><td>unmoderated caucus “Drafting”" in page and "<td>failed</td><td>0 to 23" in page
    assert "rejected by a vote of 5 in favour to 15 against, with 2 abstentions" in page
    assert f"{ADOPTED}." in page and "<em>Against:</em> Egypt." in page and "<em>Abstaining:</em> China." in page
    assert (
        "Amendment by Egypt (strike a clause, operative paragraph 3; signed by India, Kenya): rejected by a vote "
        "of 5 in favour" in page
    )
    assert "DR 1/1: Strengthening joint investigation teams" in page
    assert "Signatories: Brazil, Mexico, Colombia, India" in page


def test_the_docx_holds_the_same_minutes(session_i, alice_client):
    response = alice_client.get("/c/unodc/minutes.docx?sitting=1")
    assert response["Content-Disposition"] == 'attachment; filename="unodc-minutes-session-1.docx"'
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert "Summary record of the first meeting" in text
    assert "Spain took its seat at" in text
    assert "Present and voting: Canada." in text
    assert ["Canada", "General Speakers' List", "1:24", "1:30", "to questions"] == rows_of(rows, "Canada")[0][1:]
    assert rows_of(rows, "Estonia")[0][1:] == [
        "Estonia", "General Speakers' List (time yielded by Finland)", "0:25", "0:30", ""
    ]  # fmt: skip
    assert any(r[1:] == ["India", "Order", "The speaking time was not announced", "answered"] for r in rows)
    assert any(r[1] == "Kenya" and r[3] == "failed" and r[4].startswith("0 to 23") for r in rows if len(r) == 5)
    assert f"{ADOPTED[0].upper()}{ADOPTED[1:]}." in text and "Against: Egypt." in text
    # The statistics, with a bar per delegation that spoke.
    stats = next(t for t in document.tables if t.rows[0].cells[0].text == "Delegation")
    canada = next(r for r in stats.rows if r.cells[0].text == "Canada")
    assert [c.text for c in canada.cells] == ["Canada", "1:24", "", "1", "0", "1 (1)", "1 / 0", "0"]
    assert canada.cells[2]._tc.xpath(".//pic:pic")  # the bar, a picture


def rows_of(rows: list[list[str]], name: str) -> list[list[str]]:
    return [r for r in rows if len(r) == 6 and r[1] == name]


def test_the_csv_tables_read_back_in_a_spreadsheet(session_i, alice_client):
    def table(name):
        response = alice_client.get(f"/c/unodc/minutes-{name}.csv")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        return list(csv.DictReader(io.StringIO(response.content.decode())))

    speeches = table("speeches")
    assert [(s["delegation"], s["spoke"], s["yield"]) for s in speeches] == [
        ("Canada", "1:24", "to questions"),
        ("Finland", "1:00", "to Estonia"),
        ("Estonia", "0:25", ""),
        ("Brazil", "1:10", "to the chair"),
        ("Japan", "0:45", ""),
    ]
    motions = {m["mover"] + ": " + m["outcome"] for m in table("motions")}
    assert {"Mexico: passed", "Kenya: failed", "Canada: granted", "Egypt: granted"} <= motions
    votes = table("votes")
    assert votes[-1]["record"] == ADOPTED and votes[-1]["method"] == "roll call"
    assert votes[-1]["in favour"] == "20" and votes[-1]["against"] == "1" and votes[-1]["abstaining"] == "1"


def test_the_command_line_exports_any_committee(session_i, tmp_path, capsys):
    out = tmp_path / "unodc.docx"
    call_command("export_minutes", "unodc", "--out", str(out))
    assert "Spain took its seat at" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    call_command("export_minutes", "unodc", "--format", "csv", "--out", str(tmp_path / "unodc"))
    assert (tmp_path / "unodc-speeches.csv").read_text().count("\n") == 6
    call_command("export_minutes", "unodc", "--sitting", "1", "--format", "html", "--out", str(tmp_path / "m.html"))
    assert ADOPTED in (tmp_path / "m.html").read_text()


@pytest.mark.parametrize("number", ["²", "9" * 5000, "x1"])
def test_a_sitting_number_that_is_no_number_is_refused_in_words(session_i, alice_client, number):
    response = alice_client.get("/c/unodc/minutes/", {"sitting": number})
    assert response.status_code == 404
    assert "UNODC has no sitting" in response.content.decode()
