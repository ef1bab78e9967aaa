"""The debate floor in real browsers: Canada asks to speak from the phone, alice runs the speech, the
phones and the projector count down together, and a moderated caucus moved from a phone is voted on
the phones and starts on the projector."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import shoot
from tests.browser.test_live_room import open_room

# Member states who answer the roll call besides those a test names, so that debate may open
# (a third of the 38 members, 13, must be present).
QUORUM = [
    "Argentina",
    "Australia",
    "China",
    "Colombia",
    "Egypt",
    "France",
    "Germany",
    "Indonesia",
    "Italy",
    "Kenya",
    "Netherlands",
    "Norway",
]


def mark_present(chair, *names):
    members = [n for n in names if n != "Holy See"]
    for name in [*names, *QUORUM[: max(0, 13 - len(members))]]:
        chair.locator(f'li[data-name="{name.lower()}"] button[value="present"]').click()
        expect(chair.locator(f'li[data-name="{name.lower()}"]')).to_have_attribute("data-status", "present")
    chair.get_by_role("button", name="Close roll call").click()
    expect(chair.get_by_role("button", name="Close roll call")).to_have_count(0)
    chair.keyboard.press("Escape")


def canada_takes_the_floor(chair, canada) -> None:
    """Canada (present) asks to speak from her phone; the chair accepts the request (R) and calls her (N)."""
    canada.get_by_test_id("ask-to-speak").tap()
    expect(chair.get_by_test_id("requests")).to_contain_text("Canada")
    chair.keyboard.press("r")
    chair.keyboard.press("n")
    expect(chair.get_by_test_id("chair-speaker")).to_have_text("Canada")


def raise_motion_on(phone, kind: str, **fields: str):
    """A delegate opens "Raise a motion", picks the motion and fills its fields; the form is returned
    before it is sent."""
    phone.get_by_text("Raise a motion").tap()
    form = phone.locator(".phone-actions [data-field-form]")
    expect(form).to_be_visible()  # open: not a tap that a line arriving above moved onto "Point"
    form.locator("select[name=kind]").select_option(kind)
    for name, value in fields.items():
        form.locator(f"input[name={name}]").fill(value)
    return form


def local_deadline(page, selector) -> float:
    """When this page's countdown reaches zero, on the test machine's clock (ms)."""
    return page.evaluate(
        """(selector) => {
            const el = document.querySelector(selector);
            return Number(el.dataset.endsAt) - Number(document.body.dataset.clockOffset || 0);
        }""",
        selector,
    )


def test_canada_asks_to_speak_and_the_room_counts_down_together(room, people):
    chair, canada, finland, projector = open_room(room, people)
    mark_present(chair, "Canada", "Finland", "Brazil")

    canada.get_by_test_id("ask-to-speak").tap()
    expect(canada.get_by_test_id("my-request")).to_contain_text("waiting for the chair")
    expect(chair.get_by_test_id("requests")).to_contain_text("Canada")

    chair.keyboard.press("r")  # accept the first request
    expect(chair.get_by_test_id("speaker-list")).to_contain_text("Canada")
    expect(canada.get_by_test_id("my-place")).to_contain_text("1")
    chair.keyboard.press("n")  # Canada has the floor
    expect(chair.get_by_test_id("chair-speaker")).to_have_text("Canada")
    chair.keyboard.press(" ")  # start the clock
    expect(chair.get_by_test_id("toggle-timer")).to_contain_text("Pause")

    timer = "#floor .timer.running"
    expect(finland.locator(timer)).to_be_visible()
    expect(projector.locator("#stage .timer.running")).to_be_visible()
    expect(projector.get_by_test_id("projector-speaker")).to_have_text("Canada")
    expect(projector.locator(".proj-roll")).to_be_hidden()  # the roll call gave way to the floor
    phone_zero = local_deadline(finland, timer)
    projector_zero = local_deadline(projector, "#stage .timer.running")
    assert abs(phone_zero - projector_zero) < 500, (phone_zero, projector_zero)
    # And the figures on the screens move by themselves, in step.
    first = finland.locator(timer).inner_text()
    finland.wait_for_timeout(2100)
    later = finland.locator(timer).inner_text()
    assert later != first
    assert projector.locator("#stage .timer.running").inner_text() in {later, _minus(later, 1), _minus(later, -1)}
    shoot(projector, "projector-speech")
    shoot(finland, "phone-finland-speech")
    shoot(chair, "chair-speech")


def _minus(clock: str, seconds: int) -> str:
    minutes, secs = clock.split(":")
    total = int(minutes) * 60 + int(secs) - seconds
    return f"{total // 60}:{total % 60:02d}"


def test_a_moderated_caucus_moved_from_a_phone_is_voted_on_phones_and_starts(room, people):
    chair, canada, finland, projector = open_room(room, people)
    mark_present(chair, "Canada", "Finland", "Brazil")

    form = raise_motion_on(
        canada, "moderated_caucus", topic="Joint investigation teams", total="10:00", speaking_time="60"
    )
    expect(form.locator("input[name=duration]")).to_be_hidden()
    assert canada.evaluate("document.documentElement.scrollWidth") <= 390  # the open form fits the phone
    form.get_by_role("button", name="Raise the motion").tap()
    expect(chair.get_by_test_id("motion")).to_contain_text("moderated caucus “Joint investigation teams”")
    expect(form).to_be_hidden()  # taken: the form folds away

    chair.keyboard.press("o")  # open the vote on it, by phones
    expect(chair.get_by_test_id("vote-box")).to_contain_text("needs 7 of 13")
    expect(projector.locator("#vote-stage")).to_contain_text("Procedural vote")
    expect(projector.locator("#stage")).to_be_hidden()  # the vote takes the stage
    canada.get_by_role("button", name="YES").tap()
    expect(canada.get_by_test_id("my-ballot")).to_have_text("You voted yes.")
    finland.get_by_role("button", name="YES").tap()
    expect(chair.get_by_test_id("vote-box")).to_contain_text("2 of 13 have voted (2 on their phones)")
    shoot(finland, "phone-finland-voted")
    # Five delegations without a phone vote by placard; the chair enters them.
    box = chair.get_by_test_id("vote-box")
    for cast, name in enumerate(QUORUM[:5], start=3):
        box.locator("select[name=delegation]").select_option(label=name)
        box.get_by_role("button", name="Yes", exact=True).click()
        expect(box).to_contain_text(f"{cast} of 13 have voted (2 on their phones)")
    expect(box).to_contain_text("7 of 13 have voted (2 on their phones): 7 yes")
    chair.get_by_test_id("close-vote").click()

    expect(chair.get_by_test_id("last-outcome")).to_contain_text("passed")
    # The room first reads the result, then the caucus it starts.
    expect(projector.get_by_test_id("projector-result")).to_contain_text("Passed · 7 for, 0 against · 7 needed")
    # The caucus already runs: its clock is under the result (issue 23, 12).
    expect(projector.locator("[data-testid=projector-result-clock] .timer.running")).to_be_visible()
    shoot(projector, "projector-result-with-clock")
    expect(projector.locator("#stage .timer.caucus.running")).to_be_visible(timeout=20000)
    expect(projector.locator("#stage")).to_contain_text("Moderated caucus · 1:00 per speaker")
    expect(projector.locator("#stage .stage-title")).to_have_text("Joint investigation teams")
    expect(projector.locator("#stage .timer.caucus.running")).to_be_visible()
    expect(canada.get_by_test_id("phase")).to_contain_text("Moderated caucus: Joint investigation teams")
    expect(chair.get_by_test_id("phase")).to_have_text("Moderated caucus")
    shoot(projector, "projector-caucus")


def test_a_second_ballot_by_hand_is_refused(room, people):
    chair, canada, finland, projector = open_room(room, people)
    mark_present(chair, "Canada", "Finland", "Brazil")
    chair.locator(".enter-for summary", has_text="Enter a motion").click()
    form = chair.locator(".enter-for [data-field-form]")
    form.locator("select[name=delegation]").select_option(label="Brazil")
    form.locator("select[name=kind]").select_option("unmoderated_caucus")
    form.locator("input[name=topic]").fill("Drafting")
    form.locator("input[name=duration]").fill("5:00")
    form.get_by_role("button", name="Raise the motion").click()
    chair.get_by_test_id("open-vote").click()
    canada.get_by_role("button", name="NO").tap()
    expect(canada.get_by_test_id("my-ballot")).to_have_text("You voted no.")
    answer = canada.evaluate("""async () => {
        const token = JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRFToken'];
        const body = new URLSearchParams({choice: 'yes'});
        const r = await fetch('/c/unodc/do/vote.cast/', {method: 'POST', body,
                              headers: {'X-CSRFToken': token, 'HX-Request': 'true'}});
        return [r.status, await r.text()];
    }""")
    assert answer[0] == 409 and "Canada has already voted" in answer[1]
    expect(chair.get_by_test_id("vote-box")).to_contain_text("1 of 13 have voted")


def test_alice_rules_a_motion_out_of_order_and_the_phones_read_why(room, people):
    chair, canada, finland, projector = open_room(room, people)
    mark_present(chair, "Canada", "Finland", "Brazil")
    form = raise_motion_on(canada, "suspend_meeting", duration="20:00")
    form.get_by_role("button", name="Raise the motion").tap()
    expect(chair.get_by_test_id("motion")).to_contain_text("suspend the meeting for 20:00")
    chair.once("dialog", lambda dialog: dialog.accept("Lunch is in an hour"))
    chair.get_by_role("button", name="Out of order…").click()
    expect(chair.get_by_test_id("last-outcome")).to_contain_text("ruled out of order: Lunch is in an hour")
    expect(finland.get_by_test_id("phone-outcome")).to_contain_text("ruled out of order")
    expect(projector.get_by_test_id("projector-outcome")).to_contain_text("Ruled out of order: Lunch is in an hour")
