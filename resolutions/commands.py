"""The resolutions' commands: a delegation writes, sponsors and signs papers and amendments (from its
phone, or the chair for it); the chair introduces, shows and puts drafts to the vote."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from committee.access import CHAIR, DELEGATE
from committee.contract import CommandSet
from committee.fields import Choice, Flag, Id, Text, Whole
from committee.models import Vote
from resolutions.actions import amendments, drafts, explanations, papers, voting
from resolutions.models import Amendment, Clause

COMMANDS = CommandSet()
EVERYONE = {CHAIR, DELEGATE}
FOR = Id(gettext_lazy("Delegation"), key="delegation")  # the chair acts for a delegation without a phone
PAPER = Id(gettext_lazy("Paper"), required=True, key="paper")
CLAUSE = Id(gettext_lazy("Clause"), required=True, key="clause")
AMENDMENT = Id(gettext_lazy("Amendment"), required=True, key="amendment")
TITLE = Text(gettext_lazy("The title"), required=True, max_length=200)
PHRASE = Text(gettext_lazy("The opening phrase"), max_length=80)
CLAUSE_TEXT = Text(gettext_lazy("The clause's text"), max_length=4000)

COMMANDS.expose(
    "paper.create", EVERYONE, gettext_lazy("start a working paper"), papers.create_paper, title=TITLE, delegation_id=FOR
)
COMMANDS.expose(
    "paper.rename",
    EVERYONE,
    gettext_lazy("rename a paper"),
    papers.rename_paper,
    paper_id=PAPER,
    title=TITLE,
    delegation_id=FOR,
)
COMMANDS.expose(
    "paper.paste",
    EVERYONE,
    gettext_lazy("paste a draft's clauses"),
    papers.paste_clauses,
    paper_id=PAPER,
    text=Text(gettext_lazy("The pasted text"), required=True, max_length=60_000),
    delegation_id=FOR,
)
COMMANDS.expose(
    "paper.clause_add",
    EVERYONE,
    gettext_lazy("write a clause"),
    papers.add_clause,
    paper_id=PAPER,
    kind=Choice(
        gettext_lazy("Kind of clause"),
        required=True,
        values=tuple(Clause.Kind.values),
        message=gettext_lazy("A clause is preambulatory or operative."),
    ),
    phrase=PHRASE,
    text=CLAUSE_TEXT,
    parent_id=Id(gettext_lazy("Clause it belongs to"), key="parent"),
    delegation_id=FOR,
)
COMMANDS.expose(
    "paper.clause_edit",
    EVERYONE,
    gettext_lazy("change a clause"),
    papers.edit_clause,
    clause_id=CLAUSE,
    phrase=PHRASE,
    text=CLAUSE_TEXT,
    delegation_id=FOR,
)
COMMANDS.expose(
    "paper.clause_remove",
    EVERYONE,
    gettext_lazy("remove a clause"),
    papers.remove_clause,
    clause_id=CLAUSE,
    delegation_id=FOR,
)
COMMANDS.expose(
    "paper.clause_move",
    EVERYONE,
    gettext_lazy("move a clause"),
    papers.move_clause,
    clause_id=CLAUSE,
    direction=Choice(
        gettext_lazy("Direction"),
        required=True,
        values=("up", "down"),
        message=gettext_lazy("Move a clause up or down."),
    ),
    delegation_id=FOR,
)
COMMANDS.expose(
    "paper.sponsor_add",
    EVERYONE,
    gettext_lazy("add a co-sponsor"),
    papers.add_sponsor,
    paper_id=PAPER,
    sponsor_id=Id(gettext_lazy("Co-sponsor"), required=True, key="sponsor"),
    delegation_id=FOR,
)
COMMANDS.expose(
    "paper.sign", EVERYONE, gettext_lazy("sign a working paper"), papers.sign_paper, paper_id=PAPER, delegation_id=FOR
)
COMMANDS.expose(
    "paper.unsign",
    EVERYONE,
    gettext_lazy("withdraw a signature"),
    papers.unsign_paper,
    paper_id=PAPER,
    delegation_id=FOR,
)
COMMANDS.expose(
    "paper.withdraw",
    EVERYONE,
    gettext_lazy("withdraw a working paper"),
    papers.withdraw_paper,
    paper_id=PAPER,
    delegation_id=FOR,
)
COMMANDS.expose(
    "draft.introduce", {CHAIR}, gettext_lazy("introduce a draft resolution"), drafts.introduce_paper, paper_id=PAPER
)
COMMANDS.expose(
    "draft.show",
    {CHAIR},
    gettext_lazy("choose the draft on the screens"),
    drafts.show_draft,
    paper_id=PAPER,
    on_projector=Flag(gettext_lazy("On the projector")),
)
COMMANDS.expose(
    "draft.important",
    {CHAIR},
    gettext_lazy("mark an important question"),
    voting.mark_important,
    paper_id=PAPER,
    important=Flag(gettext_lazy("An important question"), required=True),
)
COMMANDS.expose(
    "draft.page",
    {CHAIR},
    gettext_lazy("move the projector through a draft"),
    drafts.page_draft,
    move=Choice(
        gettext_lazy("Move"),
        required=True,
        values=drafts.PAGE_MOVES,
        message=gettext_lazy("Page down, page up, or show a clause."),
    ),
    clause=Whole(gettext_lazy("The clause's number"), maximum=999),
)
COMMANDS.expose(
    "draft.side",
    {CHAIR},
    gettext_lazy("run the debate time"),
    drafts.set_side,
    side=Choice(
        gettext_lazy("Debate"),
        required=True,
        values=tuple(drafts.SIDES),
        message=gettext_lazy("Debate time is for, against, or open debate."),
    ),
    speaker_id=Id(gettext_lazy("Speaker"), key="speaker"),
)
COMMANDS.expose(
    "amendment.propose",
    EVERYONE,
    gettext_lazy("propose an amendment"),
    amendments.propose_amendment,
    paper_id=PAPER,
    action=Choice(
        gettext_lazy("Amendment"),
        required=True,
        values=tuple(Amendment.Action.values),
        message=gettext_lazy("An amendment adds, strikes or changes an operative clause."),
    ),
    target_id=Id(gettext_lazy("Clause"), key="target"),
    phrase=PHRASE,
    text=CLAUSE_TEXT,
    as_sub_clause=Flag(gettext_lazy("As a sub-clause")),
    amends_id=Id(gettext_lazy("Amendment amended"), key="amends"),
    delegation_id=FOR,
)
COMMANDS.expose(
    "amendment.consent",
    EVERYONE,
    gettext_lazy("consent to an amendment"),
    amendments.consent,
    amendment_id=AMENDMENT,
    delegation_id=FOR,
)
COMMANDS.expose(
    "amendment.decline",
    EVERYONE,
    gettext_lazy("answer that an amendment is not friendly"),
    amendments.decline,
    amendment_id=AMENDMENT,
    delegation_id=FOR,
)
COMMANDS.expose(
    "amendment.move",
    {CHAIR},
    gettext_lazy("put the amendments in order"),
    voting.move_amendment,
    amendment_id=AMENDMENT,
    direction=Choice(
        gettext_lazy("Direction"), required=True, values=("up", "down"), message=gettext_lazy("Move it up or down.")
    ),
)
COMMANDS.expose(
    "amendment.sign",
    EVERYONE,
    gettext_lazy("sign an amendment"),
    amendments.sign_amendment,
    amendment_id=AMENDMENT,
    delegation_id=FOR,
)
COMMANDS.expose(
    "amendment.withdraw",
    EVERYONE,
    gettext_lazy("withdraw an amendment"),
    amendments.withdraw_amendment,
    amendment_id=AMENDMENT,
    delegation_id=FOR,
)
COMMANDS.expose(
    "draft.vote_next",
    {CHAIR},
    gettext_lazy("put a draft to the vote"),
    voting.vote_next,
    method=Choice(
        gettext_lazy("Method"),
        required=True,
        values=tuple(Vote.Method.values),
        message=gettext_lazy("Vote by placards, on the phones, or by roll call."),
    ),
)
COMMANDS.expose(
    "draft.adopt_without_vote",
    {CHAIR},
    gettext_lazy("declare a draft adopted without a vote"),
    voting.adopt_without_a_vote,
    paper_id=PAPER,
)
COMMANDS.expose(
    "explanation.next",
    {CHAIR},
    gettext_lazy("give the floor to explain a vote"),
    explanations.next_explanation,
)
COMMANDS.expose(
    "explanation.close",
    {CHAIR},
    gettext_lazy("close the explanations of vote"),
    explanations.close_explanations,
)
