"""Applied but unanswered, in a real browser: alice presses "+0:30", the server extends Canada's speech,
and the answer is lost on the way back (the Wi-Fi drops it). Her page does not say "nothing was
changed": it keeps the press and sends it again by itself, and the speech is extended once.

In order: alice presses R then N at once (accept Canada's request, call the next speaker) while the
first press is slow to leave her laptop; the server does them in that order and Canada has the floor.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.test_debate_floor import canada_takes_the_floor, mark_present
from tests.browser.test_live_room import open_room


def remaining_ms(page) -> int:
    return int(page.locator("#now .speech-timer").get_attribute("data-remaining"))


def test_a_press_whose_answer_was_lost_is_not_done_twice(room, people):
    chair, canada, _, projector = open_room(room, people)
    mark_present(chair, "Canada", "Finland")
    canada_takes_the_floor(chair, canada)
    before = remaining_ms(chair)

    lost = []

    def apply_then_lose_the_answer(route):
        route.fetch()  # the server gets the press and does it
        lost.append(route.request.headers.get("x-request-id"))
        route.abort("connectionreset")  # ... and its answer never reaches the page

    chair.route("**/do/timer/", apply_then_lose_the_answer)
    chair.get_by_role("button", name="+0:30").click()
    flash = chair.locator("#flash")
    expect(flash).to_contain_text("No answer from the server")
    expect(flash).to_contain_text("if it was done already, it will not be done twice")
    expect(flash).not_to_contain_text("nothing was changed")
    expect(chair.get_by_test_id("kept")).to_have_text("Waiting to send: +0:30")
    # The other screens got the change: the server made it.
    expect(projector.locator("#stage .timer").first).to_have_attribute("data-remaining", str(before + 30_000))

    with chair.expect_request("**/do/timer/") as again:
        chair.unroute("**/do/timer/")  # the Wi-Fi is back: the kept press goes again by itself
    assert again.value.headers.get("x-request-id") == lost[0]  # the same press, sent again
    expect(flash).to_contain_text("Done already")
    chair.wait_for_timeout(500)
    assert remaining_ms(chair) == before + 30_000  # extended once
    expect(projector.locator("#stage .timer").first).to_have_attribute("data-remaining", str(before + 30_000))

    # The next press is a new one.
    chair.get_by_role("button", name="+0:30").click()
    expect(chair.locator("#now .speech-timer")).to_have_attribute("data-remaining", str(before + 60_000))


def test_quick_keys_are_done_in_the_order_pressed_even_when_the_first_is_slow(room, people):
    chair, canada, _, _ = open_room(room, people)
    mark_present(chair, "Canada", "Finland")
    canada.get_by_test_id("ask-to-speak").tap()
    expect(chair.get_by_test_id("requests")).to_contain_text("Canada")
    # The first press (accepting the request) takes 400 ms to leave the laptop; the second does not.
    chair.evaluate(
        """() => {
          const send = window.fetch;
          window.fetch = (url, options) => String(url).includes("/do/speakers.add/")
            ? new Promise((resolve) => setTimeout(resolve, 400)).then(() => send(url, options))
            : send(url, options);
        }"""
    )
    chair.keyboard.press("r")
    chair.keyboard.press("n")
    expect(chair.get_by_test_id("chair-speaker")).to_have_text("Canada")
    expect(canada.get_by_test_id("my-turn")).to_contain_text("You have the floor")
