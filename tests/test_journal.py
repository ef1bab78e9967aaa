"""The journal as a contract (issue 9): every kind an action writes is declared with its typed fields
and a sentence; an undeclared fact is refused before anything is written; entries of earlier versions
and of unknown kinds still read as a line of the minutes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from committee import actions
from committee.contract import PARTS
from committee.fields import COUNT, DELEGATION, SECONDS
from committee.journal import JournalKind, entry_sentence, sentence
from committee.models import JournalEntry
from committee.times import clock
from debate import actions as debate_actions
from tests.conftest import actor_for


def test_every_declared_kind_names_only_its_declared_fields():
    kinds = PARTS.journal_kinds
    assert len(kinds) >= 45  # the committee's, the debate's and the drafts'
    for kind in kinds.values():
        assert kind.problems() == [], kind.kind
    planted = JournalKind("speech.next", "{actor} recognised {speaker} for {seconds}.", {"seconds": SECONDS})
    assert planted.problems() == ["speech.next: the sentence names 'speaker', which is not a declared field"]


def test_an_action_writing_an_undeclared_or_mistyped_fact_writes_nothing(in_session, alice_actor, monkeypatch):
    before = JournalEntry.objects.count()
    declared = PARTS.journal_kinds["sitting.closed"]
    narrower = JournalKind(declared.kind, declared.sentence, {"number": COUNT})  # no "title"
    monkeypatch.setitem(PARTS._kinds, "sitting.closed", narrower)
    with pytest.raises(ImproperlyConfigured, match="declares no field 'title'"):
        actions.close_sitting(in_session, alice_actor)
    mistyped = JournalKind(declared.kind, declared.sentence, {"number": SECONDS, "title": COUNT})
    monkeypatch.setitem(PARTS._kinds, "sitting.closed", mistyped)
    with pytest.raises(ImproperlyConfigured, match="'title' should be count, not str"):
        actions.close_sitting(in_session, alice_actor)
    assert JournalEntry.objects.count() == before
    assert in_session.sittings.get().closed_at is None  # the action's change was rolled back too


def test_a_speech_is_kept_with_its_figures_and_read_with_names(in_session, alice_actor):
    canada, finland = (in_session.delegations.get(name=n) for n in ("Canada", "Finland"))
    debate_actions.add_speaker(in_session, alice_actor, canada.pk)
    debate_actions.add_speaker(in_session, alice_actor, finland.pk)
    debate_actions.next_speaker(in_session, alice_actor)
    debate_actions.yield_speech(in_session, alice_actor, "questions")
    debate_actions.next_speaker(in_session, alice_actor)
    entry = JournalEntry.objects.filter(kind="speech.next").last()
    assert entry.subject == finland  # the delegation recognised: a foreign key
    assert entry.data["ended"] == canada.pk and entry.data["allotted"] == 90 and entry.data["yielded"] == "questions"
    names = dict(in_session.delegations.values_list("pk", "name"))
    assert entry_sentence(entry, PARTS.journal_kinds, names) == (
        "Canada spoke 0:00 of 1:30, yielded to questions; Chair (Alice) recognised Finland (1:30)."
    )


def test_entries_of_earlier_versions_and_unknown_kinds_still_read(in_session):
    kinds = PARTS.journal_kinds
    # An entry of an earlier version named delegations in its data and had no subject.
    old = sentence(kinds["speech.next"], "Chair (Alice)", {"ended": "Canada", "spoke": 84, "allotted": 90})
    assert old == "Canada spoke 1:24 of 1:30; the speakers' list was empty."
    marked = sentence(kinds["rollcall.marked"], "Chair (Alice)", {"delegation": "Canada", "status": "present"})
    assert marked == "Chair (Alice) marked Canada present."
    assert sentence(None, "Chair (Alice)", {}, "award.given") == (
        "Chair (Alice): award.given (an entry this version does not describe)"
    )
    assert clock(84) == "1:24" and clock(3723) == "1:02:03" and clock(None) == "…"
    assert DELEGATION in kinds["speech.yield"].fields.values()


def test_the_secretariat_reads_the_journal_in_sentences_filtered_by_sitting_delegation_and_kind(
    in_session, alice_actor, client, django_user_model
):
    debate_actions.raise_point(in_session, actor_for(in_session, "Canada"), "order")
    staff = django_user_model.objects.create_user("sam-secretariat", is_staff=True, is_superuser=True)
    client.force_login(staff)
    canada = in_session.delegations.get(name="Canada")
    page = client.get(f"/admin/committee/journalentry/?subject__id__exact={canada.pk}").content.decode()
    assert "Canada raised a point of order." in page
    assert "marked Canada present" in page and "marked Finland present" not in page
    page = client.get("/admin/committee/journalentry/?kind=point.raised").content.decode()
    assert "Canada raised a point of order." in page and "marked Canada present" not in page
    sitting = in_session.sittings.get()
    assert client.get(f"/admin/committee/journalentry/?sitting__id__exact={sitting.pk}").status_code == 200
