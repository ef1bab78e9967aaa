"""The secretariat's console in a real browser (issue 26): sam, the secretariat, watches UNODC and the
Security Council on one screen (1920×1080) while each runs a vote. UNODC's chair puts Canada's
moderated caucus to the vote and Canada votes on her phone; the Council's president opens the vote on
S/DR 1 and Denmark votes; each card follows its own committee within a moment, and never the other's;
when each vote closes its card says how it went. axe-core finds no serious violation. Screenshot:
console-two-votes.png."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, PROJECTOR, shoot
from tests.browser.test_accessibility import problems
from tests.browser.test_debate_floor import raise_motion_on
from tests.browser.test_marking import sign_in_link
from tests.browser.test_resolutions import scene


def test_the_console_follows_two_committees_while_each_votes(unstarted_room, people):
    room = unstarted_room
    scene(room, "voting_house")
    scene(room, "council_in_voting_procedure")
    council_links = room.read_links("sc")
    links = room.read_links("unodc")
    room.start()

    console = people(PROJECTOR)
    console.goto(sign_in_link(room, "secretariat", "/console/"))
    expect(console.locator("body")).to_have_attribute("data-live", "open")
    unodc, council = console.get_by_test_id("card-unodc"), console.get_by_test_id("card-sc")
    expect(unodc).to_contain_text("Session I · Formal debate")
    expect(council).to_contain_text("Voting procedure")
    expect(console.get_by_test_id("screens-unodc")).to_contain_text("0 phones · 0 chair")

    chair, canada = people(LAPTOP), people(PHONE)
    chair.goto(links["chair"])
    canada.goto(links["delegate Canada"])
    president, denmark = people(LAPTOP), people(PHONE)
    president.goto(council_links["chair"])
    denmark.goto(council_links["delegate Denmark"])
    for page in (chair, canada, president, denmark):
        expect(page.locator("body")).to_have_attribute("data-live", "open")
    expect(console.get_by_test_id("screens-unodc")).to_contain_text("1 phone · 1 chair")  # at the next heartbeat
    expect(console.get_by_test_id("screens-sc")).to_contain_text("1 phone · 1 chair")

    form = raise_motion_on(
        canada, "moderated_caucus", topic="Joint investigation teams", total="10:00", speaking_time="60"
    )
    form.get_by_role("button", name="Raise the motion").tap()
    expect(unodc).to_contain_text("1 motion on the floor")
    chair.keyboard.press("o")  # UNODC's vote, on phones
    expect(unodc.get_by_test_id("card-vote")).to_contain_text("Canada: moderated caucus")
    canada.get_by_role("button", name="YES").tap()
    expect(unodc.get_by_test_id("card-vote")).to_contain_text("1 for, 0 against, 0 abstaining · 1 of")

    president.get_by_test_id("vote-next-phones").click()  # the Council's vote on S/DR 1
    expect(council.get_by_test_id("card-vote")).to_contain_text("S/DR 1")
    denmark.get_by_role("button", name="YES").tap()
    expect(council.get_by_test_id("card-vote")).to_contain_text("1 for, 0 against, 0 abstaining · 1 of 15 cast")
    expect(unodc.get_by_test_id("card-vote")).to_contain_text("1 for, 0 against")  # each card its own committee
    expect(console.get_by_test_id("screens-sc")).to_contain_text("1 phone · 1 chair")
    shoot(console, "console-two-votes")
    assert problems(console, "console, two votes open") == []

    for page in (chair, president):  # "Only 1 of 22 have voted. Close the vote and count anyway?": yes
        page.on("dialog", lambda dialog: dialog.accept())
    chair.get_by_test_id("close-vote").click()
    expect(unodc.get_by_test_id("card-vote")).to_have_count(0)
    expect(unodc).to_contain_text("failed")
    expect(council.get_by_test_id("card-vote")).to_contain_text("S/DR 1")  # the Council still votes
    president.get_by_test_id("close-vote").click()
    expect(council.get_by_test_id("card-vote")).to_have_count(0)
    expect(council).to_contain_text("Last vote")
