"""Bad input never breaks anything: every command, sent by alice (chair) or by Canada's phone with
missing, malformed or absurd fields, is answered with a refusal or done, never a server error; and a
refused command leaves the journal as it was."""

import pytest

from committee.contract import PARTS
from committee.models import JournalEntry
from tests.conftest import phone_of

GARBAGE = [
    {},
    {"delegation": "x", "status": "?", "kind": "", "choice": "maybe", "which": "kettle", "operation": "boil"},
    {"delegation": "-1", "seconds": "-30", "yes": "-2", "no": "1e9", "motion": "0", "point": "'; DROP TABLE"},
    {"delegation": "999999", "total": "0", "speaking_time": "-1", "duration": "1:99", "topic": "x" * 5000},
    {
        "direction": "sideways",
        "method": "telepathy",
        "outcome": "maybe",
        "profile": "house",
        "allowed": "perhaps",
        "quorum_to_open": "2/1",
        "timer_warnings": "zero",
    },
    {
        "paper": "abc",
        "clause": "-3",
        "amendment": "1e5",
        "action": "explode",
        "target": "x",
        "side": "middle",
        "kind": "epilogue",
        "phrase": "",
        "text": "<script>alert(1)</script>",
        "title": "\u202e",
        "sponsor": "0",
        "parent": "-1",
        "amends": "[]",
        "as_sub_clause": "sure",
        "on_projector": "maybe",
        "decided": "NaN",
        "draft": "1.5",
        "clauses": "((((",
    },
]


@pytest.mark.parametrize("name", sorted(PARTS.commands))
@pytest.mark.parametrize("who", ["chair", "phone"])
def test_no_command_breaks_on_bad_input(in_session, alice_client, name, who):
    client = alice_client if who == "chair" else phone_of(in_session.delegations.get(name="Canada"))
    for params in GARBAGE:
        before = JournalEntry.objects.count()
        response = client.post(f"/c/unodc/do/{name}/", params, HTTP_HX_REQUEST="true")
        assert response.status_code in (200, 409), (name, params, response.status_code)
        if response.status_code == 409:
            assert "flash-error" in response.content.decode()
            assert JournalEntry.objects.count() == before


def test_a_nul_byte_or_a_control_character_never_reaches_the_database(in_session, alice_client, canada_phone):
    """PostgreSQL refuses NUL in text (SQLite stores it): the same answer on both, never a 500."""
    for client, name, params in (
        (canada_phone, "point.raise", {"kind": "right_of_reply", "text": "We object\x00 strongly"}),
        (canada_phone, "paper.create", {"title": "Joint\x00 teams\x07"}),
        (
            canada_phone,
            "motion.raise",
            {"kind": "moderated_caucus", "topic": "Extra\x00dition", "total": "10", "speaking_time": "60"},
        ),
        (alice_client, "motion.rule_out", {"motion": "1", "reason": "No\x00"}),
    ):
        response = client.post(f"/c/unodc/do/{name}/", params, HTTP_HX_REQUEST="true")
        assert response.status_code in (200, 409), (name, response.status_code)
    for value in JournalEntry.objects.values_list("data", flat=True):
        assert "\x00" not in str(value)
    for path in ("/signin/%00/", "/join/%00abc/", "/c/unodc/projector/%00/"):
        assert alice_client.get(path).status_code == 404, path


def test_a_board_member_with_a_very_long_name_acts_and_is_journalled(unodc, django_user_model):
    from committee import actions
    from committee.access import board_actor
    from committee.models import ExecutiveRole

    long = django_user_model.objects.create_user("long", first_name="A" * 150, last_name="B" * 150)
    ExecutiveRole.objects.create(committee=unodc, user=long, role=ExecutiveRole.Role.RAPPORTEUR)
    actions.open_sitting(unodc, board_actor(long, unodc))
    entry = JournalEntry.objects.get(kind="sitting.opened")
    assert entry.actor.startswith("Rapporteur (AAAA") and len(entry.actor) == 160
