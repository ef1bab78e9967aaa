"""What a phone downloads: each screen's page as served (compressed, as a browser asks for it), the
number of requests it takes, and how long the floor takes to be painted on a slow mobile network.

The slow network is WebPageTest's "3G Slow" profile (400 ms round trip, 400 kbit/s each way), applied
by Chromium itself (DevTools' network emulation): Chromium's own "Slow 3G" preset adds a 2 s delay to
every response, which no page meets in 2 s; both are printed.
"""

from __future__ import annotations

import gzip
import re
import urllib.request
from pathlib import Path

from tests.browser.server import Browser

ASSETS = re.compile(r'<(?:script[^>]+src|link[^>]+href)="(/static/[^"]+)"')
PROFILES = {
    "3G slow (WebPageTest: 400 ms RTT, 400 kbit/s)": {"latency": 400, "down": 400_000 / 8, "up": 400_000 / 8},
    "Chromium DevTools 'Slow 3G' (2 s per response, 400 kbit/s)": {
        "latency": 2000,
        "down": 500_000 / 8 * 0.8,
        "up": 500_000 / 8 * 0.8,
    },
}


def fetch(url: str, cookies: str = "") -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br, gzip", "Cookie": cookies})
    with urllib.request.urlopen(request, timeout=20) as response:
        return response.status, dict(response.headers), response.read()


def weights(base: str, links: dict[str, str]) -> dict:
    """Bytes transferred (compressed where the server compresses) and requests, for a first load of
    each screen: its page and every asset it names."""
    screens = {
        "phone": (links["delegate Canada"], base + "/c/unodc/delegate/"),
        "projector": (None, links["projector"]),
    }
    out = {}
    for name, (join, page) in screens.items():
        visitor = Browser(base)
        if join:
            visitor.open(join)
        status, headers, body = fetch(page, visitor.cookies())
        total = len(body)
        html = gzip.decompress(body).decode() if headers.get("Content-Encoding") == "gzip" else body.decode()
        requests = 1
        assets = {}
        for path in dict.fromkeys(ASSETS.findall(html)):
            _, asset_headers, asset = fetch(base + path)
            requests += 1
            total += len(asset)
            assets[path.rsplit("/", 1)[-1]] = (
                len(asset),
                asset_headers.get("Content-Encoding", "identity"),
                asset_headers.get("Cache-Control", ""),
            )
        out[name] = {"bytes": total, "requests": requests, "html": len(body), "assets": assets}
    return out


FLOOR_PAINTED = """
window.__floorFrame = null;
window.__liveFrame = null;
(function frame() {
  if (window.__floorFrame === null && document.querySelector("[data-testid=counts]")) {
    window.__floorFrame = performance.now();
  }
  if (document.body && document.body.dataset.live === "open") { window.__liveFrame = performance.now(); return; }
  requestAnimationFrame(frame);
})();
"""


def slow_network(base: str, links: dict[str, str]) -> dict:
    """Seconds from navigation to the phone's floor painted, and to its socket live, under each
    profile, in Debian's Chromium; the requests it made, and how many of them held the first paint.

    Painted means on the glass: the first contentful paint, and the first frame in which the floor is
    in the page (a browser runs no frame while a stylesheet holds its rendering). An element merely in
    the page is not shown: while a stylesheet is on its way, nothing is (until 2026-12-05 this bench
    timed the element's arrival, 0.51 s where the paint came at 1.30)."""
    import os

    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        return {"error": f"no Chromium at {chromium}"}
    out = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"],
        )
        try:
            for name, profile in PROFILES.items():
                context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
                page = context.new_page()
                page.goto(links["delegate Finland"])  # joins (sets the cookies), on a fast network
                page.add_init_script(FLOOR_PAINTED)
                requests: list[str] = []
                page.on("request", lambda r, seen=requests: seen.append(r.url))
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})  # a first visit
                cdp.send(
                    "Network.emulateNetworkConditions",
                    {
                        "offline": False,
                        "latency": profile["latency"],
                        "downloadThroughput": profile["down"],
                        "uploadThroughput": profile["up"],
                    },
                )
                requests.clear()
                page.goto(base + "/c/unodc/delegate/", wait_until="commit")
                page.wait_for_function(
                    "() => window.__floorFrame !== null"
                    " && performance.getEntriesByName('first-contentful-paint').length > 0",
                    timeout=60000,
                    polling=50,
                )
                page.wait_for_function("() => window.__liveFrame !== null", timeout=60000, polling=50)
                timing = page.evaluate(
                    """() => ({
                      painted: Math.max(window.__floorFrame,
                                        performance.getEntriesByName('first-contentful-paint')[0].startTime),
                      live: window.__liveFrame,
                      blocking: performance.getEntriesByType('resource')
                        .filter(e => e.renderBlockingStatus === 'blocking').length,
                    })"""
                )
                out[name] = {
                    "floor_s": timing["painted"] / 1000,
                    "live_s": timing["live"] / 1000,  # the first frame with the live dot on
                    "requests": len(requests),
                    "render_blocking": timing["blocking"],
                }
                context.close()
        finally:
            browser.close()
    return out
