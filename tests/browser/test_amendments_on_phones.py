"""Amendments on phones (issue 23, 7): Mexico changes clause 2 of DR 1/1 starting from the clause as it
reads, not an empty box; "Becomes" reads as the clause will (its number, its ending); Canada, a
sponsor, answers "Not friendly"; everyone is told how many signatories it needs to be introduced."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import shoot
from tests.browser.test_resolutions import open_screens, scene


def test_mexico_changes_clause_2_from_its_text_and_canada_finds_it_not_friendly(unstarted_room, people):
    room = unstarted_room
    scene(room, "on_the_floor")
    room.start()
    screens = open_screens(room, people, "Canada", "Mexico")
    canada, mexico = screens["Canada"], screens["Mexico"]

    mexico.get_by_test_id("amend").first.tap()
    form = mexico.get_by_test_id("amend-form")
    form.locator("select[name=action]").select_option("change")
    form.locator("select[name=target]").select_option(label="2. Calls upon")
    expect(form.locator("input[name=phrase]")).to_have_value("Calls upon")
    text = form.locator("textarea[name=text]")
    expect(text).to_have_value("Member States to designate a central authority for mutual legal assistance")
    text.fill("Member States to designate, within six months, a central authority for mutual legal assistance")
    form.get_by_role("button", name="Propose the amendment").tap()

    card = mexico.get_by_test_id("amendment-card").filter(has_text="Mexico")
    expect(card.locator(".after ins")).to_have_text(
        "2. Calls upon Member States to designate, within six months, a central authority for mutual legal assistance;"
    )
    # 23 present: an unfriendly amendment needs 10% of them, 3 signatories with its mover.
    expect(card).to_contain_text("1 of 3 signatories (its mover counted) to introduce it unfriendly")

    on_canada = canada.get_by_test_id("amendment-card").filter(has_text="Mexico")
    expect(on_canada.get_by_test_id("consent-request")).to_be_visible()
    on_canada.get_by_test_id("decline").tap()
    expect(on_canada).to_contain_text("✗ You found it not friendly.")
    expect(card).to_contain_text("Not friendly (a sponsor said so)")
    shoot(mexico, "phone-amendment-not-friendly")
