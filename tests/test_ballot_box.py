"""The ballot box: forty phones press at once, and their ballots are written together.

Each ballot is checked and journalled exactly as one cast alone is (the same rules, one journal entry
each, with its press's id); a burst takes a few transactions, not one per ballot; a refused ballot
does not stop the others; the same press sent twice is counted once; every phone is answered only
once its ballot is committed. A phone whose socket is down posts its ballot: that takes the ordinary
way of every command (a request in a thread of its own, one transaction each), and a burst of them
still reaches the screens in a few renders, not one per ballot.
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import urlencode

import pytest

from committee import access
from committee.actions import base
from committee.errors import ActionError
from committee.live import ballot_box
from committee.live.memory import MEMORY
from committee.live.metrics import METRICS
from committee.models import Ballot, JournalEntry
from tests.conftest import (
    FULL_HOUSE_EXTRA,
    HOST,
    LOOP,
    ORIGIN,
    PRESENT_AT_START,
    actor_for,
    asgi_application,
    cookie_of,
    phone_of,
)
from tests.test_room_at_scale import close_all, connect_all
from tests.test_votes import open_draft_vote

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def renders_settled():
    """Each test ends once the merged broadcasts of its ballots are rendered and sent."""
    yield
    LOOP.run(MEMORY.settled())


@pytest.fixture
def open_vote(voting_house, alice_actor):
    from debate import actions as debate_actions

    unodc = voting_house
    debate_actions.raise_motion(
        unodc, actor_for(unodc, "Canada"), "unmoderated_caucus", {"duration": 300, "topic": "Drafting"}
    )
    return debate_actions.open_vote(unodc, alice_actor, "phones")


def phones_for(unodc, names):
    return connect_all([("/ws/c/unodc/delegate/", cookie_of(phone_of(unodc.delegations.get(name=n)))) for n in names])


def all_press(sockets, messages):
    async def send():
        await asyncio.gather(
            *(s.communicator.send_to(text_data=json.dumps(m)) for s, m in zip(sockets, messages, strict=True))
        )

    LOOP.run(send())


def test_twenty_ballots_at_once_take_a_few_transactions_and_are_each_journalled(voting_house, open_vote):
    unodc = voting_house
    names = [n for n in PRESENT_AT_START + FULL_HOUSE_EXTRA if unodc.delegations.get(name=n).kind == "member"][:20]
    sockets = phones_for(unodc, names)
    try:
        for socket in sockets:
            socket.receive()
        renders = METRICS.merged_renders
        all_press(sockets, [{"command": "vote.cast", "choice": "yes", "request": f"press-{n:04}"} for n in range(20)])
        for socket in sockets:
            assert "Your vote is in." in socket.receive_until("Your vote is in.")
        LOOP.run(MEMORY.settled())
        assert METRICS.merged_renders - renders == 1  # the broadcast waited for the box: one render shows all
        box = LOOP.run(_box(unodc.pk))
        assert 1 <= box.jobs <= 3  # one burst, a few transactions
        assert Ballot.objects.filter(vote=open_vote).count() == 20
        entries = JournalEntry.objects.filter(kind="vote.ballot")
        assert sorted(entries.values_list("request", flat=True)) == [f"press-{n:04}" for n in range(20)]
        assert len(set(entries.values_list("version", flat=True))) == 20  # one version each, as alone
    finally:
        close_all(sockets)


async def _box(committee_id):
    return ballot_box.box(committee_id)


def binding_of(unodc, name: str) -> dict:
    delegation = unodc.delegations.get(name=name)
    cookie = {access.phone_cookie_name(unodc.pk): access.phone_cookie_value(delegation)}
    return access.phone_cookie_binding(cookie, unodc.pk)


def test_a_refused_ballot_does_not_stop_the_others_and_a_press_twice_counts_once(voting_house, open_vote):
    unodc = voting_house
    names = ["Canada", "Finland", "Global Initiative against Transnational Organized Crime", "Estonia"]
    sockets = phones_for(unodc, names)
    try:
        for socket in sockets:
            socket.receive()
        canada, finland, ngo, estonia = sockets
        all_press(
            [canada, canada, finland, ngo, estonia],
            [
                {"command": "vote.cast", "choice": "yes", "request": "canada-once"},
                {"command": "vote.cast", "choice": "yes", "request": "canada-once"},  # the same press again
                {"command": "vote.cast", "choice": "maybe", "request": "finland-maybe"},
                {"command": "vote.cast", "choice": "yes", "request": "the-ngo-press"},
                {"command": "vote.cast", "choice": "no", "request": {"not": ["an id"]}},  # ignored, not fatal
            ],
        )
        heard = canada.receive_until("Done already")
        assert "Done already" in heard
        assert "Vote yes or no" in finland.receive_until("flash-error")
        assert "may not vote on this" in ngo.receive_until("flash-error")
        assert "Your vote is in." in estonia.receive_until("Your vote is in.")
        voted = Ballot.objects.filter(vote=open_vote).order_by("delegation__name")
        assert list(voted.values_list("delegation__name", flat=True)) == ["Canada", "Estonia"]
        finland.send_json({"command": "vote.cast", "choice": "no", "request": "finland-no-1"})
        assert "Your vote is in." in finland.receive_until("Your vote is in.")
        assert Ballot.objects.filter(vote=open_vote).count() == 3
    finally:
        close_all(sockets)


def test_with_no_vote_open_every_ballot_is_refused_in_words(in_session):
    sockets = phones_for(in_session, ["Canada", "Finland"])
    try:
        for socket in sockets:
            socket.receive()
        all_press(sockets, [{"command": "vote.cast", "choice": "yes"}] * 2)
        for socket in sockets:
            assert "No vote is open." in socket.receive_until("flash-error")
        assert not Ballot.objects.exists()
    finally:
        close_all(sockets)


def test_a_ballot_pressed_for_a_vote_that_closed_is_never_counted_in_the_next(voting_house, open_vote, alice_actor):
    """Canada's phone kept its YES through a Wi-Fi drop (static/js/live/presses.js) while the vote it
    was pressed for closed and another opened: it arrives naming its vote, and is refused in words,
    over the socket and by POST alike; Finland's, pressed for the open vote, is counted."""
    from committee import actions
    from debate import actions as debate_actions

    unodc = voting_house
    actions.close_vote(unodc, alice_actor)
    debate_actions.raise_motion(
        unodc, actor_for(unodc, "Finland"), "unmoderated_caucus", {"duration": 300, "topic": "Again"}
    )
    second = debate_actions.open_vote(unodc, alice_actor, "phones")
    sockets = phones_for(unodc, ["Canada", "Finland"])
    try:
        for socket in sockets:
            socket.receive()
        all_press(
            sockets,
            [
                {"command": "vote.cast", "choice": "yes", "vote": str(open_vote.pk)},
                {"command": "vote.cast", "choice": "yes", "vote": str(second.pk)},
            ],
        )
        said = sockets[0].receive_until("flash-error")
        assert "That vote closed before your ballot arrived: it was not counted." in said
        assert "Your vote is in." in sockets[1].receive_until("Your vote is in.")
        assert list(Ballot.objects.values_list("delegation__name", "vote")) == [("Finland", second.pk)]
        status, body, _ = post_ballots(
            "unodc", [(phone_of(unodc.delegations.get(name="Canada")), {"choice": "yes", "vote": open_vote.pk}, "p1")]
        )[0]
        assert status == 409 and "That vote closed before your ballot arrived" in body
        actions.close_vote(unodc, alice_actor)
        all_press(sockets[:1], [{"command": "vote.cast", "choice": "no", "vote": str(second.pk)}])
        assert "That vote closed before your ballot arrived" in sockets[0].receive_until("flash-error")
        assert Ballot.objects.count() == 1
    finally:
        close_all(sockets)


# ---- by POST: the page's way when its socket is down ---------------------------------------------------

CSRF = "a" * 32  # the page sends the CSRF cookie's value back in a header, as live.js does


def post_ballots(
    slug: str, presses: list[tuple[object, dict, str]], forged: frozenset[str] = frozenset()
) -> list[tuple[int, str, dict]]:
    """Each (phone, form fields, press id) POSTed at the same instant through the ASGI application, as
    live.js posts it: (status, body, headers) for each."""
    from channels.testing import HttpCommunicator

    async def post(phone, fields, press):
        cookies = "; ".join([*(f"{n}={m.value}" for n, m in phone.cookies.items()), f"csrftoken={CSRF}"])
        headers = [
            ORIGIN,
            HOST,
            (b"cookie", cookies.encode()),
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"hx-request", b"true"),
            (b"x-csrftoken", (("b" * 32) if press in forged else CSRF).encode()),
            (b"x-request-id", press.encode()),
        ]
        communicator = HttpCommunicator(
            asgi_application(), "POST", f"/c/{slug}/do/vote.cast/", body=urlencode(fields).encode(), headers=headers
        )
        answer = await communicator.get_response(timeout=10)
        await communicator.wait(timeout=10)  # the handler done with the request, as daphne waits for it
        said = {k.decode().lower(): v.decode() for k, v in answer["headers"]}
        return answer["status"], answer["body"].decode(), said

    async def post_all():
        return await asyncio.gather(*(post(*press) for press in presses))

    return LOOP.run(post_all())


def test_twenty_ballots_by_post_at_once_are_each_counted_and_reach_the_screens_in_a_few_renders(
    voting_house, open_vote, alice_client
):
    unodc = voting_house
    names = [n for n in PRESENT_AT_START + FULL_HOUSE_EXTRA if unodc.delegations.get(name=n).kind == "member"][:20]
    phones = [phone_of(unodc.delegations.get(name=name)) for name in names]
    chair_screen = connect_all([("/ws/c/unodc/chair/", cookie_of(alice_client))])[0]
    try:
        chair_screen.receive()
        renders = METRICS.merged_renders
        answers = post_ballots("unodc", [(phone, {"choice": "no"}, f"post-{n:04}") for n, phone in enumerate(phones)])
        assert [status for status, _, _ in answers] == [200] * 20
        assert all("Your vote is in." in body for _, body, _ in answers)
        assert Ballot.objects.filter(vote=open_vote, choice="no", by_chair=False).count() == 20
        entries = JournalEntry.objects.filter(kind="vote.ballot")
        assert sorted(entries.values_list("request", flat=True)) == [f"post-{n:04}" for n in range(20)]
        assert chair_screen.receive_until('data-testid="vote-count">20 of', limit=40)
        LOOP.run(MEMORY.settled())
        assert 1 <= METRICS.merged_renders - renders < 10  # merged: not one render per ballot
    finally:
        close_all([chair_screen])


def test_by_post_a_press_twice_counts_once_and_a_replaced_link_or_another_committee_is_refused(
    voting_house, open_vote, alice_actor
):
    from committee import actions

    unodc = voting_house
    canada, finland, estonia = (phone_of(unodc.delegations.get(name=n)) for n in ("Canada", "Finland", "Estonia"))
    actions.reissue_join_link(unodc, alice_actor, unodc.delegations.get(name="Finland").pk)
    first, again, replaced, elsewhere = post_ballots(
        "unodc",
        [
            (canada, {"choice": "yes"}, "canada-press-1"),
            (canada, {"choice": "yes"}, "canada-press-1"),
            (finland, {"choice": "yes"}, "finland-press-1"),
        ],
    ) + post_ballots("another-committee", [(estonia, {"choice": "yes"}, "estonia-press-1")])
    # The same press twice at once: whichever is done first counts, the other is "done already".
    counted, told = sorted([first, again], key=lambda answer: "Done already" in answer[1])
    assert counted[0] == 200 and "Your vote is in." in counted[1]
    assert told[0] == 200 and "Done already" in told[1] and told[2].get("x-floor-resync") == "1"
    assert replaced[0] == 403 and "join link was replaced" in replaced[1]
    assert elsewhere[0] == 404
    assert list(Ballot.objects.filter(vote=open_vote).values_list("delegation__name", flat=True)) == ["Canada"]
    assert JournalEntry.objects.filter(kind="vote.ballot").count() == 1


def test_by_post_a_ballot_with_a_forged_csrf_token_is_refused_and_never_cast(voting_house, open_vote):
    """Among five ballots by POST, Estonia's carries a forged CSRF token: Django refuses it (403); the
    four others are cast."""
    unodc = voting_house
    names = ["Canada", "Finland", "Estonia", "Germany", "France"]
    phones = [phone_of(unodc.delegations.get(name=name)) for name in names]
    answers = post_ballots(
        "unodc",
        [(phone, {"choice": "yes"}, f"{name.lower()}-1") for name, phone in zip(names, phones, strict=True)],
        forged=frozenset({"estonia-1"}),
    )
    statuses = dict(zip(names, (status for status, _, _ in answers), strict=True))
    assert statuses == {"Canada": 200, "Finland": 200, "Estonia": 403, "Germany": 200, "France": 200}
    voted = Ballot.objects.filter(vote=open_vote).values_list("delegation__name", flat=True)
    assert sorted(voted) == ["Canada", "Finland", "France", "Germany"]


# ---- a roll call through the box: one delegation answering twice ---------------------------------------


@pytest.mark.usefixtures("full_house", "decided")
def test_a_roll_call_in_one_burst_keeps_each_answer_in_the_journal_and_the_last_on_the_ballot(unodc, alice_actor):
    """The whole roll call pressed in one burst: the delegation called first passes, is called again at
    the end of the same burst and answers yes. Its two answers are two journal entries; its ballot,
    written once with the burst, says yes."""
    from committee.actions.ballots import cast_ballots

    vote = open_draft_vote(unodc, alice_actor, method="roll_call")
    names = dict(unodc.delegations.values_list("pk", "name"))
    order = [names[pk] for pk in vote.roll_order]
    presses = [(binding_of(unodc, order[0]), {"choice": "pass"}, "first-passes")]
    presses += [(binding_of(unodc, name), {"choice": "no"}, f"{name}-no") for name in order[1:]]
    presses += [(binding_of(unodc, order[0]), {"choice": "yes"}, "first-again")]
    answers = cast_ballots(unodc, presses)
    assert all(isinstance(answer, Ballot) for answer in answers)
    first = Ballot.objects.get(vote=vote, delegation__name=order[0])
    assert first.choice == "yes"
    assert Ballot.objects.filter(vote=vote).count() == len(order)
    said = JournalEntry.objects.filter(kind="vote.ballot", subject__name=order[0]).order_by("version")
    assert [entry.data["choice"] for entry in said] == ["pass", "yes"]


@pytest.mark.usefixtures("full_house", "decided")
def test_a_roll_call_answered_again_in_a_later_burst_changes_the_ballot_already_written(unodc, alice_actor):
    from committee.actions.ballots import cast_ballots

    vote = open_draft_vote(unodc, alice_actor, method="roll_call")
    names = dict(unodc.delegations.values_list("pk", "name"))
    order = [names[pk] for pk in vote.roll_order]
    cast_ballots(
        unodc,
        [(binding_of(unodc, order[0]), {"choice": "pass"}, "first-passes")]
        + [(binding_of(unodc, name), {"choice": "no"}, f"{name}-no") for name in order[1:]],
    )
    assert Ballot.objects.get(vote=vote, delegation__name=order[0]).choice == "pass"
    # Called again: it answers yes; a late press of the second delegation is refused, and changes nothing.
    again, late = cast_ballots(
        unodc,
        [
            (binding_of(unodc, order[0]), {"choice": "yes"}, "first-again"),
            (binding_of(unodc, order[1]), {"choice": "yes"}, "second-late"),
        ],
    )
    assert isinstance(again, Ballot) and again.choice == "yes"
    assert isinstance(late, ActionError)
    assert dict(Ballot.objects.filter(vote=vote).values_list("delegation__name", "choice")) == {
        order[0]: "yes",
        **{name: "no" for name in order[1:]},
    }
    assert Ballot.objects.filter(vote=vote).count() == len(order)


@pytest.mark.usefixtures("full_house", "decided")
def test_a_burst_writes_in_as_many_queries_for_twenty_ballots_as_for_two(unodc, alice_actor, monkeypatch):
    """Its transaction's queries (the broadcast after it is counted elsewhere: one render per burst)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from committee import actions
    from committee.actions.ballots import cast_ballots

    names = [d.name for d in unodc.delegations.filter(kind="member").order_by("name")][:24]
    monkeypatch.setattr(base, "broadcast_merged", lambda *args, **kwargs: None)

    def burst(voters: list[str]) -> int:
        open_draft_vote(unodc, alice_actor)
        presses = [(binding_of(unodc, name), {"choice": "yes"}, f"{name}-{len(voters)}") for name in voters]
        with CaptureQueriesContext(connection) as queries:
            answers = cast_ballots(unodc, presses)
        assert [type(answer) for answer in answers] == [Ballot] * len(voters)
        actions.close_vote(unodc, alice_actor)
        return len(queries)

    assert burst(names[:2]) == burst(names[2:22])
