"""Bad input never breaks anything: every command, sent by alice (chair) or by Canada's phone with
missing, malformed or absurd fields, is answered with a refusal or done, never a server error; and a
refused command leaves the journal as it was."""

import pytest

from committee.models import JournalEntry
from committee.parts import PARTS
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
