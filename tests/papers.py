"""Helpers of the drafts' tests: a delegation writes a paper, the floor passes a motion, the roll
call answers. Each goes through the same actions the screens call."""

from __future__ import annotations

from committee import actions as committee_actions
from committee.contract import PARTS
from committee.journal import entry_sentence
from committee.models import Ballot, Committee, JournalEntry, Vote
from debate import actions as debate_actions
from debate.models import Floor, Point, Timer
from resolutions.actions import amendments, papers, voting
from resolutions.models import Paper
from tests.conftest import FULL_HOUSE_EXTRA, PRESENT_AT_START, actor_for

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


def spoke_for(committee, seconds: int) -> None:
    """The speaker on the floor has spoken `seconds` (the clock is moved, not waited for)."""
    floor = Floor.objects.get(committee=committee)
    Timer.objects.filter(pk=floor.speech.timer_id).update(elapsed=seconds)


def script_session_i(unodc, chair):
    """Session I as the minutes' tests read it (also a browser scene: tests/browser/scenes.py)."""
    committee_actions.open_sitting(unodc, chair)
    for name in PRESENT_AT_START + FULL_HOUSE_EXTRA:
        committee_actions.mark_attendance(unodc, chair, unodc.delegations.get(name=name).pk, "present")
    committee_actions.mark_attendance(unodc, chair, unodc.delegations.get(name="Canada").pk, "present_voting")
    committee_actions.close_roll_call(unodc, chair)
    committee_actions.mark_attendance(unodc, chair, unodc.delegations.get(name="Spain").pk, "present")  # late
    d = {name: unodc.delegations.get(name=name).pk for name in ("Canada", "Finland", "Brazil", "Estonia", "Japan")}

    # The General Speakers' List, with each of the three yields.
    for name in ("Canada", "Finland", "Brazil"):
        debate_actions.add_speaker(unodc, chair, d[name])
    debate_actions.next_speaker(unodc, chair)  # Canada
    spoke_for(unodc, 84)
    debate_actions.yield_speech(unodc, chair, "questions")
    debate_actions.next_speaker(unodc, chair)  # Finland, after Canada's questions
    spoke_for(unodc, 60)
    debate_actions.yield_speech(unodc, chair, "delegation", d["Estonia"])  # Estonia speaks for the 30 s left
    spoke_for(unodc, 25)
    debate_actions.next_speaker(unodc, chair)  # Brazil
    spoke_for(unodc, 70)
    debate_actions.yield_speech(unodc, chair, "chair")

    debate_actions.raise_point(unodc, actor_for(unodc, "India"), "order", "The speaking time was not announced")
    point = Point.objects.get(committee=unodc)
    debate_actions.resolve_point(unodc, chair, point.pk, "answered")

    # Mexico's moderated caucus passes; Japan speaks in it; the chair ends it.
    carry_motion(
        unodc, chair, "Mexico", "moderated_caucus", {"topic": "Extradition", "total": 600, "speaking_time": 60}
    )
    debate_actions.add_speaker(unodc, chair, d["Japan"])
    debate_actions.next_speaker(unodc, chair)
    spoke_for(unodc, 45)
    debate_actions.end_caucus(unodc, chair)
    # Kenya's unmoderated caucus fails.
    carry_motion(unodc, chair, "Kenya", "unmoderated_caucus", {"topic": "Drafting", "duration": 900}, passes=False)

    # Canada's draft, Egypt's amendment (rejected), and a roll-call vote that adopts it.
    paper = write_paper(unodc, "Canada")
    sign(unodc, paper, "Brazil", "Mexico", "Colombia", "India")
    grant(unodc, chair, "Canada", "introduce_draft", {"paper": paper.pk})
    strike = amendments.propose_amendment(
        unodc, actor_for(unodc, "Egypt"), paper.pk, "strike", paper.clauses.get(phrase="Requests").pk
    )
    for name in ("India", "Kenya"):
        amendments.sign_amendment(unodc, actor_for(unodc, name), strike.pk)
    grant(unodc, chair, "Egypt", "introduce_amendment", {"amendment": strike.pk})
    carry_motion(unodc, chair, "Mexico", "close_debate")
    voting.vote_next(unodc, chair, "placard")
    committee_actions.close_vote(unodc, chair, yes=5, no=15, abstain=2)
    voting.vote_next(unodc, chair, "roll_call")
    answer_roll_call(unodc, {"Egypt": ["no"], "China": ["abstain"]})
    committee_actions.close_vote(unodc, chair)
    debate_actions.resume(unodc, chair)
    committee_actions.close_sitting(unodc, chair)
    return unodc
