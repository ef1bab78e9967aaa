"""Access taken away ends at once, whatever the path (issue 28, 1 and 2): Victor, vice-chair, has the
chair's screen open; his role deleted from a shell, his account made inactive, his user deleted; sam
of the secretariat no longer staff: each closes their chair sockets within the moment, with no ping
from the page, and a join link alice replaces afterwards never reaches them. Alice's own screen stays.
(Across two processes the check travels through Redis, as every broadcast does: tests/test_multiprocess.)
"""

from __future__ import annotations

import pytest
from django.test import Client

from committee import actions
from committee.models import ExecutiveRole
from tests.conftest import cookie_of

pytestmark = pytest.mark.django_db(transaction=True)


def chair_socket(sockets, user):
    client = Client()
    client.force_login(user)
    socket = sockets("/ws/c/unodc/chair/", cookie_of(client))
    assert 'id="status"' in socket.receive()
    return socket


def closes_now(socket) -> None:
    """The socket says why and closes with the code that tells the page not to retry; nothing else."""
    message = socket.receive(timeout=1)
    assert "no longer" in message and "rollcall" not in message
    assert socket.receive_output(timeout=1)["code"] == 4403


def test_a_role_deleted_from_a_shell_closes_victors_screen(unodc, alice_actor, victor, sockets):
    alice, vice = chair_socket(sockets, alice_actor.user), chair_socket(sockets, victor)
    ExecutiveRole.objects.filter(user=victor).delete()  # no journal, no admin: a shell
    closes_now(vice)
    alice.send_json({"command": "ping"})
    assert "<!--pong" in alice.receive_until("pong")


def test_an_account_made_inactive_closes_its_screens(unodc, alice_actor, victor, sockets):
    vice = chair_socket(sockets, victor)
    victor.is_active = False
    victor.save()
    closes_now(vice)


def test_a_user_deleted_closes_its_screens(unodc, victor, sockets):
    vice = chair_socket(sockets, victor)
    victor.delete()
    closes_now(vice)


def test_the_secretariat_no_longer_staff_loses_every_committees_screen(unodc, sam, sockets):
    screen = chair_socket(sockets, sam)
    sam.is_staff = False
    sam.save(update_fields=["is_staff"])
    closes_now(screen)


def test_a_join_link_replaced_afterwards_never_reaches_victor(unodc, alice_actor, victor, sockets):
    alice, vice = chair_socket(sockets, alice_actor.user), chair_socket(sockets, victor)
    victor.is_active = False
    victor.save()
    closes_now(vice)
    canada = unodc.delegations.get(name="Canada")
    actions.reissue_join_link(unodc, alice_actor, canada.pk)
    canada.refresh_from_db()
    assert canada.join_token in alice.receive_until(canada.join_token)
    assert vice.nothing_more()


def test_a_change_that_takes_nothing_away_closes_nothing(unodc, victor, sockets):
    vice = chair_socket(sockets, victor)
    victor.first_name = "Viktor"
    victor.save()
    assert vice.nothing_more()
