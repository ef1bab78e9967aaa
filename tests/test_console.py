"""The secretariat's console (issue 26): sam, the secretariat, watches UNODC and the Security Council on
one live screen. Each committee's card shows its sitting and phase, who has the floor and their time,
the quorum, an open vote and its tally, its drafts; alerts say what needs the secretariat (the quorum
lost, a vote open five minutes, a point of order waiting a minute, phones dropping). A change of a
committee reaches the console as that committee's card, rendered once per version however many
consoles watch; a lost notice is healed at the next heartbeat. Only the secretariat opens it."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from committee import actions
from committee.demo.load import load_security_council
from committee.live.census import counted_here
from committee.live.console_cards import ConsoleMemory
from committee.live.metrics import METRICS
from committee.live.relay import Relay
from committee.models import Committee, Vote
from debate import actions as debate_actions
from tests.conftest import cookie_of, phone_of
from tests.test_marking import signed_in

pytestmark = pytest.mark.django_db(transaction=True)  # the sockets' database thread sees the test's rows


@pytest.fixture
def council(unodc):
    return load_security_council()


def ping(console) -> str:
    """A heartbeat, and what it brought until its pong."""
    console.send_json({"command": "ping"})
    brought = []
    for _ in range(100):  # the cards of the changes made meanwhile come first
        message = console.receive()
        if message.startswith("<!--pong"):
            return "".join(brought)
        brought.append(message)
    raise AssertionError("no pong")


def test_the_console_is_the_secretariats_alone(unodc, alice, eve, sam, sockets):
    for client in (signed_in(alice), signed_in(eve), phone_of(unodc.delegations.get(name="Canada")), Client()):
        response = client.get("/console/")
        assert response.status_code == 403 and "secretariat" in response.content.decode()
        socket = sockets("/ws/console/", cookie_of(client))
        assert "The console is the secretariat" in socket.receive()
        assert socket.receive_output() == {"type": "websocket.close", "code": 4403}
        assert client.get("/console/everything.zip").status_code == 403
    page = signed_in(sam).get("/console/").content.decode()
    assert 'data-testid="card-unodc"' in page and 'ws-connect="/ws/console/?lang=en-gb"' in page


def test_each_committee_has_its_card_with_its_floor(unodc, council, alice_actor, sam, sockets):
    from tests.conftest import PRESENT_AT_START

    actions.open_sitting(unodc, alice_actor)
    for name in PRESENT_AT_START:
        actions.mark_attendance(unodc, alice_actor, unodc.delegations.get(name=name).pk, "present")
    actions.close_roll_call(unodc, alice_actor)
    debate_actions.add_speaker(unodc, alice_actor, unodc.delegations.get(name="Canada").pk)
    debate_actions.next_speaker(unodc, alice_actor)
    console = sockets("/ws/console/", cookie_of(signed_in(sam)))
    grid = console.receive()
    unodc_card = grid.split('data-testid="card-unodc"')[1].split("</article>")[0]
    assert "Session I · Formal debate" in unodc_card
    assert "<b>Canada</b> has the floor" in unodc_card and "data-timer" in unodc_card
    assert "Present <b>15</b> · quorum met" in unodc_card
    council_card = grid.split('data-testid="card-sc"')[1].split("</article>")[0]
    assert "Not in session" in council_card
    assert 'data-testid="screens-unodc"' in grid and 'data-testid="alerts-sc"' in grid


def test_a_change_reaches_the_console_as_its_committees_card_rendered_once(unodc, council, alice_actor, sam, sockets):
    sam_client = signed_in(sam)
    first, second = (sockets("/ws/console/", cookie_of(sam_client)) for _ in range(2))
    first.receive(), second.receive()
    rendered = METRICS.console_renders
    actions.open_sitting(unodc, alice_actor)
    for console in (first, second):
        card = console.receive_until('id="card-')
        assert 'data-testid="card-unodc"' in card and "Session I" in card
        assert 'data-testid="card-sc"' not in card  # the other committee's card is not sent again
    assert METRICS.console_renders == rendered + 1  # one render for both consoles


def test_a_lost_notice_is_healed_at_the_next_heartbeat(unodc, council, alice_actor, sam, sockets):
    console = sockets("/ws/console/", cookie_of(signed_in(sam)))
    console.receive()
    # A change written with no broadcast at all (as if its notice were lost on the way).
    Committee.objects.filter(pk=council.pk).update(version=council.version + 5)
    brought = ping(console)
    assert 'data-testid="card-sc"' in brought and f'data-v="{council.version + 5}"' in brought
    assert "<!--pong" not in brought


def test_the_alerts_that_time_brings(unodc, alice_actor, sam, sockets):
    """India's point of order waits, and Mexico's caucus is put to the vote and left open: nothing to
    say at first; a minute and a quarter later, and six minutes into the vote, the card says both."""
    from debate.models import Point
    from tests.conftest import FULL_HOUSE_EXTRA, PRESENT_AT_START
    from tests.papers import actor_for

    actions.open_sitting(unodc, alice_actor)
    for name in PRESENT_AT_START + FULL_HOUSE_EXTRA:
        actions.mark_attendance(unodc, alice_actor, unodc.delegations.get(name=name).pk, "present")
    actions.close_roll_call(unodc, alice_actor)
    debate_actions.raise_point(unodc, actor_for(unodc, "India"), "order", "The speaking time was not announced")
    debate_actions.raise_motion(
        unodc, actor_for(unodc, "Mexico"), "unmoderated_caucus", {"topic": "Drafting", "duration": 600}
    )
    debate_actions.open_vote(unodc, alice_actor, Vote.Method.PLACARD)
    console = sockets("/ws/console/", cookie_of(signed_in(sam)))
    grid = console.receive()
    assert 'data-testid="card-vote"' in grid and "Vote open" in grid
    alerts = grid.split('data-testid="alerts-unodc"')[1].split("</ul>")[0]
    assert "<li>" not in alerts  # nothing has waited yet
    Point.objects.update(raised_at=timezone.now() - timedelta(seconds=75))
    Vote.objects.update(opened_at=timezone.now() - timedelta(minutes=6))
    actions.mark_attendance(unodc, alice_actor, unodc.delegations.get(name="Spain").pk, "present")  # a new card
    alerts = ping(console).split('data-testid="alerts-unodc"')[1].split("</ul>")[0]
    assert "Point of order from India waiting for 1 minute." in alerts
    assert "A vote has been open for 6 minutes." in alerts


def test_the_quorum_lost_is_an_alert(unodc, alice_actor, sam, sockets):
    from tests.conftest import FULL_HOUSE_EXTRA, PRESENT_AT_START

    actions.open_sitting(unodc, alice_actor)
    for name in PRESENT_AT_START + FULL_HOUSE_EXTRA:
        actions.mark_attendance(unodc, alice_actor, unodc.delegations.get(name=name).pk, "present")
    actions.close_roll_call(unodc, alice_actor)
    console = sockets("/ws/console/", cookie_of(signed_in(sam)))
    assert "Quorum lost" not in console.receive()
    for name in PRESENT_AT_START + FULL_HOUSE_EXTRA:
        actions.mark_attendance(unodc, alice_actor, unodc.delegations.get(name=name).pk, "absent")
    alerts = ping(console).split('data-testid="alerts-unodc"')[1].split("</ul>")[0]
    assert "Quorum lost: 0 members present" in alerts


def test_phones_dropping_is_an_alert():
    """Forty phones (in two languages), then thirty within the minute: dropped; thirty-eight: not."""
    memory, relay = ConsoleMemory(), Relay()
    relay.members = {
        "committee.7.delegate.en-gb": dict.fromkeys(range(30)),
        "committee.7.delegate.fr": dict.fromkeys(range(10)),
        "committee.7.delegation.3.fr": dict.fromkeys(range(2)),  # a delegation's phones: counted above
    }
    assert counted_here(relay, 7) == {"chair": 0, "delegate": 40, "projector": 0}
    assert memory.dropped_from(7, 40) is None
    assert memory.dropped_from(7, 38) is None
    assert memory.dropped_from(7, 30) == 40


def test_the_console_watches_and_acts_on_nothing(unodc, alice_actor, sam, sockets):
    console = sockets("/ws/console/", cookie_of(signed_in(sam)))
    console.receive()
    before = Committee.objects.get(pk=unodc.pk).version
    console.send(json.dumps({"command": "sitting.open"}))
    assert "act from a committee's dashboard" in console.receive()
    assert Committee.objects.get(pk=unodc.pk).version == before


def test_every_committees_minutes_and_awards_at_once(unodc, council, alice, alice_actor, sam):
    from tests.test_awards import slot_fields
    from tests.test_marking import mark

    actions.open_sitting(unodc, alice_actor)
    actions.mark_attendance(unodc, alice_actor, unodc.delegations.get(name="Canada").pk, "present")
    mark(signed_in(alice), unodc, "Canada", {"Research": 9})
    signed_in(alice).post("/c/unodc/awards/", slot_fields(unodc, ["Canada"]))
    response = signed_in(sam).get("/console/everything.zip")
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = set(archive.namelist())
    assert {"unodc/unodc-minutes.docx", "unodc/unodc-minutes.html", "unodc/unodc-awards.csv"} <= names
    assert f"awards-{unodc.conference_id}.csv" in names
    assert not any(name.startswith("sc/") for name in names)  # the Council has not met


def test_the_admin_and_the_links_lead_the_secretariat_to_the_console(unodc, sam):
    from django.core.management import call_command

    assert 'href="/console/"' in signed_in(sam).get("/admin/").content.decode()
    assert 'href="/console/"' in signed_in(sam).get("/").content.decode()
    out = io.StringIO()
    call_command("links", "--base", "http://room.example", stdout=out)
    assert "secretariat's console, once signed in: http://room.example/console/" in out.getvalue()


# ---- several processes: the screens of each counted together (Redis) ------------------------------


def census_of_two_processes(url: str):
    """Two processes' census and relays, as two daphne processes of one deployment have them."""
    import secrets

    from committee.live.census import Census

    prefix = f"mun-test-{secrets.token_hex(4)}"
    now = [1_000_000.0]
    return [(Census(url, prefix, clock=lambda: now[0]), Relay()) for _ in range(2)], now


def screens_of(relay: Relay, committee_id: int, phones: int, chairs: int = 0) -> None:
    relay.members = {
        f"committee.{committee_id}.delegate.en-gb": dict.fromkeys(range(phones)),
        f"committee.{committee_id}.chair.en-gb": dict.fromkeys(range(chairs)),
    }


@pytest.mark.multiprocess
def test_the_console_counts_the_screens_of_every_process():
    """UNODC's chair and 30 phones on one process, 25 more phones on the other: the console, on either,
    counts 55 phones and the chair; the second process's screens leave, then it stops reporting."""
    import asyncio

    from tests.services import REDIS

    ((first, first_relay), (second, second_relay)), now = census_of_two_processes(REDIS)

    async def count():
        screens_of(first_relay, 7, phones=30, chairs=1)
        screens_of(second_relay, 7, phones=25)
        await first.report(first_relay)
        await second.report(second_relay)
        seen = [await first.everywhere(first_relay, [7]), await second.everywhere(second_relay, [7])]
        screens_of(second_relay, 7, phones=0)  # its phones left: its next report takes it out
        await second.report(second_relay)
        seen.append(await first.everywhere(first_relay, [7]))
        screens_of(second_relay, 7, phones=25)
        await second.report(second_relay)
        now[0] += 9  # and then it stopped: nine seconds without a report
        screens_of(first_relay, 7, phones=31, chairs=1)
        seen.append(await first.everywhere(first_relay, [7]))
        return seen

    both, from_second, after_leaving, after_stopping = asyncio.run(count())
    assert both == from_second == {7: {"chair": 1, "delegate": 55, "projector": 0}}
    assert after_leaving == {7: {"chair": 1, "delegate": 30, "projector": 0}}
    assert after_stopping == {7: {"chair": 1, "delegate": 31, "projector": 0}}


def test_redis_out_of_reach_the_console_counts_this_process_alone_and_says_so(caplog):
    import asyncio

    ((census, relay), _), _ = census_of_two_processes("redis://127.0.0.1:1/0")  # nothing listens there
    screens_of(relay, 7, phones=12, chairs=1)

    async def count():
        await census.report(relay)
        return await census.everywhere(relay, [7])

    assert asyncio.run(count()) == {7: {"chair": 1, "delegate": 12, "projector": 0}}
    assert "the console counts this process's screens alone: Redis cannot be reached" in caplog.text
