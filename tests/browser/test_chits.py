"""Chits in real browsers (issue 26): Canada's phone writes to Brazil; the chair holds the note, then
forwards it, and Brazil's phone shows it with its sign; Finland asks the Board and the chair answers;
the chair pauses chits and every phone says so; in voting procedure no phone can send one. The
projector never shows a chit. Screenshots: chits-chair-queue.png, chits-phone-received.png."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, shoot
from tests.browser.test_debate_floor import mark_present
from tests.browser.test_live_room import open_room
from tests.browser.test_resolutions import scene

NOTE = "Would Brazil co-sponsor a paper on joint investigation teams?"


def write_chit(phone, to: list[str], text: str) -> None:
    phone.get_by_text("Write a chit").tap()
    form = phone.locator(".chit-form")
    for name in to:
        form.get_by_label(name, exact=True).check()
    form.get_by_label("Your note").fill(text)
    form.get_by_role("button", name="Send through the Board").tap()


def test_a_chit_goes_from_canada_through_the_board_to_brazil(room, people):
    chair, canada, finland, projector = open_room(room, people)
    brazil = people(PHONE)
    brazil.goto(room.links["delegate Brazil"])
    expect(brazil.locator("body")).to_have_attribute("data-live", "open")
    mark_present(chair, "Canada", "Finland", "Brazil")

    write_chit(canada, ["Brazil"], NOTE)
    expect(canada.get_by_test_id("chit-out")).to_contain_text(f"To Brazil: “{NOTE}” — with the board")
    expect(canada.get_by_test_id("chit-out")).to_be_in_viewport()
    queue = chair.locator("#chit-queue")
    expect(queue.get_by_test_id("chits-waiting")).to_have_text("1 waiting")
    chit = queue.get_by_test_id("chit").filter(has_text=NOTE)
    expect(chit).to_contain_text("Canada → Brazil")
    expect(brazil.get_by_test_id("chit-in")).to_have_count(0)  # not before the Board passes it on

    chit.get_by_role("button", name="Hold").click()
    expect(canada.get_by_test_id("chit-out")).to_contain_text("— held by the board")
    expect(chit).to_contain_text("held")
    shoot(chair.locator("#chit-queue"), "chits-chair-queue")
    chit.get_by_role("button", name="Forward").click()
    expect(brazil.get_by_test_id("chit-sign")).to_have_text("✉ 1 chit for you")
    expect(brazil.get_by_test_id("chit-in")).to_have_text(f"From Canada: {NOTE}")
    expect(canada.get_by_test_id("chit-out")).to_contain_text("— forwarded")
    expect(finland.get_by_test_id("chit-in")).to_have_count(0)
    shoot(brazil, "chits-phone-received")

    write_chit(finland, ["The Executive Board"], "May we caucus on financing?")
    asked = queue.get_by_test_id("chit").filter(has_text="May we caucus on financing?")
    asked.get_by_label("The Board's answer to Finland").fill("Move it after this speech.")
    asked.get_by_role("button", name="Answer").click()
    expect(finland.get_by_test_id("chit-out")).to_contain_text("answered by the board: Move it after this speech.")

    chair.get_by_test_id("chits-pause").click()
    expect(queue.get_by_test_id("chits-state")).to_contain_text("Chits are paused")
    canada.get_by_text("Write a chit").tap()
    expect(canada.get_by_test_id("chits-closed")).to_have_text("The chair has paused chits.")
    expect(projector.locator("body")).not_to_contain_text(NOTE)
    expect(projector.locator("body")).not_to_contain_text("caucus on financing")


def test_no_chit_is_passed_in_voting_procedure(unstarted_room, people):
    room = unstarted_room
    scene(room, "on_the_floor")
    room.manage(
        "shell",
        "-c",
        "from tests.browser.scenes import _room; from tests.papers import carry_motion; c, chair = _room(); "
        "carry_motion(c, chair, 'Mexico', 'close_debate')",
    )
    room.start()
    canada = people(PHONE)
    canada.goto(room.links["delegate Canada"])
    expect(canada.locator("body")).to_have_attribute("data-live", "open")
    canada.get_by_text("Write a chit").tap()
    expect(canada.get_by_test_id("chits-closed")).to_have_text("Chits are not passed in voting procedure.")


def test_canadas_note_is_kept_while_the_chair_marks_the_roll(room, people):
    """Canada writes while the chair marks a late arrival: her note and her ticks stay as they are (the
    form is not swapped under her); opened again, it offers the delegation just marked."""
    chair, canada, finland, projector = open_room(room, people)
    mark_present(chair, "Canada", "Brazil")
    canada.get_by_text("Write a chit").tap()
    form = canada.locator(".chit-form")
    form.get_by_label("Brazil", exact=True).check()
    form.get_by_label("Your note").fill(NOTE)
    expect(form.get_by_label("Norway", exact=True)).to_have_count(0)
    present = canada.get_by_test_id("present").inner_text()

    chair.locator('li[data-name="norway"] button[value="present"]').click()
    expect(canada.get_by_test_id("present")).to_have_text(str(int(present) + 1))
    expect(form.get_by_label("Your note")).to_have_value(NOTE)
    expect(form.get_by_label("Brazil", exact=True)).to_be_checked()
    shoot(canada, "chits-phone-writing")

    canada.get_by_text("Write a chit").tap()
    canada.get_by_text("Write a chit").tap()
    expect(form.get_by_label("Norway", exact=True)).to_be_visible()
    form.get_by_role("button", name="Send through the Board").tap()
    expect(canada.get_by_test_id("chit-out")).to_contain_text(f"To Brazil: “{NOTE}” — with the board")
