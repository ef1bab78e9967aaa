"""A delegate away from the floor page is still a live phone (issue 23, 3): Finland edits its working
paper on its phone (390×844) while the chair calls Finland to speak and opens a vote; the editor shows
the live header, "You have the floor" and the vote card, and Finland votes from there. No region the
socket sends is reported missing; the paper page and a document do the same."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import shoot
from tests.browser.test_resolutions import open_screens, scene


def console_errors(page) -> list[str]:
    found: list[str] = []
    page.on("console", lambda message: found.append(message.text) if message.type == "error" else None)
    return found


def test_finland_editing_its_paper_is_called_sees_the_vote_and_votes(unstarted_room, people):
    room = unstarted_room
    scene(room, "drafting")
    room.start()
    screens = open_screens(room, people, "Canada", "Finland")
    chair, canada, finland = (screens[n] for n in ("chair", "Canada", "Finland"))
    errors = console_errors(finland)
    finland.get_by_test_id("edit-paper").tap()
    expect(finland.get_by_test_id("add-clause")).to_be_visible()
    expect(finland.locator("body")).to_have_attribute("data-live", "open")
    expect(finland.get_by_test_id("away").get_by_test_id("counts")).to_contain_text("Present 23")

    chair.get_by_test_id("add-speaker").select_option(label="Finland")
    chair.get_by_role("button", name="Add", exact=True).click()
    expect(chair.get_by_test_id("speaker-list")).to_contain_text("Finland")
    chair.keyboard.press("n")
    expect(finland.get_by_test_id("my-turn")).to_have_text("You have the floor.")

    canada.get_by_text("Raise a motion").tap()
    form = canada.locator(".phone-actions [data-field-form]")
    form.locator("select[name=kind]").select_option("unmoderated_caucus")
    form.locator("input[name=duration]").fill("5:00")
    form.locator("input[name=topic]").fill("Drafting")
    form.get_by_role("button", name="Raise the motion").tap()
    expect(chair.get_by_test_id("motion")).to_contain_text("unmoderated caucus")
    chair.keyboard.press("o")
    vote = finland.get_by_test_id("vote-open")
    expect(vote).to_contain_text("Vote open")
    finland.wait_for_timeout(300)
    shoot(finland, "phone-editor-vote-open")
    vote.get_by_role("button", name="YES").tap()
    expect(finland.get_by_test_id("my-ballot")).to_have_text("You voted yes.")
    expect(chair.get_by_test_id("vote-box")).to_contain_text("1 of 22 have voted (1 on their phones)")
    expect(finland.get_by_test_id("add-clause")).to_be_visible()  # still the editor: nothing reloaded
    assert not [e for e in errors if "oob" in e.lower() or "htmx" in e.lower()], errors

    # The paper as the UN prints it, and a document: the same live strip.
    finland.get_by_role("link", name="Read it (UN style)").tap()
    expect(finland.get_by_test_id("symbol")).to_be_visible()
    expect(finland.get_by_test_id("my-ballot")).to_have_text("You voted yes.")
    expect(finland.locator("body")).to_have_attribute("data-live", "open")
