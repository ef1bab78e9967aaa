"""A speech survives a caucus, in real browsers (issue 23, 1): Canada speaks two seconds, the chair
pauses her; Finland moves an unmoderated caucus from its phone and it passes on placards. Canada's
seconds are in the statistics, she is first on the list "to finish", and after the caucus the chair
calls her back for the time she had left."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.test_debate_floor import canada_takes_the_floor, mark_present, raise_motion_on
from tests.browser.test_live_room import open_room


def test_canada_finishes_her_speech_after_a_caucus_passed_mid_speech(room, people):
    chair, canada, finland, projector = open_room(room, people)
    mark_present(chair, "Canada", "Finland", "Brazil")
    canada_takes_the_floor(chair, canada)
    chair.keyboard.press(" ")
    expect(chair.get_by_test_id("toggle-timer")).to_contain_text("Pause")
    chair.wait_for_timeout(2500)
    chair.keyboard.press(" ")
    expect(chair.get_by_test_id("toggle-timer")).to_contain_text("Start")

    form = raise_motion_on(finland, "unmoderated_caucus", duration="5:00", topic="Drafting")
    form.get_by_role("button", name="Raise the motion").tap()
    expect(chair.get_by_test_id("motion")).to_contain_text("unmoderated caucus")
    chair.get_by_role("button", name="… by placards").click()
    box = chair.get_by_test_id("vote-box")
    box.locator("input[name=yes]").fill("13")
    box.locator("input[name=no]").fill("0")
    box.get_by_role("button", name="Record the placards").click()
    expect(chair.get_by_test_id("phase")).to_have_text("Unmoderated caucus")

    # Canada is first on the list again, with the time she had left.
    speakers = chair.get_by_test_id("speaker-list")
    expect(speakers.locator("li").first).to_contain_text(re.compile(r"Canada to finish: 1:2[67]"))
    statistics = chair.context.new_page()
    statistics.goto(chair.url.replace("/chair/", "/statistics/"))
    row = statistics.locator("tr", has_text="Canada").first
    expect(row.locator("td").nth(1)).to_have_text("1")
    expect(row.locator("td").nth(2)).to_have_text(re.compile(r"0:0[234]"))

    chair.keyboard.press("e")
    chair.keyboard.press("e")  # pressed again: the chair means it
    expect(chair.get_by_test_id("phase")).to_have_text("Formal debate")
    expect(canada.get_by_test_id("my-place")).to_contain_text("1")  # her phone: first in line again
    chair.keyboard.press("n")
    expect(chair.get_by_test_id("chair-speaker")).to_have_text("Canada")
    expect(chair.locator(".speech-timer")).to_contain_text(re.compile(r"1:2[67]"))
    expect(projector.get_by_test_id("projector-speaker")).to_have_text("Canada")


def test_in_voting_procedure_a_division_passed_leaves_chinas_roll_call_motion(unstarted_room, people):
    """Issue 23, 5: China asks for a roll-call vote, Brazil moves to divide the question; the division
    passes on placards; China's motion is still on the floor, on the chair's screen and China's phone."""
    from tests.browser.test_resolutions import open_screens, scene

    room = unstarted_room
    scene(room, "voting_procedure")
    room.start()
    screens = open_screens(room, people, "China", "Brazil")
    chair, china, brazil = screens["chair"], screens["China"], screens["Brazil"]
    form = raise_motion_on(china, "roll_call_vote")
    form.get_by_role("button", name="Raise the motion").tap()
    expect(chair.get_by_test_id("motion")).to_contain_text("a roll-call vote on DR 1/1")
    form = raise_motion_on(brazil, "divide_question", clauses="2")
    form.get_by_role("button", name="Raise the motion").tap()
    expect(chair.get_by_test_id("motion").first).to_contain_text("divide DR 1/1")
    chair.get_by_role("button", name="… by placards").click()
    box = chair.get_by_test_id("vote-box")
    box.locator("input[name=yes]").fill("18")
    box.locator("input[name=no]").fill("2")
    box.get_by_role("button", name="Record the placards").click()
    expect(chair.get_by_test_id("last-outcome")).to_contain_text("divide DR 1/1")
    expect(chair.get_by_test_id("last-outcome")).to_contain_text("passed")
    expect(chair.get_by_test_id("motion")).to_have_count(1)
    expect(chair.get_by_test_id("motion")).to_contain_text("China: a roll-call vote on DR 1/1")
    expect(china.get_by_test_id("my-motion")).to_contain_text("a roll-call vote on DR 1/1")
