"""A press sent again is done once. When the answer to alice's "+0:30" is lost (the Wi-Fi, a server
killed between the change and its answer), her page says so and keeps the press; pressed again, it goes
with the same id, and the server answers "done already" instead of extending the speech twice.
"""

from __future__ import annotations

import threading

import pytest

from committee.models import JournalEntry
from debate import actions
from debate.models import Speech
from tests.conftest import cookie_of

EXTEND = {"which": "speech", "operation": "extend", "seconds": "30"}
PRESS = "a1b2c3d4e5f60718"


@pytest.fixture
def canada_speaking(in_session, alice_actor):
    actions.add_speaker(in_session, alice_actor, in_session.delegations.get(name="Canada").pk)
    return actions.next_speaker(in_session, alice_actor)


def speech_time(committee) -> int:
    return Speech.objects.filter(committee=committee).latest("pk").timer.duration


def press(client, fields: dict, request_id: str | None = PRESS, command: str = "timer"):
    headers = {"HTTP_HX_REQUEST": "true"}
    if request_id is not None:
        headers["HTTP_X_REQUEST_ID"] = request_id
    return client.post(f"/c/unodc/do/{command}/", fields, **headers)


def test_the_same_press_twice_extends_the_speech_once(in_session, alice_client, canada_speaking):
    before = speech_time(in_session)
    first = press(alice_client, EXTEND)
    assert first.status_code == 200
    again = press(alice_client, EXTEND)  # its answer was lost: the page sends the same press
    assert again.status_code == 200
    assert "Done already" in again.content.decode() and "not done a second time" in again.content.decode()
    assert again["X-Floor-Resync"] == "1"  # the page asks for the floor, which shows the change
    assert speech_time(in_session) == before + 30
    assert JournalEntry.objects.filter(kind="timer.extend", request=PRESS).count() == 1


def test_a_new_press_is_a_new_change(in_session, alice_client, canada_speaking):
    before = speech_time(in_session)
    press(alice_client, EXTEND, "press-number-one")
    press(alice_client, EXTEND, "press-number-two")
    assert speech_time(in_session) == before + 60


def test_a_refused_press_is_not_remembered(in_session, alice_client, canada_speaking):
    """Refused, it changed nothing: the same press later, when the rules allow it, is done."""
    refused = press(alice_client, {**EXTEND, "seconds": "99999"})
    assert refused.status_code == 409
    assert not JournalEntry.objects.filter(request=PRESS).exists()
    assert press(alice_client, EXTEND).status_code == 200
    assert JournalEntry.objects.filter(request=PRESS).count() == 1


def test_an_id_that_is_not_one_is_ignored(in_session, alice_client, canada_speaking):
    before = speech_time(in_session)
    for bad in ("x", "a" * 41, "spaces are not ids", "\x00" * 10):
        assert press(alice_client, EXTEND, bad).status_code == 200
    assert speech_time(in_session) == before + 4 * 30
    assert not JournalEntry.objects.exclude(request="").exists()


def test_one_id_is_one_press_for_the_committee_whoever_sends_it_again(in_session, alice_client, canada_phone):
    assert press(canada_phone, {}, "ask-to-speak-01", "speakers.ask").status_code == 200
    again = press(canada_phone, {}, "ask-to-speak-01", "speakers.ask")
    assert "Done already" in again.content.decode()
    assert JournalEntry.objects.filter(kind="speakers.requested").count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_press_over_the_socket_is_done_once(unodc, alice_actor, alice_client, sockets):
    from committee import actions as committee_actions

    committee_actions.open_sitting(unodc, alice_actor)
    chair = sockets("/ws/c/unodc/chair/", cookie_of(alice_client))
    chair.receive()
    canada = unodc.delegations.get(name="Canada")
    message = {"command": "rollcall.mark", "delegation": canada.pk, "status": "present", "request": PRESS}
    chair.send_json(message)
    chair.receive_until('data-name="canada" data-status="present"')
    chair.send_json(message)
    assert "Done already" in chair.receive_until("Done already")
    assert JournalEntry.objects.filter(kind="rollcall.marked").count() == 1


@pytest.mark.django_db(transaction=True)
def test_copies_of_one_press_arriving_together_are_done_once(make_room):
    """Eight copies of one press, at the same instant, on a real server (SQLite, or PostgreSQL with
    the services setup): one change."""
    from tests.browser.server import Browser

    server = make_room().prepare().start()
    chair = Browser(server.base)
    chair.open(server.links["chair"])
    assert chair.post("sitting.open", {}) == 200
    page = chair.open(f"{server.base}/c/unodc/chair/")
    import re

    canada = re.search(r'id="row-(\d+)"[^>]*data-name="canada"', page).group(1)
    barrier = threading.Barrier(8)
    codes = []

    def send() -> None:
        barrier.wait()
        codes.append(
            chair.answer("rollcall.mark", {"delegation": canada, "status": "present"}, {"X-Request-Id": PRESS})
        )

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [code for code, _ in codes] == [200] * 8
    done_already = [html for _, html in codes if "Done already" in html]
    assert len(done_already) == 7
    out = server.manage(
        "shell",
        "-c",
        f"from committee.models import JournalEntry; print(JournalEntry.objects.filter(request='{PRESS}').count())",
    )
    assert out.strip().splitlines()[-1] == "1"
