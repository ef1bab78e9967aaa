"""The laptop's LAN address is found once per process, from its interfaces, never by running a program.

Every region render builds join links; when each render ran `hostname -I`, opening a vote at 43
delegations spawned 46 processes.
"""

import subprocess

import pytest

import committee.network as network
from committee import actions
from debate import actions as debate_actions
from tests.conftest import actor_for


def test_the_address_is_read_once_however_many_links_are_built(monkeypatch):
    calls = []
    real = network._interface_addresses
    monkeypatch.setattr(network, "_interface_addresses", lambda: calls.append(1) or real())
    network.local_addresses.cache_clear()
    try:
        links = {network.public_base_url() for _ in range(50)}
    finally:
        network.local_addresses.cache_clear()
    assert len(calls) == 1
    assert len(links) == 1


def test_the_lan_address_is_an_ipv4_address_of_this_machine_and_never_loopback():
    address = network.lan_address()
    assert address.count(".") == 3
    assert address == "127.0.0.1" or not address.startswith("127.")


def test_opening_a_vote_and_voting_start_no_process(in_session, alice_actor, monkeypatch):
    def no_process(*args, **kwargs):
        raise AssertionError(f"a process was started: {args!r}")

    monkeypatch.setattr(subprocess.Popen, "__init__", no_process)
    debate_actions.raise_motion(in_session, actor_for(in_session, "Canada"), "adjourn_meeting", {})
    debate_actions.open_vote(in_session, alice_actor, "phones")
    actions.cast_ballot(in_session, actor_for(in_session, "Finland"), "yes")
    actions.mark_attendance(in_session, alice_actor, in_session.delegations.get(name="Kenya").pk, "present")


@pytest.mark.parametrize("host", ["localhost:8123", "127.0.0.1:8123", "[::1]:8123"])
def test_a_page_opened_on_loopback_links_phones_to_the_lan_address(monkeypatch, host):
    monkeypatch.setattr(network, "lan_address", lambda: "192.168.1.20")
    monkeypatch.delenv("PUBLIC_URL", raising=False)

    class Request:
        scheme = "http"

        def get_host(self):
            return host

    assert network.public_base_url(Request()) == "http://192.168.1.20:8123"
