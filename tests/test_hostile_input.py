"""Hostile input, as properties (hypothesis): whatever a socket or a form sends, the answer is a
clear message or the change, never a server error, never a closed socket; a refusal changes nothing.

- Every command's fields, with values of every JSON type and of absurd sizes, unicode, control
  characters and nesting, from the chair and from a phone, straight into the command layer.
- Whole messages: any text, any JSON, deep nesting, oversized frames, read before parsing.
- Over a real socket: the worst of them, then the socket still answers.
"""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from committee.contract import PARTS, run_command
from committee.errors import ActionError
from committee.live.messages import MAX_MESSAGE_BYTES, read_message, too_deep
from committee.models import Committee, JournalEntry
from tests.conftest import actor_for, cookie_of

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))

# Digits that are not all numbers: '²' passes str.isdigit() but not int(); '٣' (Arabic-Indic three) is
# a number; 5,000 nines are more digits than int() reads.
DIGITS = ["²", "٣", "9" * 5000]

# Text a person (or an attacker) might type: any unicode, control characters, NUL, right-to-left marks.
texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=10),
    st.sampled_from(
        ["", " ", "\x00", "\u202e", "0", "-1", "1e309", "NaN", "yes", "present", "1:30", "<script>", *DIGITS]
    ),
    st.text(min_size=5000, max_size=6000),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3), max_leaves=6
)


def fields_of(name: str) -> list[str]:
    command = PARTS.command(name)
    return sorted({field.key or key for key, field in command.fields.items()})


def messages_for(name: str):
    """A message for this command: its own fields (some missing) with any values, and stray keys."""
    own = st.fixed_dictionaries({}, optional={key: values for key in fields_of(name)})
    return st.tuples(own, st.dictionaries(texts, values, max_size=2)).map(lambda pair: {**pair[1], **pair[0]})


@pytest.mark.parametrize("name", sorted(PARTS.commands))
def test_no_field_of_any_command_breaks_it(in_session, alice_actor, name):
    unodc = in_session
    phone = actor_for(unodc, "Canada")

    @SETTINGS
    @given(message=messages_for(name), as_phone=st.booleans())
    def check(message, as_phone):
        actor = phone if as_phone else alice_actor
        before = JournalEntry.objects.count()
        with transaction.atomic():
            try:
                run_command(Committee.objects.get(pk=unodc.pk), actor, name, message)
            except ActionError as refused:
                assert str(refused).strip(), "a refusal says why"
                assert JournalEntry.objects.count() == before, "a refusal changes nothing"
            transaction.set_rollback(True)  # each example starts from the same floor

    check()


@pytest.mark.parametrize("name", sorted(PARTS.commands))
def test_digits_int_cannot_read_in_any_field_are_refused_in_words(in_session, alice_actor, name):
    unodc = in_session
    for key in fields_of(name):
        for digits in DIGITS:
            before = JournalEntry.objects.count()
            with transaction.atomic():
                try:
                    run_command(Committee.objects.get(pk=unodc.pk), alice_actor, name, {key: digits})
                except ActionError as refused:
                    assert str(refused).strip()
                    assert JournalEntry.objects.count() == before
                transaction.set_rollback(True)


@SETTINGS
@given(text=st.one_of(st.text(max_size=300), st.binary(max_size=100).map(lambda b: b.decode("latin-1"))))
def test_any_text_is_read_as_a_message_or_refused_in_words(text):
    read = read_message(text)
    assert isinstance(read, dict) or (isinstance(read, str) and read.startswith("That message could not be read"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


@SETTINGS
@given(value=json_values)
def test_any_json_is_read_as_a_message_or_refused_in_words(value):
    read = read_message(json.dumps(value))
    if isinstance(value, dict) and not too_deep(json.dumps(value)):
        assert read == value
    else:
        assert isinstance(read, str)


@pytest.mark.parametrize("depth", [9, 100, 5000, 200_000])
def test_deep_nesting_is_refused_before_it_is_parsed(depth):
    for opening, closing in (("[", "]"), ('{"a":', "}")):
        text = opening * depth + "1" + closing * depth
        assert read_message(text) in (
            "That message could not be read (it is nested too deeply).",
            "That message could not be read (it is too long).",
        )
    assert read_message('{"text": "' + "[" * 5000 + '"}') == {"text": "[" * 5000}  # brackets in a string


@pytest.mark.django_db(transaction=True)
def test_the_worst_messages_leave_every_socket_open_and_answering(unodc, sitting, alice_client, canada_phone, sockets):
    chair = sockets("/ws/c/unodc/chair/", cookie_of(alice_client))
    phone = sockets("/ws/c/unodc/delegate/", cookie_of(canada_phone))
    projector = sockets(f"/ws/c/unodc/projector/{unodc.projector_token}/")
    for socket in (chair, phone, projector):
        socket.receive()
    worst = [
        "[" * 5000 + "]" * 5000,
        '{"command": ' * 3000 + "1" + "}" * 3000,
        "x" * (MAX_MESSAGE_BYTES + 1),
        json.dumps({"command": "rollcall.mark", "delegation": {"a": [1, 2]}, "status": ["present"]}),
        json.dumps({"command": {"nested": True}}),
        json.dumps({"command": "rules.set", "profile": 12, "quorum_to_open": {"x": 1}}),
        json.dumps({"command": "point.raise", "kind": ["order"], "text": 5}),
        json.dumps({"command": "speakers.move", "delegation": 1.5, "direction": None}),
        json.dumps({"command": "timer", "which": {}, "operation": [], "seconds": "∞"}),
        json.dumps({"command": "motion.rule_out", "motion": True, "reason": "\x00" * 10}),
        "\x00\x01\x02",
        "null",
    ]
    before = JournalEntry.objects.count()
    for socket in (chair, phone, projector):
        for text in worst:
            socket.send(text)
            answer = socket.receive()
            assert "flash-error" in answer and "Something went wrong" not in answer, (text[:40], answer)
        socket.send_bytes(b"\xff\xfe")
        assert "could not be read" in socket.receive()
        socket.send_json({"command": "ping"})
        assert socket.receive().startswith("<!--pong")  # still open, still answering
    assert JournalEntry.objects.count() == before
