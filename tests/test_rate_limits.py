"""A delegation's phones may press a dozen times at once and then twice a second: a flood from one
phone (or a script posing as one) is refused in words before it takes the committee's lock, other
delegations and the chair are not slowed, and the delegation may press again a moment later."""

from __future__ import annotations

import pytest

from committee.live.memory import MEMORY
from committee.models import JournalEntry
from tests.conftest import cookie_of


@pytest.fixture(autouse=True)
def real_limits(unodc, test_settings):
    """The limits of a room (the suite lifts them), on a clock the test moves: [now]."""
    test_settings.LIVE = {**test_settings.LIVE, "PRESS_BURST": 12, "PRESS_PER_SECOND": 2.0}
    now = [1000.0]
    MEMORY.of(unodc.pk).presses.clock = lambda: now[0]
    return now


def press(client, command: str, fields: dict | None = None):
    return client.post(f"/c/unodc/do/{command}/", fields or {}, HTTP_HX_REQUEST="true")


def test_a_flood_from_one_phone_is_refused_and_changes_nothing(in_session, canada_phone, finland_phone, alice_client):
    answers = [press(canada_phone, "speakers.ask" if n % 2 == 0 else "speakers.withdraw") for n in range(40)]
    refused = [a for a in answers if "Too many presses from Canada" in a.content.decode()]
    assert len(refused) == 40 - 12
    assert all(a.status_code == 409 for a in refused)
    journal = JournalEntry.objects.count()
    assert press(canada_phone, "speakers.ask").status_code == 409
    assert JournalEntry.objects.count() == journal  # refused before anything was done
    # Finland and the chair are not held up.
    assert press(finland_phone, "speakers.ask").status_code == 200
    finland = in_session.delegations.get(name="Finland")
    assert press(alice_client, "speakers.add", {"delegation": finland.pk}).status_code in (200, 409)
    assert "Too many" not in press(alice_client, "rollcall.arrived").content.decode()


def test_a_moment_later_the_delegation_may_press_again(in_session, canada_phone, real_limits):
    for _ in range(12):
        press(canada_phone, "rollcall.arrived")
    assert "Too many presses" in press(canada_phone, "rollcall.arrived").content.decode()
    real_limits[0] += 1.0  # a second later: two more presses
    assert "Too many" not in press(canada_phone, "rollcall.arrived").content.decode()
    assert "Too many" not in press(canada_phone, "rollcall.arrived").content.decode()
    assert "Too many presses" in press(canada_phone, "rollcall.arrived").content.decode()


def test_the_limit_is_the_delegations_whichever_phone_presses(in_session, canada):
    from tests.conftest import phone_of

    first, second = phone_of(canada), phone_of(canada)
    for _ in range(6):
        press(first, "rollcall.arrived")
        press(second, "rollcall.arrived")
    assert "Too many presses from Canada" in press(second, "rollcall.arrived").content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_flood_over_the_socket_is_refused_and_the_socket_stays_open(unodc, sitting, canada_phone, sockets):
    phone = sockets("/ws/c/unodc/delegate/", cookie_of(canada_phone))
    phone.receive()
    for _ in range(20):  # within what a socket may send at once (tests/test_floods.py: beyond)
        phone.send_json({"command": "rollcall.arrived"})
    assert "Too many presses from your delegation" in phone.receive_until("Too many presses", limit=60)
    phone.send_json({"command": "ping"})
    assert phone.receive_until("<!--pong", limit=60).startswith("<!--pong")


# ---- several processes: the count is kept in Redis ---------------------------------------------------


def two_processes(committee_id: int, url: str):
    """Two server processes' counts of one committee, each with its own way to Redis."""
    import secrets

    from committee.limits import PressLimits, SharedCounts

    prefix = f"mun-test-{secrets.token_hex(4)}"
    now = [1000.0]
    first, second = (PressLimits(committee_id, SharedCounts(url, prefix), clock=lambda: now[0]) for _ in range(2))
    return first, second, now


@pytest.mark.multiprocess
def test_with_two_processes_a_delegation_gets_the_rate_once(unodc, canada, real_limits):
    from tests.services import REDIS

    first, second, now = two_processes(unodc.pk, REDIS)
    assert all(first.take(canada.pk) and second.take(canada.pk) for _ in range(6))
    assert not first.take(canada.pk) and not second.take(canada.pk)  # twelve between them
    now[0] += 1.0
    assert second.take(canada.pk) and first.take(canada.pk)  # a second later, two more
    assert not first.take(canada.pk)


@pytest.mark.multiprocess
def test_a_socket_counts_in_redis_without_blocking_its_loop(unodc, canada, real_limits):
    import asyncio

    from tests.services import REDIS

    first, second, _ = two_processes(unodc.pk, REDIS)

    async def presses():
        return [await first.take_async(canada.pk) for _ in range(8)] + [second.take(canada.pk) for _ in range(5)]

    assert asyncio.run(presses()).count(True) == 12


def test_redis_out_of_reach_the_process_counts_alone_and_says_so(unodc, canada, real_limits, caplog):
    first, _, _ = two_processes(unodc.pk, "redis://127.0.0.1:1/0")  # nothing listens there
    assert [first.take(canada.pk) for _ in range(13)].count(True) == 12
    assert "presses are counted by this process alone: Redis cannot be reached" in caplog.text
