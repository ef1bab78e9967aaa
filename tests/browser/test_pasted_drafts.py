"""Canada pastes a draft written elsewhere on its phone's editor (issue 23, 6): it sees how the text
reads (clauses, sub-clauses, warnings only where they apply, what was left out), adds it, and the
editor shows every clause."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import shoot
from tests.browser.test_resolutions import open_screens, scene
from tests.test_pasted_drafts import DRAFT


def test_canada_pastes_a_whole_draft_on_its_phone(unstarted_room, people):
    room = unstarted_room
    scene(room, "drafting")
    room.start()
    canada = open_screens(room, people, "Canada")["Canada"]
    canada.get_by_test_id("edit-paper").tap()
    clauses = canada.get_by_test_id("edit-clause")
    expect(clauses).to_have_count(5)  # the paper's 2 preambulatory and 3 operative clauses
    canada.get_by_test_id("paste-draft").locator("summary").tap()
    canada.get_by_test_id("paste-draft").locator("textarea[name=text]").fill(DRAFT)
    canada.get_by_role("button", name="Read it").tap()

    preview = canada.get_by_test_id("paste-preview")
    expect(preview.locator("ol.operative > li")).to_have_count(3)
    expect(preview.locator("ol.sub.depth-2 > li")).to_have_count(2)
    expect(canada.get_by_test_id("phrase-warning")).to_have_count(1)  # "Wants", not the sub-clauses
    expect(canada.get_by_test_id("paste-left-out")).to_contain_text("The Commission on Crime Prevention")
    shoot(canada, "phone-paste-preview")
    canada.get_by_test_id("paste-add").tap()
    expect(clauses).to_have_count(15)
    expect(clauses.last).to_contain_text("Wants States to act quickly.")
