"""The record in a real browser: alice opens the record's panel on her dashboard and the statistics
load (fresh each time it is opened); the minutes page, a summary record standing alone,
prints on the committee's paper. Screenshots: record-chair-panel.png,
record-minutes.png, and record-minutes.pdf (Chromium's print to PDF)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, LAPTOP, shoot


def test_the_chair_opens_the_record_and_prints_the_minutes(unstarted_room, people):
    room = unstarted_room
    room.manage("shell", "-c", "from tests.browser.scenes import scripted_session; scripted_session()")
    room.start()
    chair = people(LAPTOP)
    chair.goto(room.links["chair"])
    expect(chair.locator("body")).to_have_attribute("data-live", "open")
    statistics_reads = []
    chair.on("request", lambda request: "/statistics/" in request.url and statistics_reads.append(request.url))
    panel = chair.locator(".record-panel")
    panel.locator("summary").click()
    expect(panel.get_by_test_id("figures")).to_contain_text("Canada")
    # Folding the panel reads nothing; opening it again reads the statistics again (fresh).
    panel.locator("summary").click()
    chair.wait_for_timeout(300)
    assert len(statistics_reads) == 1
    panel.locator("summary").click()
    expect(panel.get_by_test_id("figures")).to_contain_text("Canada")
    chair.wait_for_timeout(300)
    assert len(statistics_reads) == 2
    expect(panel.locator("svg[aria-label='Speaking time per delegation']")).to_be_visible()
    expect(panel.get_by_test_id("not-spoken")).to_contain_text("Argentina")
    shoot(panel, "record-chair-panel")

    panel.get_by_role("link", name="Minutes (print or PDF)").click()
    expect(chair.get_by_test_id("sitting-minutes")).to_contain_text("Summary record of the first meeting")
    expect(chair.get_by_test_id("summary")).to_contain_text("Spain took its seat at")
    expect(chair.get_by_test_id("speeches")).to_contain_text("to questions")
    shoot(chair, "record-minutes")
    chair.emulate_media(media="print")
    expect(chair.locator(".no-print").first).to_be_hidden()  # the links back to the app do not print
    ARTIFACTS.mkdir(exist_ok=True)
    # The page's own @page rule sets the paper (the committee's: A4) and numbers the pages.
    pdf = chair.pdf(path=str(ARTIFACTS / "record-minutes.pdf"), prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    assert b"/MediaBox [0 0 594.95996 841.91998]" in pdf or b"/MediaBox [0 0 595" in pdf  # A4, in points
