"""A live committee room in real browsers: alice chairs on a laptop, Canada and Finland follow on
their phones, the projector shows the floor. Nobody reloads a page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, PROJECTOR, chair_opens_a_sitting, shoot

# The live room's own tests run on the embedded setup and again on PostgreSQL + Redis.
pytestmark = pytest.mark.both_setups


def open_room(room, people):
    chair = chair_opens_a_sitting(people, room.links["chair"])

    canada = people(PHONE)
    canada.goto(room.links["delegate Canada"])
    finland = people(PHONE)
    finland.goto(room.links["delegate Finland"])
    projector = people(PROJECTOR)
    projector.goto(room.links["projector"])
    for page in (chair, canada, finland, projector):
        expect(page.locator(".dot").first).to_be_visible()
        expect(page.locator("body")).to_have_attribute("data-live", "open")
        page.evaluate("window.loadedOnce = true")  # gone if the page ever reloads
    return chair, canada, finland, projector


def live_on(page) -> None:
    """The page still is the one first loaded (no reload) and its socket is connected."""
    assert page.evaluate("window.loadedOnce === true")
    expect(page.locator("body")).to_have_attribute("data-live", "open")


def test_alice_marks_canada_present_and_the_room_sees_it(room, people):
    chair, canada, finland, projector = open_room(room, people)
    expect(canada.get_by_test_id("my-status")).to_have_text("Not marked present")

    # Keyboard only: find Canada, mark present and voting.
    chair.keyboard.press("/")
    chair.keyboard.type("cana")
    expect(chair.locator('li[data-name="finland"]')).to_be_hidden()
    expect(chair.locator("li[data-row]:visible")).to_have_count(1)
    chair.keyboard.press("Enter")
    chair.keyboard.press("v")

    expect(canada.get_by_test_id("my-status")).to_have_text("Present and voting")
    expect(finland.get_by_test_id("present")).to_have_text("1")
    expect(finland.get_by_test_id("my-status")).to_have_text("Not marked present")
    expect(projector.locator('li[data-name="Canada"]')).to_have_attribute("data-status", "present_voting")
    expect(projector.get_by_test_id("present")).to_have_text("1")
    expect(projector.locator('li[data-name="Canada"]')).to_be_visible()
    expect(chair.locator('li[data-name="canada"]')).to_have_attribute("data-status", "present_voting")

    # And with the mouse: Finland present (Escape in the search field shows every row again).
    chair.locator("#rollcall-filter").press("Escape")
    chair.locator('li[data-name="finland"] button[value="present"]').click()
    expect(finland.get_by_test_id("my-status")).to_have_text("Present")
    expect(projector.get_by_test_id("present")).to_have_text("2")
    expect(canada.get_by_test_id("present")).to_have_text("2")

    for page in (chair, canada, finland, projector):
        live_on(page)
    shoot(chair, "chair-rollcall")
    shoot(canada, "phone-canada")
    shoot(projector, "projector-rollcall")


def test_after_a_server_crash_every_screen_reconnects_and_shows_the_current_state(room, people):
    chair, canada, finland, projector = open_room(room, people)
    chair.locator('li[data-name="canada"] button[value="present"]').click()
    expect(projector.get_by_test_id("present")).to_have_text("1")

    room.kill()
    for page in (chair, canada, finland, projector):
        expect(page.locator("#conn-banner")).to_be_visible()
        expect(page.locator("#conn-banner")).to_contain_text("Reconnecting")
    shoot(canada, "phone-reconnecting")
    # While the screens are cut off, the floor changes (Finland arrives, marked from the laptop's shell).
    room.manage(
        "shell",
        "-c",
        (
            "from committee import actions; from committee.access import board_actor; "
            "from committee.models import Committee; from django.contrib.auth.models import User; "
            "c = Committee.objects.get(slug='unodc'); "
            "actions.mark_attendance(c, board_actor(User.objects.get(username='chair'), c), "
            "c.delegations.get(name='Finland').pk, 'present')"
        ),
    )
    room.start()

    for page in (chair, canada, finland, projector):
        expect(page.locator("#conn-banner")).to_be_hidden(timeout=20000)
    expect(finland.get_by_test_id("my-status")).to_have_text("Present")
    expect(canada.get_by_test_id("present")).to_have_text("2")
    expect(projector.locator('li[data-name="Finland"]')).to_have_attribute("data-status", "present")
    expect(chair.locator('li[data-name="finland"]')).to_have_attribute("data-status", "present")
    for page in (chair, canada, finland, projector):
        live_on(page)

    # The chair's buttons work again after the restart.
    chair.locator('li[data-name="brazil"] button[value="present"]').click()
    expect(projector.get_by_test_id("present")).to_have_text("3")


def test_a_delegates_phone_offers_no_chair_action_and_the_server_refuses_one(room, people):
    chair, canada, finland, projector = open_room(room, people)
    for label in ("Open a sitting", "Close roll call", "Replace link", "P", "PV", "A"):
        expect(canada.get_by_role("button", name=label, exact=True)).to_have_count(0)
    expect(canada.locator('form[action*="rollcall.mark"]')).to_have_count(0)

    finland_id = chair.locator('li[data-name="finland"] input[name="delegation"]').get_attribute("value")
    # By hand over HTTP, with the phone's own session and CSRF token.
    answer = canada.evaluate(
        """async (id) => {
        const token = JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRFToken'];
        const body = new FormData(); body.append('delegation', id); body.append('status', 'present');
        const r = await fetch('/c/unodc/do/rollcall.mark/', {method: 'POST', body,
                              headers: {'X-CSRFToken': token, 'HX-Request': 'true'}});
        return [r.status, await r.text()];
    }""",
        finland_id,
    )
    assert answer[0] == 409
    assert "only the Executive Board can" in answer[1]
    # By hand over the phone's WebSocket.
    reply = canada.evaluate(
        """(id) => new Promise((resolve) => {
        const ws = new WebSocket(`ws://${location.host}/ws/c/unodc/delegate/`);
        ws.onmessage = (m) => { if (m.data.includes('flash-error')) { resolve(m.data); ws.close(); } };
        const forged = {command: 'rollcall.mark', delegation: id, status: 'present'};
        ws.onopen = () => ws.send(JSON.stringify(forged));
    })""",
        finland_id,
    )
    assert "only the Executive Board can" in reply

    expect(chair.locator('li[data-name="finland"]')).to_have_attribute("data-status", "absent")
    expect(projector.get_by_test_id("present")).to_have_text("0")


def test_the_phone_fits_one_thumb_and_tells_the_chair_it_arrived(room, people):
    chair, canada, finland, projector = open_room(room, people)
    assert canada.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    button = canada.get_by_role("button", name="We have arrived — tell the chair")
    assert button.bounding_box()["height"] >= 44
    button.tap()
    expect(chair.get_by_test_id("arrivals")).to_contain_text("Canada")
    expect(canada.locator("#you")).to_contain_text("The chair knows you are here")
    chair.locator('li[data-name="canada"] button[value="present"]').click()
    expect(canada.get_by_test_id("my-status")).to_have_text("Present")
    expect(chair.get_by_test_id("arrivals")).to_have_count(0)


def test_a_lost_phone_is_signed_out_when_the_chair_replaces_its_link(room, people):
    chair, canada, finland, projector = open_room(room, people)
    chair.get_by_text("Delegates' join codes (QR)").click()
    card = chair.locator('figure[data-delegation="Canada"]')
    expect(card.locator("img")).to_be_visible()
    chair.once("dialog", lambda dialog: dialog.accept())
    card.get_by_role("button", name="Replace link").click()
    expect(canada.locator("#overlay")).to_contain_text("This phone was signed out")
    expect(canada.locator("#conn-banner")).to_contain_text("Disconnected")
    canada.reload()
    expect(canada.locator(".refusal")).to_contain_text("join link was replaced")
    new_link = chair.locator('figure[data-delegation="Canada"] .join-link').inner_text()
    assert new_link not in room.links["delegate Canada"]
