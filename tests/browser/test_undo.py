"""The chair's undo in real browsers (issue 23): the demo's chair takes back a mistaken A (Canada's
phone follows), a vote closed too soon (it opens again with Canada's ballot, and Finland still votes
on its phone) and a motion granted by mistake (the paper is no longer DR 1/1; the motion is back on
the projector's floor for the chair to decide). Each correction is in the journal, and the minutes
show it. Screenshot: chair-undo.png."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, PROJECTOR, shoot
from tests.browser.test_debate_floor import mark_present, raise_motion_on
from tests.browser.test_live_room import open_room
from tests.browser.test_resolutions import scene


def undo(chair, words: str) -> None:
    """the chair presses ↶ Undo; the browser asks whether to undo these words; it says yes."""
    asked = []
    chair.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    chair.get_by_test_id("undo").click()
    expect(chair.get_by_test_id("undo")).to_have_count(0)  # a correction is not undone
    assert asked == [f"Undo: {words}"]


def test_the_chair_takes_back_a_mistaken_a_and_a_vote_closed_too_soon(room, people):
    chair, canada, finland, projector = open_room(room, people)
    mark_present(chair, "Canada", "Finland")
    row = chair.locator('li[data-name="canada"]')
    row.get_by_role("button", name="A: absent").click()
    expect(canada.get_by_test_id("my-status")).to_have_text("Not marked present")
    shoot(chair, "chair-undo")
    undo(chair, "Chair (Lena Fischer) marked Canada absent.")
    expect(row).to_have_attribute("data-status", "present")
    expect(canada.get_by_test_id("my-status")).to_have_text("Present")

    raise_motion_on(finland, "unmoderated_caucus", duration="5:00", topic="Drafting").get_by_role(
        "button", name="Raise the motion"
    ).tap()
    chair.get_by_test_id("open-vote").click()
    canada.get_by_role("button", name="YES").tap()
    expect(chair.get_by_test_id("vote-count")).to_contain_text("1 of 13 have voted")
    chair.once("dialog", lambda dialog: dialog.accept())  # "Only 1 of 13 have voted. Close … anyway?"
    chair.get_by_test_id("close-vote").click()
    expect(projector.get_by_test_id("projector-result")).to_contain_text("Failed")
    undo(chair, "The vote on Finland: unmoderated caucus “Drafting”, 5:00: failed, 1 to 0 (7 needed).")
    expect(chair.get_by_test_id("vote-count")).to_contain_text("1 of 13 have voted")
    expect(canada.get_by_test_id("my-ballot")).to_have_text("You voted yes.")
    finland.get_by_role("button", name="YES").tap()
    expect(chair.get_by_test_id("vote-count")).to_contain_text("2 of 13 have voted")

    minutes = chair.context.new_page()
    minutes.goto(room.links["chair"].split("/signin/")[0] + "/c/unodc/minutes/")
    expect(minutes.locator("body")).to_contain_text(
        "undid the last action (a correction): Chair (Lena Fischer) marked Canada absent."
    )


def test_the_chair_takes_back_a_motion_granted_by_mistake(unstarted_room, people):
    room = unstarted_room
    scene(room, "signed")
    room.manage(
        "shell",
        "-c",
        "from tests.browser.scenes import _room; from tests.conftest import actor_for; "
        "from debate.actions import raise_motion; c, _ = _room(); "
        "raise_motion(c, actor_for(c, 'Canada'), 'introduce_draft', {'paper': c.papers.get().pk})",
    )
    room.start()
    chair, canada, projector = people(LAPTOP), people(PHONE), people(PROJECTOR)
    chair.goto(room.links["chair"])
    canada.goto(room.links["delegate Canada"])
    projector.goto(room.links["projector"])
    for page in (chair, canada, projector):
        expect(page.locator("body")).to_have_attribute("data-live", "open")

    chair.get_by_test_id("grant").click()
    expect(projector.get_by_test_id("projector-outcome")).to_contain_text("Granted")
    expect(chair.get_by_test_id("paper").first).to_contain_text("DR 1/1")
    undo(
        chair,
        "Chair (Lena Fischer) granted the motion of Canada to introduce “Strengthening joint investigation teams "
        "against transnational organized crime” as a draft resolution.",
    )
    expect(projector.get_by_test_id("projector-outcome")).to_have_count(0)
    expect(projector.get_by_test_id("projector-motions")).to_contain_text("Canada")  # on the floor again
    expect(chair.get_by_test_id("paper").first).not_to_contain_text("DR 1/1")
    chair.get_by_test_id("grant").click()  # the motion is back for the chair to decide
    expect(chair.get_by_test_id("paper").first).to_contain_text("DR 1/1")
