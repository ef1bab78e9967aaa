"""A chair's hour without surprises: what a real session on the floor showed, each reproduced here.

alice chairs Session I of UNODC with thirteen member states present (the quorum to open debate),
the Holy See and the NGO; Canada, Finland and Estonia take the floor; Japan is still out.
"""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client

from committee import actions as room
from committee.actions import ActionError
from committee.contract import run_command
from committee.live import broadcast, render
from committee.models import JournalEntry
from committee.state import load_floor
from debate import actions
from debate.models import Floor, Motion, Point, SpeakerEntry, Speech
from tests.conftest import actor_for, debate

UNMOD = {"duration": 600, "topic": "Drafting"}


def ids(committee, *names):
    return [committee.delegations.get(name=name).pk for name in names]


def screen(committee, audience: str, delegation=None) -> str:
    state = load_floor(committee.pk)
    return unescape(render.whole_screen(state, audience, delegation.pk if delegation else None))


def passes(committee, chair, mover: str, kind: str, values: dict) -> None:
    actions.raise_motion(committee, actor_for(committee, mover), kind, values)
    actions.open_vote(committee, chair, "placard")
    room.close_vote(committee, chair, 14, 0)


@pytest.fixture
def canada_called(in_session, alice_actor):
    """Canada and Finland are on the speakers' list; alice has called Canada, who has not begun."""
    for delegation in ids(in_session, "Canada", "Finland"):
        actions.add_speaker(in_session, alice_actor, delegation)
    return actions.next_speaker(in_session, alice_actor)


# ---- 3. The floor stays consistent -----------------------------------------------------------------


def test_a_speaker_called_keeps_the_turn_when_a_caucus_passes(in_session, alice_actor, canada_called):
    passes(in_session, alice_actor, "Brazil", "unmoderated_caucus", UNMOD)
    floor = debate(in_session)
    assert floor.speech is None and floor.phase == "unmoderated"
    assert [e.delegation.name for e in floor.gsl] == ["Canada", "Finland"]  # first again, as if never called
    assert not Speech.objects.filter(delegation__name="Canada").exists()  # no speech recorded as given
    assert JournalEntry.objects.get(kind="vote.closed").data["decision"]["returned"] == "Canada"
    actions.end_caucus(in_session, alice_actor)
    assert actions.next_speaker(in_session, alice_actor).delegation.name == "Canada"


def test_a_speaker_who_had_begun_ends_when_a_suspension_passes_and_is_back_to_finish(
    in_session, alice_actor, canada_called
):
    actions.control_timer(in_session, alice_actor, "speech", "start")
    actions.control_timer(in_session, alice_actor, "speech", "pause")  # the floor is open again
    passes(in_session, alice_actor, "Brazil", "suspend_meeting", {"duration": 300})
    speech = Speech.objects.get(delegation__name="Canada")
    assert speech.ended_at is not None
    # Issue 23: the seconds it spoke are kept, and it finishes its speech when debate resumes.
    assert [(e.delegation.name, e.time_left) for e in debate(in_session).gsl] == [("Canada", 89), ("Finland", None)]
    decision = JournalEntry.objects.get(kind="vote.closed").data["decision"]
    assert decision["interrupted"]["ended"] == canada_called.delegation_id


def test_closing_a_sitting_clears_the_floor_for_the_next(in_session, alice_actor, canada_called, canada):
    actions.raise_point(in_session, actor_for(in_session, "Brazil"), "personal_privilege")
    actions.raise_motion(in_session, actor_for(in_session, "Mexico"), "unmoderated_caucus", UNMOD)
    room.close_sitting(in_session, alice_actor)
    floor = screen(in_session, "delegate", canada).split('id="floor"')[1].split("</section>")[0]
    assert 'data-testid="phone-speaker"' not in floor and "The committee is not in session" in floor
    room.open_sitting(in_session, alice_actor)
    floor = debate(in_session)
    assert floor.speech is None and floor.phase == "formal"
    assert floor.motions == [] and Motion.objects.get().status == "fallen"
    assert floor.points == [] and Point.objects.get().status == "lapsed"
    assert [e.delegation.name for e in floor.gsl] == ["Canada", "Finland"]  # the list goes on; Canada first
    assert "Roll call" in screen(in_session, "projector")  # Session II opens on its roll call


def test_session_two_opens_without_session_ones_last_motion(in_session, alice_actor):
    passes(in_session, alice_actor, "Brazil", "set_speaking_time", {"speaking_time": 60})
    assert "Last motion" in screen(in_session, "projector")
    room.close_sitting(in_session, alice_actor)
    room.open_sitting(in_session, alice_actor)
    assert debate(in_session).last_decided is None
    assert "Last motion" not in screen(in_session, "projector")


def test_a_sitting_does_not_close_in_the_middle_of_a_vote(in_session, alice_actor):
    actions.raise_motion(in_session, actor_for(in_session, "Brazil"), "adjourn_meeting", {})
    actions.open_vote(in_session, alice_actor, "phones")
    with pytest.raises(ActionError, match="A vote is open: close it before closing the sitting"):
        room.close_sitting(in_session, alice_actor)


def test_the_add_and_yield_choices_follow_the_roll_call(
    in_session, alice_actor, canada_called, django_capture_on_commit_callbacks
):
    japan = in_session.delegations.get(name="Japan")
    with broadcast.collect() as pushed, django_capture_on_commit_callbacks(execute=True):
        room.mark_attendance(in_session, alice_actor, japan.pk, "present")
    chair = unescape(pushed.html[render.committee_group(in_session.pk, "chair", "en-gb")])
    speakers = chair.split('id="speakers"')[1].split("</section>")[0]
    now = chair.split('id="now"')[1].split("</section>")[0]
    assert f'<option value="{japan.pk}">Japan</option>' in speakers  # Add
    assert f'<option value="{japan.pk}">Japan</option>' in now  # yield to a delegation


# ---- 4. Yields -------------------------------------------------------------------------------------


def test_a_delegation_yielded_to_may_yield_only_to_the_chair(in_session, alice_actor, canada_called):
    actions.control_timer(in_session, alice_actor, "speech", "start")
    actions.yield_speech(in_session, alice_actor, "delegation", ids(in_session, "Estonia")[0])
    now = screen(in_session, "chair").split('id="now"')[1].split("</section>")[0]
    assert 'Estonia <small class="yielded-by">(yielded by Canada)</small>' in now
    assert "to questions" not in now and "to a delegation" not in now and "to the chair" in now
    with pytest.raises(ActionError, match="Estonia was yielded the floor by Canada and may not yield it again"):
        actions.yield_speech(in_session, alice_actor, "questions")


# ---- 5. The doors close in voting procedure -------------------------------------------------------------


def test_the_roll_call_does_not_change_in_voting_procedure(in_session, alice_actor):
    Floor.objects.update_or_create(committee=in_session, defaults={"phase": "voting"})  # debate was closed
    japan = in_session.delegations.get(name="Japan")
    with pytest.raises(ActionError, match="The doors are closed: voting procedure has begun"):
        room.mark_attendance(in_session, alice_actor, japan.pk, "present")
    with pytest.raises(ActionError, match="The doors are closed"):
        room.note_arrival(in_session, actor_for(in_session, "Japan"))
    actions.resume(in_session, alice_actor)  # voting procedure ends
    room.mark_attendance(in_session, alice_actor, japan.pk, "present")


# ---- 6. The quorum is applied ---------------------------------------------------------------------------


@pytest.fixture
def two_of_thirty_eight(unodc, alice_actor):
    room.open_sitting(unodc, alice_actor)
    for delegation in ids(unodc, "Canada", "Finland"):
        room.mark_attendance(unodc, alice_actor, delegation, "present")
    return unodc


def test_below_the_quorum_debate_does_not_open(two_of_thirty_eight, alice_actor):
    committee = two_of_thirty_eight
    no_quorum = "No quorum to open debate: 2 of 38 members are present, 13 needed. Take the roll call, or suspend"
    with pytest.raises(ActionError, match=no_quorum):
        actions.raise_motion(
            committee, actor_for(committee, "Canada"), "moderated_caucus", {**UNMOD, "total": 600, "speaking_time": 60}
        )
    actions.add_speaker(committee, alice_actor, ids(committee, "Canada")[0])
    with pytest.raises(ActionError, match=no_quorum):
        actions.next_speaker(committee, alice_actor)
    # The chair may still suspend the meeting.
    actions.raise_motion(committee, actor_for(committee, "Finland"), "suspend_meeting", {"duration": 600})
    actions.open_vote(committee, alice_actor, "placard")
    room.close_vote(committee, alice_actor, 2, 0)
    assert debate(committee).phase == "suspended"


def test_below_the_quorum_the_motion_menus_offer_only_what_is_in_order(two_of_thirty_eight, canada):
    phone = screen(two_of_thirty_eight, "delegate", canada)
    assert 'data-in-order="adjourn_meeting suspend_meeting"' in phone


# ---- 8. Motion times as MUN says them ------------------------------------------------------------------


def test_a_ten_typed_for_a_caucus_is_ten_minutes(in_session, alice_actor):
    motion = run_command(
        in_session,
        actor_for(in_session, "Canada"),
        "motion.raise",
        {"kind": "moderated_caucus", "topic": "JITs", "total": "10", "speaking_time": "60"},
    )
    assert motion.values == {"topic": "JITs", "total": 600, "speaking_time": 60}
    assert "10:00 total, 1:00 per speaker" in screen(in_session, "chair")


def test_a_wrong_time_is_refused_in_its_own_unit_beside_its_field(in_session, canada_phone):
    response = canada_phone.post(
        "/c/unodc/do/motion.raise/",
        {"kind": "moderated_caucus", "topic": "JITs", "total": "200", "speaking_time": "60"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert response["X-Error-Field"] == "total"
    assert "Total time must be from 1 minute to 180 minutes, not 200 minutes." in unescape(response.content.decode())
    assert not Motion.objects.exists()


def test_the_phone_form_says_each_unit_and_offers_presets(in_session, canada_phone):
    page = canada_phone.get("/c/unodc/delegate/").content.decode()
    assert "Total time <small>(minutes)</small>" in page and "Speaking time <small>(seconds)</small>" in page
    assert 'data-fill="10">10 min</button>' in page and 'data-fill="60">60 s</button>' in page
    assert 'data-error-for="total"' in page


# ---- 9. The mover reads why --------------------------------------------------------------------------------


def test_the_out_of_order_reason_reaches_the_movers_phone(in_session, alice_actor, canada):
    motion = actions.raise_motion(in_session, actor_for(in_session, "Canada"), "unmoderated_caucus", UNMOD)
    actions.rule_out_of_order(in_session, alice_actor, motion.pk, "Dilatory: a caucus on drafting just ended")
    phone = screen(in_session, "delegate", canada)
    assert "The chair ruled your motion out of order: “Dilatory: a caucus on drafting just ended”" in phone


# ---- 11. The phone knows where its delegation stands ----------------------------------------------------


def test_a_phone_whose_delegation_has_the_floor_says_so_and_offers_no_ask(
    in_session, alice_actor, canada_called, canada
):
    phone = screen(in_session, "delegate", canada)
    assert "You have the floor." in phone and "Ask to speak" not in phone


def test_when_the_speaker_yields_to_questions_the_other_phones_offer_a_point_of_information(
    in_session, alice_actor, canada_called, finland
):
    actions.control_timer(in_session, alice_actor, "speech", "start")
    actions.yield_speech(in_session, alice_actor, "questions")
    phone = screen(in_session, "delegate", finland)
    assert "Points of information are open: Canada takes questions." in phone
    assert 'value="information" data-testid="ask-poi">Point of information</button>' in phone


def test_in_a_moderated_caucus_a_phone_asks_to_speak_and_the_chair_sees_the_request(in_session, alice_actor):
    passes(in_session, alice_actor, "Brazil", "moderated_caucus", {"topic": "JITs", "total": 600, "speaking_time": 60})
    entry = actions.ask_to_speak(in_session, actor_for(in_session, "Finland"))
    assert (entry.list, entry.status) == ("caucus", "requested")
    chair = screen(in_session, "chair").split('id="speakers"')[1].split("</section>")[0]
    assert "Requests from phones" in chair and "Finland" in chair
    actions.add_speaker(in_session, alice_actor, entry.delegation_id)
    assert [e.delegation.name for e in debate(in_session).caucus_list] == ["Finland"]
    assert SpeakerEntry.objects.get(pk=entry.pk).status == "waiting"


# ---- 12. Small things --------------------------------------------------------------------------------------


def test_the_header_says_whom_the_majorities_count_and_no_bare_version(in_session):
    chair = screen(in_session, "chair")
    assert "of the 14 who vote on procedure" in chair  # the NGO present does not vote
    assert 'data-testid="version"' not in chair


def test_the_admin_speaks_plain_english(in_session, alice_actor, sam):
    sam.is_superuser = True
    sam.save()
    client = Client()
    client.force_login(sam)
    index = client.get("/admin/").content.decode()
    assert "Speaker entries" in index and "Speeches" in index and "Attendance" in index
    journal = unescape(client.get("/admin/committee/journalentry/").content.decode())
    assert "Chair (Alice) marked Canada present" in journal


# ---- Safety nets ----------------------------------------------------------------------------------------


def test_a_point_of_order_or_privilege_stands_out_at_the_top_of_the_chairs_screen(in_session):
    actions.raise_point(in_session, actor_for(in_session, "Brazil"), "personal_privilege", "We cannot hear")
    actions.raise_point(in_session, actor_for(in_session, "Mexico"), "parliamentary_inquiry")
    chair = screen(in_session, "chair")
    urgent = chair.split('id="urgent"')[1].split("</div>")[0]
    assert "Point of personal privilege</strong> — Brazil: “We cannot hear”" in urgent
    assert "Mexico" not in urgent  # an inquiry waits its turn under Points
    assert chair.index('id="urgent"') < chair.index('id="now"')


def test_a_late_arrival_shows_in_the_chairs_header(in_session):
    room.note_arrival(in_session, actor_for(in_session, "Japan"))
    header = screen(in_session, "chair").split('id="status"')[1].split("</div>")[0]
    assert "⚑ arrived: Japan" in header


def test_closing_a_vote_most_have_not_voted_in_asks_first(in_session, alice_actor):
    actions.raise_motion(in_session, actor_for(in_session, "Brazil"), "adjourn_meeting", {})
    actions.open_vote(in_session, alice_actor, "phones")
    room.cast_ballot(in_session, actor_for(in_session, "Canada"), "yes")
    assert 'data-confirm="Only 1 of 14 have voted. Close the vote and count anyway?"' in screen(in_session, "chair")
