"""The words people read (issue 23, 11): alice entering Brazil's ballot is not told "Your vote is in";
no empty brackets or "1 signatories"; an open sitting's minutes say it is still in session; a long vote title is
cut at a word in the statistics; Brazil marked absent by mistake and present again is no late arrival;
an "&" in a clause reads as "&" in an amendment's "Now"."""

from __future__ import annotations

import io
import re

import docx
import pytest

from committee import actions as committee_actions
from committee.live import render
from committee.models import Attendance
from committee.state import load_floor
from debate import actions as debate_actions
from record.charts import vote_results
from record.exports import minutes_docx
from record.minutes import read_minutes
from record.tables import Vote
from resolutions.actions import amendments, papers
from tests.conftest import actor_for, phone_of
from tests.papers import grant, sign, write_paper


def test_alice_entering_brazils_ballot_is_told_it_is_in_not_that_she_voted(in_session, alice_actor, alice_client):
    debate_actions.raise_motion(
        in_session, actor_for(in_session, "Canada"), "unmoderated_caucus", {"duration": 300, "topic": "Drafting"}
    )
    debate_actions.open_vote(in_session, alice_actor, "phones")
    brazil = in_session.delegations.get(name="Brazil")
    answer = alice_client.post(
        "/c/unodc/do/vote.cast/", {"choice": "yes", "delegation": brazil.pk}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "The delegation&#x27;s ballot is in." in answer or "The delegation's ballot is in." in answer
    assert "Your vote is in" not in answer


def test_the_chairs_drafts_panel_shows_no_empty_brackets_before_any_paper(in_session):
    chair = render.whole_screen(load_floor(in_session.pk), "chair")
    assert "sponsors and signatories ()" not in chair and "sponsors and signatories;" in chair


def test_an_open_sittings_minutes_say_still_in_session(in_session):
    text = [p.text for p in docx.Document(io.BytesIO(minutes_docx(read_minutes(in_session)))).paragraphs]
    assert "The meeting was still in session when this record was made." in text
    assert not any(line.startswith("The meeting rose") for line in text)


def test_one_signatory_is_one_signatory(voting_house, alice_actor):
    paper = write_paper(voting_house, "Canada")
    sign(voting_house, paper, "Finland", "Brazil", "Colombia", "Egypt")
    grant(voting_house, alice_actor, "Canada", "introduce_draft", {"paper": paper.pk})
    strike = amendments.propose_amendment(
        voting_house, actor_for(voting_house, "India"), paper.pk, "strike", paper.clauses.get(phrase="Requests").pk
    )
    phone = phone_of(voting_house.delegations.get(name="Mexico"))
    page = phone.get("/c/unodc/delegate/").content.decode()
    assert "1 of 3 signatories (its mover counted)" in page and "1 signatories" not in page
    with pytest.raises(Exception, match="The amendment has 1 signatory with its mover; it needs 3"):
        grant(voting_house, alice_actor, "India", "introduce_amendment", {"amendment": strike.pk})


def test_a_long_vote_title_is_cut_at_a_word_and_kept_whole_for_screen_readers():
    title = "Canada: introduce “Strengthening joint investigation teams against transnational organized crime”"
    svg = vote_results([Vote(None, title, "phones", "procedural", 9, 4, 0, True, "")])
    shown = re.search(r'<text x="0"[^>]*>(?:<title>[^<]*</title>)?([^<]*)</text>', svg).group(1)
    assert shown.endswith(" …") and title.startswith(shown[:-2])
    assert shown[:-2].split()[-1] in title.split()  # a whole word before the "…"
    assert "<title>Canada: introduce “Strengthening joint investigation teams" in svg


def test_brazil_marked_absent_by_mistake_and_present_again_is_no_late_arrival(in_session, alice_actor):
    brazil = in_session.delegations.get(name="Brazil")
    committee_actions.mark_attendance(in_session, alice_actor, brazil.pk, "absent")  # A pressed by mistake
    attendance = committee_actions.mark_attendance(in_session, alice_actor, brazil.pk, "present")
    assert attendance.arrived_late_at is None
    assert read_minutes(in_session).sittings[0].late == []
    # Kenya, absent at the roll call, who comes in afterwards, is a late arrival.
    kenya = in_session.delegations.get(name="Kenya")
    assert committee_actions.mark_attendance(in_session, alice_actor, kenya.pk, "present").arrived_late_at
    assert [name for name, _ in read_minutes(in_session).sittings[0].late] == ["Kenya"]
    assert Attendance.objects.get(delegation=brazil, sitting__number=1).is_present


def test_an_ampersand_in_a_clause_reads_as_one_in_the_amendments_now(voting_house, alice_actor):
    paper = write_paper(voting_house, "Canada")
    canada = actor_for(voting_house, "Canada")
    papers.add_clause(voting_house, canada, paper.pk, "operative", "Invites", "customs & border agencies to share data")
    sign(voting_house, paper, "Finland", "Brazil", "Colombia", "Egypt")
    grant(voting_house, alice_actor, "Canada", "introduce_draft", {"paper": paper.pk})
    clause = paper.clauses.get(phrase="Invites")
    amendments.propose_amendment(
        voting_house, actor_for(voting_house, "India"), paper.pk, "change", clause.pk, "Invites", "police to share data"
    )
    page = phone_of(voting_house.delegations.get(name="Mexico")).get("/c/unodc/delegate/").content.decode()
    now = re.search(r'<span class="label">Now</span> <del>(.*?)</del>', page).group(1)
    assert "customs &amp; border agencies" in now and "&amp;amp;" not in now
