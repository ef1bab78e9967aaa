"""Points on phones (issue 23, 12): when Canada yields to questions, Brazil's small phone (360×640)
offers *Point of information* at once, in view, with a box for the question; Finland raises a point of
order from the *Point* fold at the foot of its page, and the confirmation that it waits for the chair
comes into view instead of sitting above the screen. Screenshot: phone-point-confirmed.png."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import shoot
from tests.browser.test_accessibility import SMALL_PHONE
from tests.browser.test_debate_floor import canada_takes_the_floor, mark_present
from tests.browser.test_live_room import open_room


def test_questions_promote_the_point_of_information_and_a_point_is_confirmed_in_view(room, people):
    chair, canada, finland, projector = open_room(room, people)
    brazil = people(SMALL_PHONE)
    brazil.goto(room.links["delegate Brazil"])
    expect(brazil.locator("body")).to_have_attribute("data-live", "open")
    mark_present(chair, "Canada", "Finland", "Brazil")
    canada_takes_the_floor(chair, canada)
    chair.get_by_role("button", name="to questions").click()

    expect(brazil.get_by_test_id("ask-poi")).to_be_in_viewport()
    brazil.get_by_label("Your question to Canada").fill("How will the teams share evidence?")
    brazil.get_by_test_id("ask-poi").tap()
    expect(brazil.get_by_test_id("my-point")).to_contain_text("Point of information: raised, waiting for the chair.")
    expect(brazil.get_by_test_id("my-point")).to_be_in_viewport(ratio=1)
    expect(chair.get_by_test_id("point").filter(has_text="Brazil")).to_contain_text(
        "How will the teams share evidence?"
    )

    finland = people(SMALL_PHONE)  # Finland's other phone, a small one: the fold is far below its status
    finland.goto(room.links["delegate Finland"])
    expect(finland.locator("body")).to_have_attribute("data-live", "open")
    finland.get_by_text("Point", exact=True).scroll_into_view_if_needed()
    finland.get_by_text("Point", exact=True).tap()
    finland.locator(".point-form button", has_text="Point of order").tap()
    expect(finland.locator("details", has=finland.get_by_text("Point", exact=True))).not_to_have_attribute("open", "")
    expect(finland.get_by_test_id("my-point")).to_contain_text("Point of order: raised, waiting for the chair.")
    expect(finland.get_by_test_id("my-point")).to_be_in_viewport(ratio=1)
    shoot(finland, "phone-point-confirmed")
