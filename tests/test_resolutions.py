"""Resolutions, the whole path (issue 8): Canada writes a working paper on joint investigation teams
from its phone, Finland co-sponsors, Brazil signs; Canada moves to introduce it and the chair grants
the motion (DR 1/1). Argentina's amendment is friendly (both sponsors consent), Egypt's is not (India
signs it, the chair grants its introduction). Debate closes; Brazil divides the question, China asks
for a roll call; the committee votes the amendment, the divided part, then the draft by roll call,
with a pass and a vote with rights. The resolution reads as the UN prints it, and downloads as DOCX."""

from __future__ import annotations

import io

import docx
import docx.enum.text
import pytest

from committee import actions as committee_actions
from committee.errors import ActionError
from committee.live import render
from committee.models import Vote
from committee.state import load_floor
from debate import actions as debate_actions
from resolutions.actions import amendments, explanations, papers, voting
from resolutions.models import Amendment, Clause, Paper
from resolutions.text import flatten, lay_out
from tests.conftest import actor_for, debate, phone_of
from tests.papers import (
    answer_roll_call,
    ballots_of,
    carry_motion,
    grant,
    journal,
    open_vote,
    sign,
    vote_on_phones,
    write_paper,
)


def drafts(committee):
    return load_floor(committee.pk).parts["resolutions"]


def operative_words(paper: Paper) -> list[str]:
    return [line.words for line in flatten(lay_out(Clause.objects.filter(paper=paper))[1])]


@pytest.fixture
def canada_paper(voting_house):
    """Canada's working paper with Finland as co-sponsor and a sub-clause under its first clause."""
    paper = write_paper(voting_house, "Canada")
    canada = actor_for(voting_house, "Canada")
    papers.add_sponsor(voting_house, canada, paper.pk, voting_house.delegations.get(name="Finland").pk)
    first = paper.clauses.get(phrase="Encourages")
    papers.add_clause(voting_house, canada, paper.pk, "operative", "including", "experts in asset recovery", first.pk)
    return paper


def test_a_paper_gathers_its_support_and_is_introduced_as_dr_1_1(voting_house, alice_actor, canada_paper):
    view = drafts(voting_house).paper(canada_paper.pk)
    # 23 delegations present: 20% of them is 5, and Canada and Finland make 2.
    assert (view.support, view.needed, view.ready) == (2, 5, False)
    sign(voting_house, canada_paper, "Brazil", "Mexico")
    with pytest.raises(ActionError, match="it needs 5"):
        grant(voting_house, alice_actor, "Canada", "introduce_draft", {"paper": canada_paper.pk})
    sign(voting_house, canada_paper, "Colombia")
    assert drafts(voting_house).paper(canada_paper.pk).ready

    grant(voting_house, alice_actor, "Canada", "introduce_draft", {"paper": canada_paper.pk})
    canada_paper.refresh_from_db()
    assert (canada_paper.status, canada_paper.symbol) == ("introduced", "DR 1/1")
    assert drafts(voting_house).focus.paper == canada_paper  # every phone now reads it
    assert operative_words(canada_paper) == [
        "1. Encourages Member States to set up joint investigation teams for cases that cross their borders:",
        "(a) including experts in asset recovery;",
        "2. Calls upon Member States to designate a central authority for mutual legal assistance;",
        "3. Requests the United Nations Office on Drugs and Crime to train investigators in financial inquiries.",
    ]
    sentences = journal(voting_house)
    assert "Brazil signed “Strengthening joint investigation teams against transnational organized crime”." in (
        sentences
    )
    assert sentences[-1] == (
        "Chair (Alice) granted the motion of Canada to introduce “Strengthening joint investigation teams against "
        "transnational organized crime” as a draft resolution."
    )
    assert "Canada added Finland as a sponsor of “Strengthening joint investigation teams against" in "".join(sentences)
    # Its text now changes only by amendment; signatures are closed.
    with pytest.raises(ActionError, match="only by amendment"):
        papers.add_clause(
            voting_house, actor_for(voting_house, "Canada"), canada_paper.pk, "operative", "Urges", "more"
        )
    with pytest.raises(ActionError, match="signatures are closed"):
        sign(voting_house, canada_paper, "India")


def test_a_phones_motion_menu_offers_the_papers_with_their_support_as_it_grows(voting_house, canada_paper):
    """The choices of a motion's paper come with the drafts' region (`<template data-options-for>`),
    re-rendered as signatures come: the menu a sponsor opens says how much support each paper has."""
    phone = phone_of(voting_house.delegations.get(name="Canada"))
    title = "Strengthening joint investigation teams against transnational organized crime"
    page = phone.get("/c/unodc/delegate/").content.decode()
    assert f'<template data-options-for="paper"><option value="{canada_paper.pk}">{title} (2 of 5)</option>' in page
    sign(voting_house, canada_paper, "Brazil", "Mexico", "Colombia")
    drafts_region = render.whole_screen(load_floor(voting_house.pk), "delegate")
    assert f'<option value="{canada_paper.pk}">{title} (5 of 5)</option></template>' in drafts_region


@pytest.fixture
def dr_1_1(voting_house, alice_actor, canada_paper):
    sign(voting_house, canada_paper, "Brazil", "Mexico", "Colombia")
    grant(voting_house, alice_actor, "Canada", "introduce_draft", {"paper": canada_paper.pk})
    canada_paper.refresh_from_db()
    return canada_paper


def test_a_friendly_amendment_is_incorporated_once_every_sponsor_consents(voting_house, dr_1_1):
    second = dr_1_1.clauses.get(phrase="Calls upon")
    amendment = amendments.propose_amendment(
        voting_house,
        actor_for(voting_house, "Argentina"),
        dr_1_1.pk,
        "change",
        second.pk,
        "Calls upon",
        "Member States to designate, within one year, a central authority for mutual legal assistance",
    )
    assert drafts(voting_house).paper(dr_1_1.pk).amendments[0].awaiting_consent == list(
        voting_house.delegations.filter(name__in=["Canada", "Finland"]).order_by("name").values_list("pk", flat=True)
    )
    amendments.consent(voting_house, actor_for(voting_house, "Canada"), amendment.pk)
    assert "within one year" not in operative_words(dr_1_1)[2]  # Finland has not consented yet
    amendments.consent(voting_house, actor_for(voting_house, "Finland"), amendment.pk)
    amendment.refresh_from_db()
    dr_1_1.refresh_from_db()
    assert amendment.status == "incorporated"
    assert operative_words(dr_1_1)[2] == (
        "2. Calls upon Member States to designate, within one year, a central authority for mutual legal assistance;"
    )
    assert dr_1_1.revision > 1
    # Only a sponsor consents.
    other = amendments.propose_amendment(
        voting_house, actor_for(voting_house, "Egypt"), dr_1_1.pk, "strike", dr_1_1.clauses.get(phrase="Requests").pk
    )
    with pytest.raises(ActionError, match="Only the sponsors of DR 1/1 can do that; India is not one"):
        amendments.consent(voting_house, actor_for(voting_house, "India"), other.pk)


def test_the_whole_path_to_an_adopted_resolution(voting_house, alice_actor, dr_1_1, client, alice_client):
    unodc = voting_house
    third = dr_1_1.clauses.get(phrase="Requests")
    # Egypt moves to strike clause 3; the sponsors do not consent, so it needs 10% of 23 = 3 behind it.
    strike = amendments.propose_amendment(unodc, actor_for(unodc, "Egypt"), dr_1_1.pk, "strike", third.pk)
    amendments.sign_amendment(unodc, actor_for(unodc, "India"), strike.pk)
    with pytest.raises(ActionError, match="it needs 3"):
        grant(unodc, alice_actor, "Egypt", "introduce_amendment", {"amendment": strike.pk})
    amendments.sign_amendment(unodc, actor_for(unodc, "Kenya"), strike.pk)
    grant(unodc, alice_actor, "Egypt", "introduce_amendment", {"amendment": strike.pk})
    strike.refresh_from_db()
    assert strike.status == "introduced"

    carry_motion(unodc, alice_actor, "Mexico", "close_debate")
    assert debate(unodc).phase == "voting"
    # In voting procedure: Brazil divides the question (clause 2 voted on its own), China asks for a
    # roll call on the draft.
    carry_motion(unodc, alice_actor, "Brazil", "divide_question", {"draft": dr_1_1.pk, "clauses": "2"})
    grant(unodc, alice_actor, "China", "roll_call_vote", {"draft": dr_1_1.pk})
    queue = drafts(unodc).queue
    assert [(kind, getattr(item, "label", None)) for kind, item, _ in queue] == [
        ("amendment", "operative clause 3"),
        ("part", "operative clause 2"),
        ("draft", None),
    ]

    # The amendment, on the phones: 4 for, 17 against. Clause 3 stays.
    voting.vote_next(unodc, alice_actor, "phones")
    vote_on_phones(unodc, "no", Egypt="yes", India="yes", China="yes", Colombia="yes")
    vote = committee_actions.close_vote(unodc, alice_actor)
    assert (vote.yes, vote.no, vote.passed) == (4, 17, False)
    strike.refresh_from_db()
    assert strike.status == "rejected"

    # Clause 2 voted separately: rejected, so it leaves the text.
    voting.vote_next(unodc, alice_actor, "phones")
    vote_on_phones(unodc, "no", Canada="yes", Finland="yes")
    committee_actions.close_vote(unodc, alice_actor)
    assert [w[:14] for w in operative_words(dr_1_1)] == ["1. Encourages ", "(a) including ", "2. Requests th"]

    # The draft as a whole: the roll call was granted, so the chair's "on the phones" is a roll call.
    vote = voting.vote_next(unodc, alice_actor, "phones")
    assert vote.method == Vote.Method.ROLL_CALL
    with pytest.raises(ActionError, match="It is not Mexico.s turn: the roll call is at Argentina"):
        committee_actions.cast_ballot(unodc, actor_for(unodc, "Mexico"), "yes")
    called = answer_roll_call(unodc, {"Brazil": ["pass", "yes"], "Egypt": ["no_rights"], "China": ["abstain"]})
    assert called[0] == "Argentina" and called[-1] == "Brazil" and called.count("Brazil") == 2
    vote = open_vote(unodc)
    assert ballots_of(vote)["Egypt"] == "no with rights"
    vote = committee_actions.close_vote(unodc, alice_actor)
    dr_1_1.refresh_from_db()
    assert dr_1_1.status == "adopted"
    assert vote.record_text() == "adopted by a recorded vote of 19 in favour to 1 against, with 1 abstention"
    assert debate(unodc).phase == "voting" and drafts(unodc).queue == []

    # Egypt voted with rights: it explains its vote, on a timer of its own, once the vote is over.
    assert [e.delegation.name for e in drafts(unodc).explanations] == ["Egypt"]
    explanations.next_explanation(unodc, alice_actor)
    speaking = drafts(unodc).explaining
    assert (speaking.delegation.name, speaking.timer.duration, speaking.timer.running) == ("Egypt", 45, True)
    projector = render.whole_screen(load_floor(unodc.pk), "projector")
    assert 'data-testid="projector-explaining">Egypt<' in projector
    explanations.next_explanation(unodc, alice_actor)
    assert drafts(unodc).explanations == []
    assert journal(unodc)[-2:] == [
        "Egypt explained its vote (DR 1/1: Strengthening joint investigation teams against "
        "transnational organized crime, as a whole).",
        "The explanations of vote (DR 1/1: Strengthening joint investigation teams against transnational "
        "organized crime, as a whole) were over.",
    ]
    with pytest.raises(ActionError, match="No delegation is waiting to explain its vote."):
        explanations.next_explanation(unodc, alice_actor)

    # As the UN prints it: symbol, sponsors, italic phrases, numbered clauses, the record of the vote.
    page = alice_client.get(f"/c/unodc/papers/{dr_1_1.pk}/").content.decode()
    assert "DR 1/1" in page and "Sponsors: Canada, Finland" in page and "Signatories: Brazil, Mexico, Colombia" in page
    assert "<em>Encourages</em>" in page
    assert "Adopted by a recorded vote of 19 in favour to 1 against, with 1 abstention." in page
    assert "<em>Against:</em> Egypt." in page and "<em>Abstaining:</em> China." in page
    assert "<em>In favour:</em> Argentina, Australia, Brazil, Canada, Colombia, Estonia, Finland, France," in page
    download = alice_client.get(f"/c/unodc/papers/{dr_1_1.pk}/docx/")
    assert download["Content-Disposition"] == 'attachment; filename="unodc-dr-1-1.docx"'
    document = docx.Document(io.BytesIO(download.content))
    text = [p.text for p in document.paragraphs]
    assert "1.\tEncourages Member States to set up joint investigation teams for cases that cross their borders:" in (
        text
    )
    assert any(p.startswith("Adopted by a recorded vote of 19 in favour") for p in text)
    assert "Against: Egypt." in text
    # Laid out as a UN resolution: its symbol atop every page, A4, the numbers hanging, the preamble
    # indented, the title centred, no blue heading.
    assert document.sections[0].header.paragraphs[0].text == "DR 1/1"
    assert round(document.sections[0].page_width / docx.shared.Cm(1), 1) == 21.0
    operative = next(p for p in document.paragraphs if p.text.startswith("1.\tEncourages"))
    assert operative.paragraph_format.first_line_indent < 0 < operative.paragraph_format.left_indent
    preamble = next(p for p in document.paragraphs if p.runs and p.runs[0].italic and not p.text[0].isdigit())
    assert preamble.paragraph_format.first_line_indent > 0
    title = next(p for p in document.paragraphs if p.text == dr_1_1.title)
    assert title.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER and title.runs[0].bold
    # A stranger reads nothing.
    assert client.get(f"/c/unodc/papers/{dr_1_1.pk}/").status_code == 403


def test_a_draft_adopted_sets_the_others_of_its_agenda_item_aside(voting_house, alice_actor, dr_1_1):
    rival = write_paper(voting_house, "Russian Federation", "Sovereign cooperation against organized crime")
    sign(voting_house, rival, "China", "India", "Egypt", "Kenya")
    grant(voting_house, alice_actor, "Russian Federation", "introduce_draft", {"paper": rival.pk})
    rival.refresh_from_db()
    assert rival.symbol == "DR 1/2"
    carry_motion(voting_house, alice_actor, "Mexico", "close_debate")
    assert [view.paper.symbol for _, _, view in drafts(voting_house).queue] == ["DR 1/1", "DR 1/2"]
    voting.adopt_without_a_vote(voting_house, alice_actor, dr_1_1.pk)
    rival.refresh_from_db()
    assert rival.status == "set_aside"
    assert drafts(voting_house).queue == []
    # DR 1/2 is not next while DR 1/1 waits: the order of introduction holds.


def test_reconsidering_a_rejected_draft_puts_it_to_the_vote_again(voting_house, alice_actor, dr_1_1):
    carry_motion(voting_house, alice_actor, "Mexico", "close_debate")
    voting.vote_next(voting_house, alice_actor, "phones")
    vote_on_phones(voting_house, "no", Canada="yes", Finland="yes", Brazil="yes")
    committee_actions.close_vote(voting_house, alice_actor)
    dr_1_1.refresh_from_db()
    assert dr_1_1.status == "rejected"
    # Canada voted on the losing side: it may not move to reconsider.
    with pytest.raises(ActionError, match="winning side"):
        carry_motion(voting_house, alice_actor, "Canada", "reconsider", {"decided": dr_1_1.pk})
    carry_motion(voting_house, alice_actor, "India", "reconsider", {"decided": dr_1_1.pk})
    dr_1_1.refresh_from_db()
    assert dr_1_1.status == "introduced" and dr_1_1.vote is None
    assert [kind for kind, _, _ in drafts(voting_house).queue] == ["draft"]


def test_voting_procedure_refuses_what_is_out_of_order(voting_house, alice_actor, dr_1_1):
    with pytest.raises(ActionError, match="voting procedure: a motion to close debate comes first"):
        voting.vote_next(voting_house, alice_actor, "phones")
    strike = amendments.propose_amendment(
        voting_house, actor_for(voting_house, "Egypt"), dr_1_1.pk, "strike", dr_1_1.clauses.get(phrase="Requests").pk
    )
    for name in ("India", "Kenya"):
        amendments.sign_amendment(voting_house, actor_for(voting_house, name), strike.pk)
    grant(voting_house, alice_actor, "Egypt", "introduce_amendment", {"amendment": strike.pk})
    carry_motion(voting_house, alice_actor, "Mexico", "close_debate")
    with pytest.raises(ActionError, match="Debate is closed"):
        amendments.propose_amendment(
            voting_house,
            actor_for(voting_house, "India"),
            dr_1_1.pk,
            "strike",
            dr_1_1.clauses.get(phrase="Calls upon").pk,
        )
    with pytest.raises(ActionError, match="Name the operative clauses"):
        carry_motion(voting_house, alice_actor, "Brazil", "divide_question", {"draft": dr_1_1.pk, "clauses": ","})
    with pytest.raises(ActionError, match="operative clause 7 does not exist"):
        carry_motion(voting_house, alice_actor, "Brazil", "divide_question", {"draft": dr_1_1.pk, "clauses": "7"})
    with pytest.raises(ActionError, match="try 2 or 4"):
        carry_motion(voting_house, alice_actor, "Brazil", "divide_question", {"draft": dr_1_1.pk, "clauses": "all"})
    # Egypt's amendment is voted before the draft: the draft cannot be adopted without a vote yet.
    with pytest.raises(ActionError, match="DR 1/1 is not next"):
        voting.adopt_without_a_vote(voting_house, alice_actor, dr_1_1.pk)
    # The doors are closed: no roll-call change, no point but a point of order or of personal privilege.
    with pytest.raises(ActionError, match="doors"):
        committee_actions.mark_attendance(
            voting_house, alice_actor, voting_house.delegations.get(name="Spain").pk, "present"
        )
    with pytest.raises(ActionError, match="only a point of order .* or of personal privilege may be raised"):
        debate_actions.raise_point(voting_house, actor_for(voting_house, "India"), "parliamentary_inquiry")
    assert debate(voting_house).points_in_order == ["personal_privilege", "order"]
    debate_actions.raise_point(voting_house, actor_for(voting_house, "India"), "order")
    debate_actions.raise_point(voting_house, actor_for(voting_house, "Kenya"), "personal_privilege")
    # Nothing was decided by any of it.
    assert Amendment.objects.get(pk=strike.pk).status == "introduced"
    dr_1_1.refresh_from_db()
    assert dr_1_1.status == "introduced" and not dr_1_1.parts.exists()


def test_what_a_delegation_may_not_do_is_refused_in_words_and_changes_nothing(
    voting_house, alice_actor, canada_paper, finland_phone, canada_phone
):
    from committee.models import JournalEntry

    unodc = voting_house
    clause = canada_paper.clauses.get(phrase="Requests")
    before = JournalEntry.objects.count()
    refusals = {
        # A delegate trying a chair's action.
        ("phone", "draft.introduce", (("paper", canada_paper.pk),)): "only the Executive Board can",
        # Brazil, not a sponsor, edits Canada's paper.
        ("brazil", "paper.clause_edit", (("clause", clause.pk), ("phrase", "Urges"), ("text", "x"))): (
            "Only the sponsors of the working paper “Strengthening joint investigation teams against "
            "transnational organized crime” can do that; Brazil is not one."
        ),
        # A clause with no text, a clause of a kind that does not exist, a sub-clause four levels deep.
        ("phone", "paper.clause_add", (("paper", canada_paper.pk), ("kind", "operative"), ("phrase", "Urges"))): (
            "A clause needs its opening phrase and its text."
        ),
        ("phone", "paper.clause_add", (("paper", canada_paper.pk), ("kind", "epilogue"), ("text", "x"))): (
            "A clause is preambulatory or operative."
        ),
        # A paper that is not this committee's, or does not exist.
        ("phone", "paper.sign", (("paper", 987654),)): "There is no such paper.",
        # The Holy See (an observer) cannot sponsor a draft.
        ("phone", "paper.sponsor_add", (("paper", canada_paper.pk), ("sponsor", "HOLY_SEE"))): (
            "Only member states sponsor a draft resolution."
        ),
        # An amendment to a working paper: it is not on the floor.
        ("phone", "amendment.propose", (("paper", canada_paper.pk), ("action", "strike"), ("target", clause.pk))): (
            "“Strengthening joint investigation teams against transnational organized crime” is still a working "
            "paper: that waits until it is introduced."
        ),
        # A side of debate that does not exist.
        ("chair", "draft.side", (("side", "middle"),)): "Debate time is for, against, or open debate.",
    }
    holy_see = unodc.delegations.get(name="Holy See").pk
    clients = {"phone": canada_phone, "brazil": phone_of(unodc.delegations.get(name="Brazil"))}
    from django.test import Client

    chair = Client()
    chair.force_login(alice_actor.user)
    clients["chair"] = chair
    for (who, name, params), message in refusals.items():
        data = {key: (holy_see if value == "HOLY_SEE" else value) for key, value in params}
        response = clients[who].post(f"/c/unodc/do/{name}/", data, HTTP_HX_REQUEST="true")
        assert response.status_code == 409, (name, response.status_code)
        assert message in response.content.decode().replace("&#x27;", "'"), (name, response.content.decode())
    assert JournalEntry.objects.count() == before
    # An absent delegation may not sign.
    with pytest.raises(ActionError, match="Afghanistan is not marked present: it cannot sign now."):
        sign(unodc, canada_paper, "Afghanistan")
    # Signing twice is one signature (a double tap on a phone), and is journalled once.
    sign(unodc, canada_paper, "Brazil")
    sign(unodc, canada_paper, "Brazil")
    assert drafts(unodc).paper(canada_paper.pk).support == 3
    assert JournalEntry.objects.count() == before + 1


def test_a_phone_acts_only_for_its_own_delegation_and_late_or_absurd_changes_are_refused(
    voting_house, alice_actor, dr_1_1
):
    from committee.models import JournalEntry

    unodc = voting_house
    # Kenya's phone names Mexico as the signatory of a new paper: the phone signs for Kenya only.
    paper = write_paper(unodc, "Japan", "Maritime cooperation", operative=[("Urges", "joint patrols")])
    kenya = phone_of(unodc.delegations.get(name="Kenya"))
    mexico = unodc.delegations.get(name="Mexico")
    kenya.post("/c/unodc/do/paper.sign/", {"paper": paper.pk, "delegation": mexico.pk}, HTTP_HX_REQUEST="true")
    signed = set(paper.sponsorships.values_list("delegation__name", "role"))
    assert signed == {("Japan", "sponsor"), ("Kenya", "signatory")}
    before = JournalEntry.objects.count()
    # A signature withdrawn after introduction; an amendment to a clause that does not exist (or of
    # another paper); a motion to divide a draft of a single operative clause.
    with pytest.raises(ActionError, match="a signature can no longer be withdrawn"):
        papers.unsign_paper(unodc, actor_for(unodc, "Brazil"), dr_1_1.pk)
    with pytest.raises(ActionError, match="There is no such clause in this paper."):
        amendments.propose_amendment(unodc, actor_for(unodc, "Egypt"), dr_1_1.pk, "strike", 999999)
    with pytest.raises(ActionError, match="There is no such clause in this paper."):
        amendments.propose_amendment(
            unodc, actor_for(unodc, "Egypt"), dr_1_1.pk, "strike", paper.clauses.get(phrase="Urges").pk
        )
    sign(unodc, paper, "Brazil", "Mexico", "Colombia")
    grant(unodc, alice_actor, "Japan", "introduce_draft", {"paper": paper.pk})
    before = JournalEntry.objects.count()
    carry_motion(unodc, alice_actor, "Mexico", "close_debate")
    after_closing = JournalEntry.objects.count()
    with pytest.raises(ActionError, match="DR 1/2 has a single operative clause: there is nothing to divide."):
        carry_motion(unodc, alice_actor, "Brazil", "divide_question", {"draft": paper.pk, "clauses": "1"})
    assert JournalEntry.objects.count() == after_closing > before


def test_alice_pages_the_draft_on_the_projector_and_bad_pages_change_nothing(voting_house, alice_actor, dr_1_1):
    from resolutions.actions import drafts as draft_actions

    with pytest.raises(ActionError, match="No draft is on the projector: show one first."):
        draft_actions.page_draft(voting_house, alice_actor, "next")
    draft_actions.show_draft(voting_house, alice_actor, dr_1_1.pk, True)
    debate = draft_actions.page_draft(voting_house, alice_actor, "clause", 2)
    assert (debate.projector_clause, debate.projector_page) == (2, 0)
    for _ in range(40):  # pressed past the end: never more screens than the text has lines
        debate = draft_actions.page_draft(voting_house, alice_actor, "next")
    assert debate.projector_page == dr_1_1.clauses.count()
    with pytest.raises(ActionError, match="DR 1/1 has operative clauses 1 to 3."):
        draft_actions.page_draft(voting_house, alice_actor, "clause", 4)
    debate.refresh_from_db()
    assert debate.projector_clause == 2
    draft_actions.page_draft(voting_house, alice_actor, "top")
    debate = draft_actions.page_draft(voting_house, alice_actor, "previous")  # at the top already: stays
    assert (debate.projector_clause, debate.projector_page) == (0, 0)
    draft_actions.page_draft(voting_house, alice_actor, "clause", 3)
    debate = draft_actions.page_draft(voting_house, alice_actor, "previous")  # back a clause
    assert (debate.projector_clause, debate.projector_page) == (2, 0)
    debate = draft_actions.show_draft(voting_house, alice_actor, dr_1_1.pk, True)  # shown again: from the top
    assert (debate.projector_clause, debate.projector_page) == (0, 0)
    projector = render.whole_screen(load_floor(voting_house.pk), "projector")
    assert 'data-paged data-from-clause="0" data-page="0"' in projector


def test_a_sponsor_finds_an_amendment_not_friendly_then_consents_after_all(voting_house, dr_1_1):
    second = dr_1_1.clauses.get(phrase="Calls upon")
    mexico, canada, finland = (actor_for(voting_house, n) for n in ("Mexico", "Canada", "Finland"))
    amendment = amendments.propose_amendment(
        voting_house, mexico, dr_1_1.pk, "change", second.pk, "Calls upon", "Member States to act; & quickly;"
    )
    assert amendment.becomes == ("2.", ";")  # "Becomes" reads "2. Calls upon …;" as the clause will
    amendments.decline(voting_house, canada, amendment.pk)
    amendments.decline(voting_house, canada, amendment.pk)  # answered twice: nothing changes
    view = drafts(voting_house).paper(dr_1_1.pk).amendments[0]
    assert view.declined == [voting_house.delegations.get(name="Canada").pk]
    assert view.awaiting_consent == [voting_house.delegations.get(name="Finland").pk]
    amendments.consent(voting_house, finland, amendment.pk)
    amendment.refresh_from_db()
    assert amendment.status == "proposed"  # not friendly: Canada said so
    with pytest.raises(ActionError, match="Only the sponsors of DR 1/1 can do that"):
        amendments.decline(voting_house, mexico, amendment.pk)
    amendments.consent(voting_house, canada, amendment.pk)  # Canada changes its mind: friendly now
    amendment.refresh_from_db()
    assert amendment.status == "incorporated"
    assert "Member States to act; &amp; quickly;" not in operative_words(dr_1_1)[2]
    assert operative_words(dr_1_1)[2] == "2. Calls upon Member States to act; & quickly;"
    with pytest.raises(ActionError, match="no longer waiting for the sponsors' answer"):
        amendments.decline(voting_house, canada, amendment.pk)


def test_a_sub_clause_needs_no_opening_phrase_and_is_never_warned_about_one(voting_house, canada_paper):
    canada = actor_for(voting_house, "Canada")
    first = canada_paper.clauses.get(phrase="Encourages")
    clause, warning = papers.add_clause(
        voting_house, canada, canada_paper.pk, "operative", "", "the sharing of the costs of the team", first.pk
    )
    assert (clause.phrase, warning) == ("", "")
    _, warning = papers.edit_clause(voting_house, canada, clause.pk, "by agreeing on", "the costs")
    assert warning == ""  # "by agreeing on" is no operative verb, and needs not be
    with pytest.raises(ActionError, match="A clause needs its opening phrase and its text."):
        papers.add_clause(voting_house, canada, canada_paper.pk, "operative", "", "Member States to act")
    with pytest.raises(ActionError, match="A sub-clause needs its text."):
        papers.edit_clause(voting_house, canada, clause.pk, "", "")
    _, warning = papers.add_clause(voting_house, canada, canada_paper.pk, "operative", "Wants", "States to act")
    assert "“Wants” is not a usual opening phrase" in warning
    page = phone_of(voting_house.delegations.get(name="Canada")).get(f"/c/unodc/papers/{canada_paper.pk}/edit/")
    assert page.content.decode().count('data-testid="phrase-warning"') == 1  # Wants, and no sub-clause


def test_only_a_delegation_that_voted_with_the_winners_moves_to_reconsider(voting_house, alice_actor, dr_1_1):
    carry_motion(voting_house, alice_actor, "Mexico", "close_debate")
    vote = voting.vote_next(voting_house, alice_actor, "phones")
    for delegation in voting_house.delegations.filter(pk__in=vote.electorate).exclude(name="India"):
        choice = "yes" if delegation.name in ("Canada", "Finland", "Brazil") else "no"
        committee_actions.cast_ballot(voting_house, actor_for(voting_house, delegation.name), choice)
    committee_actions.close_vote(voting_house, alice_actor)
    # India's phone never voted: it is on no side, and may not move to reconsider (issue 24).
    with pytest.raises(ActionError, match="voted no on DR 1/1, the winning side"):
        debate_actions.raise_motion(
            voting_house, actor_for(voting_house, "India"), "reconsider", {"decided": dr_1_1.pk}
        )
    motion = debate_actions.raise_motion(
        voting_house, actor_for(voting_house, "Kenya"), "reconsider", {"decided": dr_1_1.pk}
    )
    assert motion.values["confirm"] == ""
    assert "reconsider the vote on DR 1/1" in journal(voting_house)[-1]


def test_after_a_placard_vote_any_delegation_moves_to_reconsider_and_the_chair_confirms(
    voting_house, alice_actor, dr_1_1
):
    carry_motion(voting_house, alice_actor, "Mexico", "close_debate")
    voting.vote_next(voting_house, alice_actor, "placard")
    committee_actions.close_vote(voting_house, alice_actor, yes=3, no=17)
    motion = debate_actions.raise_motion(
        voting_house, actor_for(voting_house, "India"), "reconsider", {"decided": dr_1_1.pk}
    )
    assert journal(voting_house)[-1].endswith(
        "India moved to reconsider the vote on DR 1/1 (the chair confirms it voted with the winners)."
    )
    assert motion.status == "pending"
