"""The live channel, socket by socket (WebsocketCommunicator against the real ASGI application).

alice's dashboard, Canada's and Finland's phones and the projector connect; what each receives is
what its screen would swap in.
"""

from __future__ import annotations

import os
from html import unescape

import pytest

from committee import actions
from committee.live import broadcast
from committee.live.metrics import METRICS
from committee.models import Attendance, JournalEntry
from committee.state import load_floor
from tests.conftest import HOST, ORIGIN, Socket, cookie_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_page_of_another_site_cannot_open_the_chairs_socket(unodc, alice_client):
    socket = Socket("/ws/c/unodc/chair/", [(b"origin", b"http://evil.example"), HOST, cookie_of(alice_client)])
    assert socket.connected is False


def test_a_page_of_another_program_on_the_chairs_laptop_cannot_either(unodc, alice_client, settings):
    """Same host, another port: another program's page (a dev server, a printer's page)."""
    chair = cookie_of(alice_client)
    other_port = Socket(
        "/ws/c/unodc/chair/", [(b"origin", b"http://localhost:9999"), (b"host", b"localhost:8000"), chair]
    )
    assert other_port.connected is False
    same = Socket("/ws/c/unodc/chair/", [(b"origin", b"http://localhost:8000"), (b"host", b"localhost:8000"), chair])
    assert same.connected is True
    same.close()
    # Same host and port, another scheme: an https page has no business with a plain ws:// socket.
    other_scheme = Socket(
        "/ws/c/unodc/chair/", [(b"origin", b"https://localhost:8000"), (b"host", b"localhost:8000"), chair]
    )
    assert other_scheme.connected is False
    # Behind a reverse proxy that rewrites Host, the public origin is named in CSRF_TRUSTED_ORIGINS.
    settings.CSRF_TRUSTED_ORIGINS = ["https://mun.example.org"]
    proxied = Socket(
        "/ws/c/unodc/chair/", [(b"origin", b"https://mun.example.org"), (b"host", b"localhost:8000"), chair]
    )
    assert proxied.connected is True
    proxied.close()
    assert Socket("/ws/c/unodc/chair/", [(b"host", b"localhost:8000"), chair]).connected is False  # no Origin


def test_alice_gets_the_whole_floor_on_connect(unodc, sitting, alice_client, sockets):
    chair = sockets("/ws/c/unodc/chair/", cookie_of(alice_client))
    assert chair.connected
    snapshot = chair.receive()
    for region in ('id="status"', 'id="sitting"', 'id="rollcall"', 'id="now"', 'id="speakers"', 'id="motions"'):
        assert region in snapshot
    assert 'id="access"' not in snapshot  # the join codes load when the chair opens them
    assert "Session I" in snapshot


def test_a_phone_without_a_join_link_is_told_why_and_not_retried(unodc, sockets):
    stranger = sockets("/ws/c/unodc/delegate/")
    assert "This phone is not joined to a delegation" in stranger.receive()
    assert stranger.receive_output() == {"type": "websocket.close", "code": 4403}


def test_a_wrong_projector_token_is_refused(unodc, sockets):
    projector = sockets("/ws/c/unodc/projector/guessed/")
    assert "This projector link is not valid." in projector.receive()
    assert projector.receive_output()["code"] == 4403


def test_a_forged_chair_command_from_canadas_phone_is_refused(unodc, sitting, canada_phone, finland, sockets):
    phone = sockets("/ws/c/unodc/delegate/", cookie_of(canada_phone))
    phone.receive()  # snapshot
    before = JournalEntry.objects.count()
    phone.send_json({"command": "rollcall.mark", "delegation": finland.pk, "status": "present"})
    assert "You may not take the roll call: only the Executive Board can." in phone.receive()
    assert JournalEntry.objects.count() == before
    assert load_floor(unodc.pk).row_for(finland.pk).status == Attendance.Status.ABSENT
    phone.send_json({"command": "sync"})  # the socket is still open and usable
    assert 'id="you"' in phone.receive()


@pytest.mark.parametrize("message", ["{not json", "[1, 2]", '"present"', "   ", "x" * 20000, '{"command": 7}'])
def test_a_malformed_message_is_answered_and_the_socket_stays_open(unodc, sitting, canada_phone, sockets, message):
    phone = sockets("/ws/c/unodc/delegate/", cookie_of(canada_phone))
    phone.receive()
    phone.send(message)
    answer = phone.receive()
    assert 'id="flash"' in answer and ("could not be read" in answer or "Unknown command" in answer)
    phone.send_json({"command": "sync"})
    assert 'id="you"' in phone.receive()


def test_a_binary_frame_is_answered_and_the_socket_stays_open(unodc, sitting, canada_phone, sockets):
    phone = sockets("/ws/c/unodc/delegate/", cookie_of(canada_phone))
    phone.receive()
    phone.send_bytes(b"\x00\xff")
    assert "could not be read" in phone.receive()
    phone.send_json({"command": "sync"})
    assert 'id="you"' in phone.receive()


def test_alice_marks_canada_and_every_screen_hears_it(
    unodc, sitting, alice_client, canada, canada_phone, finland_phone, sockets
):
    chair = sockets("/ws/c/unodc/chair/", cookie_of(alice_client))
    canada_socket = sockets("/ws/c/unodc/delegate/", cookie_of(canada_phone))
    finland_socket = sockets("/ws/c/unodc/delegate/", cookie_of(finland_phone))
    projector = sockets(f"/ws/c/unodc/projector/{unodc.projector_token}/")
    for socket in (chair, canada_socket, finland_socket, projector):
        socket.receive()

    chair.send_json({"command": "rollcall.mark", "delegation": canada.pk, "status": "present_voting"})

    assert 'data-name="canada" data-status="present_voting"' in chair.receive()
    assert 'data-name="Canada" data-status="present_voting"' in projector.receive()
    canada_hears = canada_socket.receive() + canada_socket.receive()
    assert 'data-testid="my-status">Present and voting' in canada_hears
    finland_hears = finland_socket.receive()
    assert 'data-testid="present">1<' in finland_hears
    assert finland_socket.nothing_more()  # Finland's own region did not change


def test_a_replaced_link_closes_the_lost_phones_socket(unodc, alice_actor, canada, canada_phone, sockets):
    phone = sockets("/ws/c/unodc/delegate/", cookie_of(canada_phone))
    phone.receive()
    actions.reissue_join_link(unodc, alice_actor, canada.pk)
    assert "This phone was signed out" in phone.receive() + phone.receive()
    assert phone.receive_output() == {"type": "websocket.close", "code": 4401}


def test_one_render_per_region_whoever_is_connected(
    unodc, sitting, alice_actor, canada, alice_client, finland_phone, sockets
):
    for _ in range(3):
        sockets("/ws/c/unodc/chair/", cookie_of(alice_client)).receive()
        sockets("/ws/c/unodc/delegate/", cookie_of(finland_phone)).receive()
    METRICS.region_renders = 0
    actions.mark_attendance(unodc, alice_actor, canada.pk, "present")
    assert METRICS.region_renders == 15  # the same as with nobody connected (test_rollcall lists them)


def test_a_phone_votes_over_its_socket_once(in_session, alice_actor, canada_phone, sockets):
    from committee.models import Ballot
    from debate import actions as debate_actions
    from tests.conftest import actor_for, cookie_of

    unodc = in_session
    debate_actions.raise_motion(
        unodc, actor_for(unodc, "Finland"), "unmoderated_caucus", {"duration": 300, "topic": "Drafting"}
    )
    debate_actions.open_vote(unodc, alice_actor, "phones")
    phone = sockets("/ws/c/unodc/delegate/", cookie_of(canada_phone))
    assert "YES" in phone.receive()
    phone.send_json({"command": "vote.cast", "choice": "yes"})
    phone.receive_until("You voted yes.")
    phone.send_json({"command": "vote.cast", "choice": "no"})
    assert "Canada has already voted" in phone.receive_until("flash-error")
    assert list(Ballot.objects.values_list("choice", flat=True)) == ["yes"]
    phone.send_json({"command": "vote.close"})
    assert "You may not close a vote: only the Executive Board can." in phone.receive_until("flash-error")


def test_a_chair_removed_from_the_board_is_refused_on_the_open_socket(
    unodc, sitting, alice, alice_client, canada, sockets
):
    from committee.models import ExecutiveRole

    chair = sockets("/ws/c/unodc/chair/", cookie_of(alice_client))
    chair.receive()
    ExecutiveRole.objects.filter(user=alice).delete()
    chair.send_json({"command": "rollcall.mark", "delegation": canada.pk, "status": "present"})
    assert "no longer on this committee's Executive Board" in chair.receive_until("flash-error")
    assert load_floor(unodc.pk).row_for(canada.pk).status == Attendance.Status.ABSENT


def test_the_projector_sends_no_command(unodc, sitting, canada, sockets):
    projector = sockets(f"/ws/c/unodc/projector/{unodc.projector_token}/")
    projector.receive()
    projector.send_json({"command": "rollcall.mark", "delegation": canada.pk, "status": "present"})
    assert "The projector only shows the floor." in projector.receive_until("flash-error")
    assert load_floor(unodc.pk).row_for(canada.pk).status == Attendance.Status.ABSENT


def test_a_push_that_fails_after_the_commit_is_reported_as_done_not_as_refused(
    unodc, sitting, alice_client, canada, monkeypatch, test_settings
):
    # As in a room: a failed push is logged, not raised.
    test_settings.LIVE = {**test_settings.LIVE, "BROADCAST_FAILURES": "log"}

    def layer_down(*args, **kwargs):
        raise RuntimeError("the channel layer is down")

    monkeypatch.setattr(broadcast, "render_regions", layer_down)
    response = alice_client.post(
        "/c/unodc/do/rollcall.mark/", {"delegation": canada.pk, "status": "present"}, HTTP_HX_REQUEST="true"
    )
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Done. The screens are catching up with it." in html and "nothing was changed" not in html
    assert response["X-Floor-Resync"] == "1"  # the page asks for the whole state, which shows the change
    assert load_floor(unodc.pk).row_for(canada.pk).status == Attendance.Status.PRESENT
    assert JournalEntry.objects.filter(kind="rollcall.marked").count() == 1


def test_a_synchronous_query_in_a_consumer_would_fail_this_suite(unodc, monkeypatch):
    """Nothing lets the suite's event loops touch the database: a consumer that queried it from its
    event loop (instead of database_sync_to_async) is refused here as it would be in daphne."""
    from django.core.exceptions import SynchronousOnlyOperation

    from committee.live.consumer import FloorConsumer
    from committee.models import Committee

    assert "DJANGO_ALLOW_ASYNC_UNSAFE" not in os.environ

    async def connect_with_a_query(self):
        Committee.objects.count()
        await self.accept()

    monkeypatch.setattr(FloorConsumer, "connect", connect_with_a_query)
    with pytest.raises(SynchronousOnlyOperation):
        Socket(f"/ws/c/unodc/projector/{unodc.projector_token}/", [ORIGIN, HOST])


def test_in_a_roll_call_the_phone_called_next_is_told_at_once_and_every_phone_sees_whose_turn(
    voting_house, alice_actor, sockets
):
    from committee.models import Vote
    from resolutions.actions import voting
    from tests.conftest import actor_for, cookie_of, phone_of
    from tests.papers import carry_motion, grant, sign, write_paper

    unodc = voting_house
    paper = write_paper(unodc, "Canada")
    sign(unodc, paper, "Brazil", "Mexico", "Colombia", "India")
    grant(unodc, alice_actor, "Canada", "introduce_draft", {"paper": paper.pk})
    carry_motion(unodc, alice_actor, "Mexico", "close_debate")
    vote = voting.vote_next(unodc, alice_actor, Vote.Method.ROLL_CALL)
    # Alphabetical: Argentina, then Australia; Canada waits further down the list.
    australia = sockets("/ws/c/unodc/delegate/", cookie_of(phone_of(unodc.delegations.get(name="Australia"))))
    canada = sockets("/ws/c/unodc/delegate/", cookie_of(phone_of(unodc.delegations.get(name="Canada"))))
    assert "Roll call: <b>Argentina</b> is answering" in australia.receive()
    assert "Roll call: you are called in order." in canada.receive()
    actions.cast_ballot(unodc, actor_for(unodc, "Argentina"), "yes")
    assert "The chair calls you: answer now." in australia.receive_until("The chair calls you")
    assert "Roll call: <b>Australia</b> is answering · 1 of 21 have answered" in canada.receive_until("phone-roll")
    assert vote.pk == Vote.objects.get(closed_at__isnull=True).pk


def test_a_board_member_taken_off_the_board_stops_receiving_the_chairs_screen(unodc, alice_actor, victor, sam, sockets):
    from django.test import Client

    from committee.access import board_actor
    from committee.models import ExecutiveRole

    victor_client = Client()
    victor_client.force_login(victor)
    vice = sockets("/ws/c/unodc/chair/", cookie_of(victor_client))
    chair_alice = sockets("/ws/c/unodc/chair/", cookie_of(_client_of(alice_actor.user)))
    vice.receive(), chair_alice.receive()
    # The secretariat removes Victor's role in the admin (between sittings): his socket closes at once.
    ExecutiveRole.objects.filter(user=victor).delete()
    actions.journal_setup_change(unodc, board_actor(sam, unodc), ["board"])
    assert "You are no longer on this committee's Executive Board" in vice.receive_until("no longer")
    assert vice.receive_output()["code"] == 4403
    chair_alice.send_json({"command": "ping"})
    assert "<!--pong" in chair_alice.receive_until("pong")  # Alice is still on the board


def test_whatever_removed_a_role_the_next_heartbeat_or_sync_closes_the_screen(unodc, victor, sockets):
    from django.test import Client

    from committee.models import ExecutiveRole

    victor_client = Client()
    victor_client.force_login(victor)
    vice = sockets("/ws/c/unodc/chair/", cookie_of(victor_client))
    vice.receive()
    ExecutiveRole.objects.filter(user=victor).delete()  # by any path, journalled or not
    vice.send_json({"command": "sync"})
    message = vice.receive()
    assert "no longer on this committee's Executive Board" in message and 'id="rollcall"' not in message
    assert vice.receive_output()["code"] == 4403


def test_a_replaced_projector_link_closes_the_projectors_opened_with_the_old_one(unodc, alice_actor, sockets):
    old = sockets(f"/ws/c/unodc/projector/{unodc.projector_token}/")
    old.receive()
    actions.reissue_projector_link(unodc, alice_actor)
    assert "This projector link was replaced: open the new one." in old.receive_until("replaced")
    assert old.receive_output()["code"] == 4403
    unodc.refresh_from_db()
    new = sockets(f"/ws/c/unodc/projector/{unodc.projector_token}/")
    assert 'id="status"' in new.receive()


def _client_of(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("gone", ["autobahn", "asgi"])
def test_a_message_to_a_socket_that_closed_meanwhile_is_no_error(gone, caplog):
    caplog.set_level("INFO", logger="committee.live.consumer")
    """A server frozen for a while wakes up with updates for sockets its phones have closed: daphne's
    send raises (autobahn's Disconnected, or the OSError ASGI names); that is no crash in the log."""
    import asyncio

    from autobahn.exception import Disconnected

    from committee.live.consumer import FloorConsumer

    async def closed(message):
        raise Disconnected("Attempt to send on a closed protocol") if gone == "autobahn" else ConnectionResetError()

    screen = FloorConsumer()
    screen.base_send = closed
    asyncio.run(screen.send(text_data="<p>an update</p>"))
    asyncio.run(screen.close(1000))
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
    assert "a socket closed before a message reached it" in caplog.text
