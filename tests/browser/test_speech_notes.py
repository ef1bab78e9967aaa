"""alice notes what Canada says, on her laptop, while Canada speaks; the timer ticking does not wipe
what she types; once kept, the note is in the minutes as "The representative of Canada said that …".
Screenshot: speech-note.png (the chair's laptop, 1366×768)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import shoot
from tests.browser.test_debate_floor import canada_takes_the_floor, mark_present
from tests.browser.test_live_room import open_room


def test_alice_notes_canadas_statement_and_the_minutes_say_it(room, people):
    chair, canada, finland, projector = open_room(room, people)
    mark_present(chair, "Canada", "Finland")
    canada_takes_the_floor(chair, canada)
    chair.get_by_test_id("toggle-timer").click()  # the clock runs: the "now" panel re-renders each change
    note = chair.get_by_test_id("speech-note")
    expect(chair.get_by_text("For the record, Canada said that…")).to_be_visible()
    note.fill("its Government supported joint investigation teams")
    chair.get_by_test_id("toggle-timer").click()  # paused while she types: her words stay
    expect(note).to_have_value("its Government supported joint investigation teams")
    shoot(chair, "speech-note")
    note.press("Enter")
    expect(chair.get_by_role("button", name="Change the note")).to_be_visible()

    chair.goto(room.base + "/c/unodc/minutes/")
    expect(chair.get_by_test_id("summary")).to_contain_text(
        "The representative of Canada said that its Government supported joint investigation teams"
    )
