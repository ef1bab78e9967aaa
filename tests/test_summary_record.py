"""Minutes the secretariat signs without retyping (issue 25, 2-8): the DOCX is a UN summary record
(symbol, masthead, A4 unless the committee says US Letter, the symbol in the header and a PAGE field
in the footer, black headings, properties naming the committee and the meeting's date, numbered
paragraphs from "called to order" to "rose", a signature block); an adopted draft gets a resolution
number by the conference's scheme; the printable page stands alone; `export_minutes --all` gives the
secretariat every committee's minutes in one zip. Session I of UNODC is scripted (tests/papers.py);
alice chairs, rita is the rapporteur, sam is of the secretariat."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from docx.shared import Cm

from committee.models import Conference, ExecutiveRole
from record.exports import minutes_docx
from record.minutes import read_minutes
from tests.papers import script_session_i


@pytest.fixture
def rita(unodc):
    user = get_user_model().objects.create_user("rita", first_name="Rita", last_name="Okafor")
    ExecutiveRole.objects.create(
        committee=unodc, user=user, role=ExecutiveRole.Role.RAPPORTEUR, affiliation="University of Lagos"
    )
    return user


@pytest.fixture
def session_i(unodc, alice_actor, rita):
    unodc.conference = Conference.objects.create(name="Epistemo MUN 2027", edition=3)
    unodc.save()
    script_session_i(unodc, alice_actor)
    return unodc


def the_docx(committee) -> docx.Document:
    return docx.Document(io.BytesIO(minutes_docx(read_minutes(committee, 1))))


def test_the_docx_is_a_summary_record_with_its_symbol_and_masthead(session_i):
    document = the_docx(session_i)
    year = read_minutes(session_i, 1).sittings[0].opened_at.year
    symbol = f"UNODC/{year}/SR.1"
    section = document.sections[0]
    assert section.header.paragraphs[0].text == symbol
    masthead = [cell.text for cell in document.tables[0].rows[0].cells]
    assert masthead[0] == "Epistemo MUN 2027"
    assert masthead[1].split("\n")[0] == symbol and "Distr.: General" in masthead[1]
    assert "Original: English" in masthead[1]
    text = [p.text for p in document.paragraphs]
    assert "Summary record of the first meeting" in text
    assert "Rapporteur:\tRita Okafor (University of Lagos)" in text  # the Board, with country or institution
    called = next(n for n, line in enumerate(text) if line.startswith("The meeting was called to order at "))
    rose = next(n for n, line in enumerate(text) if line.startswith("The meeting rose at "))
    numbered = text[called + 1 : rose]
    assert [line.split(".")[0] for line in numbered] == [str(n) for n in range(1, len(numbered) + 1)]
    assert numbered[0].startswith("1.\tThe roll call was taken. 21 members were present")
    assert any(line.endswith("and yielded the remaining time to the representative of Estonia.") for line in numbered)
    assert any("The representative of India raised a point of order: “The speaking time was not announced”." in line
               for line in numbered)  # fmt: skip


def test_a4_unless_the_committee_says_us_letter_and_a_page_number_in_every_footer(session_i):
    section = the_docx(session_i).sections[0]
    assert (round(section.page_width / Cm(1), 1), round(section.page_height / Cm(1), 1)) == (21.0, 29.7)
    assert "PAGE" in "".join(section.footer._element.itertext())
    assert section.footer._element.xpath(".//w:fldChar[@w:fldCharType='begin']")
    session_i.paper = "Letter"
    session_i.save()
    letter = the_docx(session_i).sections[0]
    assert (round(letter.page_width / Cm(1), 2), round(letter.page_height / Cm(1), 2)) == (21.59, 27.94)


def test_the_files_properties_name_the_committee_and_the_meetings_date(session_i):
    document = the_docx(session_i)
    properties = document.core_properties
    opened = read_minutes(session_i, 1).sittings[0].opened_at
    assert properties.title == "United Nations Office on Drugs and Crime: summary record of the first meeting"
    assert properties.author == "Epistemo MUN 2027" and "python-docx" not in properties.author
    assert properties.created.date() == opened.date() and properties.language == "en-GB"
    heading = document.styles["Heading 2"]
    assert heading.font.color.rgb == docx.shared.RGBColor(0, 0, 0)  # not Word's blue


def test_the_chair_and_the_rapporteur_sign_it(session_i):
    signatures = the_docx(session_i).tables[1]
    names = [cell.text for cell in signatures.rows[1].cells]
    roles = [cell.text for cell in signatures.rows[2].cells]
    assert roles == ["Chair", "Rapporteur"] and names[1] == "Rita Okafor (University of Lagos)" and names[0]


def test_an_adopted_draft_is_numbered_by_the_conferences_scheme(session_i):
    minutes = read_minutes(session_i, 1)
    adopted = next(paper for paper in minutes.papers if paper.outcome.startswith("adopted"))
    assert adopted.resolution == "3/1"  # edition 3, the first resolution
    text = "\n".join(p.text for p in the_docx(session_i).paragraphs)
    assert "It was adopted as resolution 3/1." in text
    session_i.conference.resolution_symbol = "{committee}/RES/{year}/{number}"
    session_i.conference.save()
    year = minutes.sittings[0].opened_at.year
    assert next(p for p in read_minutes(session_i, 1).papers if p.resolution).resolution == f"UNODC/RES/{year}/1"


def test_a_symbol_scheme_with_an_unknown_place_is_refused_in_words():
    conference = Conference(name="Seed MUN", record_symbol="{committee}/{session}/SR.{meeting}")
    with pytest.raises(ValidationError, match=r"\{session\} is not a place of this symbol"):
        conference.full_clean()


def test_the_printable_page_stands_alone_on_its_paper(session_i, alice_client, tmp_path):
    page = alice_client.get("/c/unodc/minutes/?sitting=1").content.decode()
    assert "<script" not in page and "/static/" not in page and 'rel="stylesheet"' not in page
    assert 'class="record-document paper-a4"' in page and "Summary record of the first meeting" in page
    assert "<em>Rapporteur</em>" in page and "Rita Okafor (University of Lagos)" in page
    call_command("export_minutes", "unodc", "--format", "html", "--out", str(tmp_path / "m.html"))
    saved = (tmp_path / "m.html").read_text()
    assert "Back to the floor" not in saved and "href=" not in saved  # no link that needs the app


def test_the_secretariat_exports_every_committee_at_once(session_i, tmp_path, capsys):
    from committee.demo.load import load_security_council

    load_security_council()  # has not met: said, and left out
    out = tmp_path / "all.zip"
    call_command("export_minutes", "--all", "--out", str(out))
    said = capsys.readouterr().out
    assert "UNODC: 1 sitting(s)" in said and "not met yet, not exported: SC" in said
    names = zipfile.ZipFile(out).namelist()
    assert sorted(names) == [
        "unodc/unodc-minutes-motions.csv",
        "unodc/unodc-minutes-speeches.csv",
        "unodc/unodc-minutes-votes.csv",
        "unodc/unodc-minutes.docx",
        "unodc/unodc-minutes.html",
    ]
    inside = docx.Document(io.BytesIO(zipfile.ZipFile(out).read("unodc/unodc-minutes.docx")))
    assert "Summary record of the first meeting" in [p.text for p in inside.paragraphs]
    with pytest.raises(CommandError, match="name no committee or sitting"):
        call_command("export_minutes", "unodc", "--all")


def test_the_record_says_when_the_quorum_is_lost_and_met_again(in_session, alice_actor):
    """Thirteen members opened debate (the quorum); Canada leaves, the quorum is lost; Spain comes."""
    from committee import actions

    canada, spain = (in_session.delegations.get(name=name).pk for name in ("Canada", "Spain"))
    actions.mark_attendance(in_session, alice_actor, canada, "absent")
    actions.mark_attendance(in_session, alice_actor, spain, "present")
    paragraphs = [p.text for p in read_minutes(in_session).sittings[0].summary]
    left = next(p for p in paragraphs if p.startswith("Canada left the meeting at "))
    assert left.endswith("The quorum (13 members) was no longer met: 12 members were present.")
    came = next(p for p in paragraphs if p.startswith("Spain took its seat at "))
    assert came.endswith("The quorum (13 members) was met: 13 members were present.")
