"""The resolutions' commands: a delegation writes, sponsors and signs papers and amendments (from its
phone, or the chair for it); the chair introduces, shows and puts drafts to the vote."""

from __future__ import annotations

from committee.access import CHAIR, DELEGATE
from committee.contract import CommandSet
from committee.fields import Choice, Flag, Id, Text, Whole
from committee.models import Vote
from resolutions.actions import amendments, drafts, explanations, papers, voting
from resolutions.models import Amendment, Clause

COMMANDS = CommandSet()
EVERYONE = {CHAIR, DELEGATE}
FOR = Id("Delegation", key="delegation")  # the chair acts for a delegation without a phone
PAPER = Id("Paper", required=True, key="paper")
CLAUSE = Id("Clause", required=True, key="clause")
AMENDMENT = Id("Amendment", required=True, key="amendment")
TITLE = Text("The title", required=True, max_length=200)
PHRASE = Text("The opening phrase", max_length=80)
CLAUSE_TEXT = Text("The clause's text", max_length=4000)

COMMANDS.expose("paper.create", EVERYONE, "start a working paper", papers.create_paper, title=TITLE, delegation_id=FOR)
COMMANDS.expose(
    "paper.rename", EVERYONE, "rename a paper", papers.rename_paper, paper_id=PAPER, title=TITLE, delegation_id=FOR
)
COMMANDS.expose(
    "paper.paste",
    EVERYONE,
    "paste a draft's clauses",
    papers.paste_clauses,
    paper_id=PAPER,
    text=Text("The pasted text", required=True, max_length=60_000),
    delegation_id=FOR,
)
COMMANDS.expose(
    "paper.clause_add",
    EVERYONE,
    "write a clause",
    papers.add_clause,
    paper_id=PAPER,
    kind=Choice(
        "Kind of clause",
        required=True,
        values=tuple(Clause.Kind.values),
        message="A clause is preambulatory or operative.",
    ),
    phrase=PHRASE,
    text=CLAUSE_TEXT,
    parent_id=Id("Clause it belongs to", key="parent"),
    delegation_id=FOR,
)
COMMANDS.expose(
    "paper.clause_edit",
    EVERYONE,
    "change a clause",
    papers.edit_clause,
    clause_id=CLAUSE,
    phrase=PHRASE,
    text=CLAUSE_TEXT,
    delegation_id=FOR,
)
COMMANDS.expose(
    "paper.clause_remove", EVERYONE, "remove a clause", papers.remove_clause, clause_id=CLAUSE, delegation_id=FOR
)
COMMANDS.expose(
    "paper.clause_move",
    EVERYONE,
    "move a clause",
    papers.move_clause,
    clause_id=CLAUSE,
    direction=Choice("Direction", required=True, values=("up", "down"), message="Move a clause up or down."),
    delegation_id=FOR,
)
COMMANDS.expose(
    "paper.sponsor_add",
    EVERYONE,
    "add a co-sponsor",
    papers.add_sponsor,
    paper_id=PAPER,
    sponsor_id=Id("Co-sponsor", required=True, key="sponsor"),
    delegation_id=FOR,
)
COMMANDS.expose("paper.sign", EVERYONE, "sign a working paper", papers.sign_paper, paper_id=PAPER, delegation_id=FOR)
COMMANDS.expose(
    "paper.unsign", EVERYONE, "withdraw a signature", papers.unsign_paper, paper_id=PAPER, delegation_id=FOR
)
COMMANDS.expose(
    "paper.withdraw", EVERYONE, "withdraw a working paper", papers.withdraw_paper, paper_id=PAPER, delegation_id=FOR
)
COMMANDS.expose("draft.introduce", {CHAIR}, "introduce a draft resolution", drafts.introduce_paper, paper_id=PAPER)
COMMANDS.expose(
    "draft.show",
    {CHAIR},
    "choose the draft on the screens",
    drafts.show_draft,
    paper_id=PAPER,
    on_projector=Flag("On the projector"),
)
COMMANDS.expose(
    "draft.important",
    {CHAIR},
    "mark an important question",
    voting.mark_important,
    paper_id=PAPER,
    important=Flag("An important question", required=True),
)
COMMANDS.expose(
    "draft.page",
    {CHAIR},
    "move the projector through a draft",
    drafts.page_draft,
    move=Choice("Move", required=True, values=drafts.PAGE_MOVES, message="Page down, page up, or show a clause."),
    clause=Whole("The clause's number", maximum=999),
)
COMMANDS.expose(
    "draft.side",
    {CHAIR},
    "run the debate time",
    drafts.set_side,
    side=Choice(
        "Debate", required=True, values=tuple(drafts.SIDES), message="Debate time is for, against, or open debate."
    ),
    speaker_id=Id("Speaker", key="speaker"),
)
COMMANDS.expose(
    "amendment.propose",
    EVERYONE,
    "propose an amendment",
    amendments.propose_amendment,
    paper_id=PAPER,
    action=Choice(
        "Amendment",
        required=True,
        values=tuple(Amendment.Action.values),
        message="An amendment adds, strikes or changes an operative clause.",
    ),
    target_id=Id("Clause", key="target"),
    phrase=PHRASE,
    text=CLAUSE_TEXT,
    as_sub_clause=Flag("As a sub-clause"),
    amends_id=Id("Amendment amended", key="amends"),
    delegation_id=FOR,
)
COMMANDS.expose(
    "amendment.consent",
    EVERYONE,
    "consent to an amendment",
    amendments.consent,
    amendment_id=AMENDMENT,
    delegation_id=FOR,
)
COMMANDS.expose(
    "amendment.decline",
    EVERYONE,
    "answer that an amendment is not friendly",
    amendments.decline,
    amendment_id=AMENDMENT,
    delegation_id=FOR,
)
COMMANDS.expose(
    "amendment.move",
    {CHAIR},
    "put the amendments in order",
    voting.move_amendment,
    amendment_id=AMENDMENT,
    direction=Choice("Direction", required=True, values=("up", "down"), message="Move it up or down."),
)
COMMANDS.expose(
    "amendment.sign",
    EVERYONE,
    "sign an amendment",
    amendments.sign_amendment,
    amendment_id=AMENDMENT,
    delegation_id=FOR,
)
COMMANDS.expose(
    "amendment.withdraw",
    EVERYONE,
    "withdraw an amendment",
    amendments.withdraw_amendment,
    amendment_id=AMENDMENT,
    delegation_id=FOR,
)
COMMANDS.expose(
    "draft.vote_next",
    {CHAIR},
    "put a draft to the vote",
    voting.vote_next,
    method=Choice(
        "Method",
        required=True,
        values=tuple(Vote.Method.values),
        message="Vote by placards, on the phones, or by roll call.",
    ),
)
COMMANDS.expose(
    "draft.adopt_without_vote",
    {CHAIR},
    "declare a draft adopted without a vote",
    voting.adopt_without_a_vote,
    paper_id=PAPER,
)
COMMANDS.expose(
    "explanation.next",
    {CHAIR},
    "give the floor to explain a vote",
    explanations.next_explanation,
)
COMMANDS.expose(
    "explanation.close",
    {CHAIR},
    "close the explanations of vote",
    explanations.close_explanations,
)
