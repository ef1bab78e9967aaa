"""Drafts in real browsers: Canada writes on its phone, three phones sign, Canada moves to introduce
and alice grants it; Brazil amends from its phone and both sponsors consent on theirs; in voting
procedure the projector follows a roll call that phones and the chair answer in turn, and shows the
result as the UN words it. Nobody reloads a live page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, PROJECTOR, shoot


def scene(room, name: str) -> None:
    room.manage("shell", "-c", f"from tests.browser.scenes import {name}; {name}()")


def open_screens(room, people, *phones: str):
    chair = people(LAPTOP)
    chair.goto(room.links["chair"])
    pages = {"chair": chair}
    for name in phones:
        pages[name] = people(PHONE)
        pages[name].goto(room.links[f"delegate {name}"])
    projector = people(PROJECTOR)
    projector.goto(room.links["projector"])
    pages["projector"] = projector
    for page in pages.values():
        expect(page.locator("body")).to_have_attribute("data-live", "open")
        page.evaluate("window.loadedOnce = true")
    return pages


def test_a_paper_written_on_a_phone_signed_introduced_and_amended_as_friends(unstarted_room, people):
    room = unstarted_room
    scene(room, "drafting")
    room.start()
    screens = open_screens(room, people, "Canada", "Finland", "Brazil", "Mexico", "Colombia")
    chair, canada, finland, brazil = (screens[n] for n in ("chair", "Canada", "Finland", "Brazil"))
    paper = chair.get_by_test_id("paper")
    expect(paper.get_by_test_id("support")).to_have_text("2 of 5 needed")

    # Canada writes one more clause on its phone; an unusual opening phrase is flagged, not refused.
    canada.get_by_test_id("edit-paper").tap()
    form = canada.get_by_test_id("add-clause")
    form.locator("input[name=phrase]").fill("Wants")
    form.locator("textarea[name=text]").fill("Member States to share <em>criminal records</em> <script>x()</script>")
    form.get_by_role("button", name="Add the clause").tap()
    clause = canada.get_by_test_id("edit-clause").last
    expect(clause).to_contain_text("4. Wants Member States to share criminal records.")
    expect(clause.locator("em", has_text="criminal records")).to_be_visible()
    expect(clause.get_by_test_id("phrase-warning")).to_contain_text("“Wants” is not a usual opening phrase")
    shoot(canada, "drafts-phone-edit")
    canada.get_by_role("link", name="← Back to the floor").tap()

    # Three phones sign; the chair sees the paper ready.
    for name in ("Brazil", "Mexico", "Colombia"):
        screens[name].get_by_test_id("sign").tap()
        expect(screens[name].get_by_test_id("my-paper").get_by_text("✓ You signed it.")).to_be_visible()
        expect(screens[name].get_by_test_id("sign")).to_be_hidden()
    expect(paper.get_by_test_id("support")).to_have_text("5 of 5 needed — ready to be introduced")
    expect(canada.get_by_test_id("support")).to_contain_text("ready: a sponsor moves to introduce it")
    expect(canada.get_by_test_id("sign")).to_be_hidden()  # Canada sponsors it: it edits, it does not sign
    expect(canada.get_by_test_id("edit-paper")).to_be_visible()

    # Canada moves to introduce it (its menu offers the paper by name); alice grants the motion.
    canada.get_by_text("Raise a motion").tap()
    motion = canada.locator(".phone-actions [data-field-form]")
    motion.locator("select[name=kind]").select_option("introduce_draft")
    expect(motion.locator("select[name=paper] option")).to_have_text(
        ["Strengthening joint investigation teams against transnational organized crime (5 of 5)"]
    )
    motion.get_by_role("button", name="Raise the motion").tap()
    chair.get_by_test_id("grant").click()
    for phone in (canada, finland, brazil):
        expect(phone.get_by_test_id("draft-on-floor")).to_contain_text("Read DR 1/1")
    expect(paper).to_contain_text("DR 1/1")

    # Brazil proposes to change clause 2 from its phone; both sponsors are asked to consent.
    brazil.get_by_test_id("amend").tap()
    amend = brazil.get_by_test_id("amend-form")
    amend.locator("select[name=action]").select_option("change")
    amend.locator("select[name=target]").select_option(label="2. Calls upon")
    amend.locator("input[name=phrase]").fill("Calls upon")
    amend.locator("textarea[name=text]").fill("Member States to designate, within one year, a central authority")
    amend.get_by_role("button", name="Propose the amendment").tap()
    expect(brazil.get_by_test_id("you")).to_be_visible()  # back on the floor
    for sponsor in (canada, finland):
        expect(sponsor.get_by_test_id("consent-request")).to_have_text(
            "Brazil proposes to amend your DR 1/1 (change a clause, operative clause 2):"
        )
        card = sponsor.get_by_test_id("amendment-card")
        expect(card.locator("del")).to_contain_text("a central authority for mutual legal assistance")
        expect(card.locator("ins")).to_contain_text("within one year")
    expect(brazil.get_by_test_id("consent-request")).to_be_hidden()
    expect(brazil.get_by_role("button", name="Withdraw it")).to_be_visible()
    shoot(finland, "drafts-phone-consent")
    chair_amendment = chair.get_by_test_id("amendment")
    expect(chair_amendment).to_contain_text("Sponsors' consent: 0 of 2")
    canada.get_by_role("button", name="Consent: it is friendly").tap()
    expect(chair_amendment).to_contain_text("Sponsors' consent: 1 of 2")
    finland.get_by_role("button", name="Consent: it is friendly").tap()
    expect(chair.get_by_test_id("amendment")).to_have_count(0)  # incorporated
    brazil.get_by_test_id("draft-on-floor").locator("summary").tap()
    expect(brazil.get_by_test_id("draft-on-floor")).to_contain_text(
        "Calls upon Member States to designate, within one year, a central authority;"
    )
    shoot(chair, "drafts-chair")
    shoot(brazil, "drafts-phone-read")
    # Canada and Brazil went to a page of their own (to write, to amend); the others never reloaded.
    for name in ("chair", "Finland", "Mexico", "Colombia", "projector"):
        assert screens[name].evaluate("window.loadedOnce === true"), name


def test_a_roll_call_on_a_draft_on_phones_the_chair_and_the_projector(unstarted_room, people):
    room = unstarted_room
    scene(room, "on_the_floor")
    room.start()
    screens = open_screens(room, people, "Canada", "Egypt", "Mexico")
    chair, canada, egypt, projector = (screens[n] for n in ("chair", "Canada", "Egypt", "projector"))

    # Mexico moves to close debate; the placards carry it; the doors close.
    mexico = screens["Mexico"]
    mexico.get_by_text("Raise a motion").tap()
    motion = mexico.locator(".phone-actions [data-field-form]")
    motion.locator("select[name=kind]").select_option("close_debate")
    motion.get_by_role("button", name="Raise the motion").tap()
    chair.get_by_role("button", name="… by placards").click()
    chair.locator("#vote input[name=yes]").fill("20")
    chair.locator("#vote input[name=no]").fill("2")
    chair.get_by_role("button", name="Record the placards").click()
    expect(projector.get_by_test_id("projector-result")).to_have_text("Passed · 20 for, 2 against · 15 needed")
    expect(chair.get_by_test_id("phase")).to_have_text("Voting procedure")
    shoot(chair, "drafts-chair-voting-procedure")
    expect(projector.get_by_test_id("projector-next")).to_have_text("DR 1/1: amendment to operative clause 3")
    expect(projector.locator(".before-after del")).to_contain_text("Requests the United Nations Office")
    shoot(projector, "drafts-projector-next")

    # Egypt's amendment by placards: 4 for, 17 against.
    queue = chair.get_by_test_id("vote-queue")
    expect(queue.locator(".is-next")).to_contain_text("amendment to operative clause 3 by Egypt")
    chair.get_by_role("button", name="by placards").click()
    chair.locator("#vote input[name=yes]").fill("4")
    chair.locator("#vote input[name=no]").fill("17")
    chair.get_by_role("button", name="Record the placards").click()
    expect(projector.get_by_test_id("projector-result")).to_have_text("Rejected by a vote of 4 in favour to 17 against")
    expect(queue.locator(".is-next")).to_contain_text("DR 1/1 “Strengthening joint investigation teams")

    # The draft by roll call, in alphabetical order: the chair answers for those without phones.
    chair.get_by_test_id("vote-next-roll-call").click()
    expect(projector.get_by_test_id("projector-roll-turn")).to_have_text("Argentina")
    passed, answered = set(), 0
    while chair.get_by_test_id("roll-turn").count():
        name = chair.get_by_test_id("roll-turn").inner_text()
        if name in ("Canada", "Egypt"):
            phone = screens[name]
            expect(phone.locator(".my-turn")).to_have_text("The chair calls you: answer now.")
            expect(projector.get_by_test_id("projector-roll-turn")).to_have_text(name)
            if name == "Egypt":
                shoot(egypt, "drafts-phone-roll-call-turn")
            label = "No, with rights" if name == "Egypt" else "Yes"
            phone.get_by_role("button", name=label.upper(), exact=True).tap()
        else:
            label = "Pass" if name == "Brazil" and name not in passed else "Abstain" if name == "China" else "Yes"
            passed.add(name)
            chair.locator("#vote .roll-turn").get_by_role("button", name=label, exact=True).click()
        line = chair.locator(".roll-list li", has_text=re.compile(f"^{re.escape(name)} — "))
        expect(line).to_have_text(f"{name} — {label.lower()}")
        # The projector's tally grows with each answer (a pass is not yet a vote).
        answered += label != "Pass"
        expect(projector.locator(".vote-stage .stage-sub")).to_contain_text(f"{answered} of 21 have voted")
    # Brazil passed first, then was called again at the end and answered yes.
    expect(chair.locator(".roll-list")).to_contain_text("Brazil — yes")
    expect(egypt.get_by_test_id("my-ballot")).to_have_text("You voted no, with rights.")
    shoot(projector, "drafts-projector-roll-call")
    chair.get_by_test_id("close-vote").click()
    expect(projector.get_by_test_id("projector-result")).to_have_text(
        "Adopted by a recorded vote of 19 in favour to 1 against, with 1 abstention"
    )
    shoot(projector, "drafts-projector-adopted")
    expect(chair.get_by_test_id("draft-outcome")).to_contain_text(
        "DR 1/1 “Strengthening joint investigation teams against transnational organized crime”: adopted by a "
        "recorded vote of 19 in favour to 1 against, with 1 abstention"
    )
    # Egypt voted with rights: the chair gives it the floor to explain its vote (issue 23, 8). Egypt's
    # phone says so and runs its time; every phone shows the time; the chair's timer is in view.
    chair.get_by_test_id("next-explanation").click()
    expect(egypt.get_by_test_id("phone-explaining").get_by_test_id("my-turn")).to_have_text(
        "You have the floor: explain your vote."
    )
    expect(egypt.locator("[data-testid=phone-explaining] .timer.running")).to_be_visible()
    expect(canada.get_by_test_id("phone-explaining")).to_contain_text("Egypt explains its vote")
    expect(canada.get_by_test_id("phone-explaining").get_by_test_id("my-turn")).to_be_hidden()
    timer = chair.locator(".explaining .timer")
    expect(timer).to_be_in_viewport()
    assert timer.bounding_box()["y"] + timer.bounding_box()["height"] <= 768
    shoot(egypt, "drafts-phone-explaining")
    shoot(chair, "drafts-chair-explaining")
    chair.get_by_test_id("next-explanation").click()  # done: the explanations end
    expect(egypt.get_by_test_id("phone-explaining")).to_have_count(0)
    # The resolution as the UN prints it.
    chair.get_by_role("link", name="Read (UN style)").click()
    document = chair
    expect(document.get_by_test_id("symbol")).to_have_text("DR 1/1")
    expect(document.locator(".un-record")).to_have_text(
        "Adopted by a recorded vote of 19 in favour to 1 against, with 1 abstention."
    )
    shoot(document, "drafts-resolution")
