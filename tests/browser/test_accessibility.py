"""Every page passes axe-core with no serious and no critical violation (issue 23), in the states a
session goes through: the chair's dashboard before the sitting, in debate with a speaker, with a vote
open and in voting procedure; a phone (390×844 and 360×640) in each; the projector (1920×1080 and
1280×720); a draft being amended; the editor; a document; the minutes, the statistics and the admin."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, PROJECTOR
from tests.browser.test_resolutions import scene

SMALL_PHONE = {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True}
SMALL_PROJECTOR = {"viewport": {"width": 1280, "height": 720}}
AXE = Axe()


def problems(page, where: str) -> list[str]:
    """The serious and critical violations axe-core finds on the page, each with where it is: every
    rule, the experimental ones too (a button's name that does not contain its visible text is one)."""
    page.evaluate(AXE.axe_script)
    experimental = page.evaluate("axe.getRules(['experimental']).map((rule) => rule.ruleId)")
    options = {"resultTypes": ["violations"], "rules": {rule: {"enabled": True} for rule in experimental}}
    results = AXE.run(page, options=options)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
            found.append(f"{where}: {violation['id']} ({violation['impact']}) at {targets}")
    return found


def live(page) -> None:
    expect(page.locator("body")).to_have_attribute("data-live", "open")


def test_every_screen_of_a_sitting_has_no_serious_accessibility_violation(unstarted_room, people):
    room = unstarted_room
    scene(room, "on_the_floor")
    room.start()
    chair, projector, small_projector = people(LAPTOP), people(PROJECTOR), people(SMALL_PROJECTOR)
    canada, egypt = people(PHONE), people(SMALL_PHONE)
    chair.goto(room.links["chair"])
    canada.goto(room.links["delegate Canada"])
    egypt.goto(room.links["delegate Egypt"])
    projector.goto(room.links["projector"])
    small_projector.goto(room.links["projector"])
    screens = {"chair": chair, "Canada": canada, "Egypt (360)": egypt, "projector": projector}
    screens["projector 1280"] = small_projector
    for page in screens.values():
        live(page)
    found = []

    def audit(state: str) -> None:
        for name, page in screens.items():
            found.extend(problems(page, f"{name}, {state}"))

    audit("a draft on the projector, amendments on the floor")

    # Debate: Canada has the floor.
    chair.get_by_test_id("add-speaker").select_option(label="Canada")
    chair.get_by_role("button", name="Add", exact=True).click()
    chair.keyboard.press("n")
    expect(canada.get_by_test_id("my-turn")).to_be_visible()
    audit("Canada has the floor")

    # A vote open on a motion.
    chair.keyboard.press("n")
    egypt.get_by_text("Raise a motion").tap()
    form = egypt.locator(".phone-actions [data-field-form]")
    form.locator("select[name=kind]").select_option("close_debate")
    form.get_by_role("button", name="Raise the motion").tap()
    expect(chair.get_by_test_id("motion")).to_contain_text("close debate")
    chair.keyboard.press("o")
    expect(canada.get_by_test_id("vote-open")).to_be_visible()
    audit("a vote open")

    # Voting procedure: two thirds of the 22 say yes (the chair enters the ballots of those without phones).
    box = chair.get_by_test_id("vote-box")
    yes = ["Argentina", "Australia", "Brazil", "Canada", "China", "Colombia", "Egypt", "Finland", "France"]
    for cast, name in enumerate([*yes, "Germany", "India", "Indonesia", "Italy", "Japan", "Kenya"], start=1):
        box.locator("select[name=delegation]").select_option(label=name)
        box.get_by_role("button", name="Yes", exact=True).click()
        expect(box).to_contain_text(f"{cast} of 22 have voted")
    chair.get_by_test_id("close-vote").click()
    expect(chair.get_by_test_id("phase")).to_have_text("Voting procedure")
    audit("voting procedure")
    assert not found, "\n".join(found)


def test_the_other_pages_have_no_serious_accessibility_violation(unstarted_room, people):
    room = unstarted_room
    scene(room, "on_the_floor")
    room.start()
    chair, finland = people(LAPTOP), people(PHONE)
    chair.goto(room.links["chair"])
    finland.goto(room.links["delegate Finland"])
    live(finland)
    base = room.links["chair"].split("/c/")[0]
    found = []
    pages = {
        "minutes": f"{base}/c/unodc/minutes/",
        "statistics": f"{base}/c/unodc/statistics/",
        "admin": f"{base}/admin/",
    }
    for name, url in pages.items():
        chair.goto(url)
        found.extend(problems(chair, name))
    finland.get_by_test_id("draft-on-floor").locator("summary").tap()
    found.extend(problems(finland, "phone, the draft open"))
    finland.get_by_test_id("amend").tap()
    expect(finland.locator("h1")).to_contain_text("Amend DR 1/1")
    found.extend(problems(finland, "phone, amend the draft"))
    finland.go_back()
    finland.locator(".phone-docs a").first.tap()
    expect(finland.locator("article h1")).to_be_visible()
    found.extend(problems(finland, "phone, a document"))
    assert not found, "\n".join(found)
