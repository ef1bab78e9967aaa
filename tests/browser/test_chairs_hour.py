"""A chair's hour without surprises, in real browsers at the sizes of the room: alice's laptop
(1366×768), Canada's, Finland's and Japan's phones (390×844), the projector (1920×1080)."""

from __future__ import annotations

import os
import signal
import time

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, PROJECTOR, chair_opens_a_sitting, shoot
from tests.browser.test_debate_floor import mark_present, raise_motion_on

LONGEST = "Global Initiative against Transnational Organized Crime"  # the longest name in the demo


def contrast(page, selector: str) -> float:
    """WCAG contrast of an element's text against its own (or the page's) background."""
    return page.evaluate(
        """(selector) => {
            const el = document.querySelector(selector);
            const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
            const lum = ([r, g, b]) => [r, g, b].map((c) => {
                c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
            }).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
            let node = el, bg = "rgba(0, 0, 0, 0)";
            while (node && (bg === "rgba(0, 0, 0, 0)" || bg === "transparent")) {
                bg = getComputedStyle(node).backgroundColor; node = node.parentElement;
            }
            const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(rgb(bg))];
            return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }""",
        selector,
    )


def test_the_join_codes_show_their_images(room, people):
    chair = chair_opens_a_sitting(people, room.links["chair"])
    chair.get_by_text("Delegates' join codes (QR)").click()
    image = chair.locator("#access img").first
    expect(image).to_be_visible()
    image.scroll_into_view_if_needed()
    chair.wait_for_function("() => document.querySelector('#access img').complete")
    assert chair.evaluate("document.querySelector('#access img').naturalWidth") > 0  # an image, not alt text


def test_one_keyboard_model_on_the_chairs_screen(room, people):
    chair = chair_opens_a_sitting(people, room.links["chair"])
    finland = people(PHONE)
    finland.goto(room.links["delegate Finland"])
    mark_present(chair, "Canada", "Finland")
    mode = chair.locator("#key-mode")
    expect(mode).to_contain_text("Keys: floor")
    finland.get_by_test_id("ask-to-speak").tap()
    expect(chair.get_by_test_id("requests")).to_contain_text("Finland")

    # After a click in the roll call, A is not "absent" for that row: it is no floor key, and R
    # (not A) accepts the request.
    canada_row = chair.locator('li[data-name="canada"]')
    canada_row.locator('button[value="present_voting"]').click()
    expect(canada_row).to_have_attribute("data-status", "present_voting")
    chair.keyboard.press("a")
    chair.keyboard.press("r")
    expect(chair.get_by_test_id("speaker-list")).to_contain_text("Finland")
    expect(canada_row).to_have_attribute("data-status", "present_voting")

    # Roll call letters act on the visibly selected row only, and the mode says so.
    chair.keyboard.press("/")
    chair.keyboard.type("jap")
    chair.keyboard.press("Enter")
    expect(mode).to_contain_text("Keys: roll call — Japan")
    expect(chair.locator('li[data-name="japan"]')).to_have_class("rc-row is-unanswered selected")
    chair.keyboard.press("v")
    expect(chair.locator('li[data-name="japan"]')).to_have_attribute("data-status", "present_voting")

    # Esc in the Find box returns to the floor keys: N is not typed into the box, it calls Finland.
    chair.keyboard.press("/")
    chair.keyboard.type("fin")
    chair.keyboard.press("Escape")
    expect(mode).to_contain_text("Keys: floor")
    chair.keyboard.press("n")
    expect(chair.get_by_test_id("chair-speaker")).to_contain_text("Finland")
    assert chair.locator("#rollcall-filter").input_value() == ""

    # Ticking the sound box leaves the floor keys working, and Space does not untick it.
    sound = chair.locator("#sound-toggle")
    sound.check()
    chair.keyboard.press(" ")
    expect(chair.get_by_test_id("toggle-timer")).to_contain_text("Pause")
    expect(sound).to_be_checked()

    # Ending a speech with time left takes a second N (the button says so).
    chair.keyboard.press("n")
    expect(chair.get_by_test_id("next-speaker")).to_contain_text("End Finland's speech? Press N again")
    expect(chair.get_by_test_id("chair-speaker")).to_contain_text("Finland")
    chair.keyboard.press("n")
    expect(chair.locator("#now")).to_contain_text("Nobody has the floor")
    shoot(chair, "chair-1366-keys")


def test_a_pressed_button_shows_that_it_is_sending(room, people):
    chair = chair_opens_a_sitting(people, room.links["chair"])
    close = chair.get_by_role("button", name="Close roll call")
    os.kill(room.process.pid, signal.SIGSTOP)
    try:
        close.click()
        expect(close).to_have_attribute("aria-busy", "true")
    finally:
        os.kill(room.process.pid, signal.SIGCONT)
    expect(chair.locator("#sitting")).to_contain_text("roll call closed")


def test_motion_times_are_read_as_mun_says_them_and_errors_sit_beside_the_field(room, people):
    chair = chair_opens_a_sitting(people, room.links["chair"])
    canada = people(PHONE)
    canada.goto(room.links["delegate Canada"])
    mark_present(chair, "Canada")

    form = raise_motion_on(canada, "moderated_caucus", topic="Joint investigation teams", total="500")
    form.locator('[data-field="speaking_time"] button[data-fill="60"]').tap()
    expect(form.locator("input[name=speaking_time]")).to_have_value("60")
    form.get_by_role("button", name="Raise the motion").tap()
    error = form.locator('[data-error-for="total"]')
    expect(error).to_have_text("Total time must be from 1 minute to 180 minutes, not 500 minutes.")
    expect(canada.locator("#flash")).to_be_empty()  # no message over the buttons
    shoot(canada, "phone-390-field-error")

    total = form.locator("input[name=total]")
    total.fill("10")
    expect(form.locator('[data-preview-for="total"]')).to_have_text("= 10:00 (10 min)")
    expect(error).to_be_empty()
    form.get_by_role("button", name="Raise the motion").tap()
    expect(chair.get_by_test_id("motion")).to_contain_text("10:00 total, 1:00 per speaker")


def test_the_projector_reads_from_the_back_of_the_room(room, people):
    # A speaking time of five seconds, so that the overtime shows within the test.
    room.manage(
        "shell",
        "-c",
        "from committee.models import Committee; "
        "Committee.objects.filter(slug='unodc').update(rules_overrides={'default_speaking_time': 5})",
    )
    chair = chair_opens_a_sitting(people, room.links["chair"])
    projector = people(PROJECTOR)
    projector.goto(room.links["projector"])
    expect(projector.locator('li[data-name="Canada"]')).to_have_class("is-unanswered")
    for name in ("United States of America", LONGEST):  # nobody's name is cut on the roll call's grid
        cell = projector.locator(f'li[data-name="{name}"]')
        expect(cell).to_be_visible()
        assert cell.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1"), name
        assert cell.evaluate("e => getComputedStyle(e).textOverflow") != "ellipsis"
    chair.locator('li[data-name="japan"] button[value="absent"]').click()
    absent, unanswered = projector.locator('li[data-name="Japan"]'), projector.locator('li[data-name="Pakistan"]')
    expect(absent).to_have_class("is-absent")
    assert absent.evaluate("e => getComputedStyle(e).borderStyle") != unanswered.evaluate(
        "e => getComputedStyle(e).borderStyle"
    )  # "not yet called" does not look like "absent"
    shoot(projector, "projector-1920-rollcall")
    mark_present(chair, "Canada")
    chair.locator(f'li[data-name="{LONGEST.lower()}"] button[value="present"]').click()

    chair.locator(".add-speaker select").select_option(label=LONGEST)
    chair.locator(".add-speaker").get_by_role("button", name="Add").click()
    expect(chair.get_by_test_id("speaker-list")).to_contain_text(LONGEST)
    # The long name keeps the Add choices inside their card.
    right = "e => e.getBoundingClientRect().right"
    assert chair.locator(".add-speaker select").evaluate(right) <= chair.locator("#speakers").evaluate(right)
    chair.get_by_test_id("next-speaker").click()
    chair.get_by_test_id("toggle-timer").click()
    speaker = projector.get_by_test_id("projector-speaker")
    timer = projector.locator("#stage .stage-timer .timer")
    expect(speaker).to_contain_text(LONGEST)
    for element in (speaker, timer):  # both on the screen, whatever the length of the name
        expect(element).to_be_visible()
        top, bottom = element.evaluate("e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; }")
        assert top >= 0 and bottom <= 1080, element
    expect(timer).to_contain_text("+0:0", timeout=10000)  # the overtime counts
    expect(timer).to_have_class("timer giant running over")
    assert contrast(projector, "#stage .stage-timer .timer") >= 7
    shoot(projector, "projector-1920-overtime")
    chair.get_by_test_id("toggle-timer").click()
    expect(timer).to_have_class("timer giant paused over")
    assert "paused" in timer.evaluate("e => getComputedStyle(e, '::after').content")

    # A passed motion's result is shown, not skipped for the caucus it starts.
    chair.get_by_test_id("next-speaker").click()
    chair.get_by_test_id("next-speaker").click()
    chair.locator(".enter-for summary", has_text="Enter a motion").click()
    form = chair.locator(".enter-for [data-field-form]")
    form.locator("select[name=delegation]").select_option(label="Canada")
    form.locator("select[name=kind]").select_option("unmoderated_caucus")
    form.locator("input[name=topic]").fill("Drafting")
    form.locator("input[name=duration]").fill("5")
    form.get_by_role("button", name="Raise the motion").click()
    chair.get_by_role("button", name="… by placards").click()
    chair.locator("#vote input[name=yes]").fill("11")
    chair.locator("#vote input[name=no]").fill("2")
    chair.get_by_role("button", name="Record the placards").click()
    # 13 members may vote (the NGO does not): 7 needed.
    expect(projector.get_by_test_id("projector-result")).to_contain_text("Passed · 11 for, 2 against · 7 needed")
    expect(projector.locator("#stage")).to_be_hidden()
    shoot(projector, "projector-1920-result")
    expect(projector.get_by_test_id("projector-caucus-timer")).to_be_visible(timeout=20000)  # then the caucus


def test_each_phone_offers_what_its_delegation_may_do(room, people):
    chair = chair_opens_a_sitting(people, room.links["chair"])
    canada = people(PHONE)
    canada.goto(room.links["delegate Canada"])
    japan = people(PHONE)
    japan.goto(room.links["delegate Japan"])
    mark_present(chair, "Canada")
    expect(japan.get_by_text("Raise a motion")).to_be_hidden()  # absent: nothing it could not send
    expect(japan.get_by_text("Motions and points open when the chair marks you present.")).to_be_visible()
    expect(canada.get_by_text("Raise a motion")).to_be_visible()
    # Its menu offers only the motions in order now: no caucus has just ended to be extended.
    kinds = canada.locator(".phone-actions select[name=kind]")
    assert kinds.locator('option[value="extend_caucus"]').evaluate("o => o.disabled && o.hidden")
    assert not kinds.locator('option[value="moderated_caucus"]').evaluate("o => o.disabled")
    shoot(canada, "phone-390-floor")

    # A delegate reading the background guide sees the vote open, and votes from there.
    canada.get_by_role("link", name="Background guide: Introduction").tap()
    expect(canada.locator("body")).to_have_attribute("data-live", "open")
    form = raise_motion_on_chair(chair, "Canada", "adjourn_meeting")
    form.get_by_role("button", name="Raise the motion").click()
    expect(chair.get_by_test_id("motion")).to_contain_text("adjourn the meeting")
    chair.keyboard.press("o")
    expect(canada.get_by_test_id("vote-open")).to_contain_text("Canada: adjourn the meeting")
    canada.get_by_role("button", name="YES").tap()
    expect(canada.get_by_test_id("my-ballot")).to_have_text("You voted yes.")
    shoot(canada, "phone-390-guide-vote")
    shoot(chair, "chair-1366-vote")


def raise_motion_on_chair(chair, delegation: str, kind: str):
    chair.locator(".enter-for summary", has_text="Enter a motion").click()
    form = chair.locator(".enter-for [data-field-form]")
    form.locator("select[name=delegation]").select_option(label=delegation)
    form.locator("select[name=kind]").select_option(kind)
    return form


def test_a_delegate_in_a_moderated_caucus_asks_to_speak_from_the_phone(room, people):
    chair = chair_opens_a_sitting(people, room.links["chair"])
    finland = people(PHONE)
    finland.goto(room.links["delegate Finland"])
    mark_present(chair, "Canada", "Finland")
    form = raise_motion_on_chair(chair, "Canada", "moderated_caucus")
    form.locator("input[name=topic]").fill("Joint investigation teams")
    form.locator("input[name=total]").fill("10")
    form.locator("input[name=speaking_time]").fill("60")
    form.get_by_role("button", name="Raise the motion").click()
    chair.get_by_role("button", name="… by placards").click()
    chair.locator("#vote input[name=yes]").fill("10")
    chair.locator("#vote input[name=no]").fill("0")
    chair.get_by_role("button", name="Record the placards").click()
    finland.get_by_role("button", name="Ask to speak in the caucus").tap()
    expect(chair.get_by_test_id("requests")).to_contain_text("Finland")
    chair.keyboard.press("r")
    expect(chair.get_by_test_id("speaker-list")).to_contain_text("Finland")
    time.sleep(0.2)
    expect(finland.get_by_test_id("my-place")).to_contain_text("1")
