"""The small things a room notices (issue 23, 11 and 12), in real browsers: the projector lists the
motions on the floor in voting order and drops the last decision once the next speaker has the floor;
alice entering Brazil's ballot is told it is in (not that she voted); the page has its icon."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.test_debate_floor import canada_takes_the_floor, mark_present, raise_motion_on
from tests.browser.test_live_room import open_room


def test_the_projector_lists_the_motions_and_the_chair_reads_the_right_words(room, people):
    chair, canada, finland, projector = open_room(room, people)
    mark_present(chair, "Canada", "Finland", "Brazil")
    icon = projector.locator("link[rel=icon]")
    expect(icon).to_have_attribute("href", re.compile(r"^data:image/svg\+xml,"))  # in the page: no request

    raise_motion_on(finland, "set_speaking_time", speaking_time="60").get_by_role(
        "button", name="Raise the motion"
    ).tap()
    # Canada sees Finland's motion come in before she raises hers (the line it adds moves her buttons).
    expect(canada.locator("#phone-motions")).to_contain_text("Finland")
    raise_motion_on(canada, "unmoderated_caucus", duration="5:00", topic="Drafting").get_by_role(
        "button", name="Raise the motion"
    ).tap()
    motions = projector.get_by_test_id("projector-motions")
    expect(motions.locator("li")).to_have_count(2)
    expect(motions.locator("li").first).to_contain_text("Canada")  # the caucus is voted first
    expect(motions.locator("li").last).to_contain_text("Finland")

    chair.keyboard.press("o")
    box = chair.get_by_test_id("vote-box")
    box.locator("select[name=delegation]").select_option(label="Brazil")
    box.get_by_role("button", name="No", exact=True).click()
    expect(chair.locator(".flash, [role=status]").first).to_contain_text("The delegation's ballot is in.")
    expect(chair.get_by_text("Your vote is in.")).to_have_count(0)
    chair.once("dialog", lambda dialog: dialog.accept())  # "Only 1 of 14 have voted. Close … anyway?"
    chair.get_by_test_id("close-vote").click()
    expect(projector.get_by_test_id("projector-outcome")).to_contain_text("Last motion", timeout=20000)
    canada_takes_the_floor(chair, canada)
    expect(projector.get_by_test_id("projector-speaker")).to_have_text("Canada")
    expect(projector.get_by_test_id("projector-outcome")).to_have_count(0)
