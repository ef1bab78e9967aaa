"""A screen is live only when it really is: what the chair and the phones see when updates arrive out
of order, when the server freezes, and when the server closes a socket in the normal way."""

from __future__ import annotations

import os
import signal
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, chair_opens_a_sitting

# The live room's own tests run on the embedded setup and again on PostgreSQL + Redis.
pytestmark = pytest.mark.both_setups

# Keeps every WebSocket the page opens, so a test can hand it a message as the server would.
CAPTURE_SOCKETS = """
window.__sockets = [];
const Native = window.WebSocket;
window.WebSocket = function (url, protocols) {
  const socket = protocols ? new Native(url, protocols) : new Native(url);
  window.__sockets.push(socket);
  return socket;
};
window.WebSocket.prototype = Native.prototype;
Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
"""


def deliver(page, html: str) -> None:
    """A message on the page's socket, exactly as one from the server."""
    page.evaluate(
        "(html) => { const s = window.__sockets.at(-1); s.dispatchEvent(new MessageEvent('message', {data: html})); }",
        html,
    )


def test_a_late_update_never_takes_a_region_back_in_time(room, people):
    chair = people(LAPTOP)
    chair.add_init_script(CAPTURE_SOCKETS)
    chair = chair_opens_a_sitting(lambda kind: chair, room.links["chair"])
    row = chair.locator('li[data-name="canada"]')
    chair.locator('li[data-name="canada"] button[value="present"]').click()
    expect(row).to_have_attribute("data-status", "present")
    newer = int(row.get_attribute("data-v"))
    row_id = row.get_attribute("id")

    # An update rendered before the click, arriving after it (two actions broadcast out of order).
    deliver(chair, f'<li id="{row_id}" data-v="{newer - 1}" data-status="absent" hx-swap-oob="true">stale</li>')
    time.sleep(0.3)
    expect(row).to_have_attribute("data-status", "present")
    expect(row).not_to_have_text("stale")
    # The same region inside an older container is kept as it is too.
    deliver(
        chair,
        f'<ol id="rollcall" data-v="{newer - 1}" hx-swap-oob="true">'
        f'<li id="{row_id}" data-v="{newer - 1}" data-status="absent">stale</li></ol>',
    )
    time.sleep(0.3)
    expect(row).to_have_attribute("data-status", "present")
    # A newer one is applied.
    deliver(chair, f'<li id="{row_id}" data-v="{newer + 1}" data-status="absent" hx-swap-oob="true">newer</li>')
    expect(chair.locator(f"#{row_id}")).to_have_text("newer")


def test_a_frozen_server_shows_reconnecting_within_seconds_and_the_screen_comes_back(room, people):
    chair = chair_opens_a_sitting(people, room.links["chair"])
    canada = people(PHONE)
    canada.goto(room.links["delegate Canada"])
    expect(canada.locator("body")).to_have_attribute("data-live", "open")

    os.kill(room.process.pid, signal.SIGSTOP)  # the laptop's server hangs (not a crash: sockets stay open)
    try:
        started = time.monotonic()
        for page in (chair, canada):
            expect(page.locator("#conn-banner")).to_be_visible(timeout=12000)
            expect(page.locator("#conn-banner")).to_contain_text("Reconnecting")
        noticed = time.monotonic() - started
        assert noticed < 10, f"the screens noticed after {noticed:.1f} s"
        # Canada's tap is kept on her phone while the server is unreachable, and sent when it is back.
        canada.get_by_role("button", name="We have arrived — tell the chair").tap()
        expect(canada.get_by_test_id("kept")).to_have_text("Waiting to send: We have arrived — tell the chair")
        # Space, the timer's key, does nothing while the server is unreachable: the page stays put.
        chair.keyboard.press(" ")
        chair.wait_for_timeout(300)
        assert chair.evaluate("window.scrollY") == 0
    finally:
        os.kill(room.process.pid, signal.SIGCONT)

    for page in (chair, canada):
        expect(page.locator("body")).to_have_attribute("data-live", "open", timeout=20000)
    expect(chair.get_by_test_id("arrivals")).to_contain_text("Canada")
    expect(canada.get_by_test_id("kept")).to_be_hidden()
    chair.locator('li[data-name="canada"] button[value="present"]').click()
    expect(canada.get_by_test_id("my-status")).to_have_text("Present")
    # Sockets that closed while the server was frozen are no crash: the log shows no traceback.
    assert "Traceback" not in room.log_path.read_text()


def test_a_socket_the_server_closes_normally_comes_back(make_room, people):
    # Daphne closes every socket after --websocket_timeout (a day by default) with code 1000, which
    # the htmx extension alone never retries: a projector left on overnight was dead in the morning.
    server = make_room(daphne_args=("--websocket_timeout", "3")).prepare().start()
    chair = chair_opens_a_sitting(people, server.links["chair"])
    canada = people(PHONE)
    canada.goto(server.links["delegate Canada"])
    expect(canada.locator("body")).to_have_attribute("data-live", "open")
    canada.evaluate("window.loadedOnce = true")
    time.sleep(7)  # the server has closed each socket at least once by now
    chair.locator('li[data-name="canada"] button[value="present_voting"]').click()
    expect(canada.get_by_test_id("my-status")).to_have_text("Present and voting")
    assert canada.evaluate("window.loadedOnce === true")  # no reload: the socket came back by itself
