"""Two server processes behind one committee: PostgreSQL holds the floor, Redis carries the broadcasts.

alice chairs on a laptop served by one daphne; Canada's phone and the projector are served by another.
Uses this machine's real PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379), never a mock.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, PROJECTOR, chair_opens_a_sitting
from tests.services import fresh_database, problems, services_env

pytestmark = pytest.mark.multiprocess


@pytest.fixture
def two_servers(make_room):
    """Two daphne processes of one deployment: one PostgreSQL database, one Redis, one secret key."""
    if problems():
        pytest.fail("; ".join(problems()) + " (.ci/run starts them)", pytrace=False)
    with fresh_database() as database_url:
        env = services_env(database_url)
        first = make_room(env=env).prepare()
        second = make_room(env=env)
        second.links = {name: url.replace(first.base, second.base) for name, url in first.links.items()}
        first.start()
        second.start()
        yield first, second
        first.stop()
        second.stop()


def test_the_servers_really_use_postgresql_and_redis(two_servers):
    first, _ = two_servers
    out = first.manage(
        "shell",
        "-c",
        "from django.db import connection; from django.conf import settings; "
        "print(connection.vendor, settings.CHANNEL_LAYERS['default']['BACKEND'])",
    )
    assert out.strip().splitlines()[-1].split() == [
        "postgresql",
        "channels_redis.pubsub.RedisPubSubChannelLayer",
    ]


def test_a_change_made_on_one_server_reaches_screens_on_the_other(two_servers, people):
    first, second = two_servers
    chair = chair_opens_a_sitting(people, first.links["chair"])

    canada = people(PHONE)
    canada.goto(second.links["delegate Canada"])
    projector = people(PROJECTOR)
    projector.goto(second.links["projector"])
    for page in (canada, projector):
        expect(page.locator("body")).to_have_attribute("data-live", "open")
        expect(page.locator("#status")).to_contain_text("Session I")

    chair.locator('li[data-name="canada"] button[value="present_voting"]').click()
    expect(canada.get_by_test_id("my-status")).to_have_text("Present and voting")
    expect(projector.locator('li[data-name="Canada"]')).to_have_attribute("data-status", "present_voting")


def test_an_account_made_inactive_from_a_shell_loses_the_chairs_screen_on_the_other_server(two_servers, people):
    """Issue 28: the secretariat takes the demo chair off in a shell beside the first server; a chair's
    socket on the second server, which never pings, is closed at once (the check crosses by Redis)."""
    from websockets.sync.client import connect

    first, second = two_servers
    chair = people(LAPTOP)
    chair.goto(second.links["chair"])  # signs in: the laptop's session cookie
    expect(chair.locator("body")).to_have_attribute("data-live", "open")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in chair.context.cookies())
    address = second.base.replace("http://", "ws://") + "/ws/c/unodc/chair/"
    with connect(address, additional_headers={"Cookie": cookie, "Origin": second.base}) as silent:
        assert 'id="status"' in silent.recv(timeout=5)
        first.manage(
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model; "
            "user = get_user_model().objects.get(username='chair'); user.is_active = False; user.save()",
        )
        said = ""
        while "no longer" not in said:
            said = silent.recv(timeout=2)  # no ping from this socket: only the revocation can say it
    expect(chair.locator("body")).to_contain_text("no longer", timeout=5000)


def test_a_chair_who_signs_out_on_one_server_is_signed_out_on_the_other(two_servers, people):
    """The sessions' cache is Redis, shared by the deployment: alice signs out on the first server, and
    a copy of her laptop's session cookie no longer opens the dashboard on the second (a cache of the
    second process's own would have kept her signed in there)."""
    import urllib.error
    import urllib.request

    first, second = two_servers
    chair = people(LAPTOP)
    chair.goto(first.links["chair"])  # signs in
    expect(chair.locator("body")).to_have_attribute("data-live", "open")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in chair.context.cookies() if c["name"] == "sessionid")

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def dashboard_on_the_second() -> int:
        request = urllib.request.Request(f"{second.base}/c/unodc/chair/", headers={"Cookie": cookie})
        try:
            return urllib.request.build_opener(NoRedirect).open(request, timeout=10).status
        except urllib.error.HTTPError as answer:
            return answer.code

    assert dashboard_on_the_second() == 200
    chair.get_by_test_id("sign-out").click()
    expect(chair).to_have_url(f"{first.base}/")
    assert dashboard_on_the_second() == 302  # to the sign-in page


def test_the_console_on_one_server_counts_the_phones_on_the_other(two_servers, people):
    """sam watches the console on the first server; Canada's and Finland's phones and the chair are on
    the second, the projector on the first: the card counts every screen of the deployment."""
    from tests.browser.test_marking import sign_in_link

    first, second = two_servers
    console = people(PROJECTOR)
    console.goto(sign_in_link(first, "secretariat", "/console/"))
    expect(console.locator("body")).to_have_attribute("data-live", "open")
    screens = console.get_by_test_id("screens-unodc")
    expect(screens).to_contain_text("0 phones · 0 chairs · 0 projectors")

    chair, projector = people(LAPTOP), people(PROJECTOR)
    chair.goto(second.links["chair"])
    projector.goto(first.links["projector"])
    phones = [people(PHONE) for _ in range(2)]
    phones[0].goto(second.links["delegate Canada"])
    phones[1].goto(second.links["delegate Finland"])
    for page in (chair, projector, *phones):
        expect(page.locator("body")).to_have_attribute("data-live", "open")
    expect(screens).to_contain_text("2 phones · 1 chair · 1 projector", timeout=15_000)
