"""A draft written elsewhere, pasted whole on the editor (issue 23, 6): Canada pastes the text of its
word processor; it is read into preambulatory clauses, numbered operative clauses and sub-clauses (a)
and (i), shown before anything is added, then added in one revision; the title and the heading are
left out and said so; a text with no clause changes nothing."""

from __future__ import annotations

import re

import pytest

from committee.errors import ActionError
from committee.models import JournalEntry
from resolutions.actions import papers
from resolutions.models import Clause
from resolutions.paste import read_draft
from resolutions.text import flatten, lay_out
from tests.conftest import actor_for, phone_of

DRAFT = """Strengthening joint investigation teams against transnational organized crime
The Commission on Crime Prevention and Criminal Justice,

Recalling the United Nations Convention against Transnational Organized Crime and its Protocols,
Noting with concern that organized criminal groups exploit the gaps
between national jurisdictions,
1. Encourages Member States to set up joint investigation teams, by:
(a) agreeing on the offences the team investigates;
(b) agreeing on the leader of the team, including:
(i) its powers;
(ii) its duties;
(c) sharing the costs of customs & border agencies;
2. Calls upon Member States to designate a central authority for mutual legal assistance;
3. Wants States to act quickly.
"""


def test_a_pasted_draft_is_read_into_its_clauses():
    reading = read_draft(DRAFT)
    assert [(c.phrase, c.text) for c in reading.preamble] == [
        ("Recalling", "the United Nations Convention against Transnational Organized Crime and its Protocols"),
        ("Noting with concern", "that organized criminal groups exploit the gaps between national jurisdictions"),
    ]
    first, second, third = reading.operative
    assert (first.phrase, second.phrase, third.phrase) == ("Encourages", "Calls upon", "Wants")
    assert [c.text for c in first.children] == [
        "agreeing on the offences the team investigates",
        "agreeing on the leader of the team, including",
        "sharing the costs of customs &amp; border agencies",
    ]
    assert [c.text for c in first.children[1].children] == ["its powers", "its duties"]
    assert [c.warning != "" for c in (first, *first.children, second, third)] == [False] * 5 + [True]
    assert reading.left_out == [
        "Strengthening joint investigation teams against transnational organized crime",
        "The Commission on Crime Prevention and Criminal Justice,",
    ]
    assert reading.count == 10


def test_the_letter_i_after_h_is_a_letter_not_a_roman_one():
    letters = "\n".join(f"({c}) item {c};" for c in "abcdefghij")
    reading = read_draft(f"1. Requests the Secretariat to report on:\n{letters}")
    assert [c.text for c in reading.operative[0].children][-3:] == ["item h", "item i", "item j"]


def test_canada_previews_then_adds_a_pasted_draft_in_one_revision(voting_house):
    canada = voting_house.delegations.get(name="Canada")
    phone = phone_of(canada)
    paper = papers.create_paper(voting_house, actor_for(voting_house, "Canada"), "Joint teams")
    preview = phone.post(f"/c/unodc/papers/{paper.pk}/paste/", {"text": DRAFT}).content.decode()
    assert "10 clauses will be added" in preview and "Add these 10 clauses" in preview
    assert "“Wants” is not a usual opening phrase" in preview
    assert re.search(r'data-testid="paste-left-out">.*The Commission on Crime Prevention', preview, re.S)
    assert not Clause.objects.filter(paper=paper).exists()  # the preview changes nothing

    before = JournalEntry.objects.filter(kind="paper.edited").count()
    response = phone.post(
        "/c/unodc/do/paper.paste/",
        {"paper": paper.pk, "text": DRAFT, "next": f"/c/unodc/papers/{paper.pk}/edit/"},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"/papers/{paper.pk}/edit/")
    assert JournalEntry.objects.filter(kind="paper.edited").count() == before + 1  # one revision
    preamble, operative = lay_out(Clause.objects.filter(paper=paper))
    words = [line.words for line in flatten(preamble + operative)]
    assert words[2] == "1. Encourages Member States to set up joint investigation teams, by:"
    assert words[4] == "(b) agreeing on the leader of the team, including:"
    assert words[5] == "(i) its powers;"
    assert words[7] == "(c) sharing the costs of customs & border agencies;"
    assert words[-1] == "3. Wants States to act quickly."


def test_a_text_with_no_clause_and_a_stranger_change_nothing(voting_house):
    canada = actor_for(voting_house, "Canada")
    paper = papers.create_paper(voting_house, canada, "Joint teams")
    with pytest.raises(ActionError, match="No clause was found in that text"):
        papers.paste_clauses(voting_house, canada, paper.pk, "Just a title\nAnother line")
    with pytest.raises(ActionError, match="Brazil is not one"):
        papers.paste_clauses(voting_house, actor_for(voting_house, "Brazil"), paper.pk, DRAFT)
    brazil = phone_of(voting_house.delegations.get(name="Brazil"))
    assert brazil.post(f"/c/unodc/papers/{paper.pk}/paste/", {"text": DRAFT}).status_code == 403
    assert not Clause.objects.filter(paper=paper).exists()
