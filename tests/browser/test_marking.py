"""The Board marks and gives awards, in real browsers (issue 26). After session I (the minutes'
scripted sitting), Lena Fischer (chair) and Rahul Mehta (vice-chair), each on a laptop, mark Canada,
Brazil and Finland beside what the record shows each did; Canada's delegate has uploaded its position
paper from the phone, and Lena reads it from the marks page. The awards page shows both markers'
totals and how far they agree; Lena confirms the suggested awards and downloads them; the secretariat's
ceremony page names the Best Delegate and the school that wins Best Delegation. axe-core finds no
serious violation on these pages. Screenshots: marking-laptop.png, awards-laptop.png,
position-paper-phone.png."""

from __future__ import annotations

import io

from docx import Document
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, shoot
from tests.browser.test_accessibility import problems
from tests.browser.test_resolutions import scene


def printed(room, code: str) -> str:
    """What a line of Python prints in the test server's database (the shell's own notice above it)."""
    return room.manage("shell", "-c", code).strip().splitlines()[-1]


def sign_in_link(room, username: str, goes_to: str) -> str:
    """A sign-in link for a demo account, as `make run` prints the chair's."""
    token = printed(
        room,
        "from django.contrib.auth import get_user_model; from committee.models import SignInLink; "
        f"print(SignInLink.issue(get_user_model().objects.get(username='{username}'), '{goes_to}').token)",
    )
    return f"{room.base}/signin/{token}/"


def paper_docx() -> bytes:
    document = Document()
    document.add_heading("Position of Canada", level=1)
    document.add_paragraph("Canada calls for joint investigation teams across the Atlantic.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def give_marks(page, delegation: str, scores: dict[str, int], note: str = "") -> None:
    page.get_by_role("navigation", name="Delegations").get_by_role("link", name=delegation).click()
    expect(page.locator(".marking-name")).to_contain_text(delegation)
    for criterion, score in scores.items():
        page.get_by_label(criterion, exact=False).first.fill(str(score))
    if note:
        page.get_by_label("Your private notes").fill(note)
    page.get_by_role("button", name=f"Save the marks of {delegation}").click()
    expect(page.locator(".messages")).to_contain_text(f"Saved: your marks of {delegation} for Session I.")


def test_two_board_members_mark_and_confirm_the_awards(unstarted_room, people):
    room = unstarted_room
    scene(room, "scripted_session")
    room.start()

    canada = people(PHONE)
    canada.goto(room.links["delegate Canada"])
    expect(canada.locator("body")).to_have_attribute("data-live", "open")
    canada.get_by_role("link", name="Position paper").tap()
    canada.get_by_label("The file").set_input_files(
        {"name": "canada.docx", "mimeType": "application/octet-stream", "buffer": paper_docx()}
    )
    canada.get_by_role("button", name="Upload").tap()
    expect(canada.get_by_test_id("paper-uploaded")).to_contain_text("canada.docx")
    shoot(canada, "position-paper-phone")

    lena = people(LAPTOP)
    lena.goto(room.links["chair"])
    expect(lena.locator("body")).to_have_attribute("data-live", "open")
    lena.get_by_text("The record: minutes, statistics, marks").click()
    lena.get_by_role("link", name="Marks", exact=True).click()
    give_marks(lena, "Canada", {"Research": 9, "Foreign policy": 8, "Diplomacy": 9}, note="Led the drafting")
    evidence = lena.get_by_test_id("evidence")
    expect(evidence.get_by_role("row", name="Speeches")).to_contain_text("1 · 1:24")
    expect(evidence.get_by_role("row", name="Motions (carried)")).to_contain_text("1 (1)")
    expect(evidence.get_by_role("row", name="Attendance")).to_contain_text("present and voting")
    assert problems(lena, "marks") == []
    shoot(lena, "marking-laptop")
    with lena.expect_popup() as opened:
        evidence.get_by_role("link", name="Read canada.docx").click()
    paper = opened.value
    expect(paper.get_by_test_id("paper-text")).to_contain_text("joint investigation teams across the Atlantic")
    give_marks(lena, "Brazil", {"Research": 7, "Foreign policy": 7, "Diplomacy": 8})
    give_marks(lena, "Finland", {"Research": 6, "Foreign policy": 6, "Diplomacy": 6})

    rahul = people(LAPTOP)
    rahul.goto(sign_in_link(room, "vice-chair", "/c/unodc/marks/"))
    expect(rahul.get_by_role("heading", level=1)).to_have_text("Marks of UNODC · Session I")
    rahul.get_by_role("navigation", name="Delegations").get_by_role("link", name="Canada").click()
    expect(rahul.get_by_label("Research")).to_have_value("")  # Lena's marks are hers
    expect(rahul.get_by_label("Your private notes")).to_have_value("")
    give_marks(rahul, "Canada", {"Research": 8, "Foreign policy": 9, "Diplomacy": 9})
    give_marks(rahul, "Brazil", {"Research": 8, "Foreign policy": 8, "Diplomacy": 8})
    give_marks(rahul, "Finland", {"Research": 4, "Foreign policy": 5, "Diplomacy": 5})

    lena.goto(f"{room.base}/c/unodc/awards/")
    standings = lena.get_by_test_id("standings")
    expect(standings.locator("tbody tr").first).to_contain_text("Canada")
    expect(standings.locator("thead")).to_contain_text("Lena Fischer")
    expect(standings.locator("thead")).to_contain_text("Rahul Mehta")
    expect(lena.get_by_test_id("agreement")).to_contain_text(
        "Lena Fischer and Rahul Mehta, over 3 delegations: totals 6.7 points apart on average; rankings agree"
    )
    canada_id = printed(room, "from committee.models import Delegation as D; print(D.objects.get(name='Canada').pk)")
    expect(lena.get_by_label("Best Delegate")).to_have_value(canada_id)
    assert problems(lena, "awards") == []
    shoot(lena, "awards-laptop")
    lena.get_by_role("button", name="Confirm these awards").click()
    confirmed = lena.get_by_test_id("confirmed-awards")
    expect(confirmed).to_contain_text("Best Delegate: Canada (Vienna International School)")
    expect(confirmed).to_contain_text("High Commendation: Brazil (Colegio Santiago)")
    expect(confirmed).to_contain_text("Special Mention: Finland")
    with lena.expect_download() as downloaded:
        lena.get_by_role("link", name="Awards (CSV)").click()
    rows = open(downloaded.value.path(), encoding="utf-8").read().splitlines()
    assert rows[1].startswith("UNODC,Best Delegate,Canada,Vienna International School,Lena Fischer,")

    secretariat = people(LAPTOP)
    conference = printed(room, "from committee.models import Conference; print(Conference.objects.get().pk)")
    secretariat.goto(sign_in_link(room, "secretariat", f"/conference/{conference}/awards/"))
    expect(secretariat.get_by_role("heading", level=1)).to_have_text("Epistemo MUN: awards")
    expect(secretariat.get_by_test_id("best-delegation")).to_contain_text("Vienna International School: 1.50")
    assert problems(secretariat, "ceremony") == []
