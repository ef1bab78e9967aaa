"""The UN's languages on the screens (issue 27): Canada's phone speaks French, Finland's Arabic (the
page mirrored, right to left) and Brazil's Chinese, each from its browser's language, while Alice
chairs in English: they follow her vote, each cast in its own words, and the chair's count takes
them all. Brazil switches her phone to English. A Spanish committee's projector speaks Spanish
whatever the browser showing it, and its minutes are in Spanish though Alice reads them on her
English laptop. Screenshots: phone-french.png, phone-arabic.png, phone-chinese.png,
projector-spanish.png, minutes-spanish.png."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, PROJECTOR, chair_opens_a_sitting, shoot
from tests.browser.test_accessibility import problems
from tests.browser.test_debate_floor import mark_present


def phone_in(people, link: str, locale: str):
    phone = people({**PHONE, "locale": locale})
    phone.goto(link)
    expect(phone.locator("body")).to_have_attribute("data-live", "open")
    return phone


def test_phones_in_french_arabic_and_chinese_follow_a_vote_the_chair_runs_in_english(room, people):
    chair = chair_opens_a_sitting(people, room.links["chair"])
    canada = phone_in(people, room.links["delegate Canada"], "fr-FR")
    finland = phone_in(people, room.links["delegate Finland"], "ar-EG")
    brazil = phone_in(people, room.links["delegate Brazil"], "zh-CN")

    expect(canada.locator("html")).to_have_attribute("lang", "fr")
    expect(finland.locator("html")).to_have_attribute("dir", "rtl")
    expect(brazil.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(canada.get_by_test_id("my-status")).to_have_text("Non marqué présent")
    expect(finland.get_by_test_id("my-status")).to_have_text("لم يُسجَّل حاضرًا")
    expect(brazil.get_by_test_id("my-status")).to_have_text("未登记出席")

    mark_present(chair, "Canada", "Finland", "Brazil")
    expect(canada.get_by_test_id("my-status")).to_have_text("Présent")
    expect(finland.get_by_test_id("my-status")).to_have_text("حاضر")
    expect(brazil.get_by_test_id("my-status")).to_have_text("出席")
    expect(canada.get_by_test_id("ask-to-speak")).to_have_text("Demander la parole")

    # Canada moves an unmoderated caucus in French; the chair reads it in English.
    canada.get_by_text("Présenter une motion").tap()
    form = canada.locator(".phone-actions [data-field-form]")
    form.locator("select[name=kind]").select_option("unmoderated_caucus")
    form.locator("input[name=topic]").fill("Rédaction")
    form.locator("input[name=duration]").fill("5")
    form.get_by_role("button", name="Présenter la motion").tap()
    expect(chair.get_by_test_id("motion")).to_contain_text("unmoderated caucus")
    expect(canada.get_by_test_id("my-motion")).to_contain_text("Votre motion :")

    chair.keyboard.press("o")  # the vote, on phones
    box = chair.get_by_test_id("vote-box")
    expect(box).to_contain_text("0 of 13 have voted")
    expect(canada.get_by_test_id("vote-open")).to_contain_text("Vote ouvert :")
    expect(finland.get_by_test_id("vote-open")).to_contain_text("التصويت مفتوح:")
    expect(brazil.get_by_test_id("vote-open")).to_contain_text("表决进行中：")
    shoot(finland, "phone-arabic")
    assert problems(finland, "the Arabic phone in a vote") == []

    canada.get_by_role("button", name="OUI").tap()
    finland.get_by_role("button", name="لا").tap()
    brazil.get_by_role("button", name="赞成").tap()
    expect(box).to_contain_text("3 of 13 have voted (3 on their phones): 2 yes · 1 no")
    expect(canada.get_by_test_id("my-ballot")).to_have_text("Vous avez voté : oui.")
    expect(finland.get_by_test_id("my-ballot")).to_have_text("صوّتَ وفدك: لا.")
    expect(brazil.get_by_test_id("my-ballot")).to_have_text("您已投票：赞成。")
    expect(canada.get_by_test_id("present")).to_have_text("13")  # the header, live, in French too
    shoot(canada, "phone-french")
    shoot(brazil, "phone-chinese")

    # Brazil's delegate would rather read English: the switch at the foot of her phone.
    brazil.get_by_test_id("language").select_option("en-gb")
    brazil.get_by_role("button", name="更改").tap()
    expect(brazil.get_by_test_id("my-ballot")).to_have_text("You voted yes.")
    expect(brazil.locator("html")).to_have_attribute("lang", "en-gb")
    expect(brazil.locator("body")).to_have_attribute("data-live", "open")

    chair.on("dialog", lambda dialog: dialog.accept())  # "Only 3 of 13 have voted. Close anyway?"
    chair.get_by_test_id("close-vote").click()
    expect(canada.get_by_test_id("phone-outcome")).to_contain_text("Dernière :")
    expect(brazil.get_by_test_id("phone-outcome")).to_contain_text("Last:")


def test_a_spanish_committees_projector_and_minutes_speak_spanish(unstarted_room, people):
    room = unstarted_room
    room.manage("shell", "-c", "from committee.models import Committee; Committee.objects.update(language='es')")
    room.start()
    chair = chair_opens_a_sitting(people, room.links["chair"])  # Alice's laptop speaks English
    projector = people({**PROJECTOR, "locale": "en-GB"})
    projector.goto(room.links["projector"])
    expect(projector.locator("body")).to_have_attribute("data-live", "open")
    expect(projector.locator("html")).to_have_attribute("lang", "es")
    expect(projector.locator(".proj-sitting")).to_have_text("Sesión I")
    expect(projector.locator(".proj-legend")).to_contain_text("presentes y votantes")
    mark_present(chair, "Canada")
    expect(projector.locator(".proj-figures")).to_contain_text("presentes")
    expect(projector.get_by_test_id("present")).to_have_text("13")
    expect(projector.get_by_test_id("phase")).to_have_text("Debate formal")
    expect(projector.locator('li[data-name="Canadá"]')).to_have_attribute("data-status", "present")
    shoot(projector, "projector-spanish")
    expect(chair.locator("#status")).to_contain_text("Session I")  # Alice's own screen stays English

    minutes = chair.context.new_page()
    minutes.goto(f"{room.base}/c/unodc/minutes/")
    expect(minutes.locator("html")).to_have_attribute("lang", "es")
    expect(minutes.locator("h1").first).to_have_text("Acta resumida de la 1.ª sesión")
    expect(minutes.get_by_test_id("summary")).to_contain_text("Se pasó lista")
    expect(minutes.get_by_test_id("summary")).to_contain_text("Canadá")
    shoot(minutes, "minutes-spanish")
