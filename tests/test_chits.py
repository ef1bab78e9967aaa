"""Chits through the Executive Board (issue 26): Canada writes to Brazil on its phone; the note waits
with alice's Board until she forwards it, holds it or answers it; only the sender, its addressees once
forwarded, the Board and the secretariat ever read it, never the projector nor another phone. Chits
stop when alice pauses them and always in voting procedure; each is kept in the journal but not
printed in the proceedings. Bad input is refused in words and changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from committee.contract import run_command
from committee.errors import ActionError
from committee.models import JournalEntry
from debate import actions
from debate.models import Chit
from record.minutes import read_minutes
from tests.conftest import actor_for
from tests.papers import carry_motion

NOTE = "Would Brazil co-sponsor a paper on joint investigation teams?"


def phone_page(committee, name: str) -> str:
    client = Client()
    delegation = committee.delegations.get(name=name)
    return client.get(f"/join/{delegation.join_token}/", follow=True).content.decode()


def send(committee, sender: str, to: list, text: str = NOTE) -> Chit:
    return run_command(committee, actor_for(committee, sender), "chit.send", {"to": to, "text": text})


def test_a_chit_reaches_brazil_only_once_the_board_forwards_it(in_session, alice_actor, client):
    brazil = in_session.delegations.get(name="Brazil")
    chit = send(in_session, "Canada", [str(brazil.pk)])
    assert NOTE not in phone_page(in_session, "Brazil")  # with the Board, not yet passed on
    assert "— with the board" in phone_page(in_session, "Canada")
    actions.decide_chit(in_session, alice_actor, chit.pk, "forward")
    assert f"From Canada:</b> {NOTE}" in phone_page(in_session, "Brazil")
    assert "1 chit for you" in phone_page(in_session, "Brazil")
    assert NOTE not in phone_page(in_session, "Mexico")
    assert NOTE not in client.get(f"/c/unodc/projector/{in_session.projector_token}/").content.decode()
    assert "— forwarded" in phone_page(in_session, "Canada")


def test_the_board_holds_a_chit_or_answers_one_sent_to_it(in_session, alice_actor):
    held = send(in_session, "Canada", [str(in_session.delegations.get(name="Finland").pk)], "Lunch at one?")
    actions.decide_chit(in_session, alice_actor, held.pk, "hold")
    assert "“Lunch at one?” — held by the board" in phone_page(in_session, "Canada")
    asked = send(in_session, "Finland", ["board"], "May we caucus on financing?")
    with pytest.raises(ActionError, match="That chit is for the Board: answer it, or hold it."):
        actions.decide_chit(in_session, alice_actor, asked.pk, "forward")
    with pytest.raises(ActionError, match="Write the Board's answer first."):
        actions.decide_chit(in_session, alice_actor, asked.pk, "answer")
    actions.decide_chit(in_session, alice_actor, asked.pk, "answer", "Move it after this speech.")
    assert "answered by the board: <b>Move it after this speech.</b>" in phone_page(in_session, "Finland")
    actions.mark_chit(in_session, alice_actor, asked.pk, False)
    asked.refresh_from_db()
    assert asked.substantive is False


def test_chits_pause_when_alice_says_and_in_voting_procedure(voting_house, alice_actor):
    actions.pause_chits(voting_house, alice_actor, True)
    with pytest.raises(ActionError, match="The chair has paused chits."):
        send(voting_house, "Canada", ["board"])
    assert "The chair has paused chits." in phone_page(voting_house, "Canada")
    actions.pause_chits(voting_house, alice_actor, False)
    send(voting_house, "Canada", ["board"])
    from tests.papers import grant, sign, write_paper

    paper = write_paper(voting_house, "Canada")
    sign(voting_house, paper, "Finland", "Brazil", "Mexico", "Colombia")
    grant(voting_house, alice_actor, "Canada", "introduce_draft", {"paper": paper.pk})
    carry_motion(voting_house, alice_actor, "Mexico", "close_debate")
    with pytest.raises(ActionError, match="Chits are not passed in voting procedure."):
        send(voting_house, "Finland", ["board"])
    assert Chit.objects.count() == 1


@pytest.mark.parametrize(
    ("to", "text", "refusal"),
    [
        (["board"], "", "Your note is missing."),
        (["board"], "x" * 301, "Your note is too long"),
        (["SELF"], NOTE, "That chit is addressed to yourself"),
        (["999999"], NOTE, "A chit goes to delegations of this committee."),
        (["board", "BRAZIL"], NOTE, "A chit goes to the Board, or to delegations: send two chits."),
        (["nobody"], NOTE, "Choose who the chit is for: the Board, or delegations."),
        ([], NOTE, "Choose who the chit is for: the Board, or delegations."),
    ],
)
def test_bad_chits_are_refused_in_words(in_session, to, text, refusal):
    ids = {"SELF": in_session.delegations.get(name="Canada").pk, "BRAZIL": in_session.delegations.get(name="Brazil").pk}
    to = [str(ids.get(value, value)) for value in to]
    before = JournalEntry.objects.count()
    with pytest.raises(ActionError, match=refusal):
        send(in_session, "Canada", to, text)
    assert Chit.objects.count() == 0 and JournalEntry.objects.count() == before


def test_five_chits_in_five_minutes_is_the_most(in_session):
    for n in range(5):
        send(in_session, "Canada", ["board"], f"Note {n}")
    with pytest.raises(ActionError, match="5 chits in five minutes is the most"):
        send(in_session, "Canada", ["board"], "Note 6")


def test_only_the_board_passes_chits_and_only_delegations_write_them(in_session, alice_actor):
    chit = send(in_session, "Canada", ["board"])
    with pytest.raises(ActionError):
        run_command(in_session, actor_for(in_session, "Brazil"), "chit.decide", {"chit": chit.pk, "decision": "hold"})
    with pytest.raises(ActionError):
        run_command(in_session, actor_for(in_session, "Brazil"), "chits.pause", {"paused": "yes"})
    with pytest.raises(ActionError):
        run_command(in_session, alice_actor, "chit.send", {"to": ["board"], "text": NOTE})
    chit.refresh_from_db()
    assert chit.status == "waiting"


def test_chits_are_kept_in_the_journal_not_printed_in_the_proceedings(in_session, alice_actor):
    chit = send(in_session, "Canada", ["board"], "A private word")
    actions.decide_chit(in_session, alice_actor, chit.pk, "answer", "Noted.")
    kinds = list(JournalEntry.objects.filter(kind__startswith="chit").values_list("kind", flat=True))
    assert kinds == ["chit.sent", "chit.decided"]
    lines = [text for sitting in read_minutes(in_session).sittings for _, text in sitting.lines]
    assert not any("A private word" in line for line in lines)


def addressees(client: Client) -> str:
    return client.get("/c/unodc/chits/addressees/", HTTP_HX_REQUEST="true").content.decode()


def test_canadas_phone_is_offered_those_present_when_it_opens_the_chit_form(in_session, alice_actor):
    from committee import actions as committee_actions
    from tests.conftest import phone_of

    canada = phone_of(in_session.delegations.get(name="Canada"))
    offered = addressees(canada)
    assert f'value="{in_session.delegations.get(name="Brazil").pk}"> Brazil</label>' in offered
    assert "Canada" not in offered  # never to itself
    assert "Germany" not in offered  # not marked present
    committee_actions.mark_attendance(in_session, alice_actor, in_session.delegations.get(name="Germany").pk, "present")
    assert "Germany" in addressees(canada)  # those present when the form is opened again


def test_the_chit_form_is_not_sent_again_to_every_phone_when_the_roll_call_changes(in_session):
    from committee.contract import PARTS

    roll = {placed.region.template for placed in PARTS.regions("delegate", {"committee.roll"})[0]}
    assert "debate/chits.html#phone-form" not in roll
    assert "Brazil" not in phone_page(in_session, "Canada").split('id="chit-form"')[1].split("</section>")[0]


def test_only_a_delegations_phone_is_offered_addressees(in_session, alice_client):
    assert Client().get("/c/unodc/chits/addressees/").status_code == 403
    refused = alice_client.get("/c/unodc/chits/addressees/")
    assert refused.status_code == 403
    assert "join with your delegation&#x27;s link first" in refused.content.decode()
