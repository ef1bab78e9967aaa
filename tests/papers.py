"""Helpers of the drafts' tests: a delegation writes a paper, the floor passes a motion, the roll
call answers. Each goes through the same actions the screens call."""

from __future__ import annotations

from committee import actions as committee_actions
from committee.journal import entry_sentence
from committee.models import Ballot, Committee, JournalEntry, Vote
from committee.parts import PARTS
from debate import actions as debate_actions
from resolutions.actions import papers
from resolutions.models import Paper
from tests.conftest import actor_for

JITS = "Strengthening joint investigation teams against transnational organized crime"
PREAMBLE = [
    ("Recalling", "the United Nations Convention against Transnational Organized Crime and its Protocols"),
    ("Noting with concern", "that organized criminal groups exploit the gaps between national jurisdictions"),
]
OPERATIVE = [
    ("Encourages", "Member States to set up joint investigation teams for cases that cross their borders"),
    ("Calls upon", "Member States to designate a central authority for mutual legal assistance"),
    ("Requests", "the United Nations Office on Drugs and Crime to train investigators in financial inquiries"),
]


def write_paper(committee: Committee, sponsor: str, title: str = JITS, preamble=PREAMBLE, operative=OPERATIVE) -> Paper:
    """The sponsor's phone starts a paper and writes its clauses, in order."""
    actor = actor_for(committee, sponsor)
    paper = papers.create_paper(committee, actor, title)
    for phrase, text in preamble:
        papers.add_clause(committee, actor, paper.pk, "preamble", phrase, text)
    for phrase, text in operative:
        papers.add_clause(committee, actor, paper.pk, "operative", phrase, text)
    return Paper.objects.get(pk=paper.pk)


def sign(committee: Committee, paper: Paper, *names: str) -> None:
    for name in names:
        papers.sign_paper(committee, actor_for(committee, name), paper.pk)


def carry_motion(committee: Committee, chair, mover: str, kind: str, values: dict | None = None, *, passes=True):
    """A delegation moves a motion; the chair puts it to a placard vote: every placard for (or against)."""
    motion = debate_actions.raise_motion(committee, actor_for(committee, mover), kind, values or {})
    vote = debate_actions.open_vote(committee, chair, Vote.Method.PLACARD)
    everyone = vote.base
    committee_actions.close_vote(committee, chair, yes=everyone if passes else 0, no=0 if passes else everyone)
    motion.refresh_from_db()
    return motion


def grant(committee: Committee, chair, mover: str, kind: str, values: dict):
    """A motion the chair grants without a vote (introducing a paper or an amendment, a roll call)."""
    motion = debate_actions.raise_motion(committee, actor_for(committee, mover), kind, values)
    return debate_actions.grant_motion(committee, chair, motion.pk, True)


def open_vote(committee: Committee) -> Vote:
    return committee.votes.get(closed_at__isnull=True)


def answer_roll_call(committee: Committee, answers: dict[str, list[str]], default: str = "yes") -> list[str]:
    """Each delegation answers from its phone when called (its answers in turn: a pass, then yes or no
    when called again); returns the names in the order they were called."""
    called = []
    while True:
        vote = open_vote(committee)
        ballots = {b.delegation_id: b for b in vote.ballots.all()}
        turn = vote.turn(ballots)
        if turn is None:
            return called
        name = committee.delegations.get(pk=turn).name
        said = answers.get(name) or [default]
        answer = said.pop(0) if len(said) > 1 else said[0]
        committee_actions.cast_ballot(committee, actor_for(committee, name), answer)
        called.append(name)


def ballots_of(vote: Vote) -> dict[str, str]:
    return {
        b.delegation.name: b.choice + (" with rights" if b.with_rights else "")
        for b in Ballot.objects.filter(vote=vote).select_related("delegation")
    }


def vote_on_phones(committee: Committee, default: str, **exceptions: str) -> Vote:
    """Every delegation that may vote answers from its phone: `default`, or its exception (by name,
    spaces as underscores: Russian_Federation="no")."""
    vote = open_vote(committee)
    named = {name.replace("_", " "): answer for name, answer in exceptions.items()}
    for delegation in committee.delegations.filter(pk__in=vote.electorate):
        committee_actions.cast_ballot(
            committee, actor_for(committee, delegation.name), named.get(delegation.name, default)
        )
    return vote


def journal(committee: Committee) -> list[str]:
    """The journal in the minutes' words."""
    names = dict(committee.delegations.values_list("pk", "name"))
    entries = JournalEntry.objects.filter(committee=committee).select_related("subject").order_by("version")
    return [entry_sentence(e, PARTS.journal_kinds, names) for e in entries]
