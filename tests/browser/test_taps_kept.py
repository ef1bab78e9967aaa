"""Taps kept through a Wi-Fi drop (issue 27): Canada's phone loses the network
(`context.set_offline(True)`), taps *Ask to speak*, and the phone says it is waiting to send; the
network comes back and the chair sees Canada's request once. In a vote, Canada's YES is kept the same
way and counted once when she is back; Finland's YES, kept while the chair closes the vote, is refused
in words on Finland's phone and never counted. Screenshot: phone-taps-kept.png."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import shoot
from tests.browser.test_debate_floor import mark_present, raise_motion_on
from tests.browser.test_live_room import open_room


def offline(phone) -> None:
    phone.context.set_offline(True)
    expect(phone.locator("body")).to_have_attribute("data-live", "closed")


def back(phone) -> None:
    phone.context.set_offline(False)
    expect(phone.locator("body")).to_have_attribute("data-live", "open", timeout=15000)


def test_taps_made_offline_are_sent_once_when_the_phone_is_back(room, people):
    chair, canada, finland, _ = open_room(room, people)
    mark_present(chair, "Canada", "Finland", "Brazil")

    offline(canada)
    canada.get_by_test_id("ask-to-speak").tap()
    expect(canada.get_by_test_id("kept")).to_have_text("Waiting to send: Ask to speak")
    shoot(canada, "phone-taps-kept")
    expect(chair.get_by_test_id("requests")).not_to_contain_text("Canada")
    back(canada)
    expect(chair.get_by_test_id("requests")).to_contain_text("Canada")
    expect(canada.get_by_test_id("kept")).to_be_hidden()
    assert chair.get_by_test_id("requests").inner_text().count("Canada") == 1

    form = raise_motion_on(finland, "unmoderated_caucus", topic="Drafting", duration="5")
    form.get_by_role("button", name="Raise the motion").tap()
    expect(chair.get_by_test_id("motion")).to_contain_text("unmoderated caucus")
    chair.keyboard.press("o")  # the vote, on phones
    box = chair.get_by_test_id("vote-box")
    expect(box).to_contain_text("0 of 13 have voted")
    expect(canada.get_by_test_id("vote-open")).to_be_visible()
    offline(canada)
    canada.get_by_role("button", name="YES").tap()
    expect(canada.get_by_test_id("kept")).to_have_text("Waiting to send: YES")
    back(canada)
    expect(box).to_contain_text("1 of 13 have voted (1 on their phones): 1 yes")
    expect(canada.get_by_test_id("my-ballot")).to_have_text("You voted yes.")

    offline(finland)
    finland.get_by_role("button", name="YES").tap()
    expect(finland.get_by_test_id("kept")).to_have_text("Waiting to send: YES")
    chair.on("dialog", lambda dialog: dialog.accept())  # "Only 1 of 13 have voted. Close anyway?"
    chair.get_by_test_id("close-vote").click()
    expect(chair.get_by_test_id("last-outcome")).to_contain_text("failed")
    back(finland)
    expect(finland.locator("#flash")).to_contain_text(
        "That vote closed before your ballot arrived: it was not counted."
    )
    expect(finland.get_by_test_id("kept")).to_be_hidden()
