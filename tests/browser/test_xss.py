"""Nothing a delegate types ever runs, on any screen: the XSS corpus (tests/xss.py) typed into every
text field (papers, clauses, amendments, a caucus topic, a point, a ruling), shown on the chair's
laptop, the phones, the projector, the UN-style page, the editing and amending pages; and typed
again on a phone while every screen is live, so that it arrives through a broadcast and htmx swaps
it in. Each page is watched for the three signs of a payload that ran: window.__pwned set, a dialog,
a request to /xss-hit."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, PROJECTOR, shoot
from tests.xss import PAYLOADS

WATCH = "window.__pwned = 0;"


def watched(people, kind, hits):
    page = people(kind)
    page.add_init_script(WATCH)
    page.on("dialog", lambda dialog: (hits.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("request", lambda request: "xss-hit" in request.url and hits.append(f"request: {request.url}"))
    return page


def unharmed(page, hits, where: str) -> None:
    page.wait_for_timeout(300)  # an onload, an htmx trigger, a srcdoc would have fired by now
    assert page.evaluate("window.__pwned") == 0, where
    found = page.evaluate(
        """() => {
            const bad = [];
            for (const el of document.querySelectorAll("*")) {
                for (const attr of el.attributes) {
                    const name = attr.name.toLowerCase();
                    if ((name.startsWith("on") || name.includes("hx-")) && /pwned|xss-hit/.test(attr.value)) {
                        bad.push(el.tagName + " " + name);
                    }
                    const value = attr.value.trim().toLowerCase();
                    if (name === "href" && value.startsWith("javascript:")) bad.push("javascript link");
                    if (name === "srcdoc") bad.push("srcdoc");
                }
                const inside = el.textContent + (el.getAttribute("srcdoc") || "");
                if (["SCRIPT", "IFRAME"].includes(el.tagName) && /pwned/.test(inside)) bad.push(el.tagName);
            }
            const tricks = /[\\u202a-\\u202e\\u2066-\\u2069\\u200b]/;
            if (tricks.test(document.body.innerText)) bad.push("bidi or hidden characters");
            return bad;
        }"""
    )
    assert found == [], (where, found)
    assert hits == [], (where, hits)


def test_the_corpus_never_runs_on_any_screen(unstarted_room, people):
    room = unstarted_room
    room.manage("shell", "-c", "from tests.browser.scenes import hostile; hostile()")
    query = "from resolutions.models import Paper; print(*[Paper.objects.get(status=s).pk for s in {}])"
    ids = room.manage("shell", "-c", query.format(("introduced", "working")))
    introduced, working = (int(pk) for pk in ids.strip().splitlines()[-1].split())
    room.start()
    hits: list[str] = []
    chair = watched(people, LAPTOP, hits)
    chair.goto(room.links["chair"])
    canada = watched(people, PHONE, hits)
    canada.goto(room.links["delegate Canada"])
    brazil = watched(people, PHONE, hits)
    brazil.goto(room.links["delegate Brazil"])
    projector = watched(people, PROJECTOR, hits)
    projector.goto(room.links["projector"])
    for page in (chair, canada, brazil, projector):
        expect(page.locator("body")).to_have_attribute("data-live", "open")
    # The payloads are there, as text: the formatting a clause may have survives, nothing else does.
    expect(projector.get_by_test_id("projector-draft")).to_contain_text("Italic and bold and H2O stay")
    expect(projector.get_by_test_id("projector-draft").locator("sub")).to_have_text("2")
    expect(chair.get_by_test_id("point")).to_contain_text("</textarea><script>")
    brazil.get_by_test_id("draft-on-floor").locator("summary").tap()
    screens = ((chair, "chair"), (canada, "Canada's phone"), (brazil, "Brazil's phone"), (projector, "projector"))
    for page, where in screens:
        unharmed(page, hits, where)
    shoot(projector, "xss-projector")
    shoot(brazil, "xss-phone")

    # Typed again while every screen is live: a new paper's title and a clause, from Canada's phone.
    canada.get_by_text("Start a working paper").tap()
    canada.locator(".start-paper input[name=title]").fill(PAYLOADS[6])
    canada.get_by_role("button", name="Start it").tap()
    expect(chair.get_by_test_id("paper")).to_have_count(3)
    expect(brazil.get_by_test_id("my-paper")).to_have_count(2)
    expect(brazil.get_by_test_id("my-paper").last).to_contain_text('<p hx-get="/xss-hit"')
    for page, where in ((chair, "chair (live)"), (brazil, "Brazil's phone (live)"), (projector, "projector (live)")):
        unharmed(page, hits, where)

    # The pages of a paper: as the UN prints it, the sponsors' editing page, the amending page.
    for path, where in (
        (f"/c/unodc/papers/{introduced}/", "UN-style page"),
        (f"/c/unodc/papers/{working}/edit/", "editing page"),
        (f"/c/unodc/papers/{introduced}/amend/", "amending page"),
    ):
        canada.goto(room.base + path)
        expect(canada.locator("main")).to_be_visible()
        unharmed(canada, hits, where)
    # The editing page gives each clause back for editing as stored: sanitised, the formatting kept.
    canada.goto(room.base + f"/c/unodc/papers/{working}/edit/")
    texts = canada.locator("textarea[name=text]").evaluate_all("(areas) => areas.map((a) => a.value)")
    assert "<em>Italic</em> and <strong>bold</strong> and H<sub>2</sub>O stay against crime" in texts
    for text in texts:
        assert not any(bad in text.lower() for bad in ("<script", "onerror", "javascript:", "hx-", "<svg")), text
    canada.locator(".clause-change summary").first.tap()
    unharmed(canada, hits, "editing page, a clause open")
