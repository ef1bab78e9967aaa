"""Each floor action costs a constant number of queries, however many delegations the committee has.

The same session is run in UNODC as seeded (43 delegations) and in a committee of 193; every step,
broadcast included, must cost the same number of queries in both.
"""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committee import actions as committee_actions
from committee.access import board_actor
from committee.models import Committee, Delegation, ExecutiveRole
from debate import actions
from tests.conftest import PRESENT_AT_START, actor_for

MOD = {"topic": "Joint investigation teams", "total": 600, "speaking_time": 60}


def big_committee() -> Committee:
    committee = Committee.objects.create(
        name="General Assembly Third Committee", abbreviation="SOCHUM", slug="sochum", agenda="Crime prevention"
    )
    names = PRESENT_AT_START + [f"Member State {n:03}" for n in range(193 - len(PRESENT_AT_START))]
    Delegation.objects.bulk_create(Delegation(committee=committee, name=name) for name in names)
    committee.rules_overrides = {"quorum_to_open": "1/40"}
    committee.save()
    chair = get_user_model().objects.create_user("grace")
    ExecutiveRole.objects.create(committee=committee, user=chair, role="chair")
    return committee


def session_costs(committee: Committee, chair, capture) -> list[tuple[str, int]]:
    d = {name: committee.delegations.get(name=name).pk for name in ("Canada", "Finland", "Estonia")}
    steps = [
        ("open sitting", lambda: committee_actions.open_sitting(committee, chair)),
        *[
            (
                f"mark {name}",
                lambda name=name: committee_actions.mark_attendance(
                    committee, chair, committee.delegations.get(name=name).pk, "present"
                ),
            )
            for name in PRESENT_AT_START[:6]
        ],
        ("ask to speak", lambda: actions.ask_to_speak(committee, actor_for(committee, "Canada"))),
        ("accept request", lambda: actions.add_speaker(committee, chair, d["Canada"])),
        ("add speaker", lambda: actions.add_speaker(committee, chair, d["Finland"])),
        ("move speaker", lambda: actions.move_speaker(committee, chair, d["Finland"], "up")),
        ("next speaker", lambda: actions.next_speaker(committee, chair)),
        ("start timer", lambda: actions.control_timer(committee, chair, "speech", "start")),
        ("extend timer", lambda: actions.control_timer(committee, chair, "speech", "extend", 30)),
        ("yield to Estonia", lambda: actions.yield_speech(committee, chair, "delegation", d["Estonia"])),
        ("raise point", lambda: actions.raise_point(committee, actor_for(committee, "Brazil"), "personal_privilege")),
        ("next speaker again", lambda: actions.next_speaker(committee, chair)),
        (
            "raise motion",
            lambda: actions.raise_motion(committee, actor_for(committee, "Canada"), "moderated_caucus", MOD),
        ),
        ("open vote", lambda: actions.open_vote(committee, chair, "phones")),
        ("cast ballot", lambda: committee_actions.cast_ballot(committee, actor_for(committee, "Finland"), "yes")),
        *[
            (
                f"ballot {name}",
                lambda name=name: committee_actions.cast_ballot(committee, actor_for(committee, name), "yes"),
            )
            for name in ("Canada", "Russian Federation", "United States of America")
        ],
        ("close vote", lambda: committee_actions.close_vote(committee, chair)),
        ("end caucus", lambda: actions.end_caucus(committee, chair)),
    ]
    costs = []
    for name, step in steps:
        with CaptureQueriesContext(connection) as queries, capture(execute=True):
            step()
        costs.append((name, len(queries)))
    return costs


def test_every_floor_action_costs_the_same_in_a_committee_of_43_and_of_193(
    unodc, alice, django_capture_on_commit_callbacks
):
    # Both committees' rules let six members open debate, so that the costs are all that differs.
    unodc.rules_overrides = {"quorum_to_open": "1/40"}
    unodc.save()
    small = session_costs(unodc, board_actor(alice, unodc), django_capture_on_commit_callbacks)
    big = big_committee()
    large = session_costs(
        big, board_actor(get_user_model().objects.get(username="grace"), big), django_capture_on_commit_callbacks
    )
    assert small == large
    # And none is extravagant (the most: closing a vote; the chair's header reads the last journal entry
    # for its undo button, one query whatever the committee). The floor's speech and its timers are
    # read by id, each a query compiled once (committee/compiled.py), not joined and compiled anew.
    assert max(cost for _, cost in small) <= 42
