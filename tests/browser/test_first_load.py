"""A phone's first load on the room's Wi-Fi: Finland's delegate opens the floor on a phone that has
never seen the app. The page weighs at most 40 KiB as transferred, in at most 6 requests; nothing
holds its first paint (its stylesheet comes inside the page), so the floor is styled in the very
first frame it is shown; its scripts come compressed and cached for good."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import PHONE

FIRST_FRAME = """
window.__firstFloorFrame = null;
(function frame() {
  const counts = document.querySelector("[data-testid=counts]");
  if (counts) {
    const bar = getComputedStyle(document.querySelector(".phone-bar"));
    window.__firstFloorFrame = {display: bar.display, background: bar.backgroundColor};
    return;
  }
  requestAnimationFrame(frame);
})();
"""


def test_finlands_first_load_is_light_and_paints_the_floor_styled_at_once(room, people):
    phone = people(PHONE)
    phone.goto(room.links["delegate Finland"])  # joins on the way: the cookies of Finland's phone
    phone.add_init_script(FIRST_FRAME)
    cdp = phone.context.new_cdp_session(phone)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})  # as on a phone that never came
    transferred: dict[str, int] = {}
    cdp.on("Network.loadingFinished", lambda e: transferred.__setitem__(e["requestId"], e["encodedDataLength"]))
    responses = []
    phone.on("response", lambda response: responses.append(response))

    phone.goto(room.base + "/c/unodc/delegate/")
    expect(phone.locator("body")).to_have_attribute("data-live", "open")
    phone.wait_for_load_state("load")

    urls = [r.url for r in responses]
    assert len(urls) <= 6, urls
    assert sum(transferred.values()) <= 40 * 1024, (sum(transferred.values()), urls)
    blocking = phone.evaluate(
        "() => performance.getEntriesByType('resource')"
        ".filter(e => e.renderBlockingStatus === 'blocking').map(e => e.name)"
    )
    assert blocking == []  # no stylesheet or script for the page to wait for before it paints
    first = phone.evaluate("() => window.__firstFloorFrame")
    unstyled = phone.evaluate(
        """() => { const header = document.createElement("header");
                   document.body.appendChild(header);
                   const style = getComputedStyle(header);
                   const out = {display: style.display, background: style.backgroundColor};
                   header.remove(); return out; }"""
    )
    assert first is not None and first != unstyled  # the bar already drawn as the room's stylesheet says
    assert first == phone.evaluate(
        """() => { const bar = getComputedStyle(document.querySelector(".phone-bar"));
                   return {display: bar.display, background: bar.backgroundColor}; }"""
    )
    for response in responses:
        if "/static/" in response.url:
            assert response.headers.get("content-encoding") in {"br", "gzip"}, response.url
            assert "immutable" in response.headers.get("cache-control", ""), response.url
