"""Position papers (issue 26): Canada's delegate uploads its paper from the phone (a PDF or a DOCX,
5 MB at most, checked by what the file holds, not by its name); the Board and the secretariat read it
in the browser and mark it; Finland's phone never reaches Canada's paper. A bad file is refused in
words and nothing is stored."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from docx import Document

from record.models import PositionPaper
from tests.conftest import phone_of
from tests.test_marking import signed_in

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def docx_of(*paragraphs: str, heading: str = "") -> bytes:
    document = Document()
    if heading:
        document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(client: Client, url: str, name: str, content: bytes):
    return client.post(url, {"paper": SimpleUploadedFile(name, content)})


def test_canada_uploads_its_paper_and_the_board_reads_it(unodc, alice, sam):
    canada = unodc.delegations.get(name="Canada")
    phone = phone_of(canada)
    assert "Upload your delegation's position paper" in phone.get("/c/unodc/position-paper/").content.decode()
    content = docx_of("Canada stands for cooperation among police forces.", heading="Position of Canada")
    response = upload(phone, "/c/unodc/position-paper/", "canada.docx", content)
    assert response.status_code == 302
    page = phone.get("/c/unodc/position-paper/").content.decode()
    assert "Uploaded: <b>canada.docx</b>" in page
    paper = PositionPaper.objects.get(delegation=canada)
    assert (paper.kind, paper.size, paper.uploaded_by) == ("docx", len(content), "Canada")
    for reader in (signed_in(alice), signed_in(sam)):
        page = reader.get(f"/c/unodc/position-papers/{canada.pk}/").content.decode()
        assert "<h2>Position of Canada</h2>" in page
        assert "<p>Canada stands for cooperation among police forces.</p>" in page


def test_a_pdf_opens_as_itself_in_the_browser(unodc, alice):
    finland = unodc.delegations.get(name="Finland")
    assert upload(phone_of(finland), "/c/unodc/position-paper/", "Finland.PDF", PDF).status_code == 302
    lena = signed_in(alice)
    assert "Open the PDF" in lena.get(f"/c/unodc/position-papers/{finland.pk}/").content.decode()
    response = lena.get(f"/c/unodc/position-papers/{finland.pk}/?as=file")
    assert response["Content-Type"] == "application/pdf" and response.content == PDF
    assert response["Content-Disposition"].startswith("inline;")


def test_the_secretariat_uploads_a_paper_for_a_delegation(unodc, sam):
    brazil = unodc.delegations.get(name="Brazil")
    response = upload(signed_in(sam), f"/c/unodc/position-papers/{brazil.pk}/", "brazil.pdf", PDF)
    assert response.status_code == 302
    assert PositionPaper.objects.get(delegation=brazil).uploaded_by == "Secretariat (Sam)"


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("paper.pdf", b"MZ\x90\x00 not a pdf at all", "paper.pdf is not a PDF file, whatever its name says."),
        ("paper.docx", PDF, "paper.docx is not a DOCX file, whatever its name says."),
        ("paper.docx", b"PK\x03\x04 a broken zip", "paper.docx is not a DOCX file"),
        ("paper.exe", PDF, "A position paper is a PDF or a Word document (.docx)."),
        ("paper.txt", b"Canada believes", "A position paper is a PDF or a Word document (.docx)."),
        ("paper.pdf", b"", "The file is empty."),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_is_stored(unodc, name, content, words):
    phone = phone_of(unodc.delegations.get(name="Canada"))
    response = upload(phone, "/c/unodc/position-paper/", name, content)
    assert response.status_code == 400
    body = response.content.decode().replace("&#x27;", "'")
    assert words in body and "Nothing was uploaded." in body
    assert not PositionPaper.objects.exists()


@override_settings(POSITION_PAPER_LARGEST=1000)
def test_a_file_too_big_is_refused(unodc):
    phone = phone_of(unodc.delegations.get(name="Canada"))
    response = upload(phone, "/c/unodc/position-paper/", "long.pdf", PDF + b" " * 2000)
    body = response.content.decode().replace("\xa0", " ")
    assert response.status_code == 400 and "The file is 2.0 KB: a position paper may be 1000 bytes at most." in body
    assert not PositionPaper.objects.exists()


def test_a_paper_stays_with_its_delegation_and_its_board(unodc, alice, eve):
    from committee.models import Committee, Delegation

    canada, finland = unodc.delegations.get(name="Canada"), unodc.delegations.get(name="Finland")
    upload(phone_of(canada), "/c/unodc/position-paper/", "canada.pdf", PDF)
    other = Committee.objects.create(name="UN Refugee Agency", abbreviation="UNHCR", slug="unhcr", agenda="Refugees")
    chad = Delegation.objects.create(committee=other, name="Chad")
    finlands_phone = phone_of(finland)
    for client in (finlands_phone, phone_of(chad), signed_in(eve), Client()):
        response = client.get(f"/c/unodc/position-papers/{canada.pk}/?as=file")
        assert response.status_code == 403 and PDF not in response.content
        assert upload(client, f"/c/unodc/position-papers/{canada.pk}/", "x.pdf", PDF).status_code == 403
    # Finland's own page shows Finland's (none), never Canada's.
    assert "canada.pdf" not in finlands_phone.get("/c/unodc/position-paper/").content.decode()
    for client in (signed_in(eve), Client(), phone_of(chad)):
        assert client.get("/c/unodc/position-paper/").status_code == 403
    # A board member reading through another committee's address finds nothing.
    assert signed_in(alice).get(f"/c/unhcr/position-papers/{canada.pk}/").status_code == 403
    assert PositionPaper.objects.get().delegation == canada and PositionPaper.objects.count() == 1
