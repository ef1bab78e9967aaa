"""A Security Council vote in a real browser (issue 24): the president opens the vote on S/DR 1 from
her laptop and enters the raised hands of the members without a phone; Denmark votes yes and the
Russian Federation no on their phones; Pakistan, which she marks a party to the dispute, may only
abstain. Eleven in favour, one against, three abstaining: the draft is not adopted, owing to the
negative vote of a permanent member. The projector and the Russian Federation's phone show the veto
as such; the minutes, on the page and in the DOCX, record it. Screenshots: council-veto-projector.png,
council-veto-phone.png, council-vote-chair.png."""

from __future__ import annotations

import io

from docx import Document
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, PROJECTOR, shoot
from tests.browser.test_accessibility import problems

VETO = (
    "not adopted, owing to the negative vote of a permanent member of the Council (Russian Federation): "
    "11 in favour, 1 against, 3 abstaining"
)
HANDS = {
    "Bahrain": "Yes",
    "China": "Abstain",
    "Colombia": "Yes",
    "Democratic Republic of the Congo": "Yes",
    "France": "Yes",
    "Greece": "Yes",
    "Latvia": "Yes",
    "Liberia": "Yes",
    "Pakistan": "Abstain",
    "Panama": "Yes",
    "Somalia": "Abstain",
    "United Kingdom": "Yes",
    "United States of America": "Yes",
}


def test_a_permanent_members_no_defeats_a_draft_with_eleven_in_favour(unstarted_room, people):
    room = unstarted_room
    room.manage("shell", "-c", "from tests.browser.scenes import council_in_voting_procedure as s; s()")
    links = room.read_links("sc")
    room.start()
    president = people(LAPTOP)
    president.goto(links["chair"])
    russia, denmark = people(PHONE), people(PHONE)
    russia.goto(links["delegate Russian Federation"])
    denmark.goto(links["delegate Denmark"])
    projector = people(PROJECTOR)
    projector.goto(links["projector"])
    for page in (president, russia, denmark, projector):
        expect(page.locator("body")).to_have_attribute("data-live", "open")

    expect(projector.locator("#counts")).to_contain_text("9 votes decide")
    expect(russia.get_by_test_id("counts")).to_contain_text("9 votes decide")
    # Pakistan is a party to the dispute: the president marks it, and it may only abstain.
    pakistan = president.locator(".rc-row", has_text="Pakistan")
    pakistan.get_by_role("button", name="Party").click()
    expect(pakistan).to_contain_text("party to the dispute")

    queue = president.get_by_test_id("vote-queue")
    expect(queue).to_contain_text("S/DR 1")
    expect(president.locator(".vote-next-controls")).not_to_contain_text("by placards")  # a veto needs names
    president.get_by_test_id("vote-next-phones").click()
    box = president.get_by_test_id("vote-box")
    expect(box).to_contain_text("9 affirmative votes, no permanent member against · 15 may vote")

    expect(russia.get_by_test_id("veto-note")).to_have_text(
        "You are a permanent member: your NO defeats it, whatever the others vote."
    )
    expect(denmark.get_by_test_id("vote-open")).to_be_visible()
    expect(denmark.get_by_test_id("veto-note")).to_have_count(0)
    denmark.get_by_role("button", name="YES").tap()
    russia.get_by_role("button", name="NO").tap()
    expect(russia.get_by_test_id("my-ballot")).to_have_text("You voted no.")

    box.locator("select[name=delegation]").select_option(label="Pakistan")
    box.get_by_role("button", name="Yes", exact=True).click()
    expect(president.locator("#flash")).to_contain_text("Pakistan is a party to the dispute: it abstains")
    for cast, (name, hand) in enumerate(HANDS.items(), start=3):
        box.locator("select[name=delegation]").select_option(label=name)
        box.get_by_role("button", name=hand, exact=True).click()
        expect(box.get_by_test_id("vote-count")).to_contain_text(f"{cast} of 15 have voted")
    expect(box.get_by_test_id("vote-count")).to_contain_text("11 yes · 1 no · 3 abstaining")
    shoot(president, "council-vote-chair")
    found = [*problems(president, "president, vote open"), *problems(russia, "Russian Federation, vote open")]
    box.get_by_test_id("close-vote").click()

    expect(projector.get_by_test_id("projector-veto")).to_have_text("Veto · Russian Federation")
    expect(projector.get_by_test_id("projector-result")).to_have_text(VETO[0].upper() + VETO[1:])
    shoot(projector, "council-veto-projector")
    expect(russia.get_by_test_id("phone-veto")).to_contain_text(f"S/DR 1: Veto · {VETO}")
    shoot(russia, "council-veto-phone")
    found += [*problems(projector, "projector, the veto"), *problems(russia, "Russian Federation, the veto")]
    assert found == []

    minutes = president.context.new_page()
    minutes.goto(links["chair"].split("/signin/")[0] + "/c/sc/minutes/")
    expect(minutes.locator("body")).to_contain_text(VETO)
    docx = minutes.request.get(links["chair"].split("/signin/")[0] + "/c/sc/minutes.docx")
    assert docx.ok
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.body())).paragraphs)
    assert VETO in text
