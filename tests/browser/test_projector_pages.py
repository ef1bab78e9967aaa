"""A draft longer than the projector's screen (issue 23, 2): DR 1/1, four long operative clauses, the
first with four sub-clauses, on a 1920×1080 and a 1280×720 projector. The text fills the screen below
the header in type for the back row, never runs off it, and alice pages it from her laptop (PgDn,
PgUp, "show clause 4"); every line of the text is seen whole on some screen, at both sizes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, shoot
from tests.browser.test_resolutions import scene

SIZES = {"1920x1080": {"width": 1920, "height": 1080}, "1280x720": {"width": 1280, "height": 720}}


def seen(projector) -> list[str]:
    """The lines (clauses and sub-clauses, by their own first words) wholly inside the projector's text box."""
    return projector.evaluate(
        """() => {
            const box = document.querySelector('[data-paged]');
            const frame = box.getBoundingClientRect();
            const own = (line) => {
                const sub = line.querySelector(':scope > ol');
                const r = line.getBoundingClientRect();
                return [r.top, sub ? sub.getBoundingClientRect().top : r.bottom];
            };
            return [...box.querySelectorAll('.preamble, ol.operative li')]
                .filter((line) => { const [top, bottom] = own(line);
                    return top >= frame.top - 1 && bottom <= frame.bottom + 1; })
                .map((line) => line.firstChild.textContent.trim().slice(0, 40));
        }"""
    )


def every_line(projector) -> list[str]:
    return projector.evaluate(
        """() => [...document.querySelectorAll('[data-paged] .preamble, [data-paged] ol.operative li')]
            .map((line) => line.firstChild.textContent.trim().slice(0, 40))"""
    )


@pytest.mark.parametrize("size", SIZES)
def test_alice_pages_a_long_draft_on_the_projector(unstarted_room, people, size):
    room = unstarted_room
    scene(room, "long_draft")
    room.start()
    chair = people(LAPTOP)
    chair.goto(room.links["chair"])
    projector = people({"viewport": SIZES[size]})
    projector.goto(room.links["projector"])
    for page in (chair, projector):
        expect(page.locator("body")).to_have_attribute("data-live", "open")

    text = projector.get_by_test_id("projector-draft")
    expect(text).to_be_visible()
    height = SIZES[size]["height"]
    # The page never runs off the screen, and the type is for the back row (about 1/30 of its height).
    assert projector.evaluate("document.documentElement.scrollHeight") <= height
    font = projector.evaluate("parseFloat(getComputedStyle(document.querySelector('[data-paged]')).fontSize)")
    assert font >= height / 32, font
    expect(projector.get_by_test_id("projector-more")).to_have_text("Continues ▼")
    shoot(projector, f"projector-draft-{size}-top")

    pages = chair.get_by_test_id("projector-pages")
    all_lines, shown = every_line(projector), set(seen(projector))
    assert shown, "the first screen shows whole lines"
    for screen in range(1, 12):
        if projector.get_by_test_id("projector-more").inner_text() == "End of the text":
            break
        before = seen(projector)
        chair.keyboard.press("PageDown")
        expect(pages).to_contain_text(f"{screen} screen{'s' if screen > 1 else ''} further")
        projector.wait_for_function(f"() => document.querySelector('[data-paged]').dataset.page === '{screen}'")
        now = seen(projector)
        assert now and now != before, (screen, now)
        shown |= set(now)
    assert shown == set(all_lines), set(all_lines) - shown  # every line seen whole on some screen
    shoot(projector, f"projector-draft-{size}-end")

    last = int(projector.evaluate("document.querySelector('[data-paged]').dataset.page"))
    chair.keyboard.press("PageUp")
    projector.wait_for_function(f"() => document.querySelector('[data-paged]').dataset.page === '{last - 1}'")
    chair.wait_for_timeout(300)  # the chair's panel too has the answer before she types in it
    # Show clause 4: its first words are at the top of the projector's text.
    form = pages.locator("form", has=chair.locator("input[name=clause]"))
    form.locator("input[name=clause]").fill("4")
    form.get_by_role("button", name="Show").click()
    expect(pages).to_contain_text("The projector shows operative clause 4")
    projector.wait_for_function("() => document.querySelector('[data-paged]').dataset.fromClause === '4'")
    assert seen(projector)[0].startswith("Invites")
    # A clause the draft does not have is refused in words, and the projector stays.
    form.locator("input[name=clause]").fill("9")
    form.locator("input[name=clause]").evaluate("(input) => input.removeAttribute('max')")
    form.get_by_role("button", name="Show").click()
    expect(chair.get_by_role("status").first).to_contain_text("DR 1/1 has operative clauses 1 to 4")
    assert seen(projector)[0].startswith("Invites")
