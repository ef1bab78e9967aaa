"""What each statement said, in the summary record (issue 25, 4): while Canada speaks, alice types one
line of what she says on her laptop; she notes Finland's statement after it ended, and corrects it; the
record then reads "The representative of Canada said that …", the CSV carries the note, and the
journal keeps it. A phone cannot write a note; a note with nothing to note is refused in words; a note
re-renders the Board's screens only (no phone is sent anything)."""

from __future__ import annotations

import csv
import io

import pytest

from committee.errors import ActionError
from committee.live.metrics import METRICS
from committee.models import current_sitting
from committee.state import load_floor
from debate import actions as debate
from debate.models import Speech
from debate.state import HEARD
from record.exports import csv_table, minutes_docx
from record.minutes import read_minutes
from tests.conftest import cookie_of
from tests.papers import actor_for, spoke_for


def give_the_floor(committee, chair, name: str) -> Speech:
    debate.add_speaker(committee, chair, committee.delegations.get(name=name).pk)
    return debate.next_speaker(committee, chair)


def test_the_boards_note_is_what_the_record_says_was_said(in_session, alice_actor):
    give_the_floor(in_session, alice_actor, "Canada")
    spoke_for(in_session, 84)
    debate.note_speech(in_session, alice_actor, "Its Government supported joint investigation teams.")
    finland = give_the_floor(in_session, alice_actor, "Finland")
    spoke_for(in_session, 60)
    debate.yield_speech(in_session, alice_actor, "chair")
    debate.note_speech(in_session, alice_actor, "extradition treaties needed review", speech=finland.pk)
    debate.note_speech(in_session, alice_actor, "  extradition   treaties should be reviewed ", speech=finland.pk)

    paragraphs = [p.text for p in read_minutes(in_session).sittings[0].summary]
    assert (
        "The representative of Canada said that its Government supported joint investigation teams (1:24 of 1:30)."
        in paragraphs
    )
    assert (
        "The representative of Finland said that extradition treaties should be reviewed (1:00 of 1:30) and "
        "yielded the remaining time to the Chair." in paragraphs
    )
    rows = list(csv.DictReader(io.StringIO(csv_table(read_minutes(in_session), "speeches"))))
    assert [(r["delegation"], r["note"]) for r in rows] == [
        ("Canada", "Its Government supported joint investigation teams."),
        ("Finland", "extradition treaties should be reviewed"),
    ]
    import docx

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(minutes_docx(read_minutes(in_session)))).paragraphs)
    assert "The representative of Canada said that its Government supported" in text


def test_a_note_is_for_the_board_and_for_a_statement_that_was_made(in_session, alice_actor):
    with pytest.raises(ActionError, match="No statement has been made in this sitting yet"):
        debate.note_speech(in_session, alice_actor, "nothing yet")
    give_the_floor(in_session, alice_actor, "Canada")
    with pytest.raises(ActionError, match="Write the note first"):
        debate.note_speech(in_session, alice_actor, "   ")
    with pytest.raises(ActionError):
        debate.note_speech(in_session, actor_for(in_session, "Canada"), "we said so")
    assert Speech.objects.get(delegation__name="Canada").note == ""


def test_a_phone_cannot_write_a_note(in_session, alice_actor, canada_phone):
    give_the_floor(in_session, alice_actor, "Canada")
    response = canada_phone.post("/c/unodc/do/speech.note/", {"text": "we were brilliant"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 403 or response.status_code == 409
    assert Speech.objects.get(delegation__name="Canada").note == ""


@pytest.mark.django_db(transaction=True)
def test_a_note_reaches_the_boards_screens_only(in_session, alice_actor, alice_client, canada_phone, sockets):
    give_the_floor(in_session, alice_actor, "Canada")
    chair = sockets("/ws/c/unodc/chair/", cookie_of(alice_client))
    chair.receive()
    phone = sockets("/ws/c/unodc/delegate/", cookie_of(canada_phone))
    phone.receive()
    renders = METRICS.region_renders
    response = alice_client.post("/c/unodc/do/speech.note/", {"text": "supported the draft"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'value="supported the draft"' in chair.receive_until("speech-note")
    # The chair's note, and each audience's header (it carries the version; unchanged, not sent).
    assert METRICS.region_renders - renders == 1 + 3
    assert phone.nothing_more()


def test_the_time_answering_questions_is_recorded_apart_from_the_statement(in_session, alice_actor):
    """Canada speaks 1:24, yields to questions and answers them for 0:40 (the clock runs on)."""
    give_the_floor(in_session, alice_actor, "Canada")
    spoke_for(in_session, 84)
    debate.yield_speech(in_session, alice_actor, "questions")
    spoke_for(in_session, 124)
    give_the_floor(in_session, alice_actor, "Finland")
    minutes = read_minutes(in_session)
    canada = minutes.sittings[0].speeches[0]
    assert canada.row[3:] == ["1:24", "1:30", "to questions (answered for 0:40)"]
    assert (
        "The representative of Canada made a statement (1:24 of 1:30) and yielded to points of information, "
        "answering them for 0:40." in [p.text for p in minutes.sittings[0].summary]
    )


def test_after_canada_speaks_again_the_note_is_for_her_second_statement(in_session, alice_actor):
    """A long day: Canada, Finland, then Canada again, each heard and yielding to the chair; India is
    called and never stands up. With nobody on the floor, alice's note is for Canada's second
    statement; Canada and Finland are "heard", India is not; and the reload reads one speech a
    delegation heard, not one a speech (a press late in the day costs what an early one does)."""
    spoken = []
    for name in ("Canada", "Finland", "Canada"):
        spoken.append(give_the_floor(in_session, alice_actor, name))
        spoke_for(in_session, 40)
        debate.yield_speech(in_session, alice_actor, "chair")
    give_the_floor(in_session, alice_actor, "India")
    debate.next_speaker(in_session, alice_actor)  # India never spoke; nobody is on the floor

    floor = load_floor(in_session.pk).parts["debate"]
    assert floor.speech is None
    assert (floor.noted_speech.pk, floor.noted_speech.delegation_name) == (spoken[2].pk, "Canada")
    heard = {d.name for d in in_session.delegations.filter(pk__in=floor.spoken_ids)}
    assert heard == {"Canada", "Finland"}
    assert len(HEARD(committee=in_session.pk, sitting=current_sitting(in_session).pk)) == 2
    debate.note_speech(in_session, alice_actor, "it would table a draft on joint teams")
    assert Speech.objects.get(pk=spoken[2].pk).note == "it would table a draft on joint teams"
    assert Speech.objects.get(pk=spoken[0].pk).note == ""
