"""The Content-Security-Policy in a real browser: every screen works under it (live, buttons, bars
drawn to their share) and Chromium reports no violation, on the chair's laptop, a phone, the projector,
a document and the minutes."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.test_debate_floor import canada_takes_the_floor, mark_present
from tests.browser.test_live_room import open_room

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || ""));
});
"""


def violations(page) -> list[str]:
    return page.evaluate("window.__violations")


def test_every_screen_works_under_the_policy_and_breaks_none_of_it(room, people):
    chair, canada, finland, projector = open_room(room, people)
    for page in (chair, canada, finland, projector):
        page.add_init_script(WATCH)
        page.reload()
        expect(page.locator("body")).to_have_attribute("data-live", "open")
    mark_present(chair, "Canada", "Finland")
    canada_takes_the_floor(chair, canada)
    document = people({"viewport": {"width": 390, "height": 844}})
    document.add_init_script(WATCH)
    document.goto(room.links["delegate Finland"])
    document.get_by_role("link", name="Background guide: Introduction").first.click()
    expect(document.locator("main")).to_contain_text("Introduction")
    minutes = people({"viewport": {"width": 1366, "height": 768}})
    minutes.add_init_script(WATCH)
    minutes.goto(room.read_links()["chair"])  # a sign-in link signs in once: a new one
    minutes.goto(room.base + "/c/unodc/minutes/")
    expect(minutes.locator("body")).to_contain_text("Session I")
    for page in (chair, canada, finland, projector, document, minutes):
        assert violations(page) == [], (page.url, violations(page))
