"""What the drafts write in the journal: each kind with its typed fields and its sentence for the
minutes. Papers are named by id and title (and symbol once introduced), so the minutes can follow
each one from its first clause to its fate."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_lazy

from committee.fields import COUNT, FLAG, ID, NAMES, TEXT
from committee.journal import JournalKind

PAPER = {"paper": ID, "title": TEXT}
DRAFT = {"paper": ID, "symbol": TEXT, "title": TEXT}
AMENDMENT = {"amendment": ID, "paper": ID, "symbol": TEXT}

KINDS = (
    JournalKind("paper.created", gettext_lazy("{delegation} started a working paper: “{title}”."), PAPER),
    JournalKind(
        "paper.edited",
        gettext_lazy("{delegation} edited “{title}”: {what}."),
        {**PAPER, "what": TEXT, "revision": COUNT},
        minutes=False,
    ),
    JournalKind(
        "paper.sponsor_added", gettext_lazy("{by} added {delegation} as a sponsor of “{title}”."), {**PAPER, "by": TEXT}
    ),
    JournalKind("paper.signed", gettext_lazy("{delegation} signed “{title}”."), PAPER),
    JournalKind("paper.unsigned", gettext_lazy("{delegation} withdrew its signature from “{title}”."), PAPER),
    JournalKind("paper.withdrawn", gettext_lazy("{delegation} withdrew the working paper “{title}”."), PAPER),
    JournalKind("draft.introduced", gettext_lazy("{actor} introduced “{title}” as {symbol}."), DRAFT),
    JournalKind(
        "draft.important",
        lambda v: (
            (
                gettext("%(actor)s marked %(symbol)s an important question: two thirds to adopt it.")
                if v.get("important") == "yes"
                else gettext("%(actor)s marked %(symbol)s no important question.")
            )
            % v
        ),
        {**DRAFT, "important": FLAG},
    ),
    JournalKind(
        "draft.shown", gettext_lazy("{actor} put {symbol} on the screens."), {**DRAFT, "on_projector": FLAG}, False
    ),
    JournalKind(
        "draft.paged",
        gettext_lazy("{actor} moved the projector in {symbol} (clause {clause}, screen {page})."),
        {"symbol": TEXT, "clause": COUNT, "page": COUNT},
        False,
    ),
    JournalKind(
        "draft.debate_side",
        gettext_lazy("{actor} ran the debate on the draft: {side} ({speaker})."),
        {"side": TEXT, "speaker": TEXT},
    ),
    JournalKind(
        "draft.adopted_without_vote",
        gettext_lazy("{symbol}, “{title}”, was adopted without a vote."),
        {**DRAFT, "set_aside": NAMES},
    ),
    JournalKind(
        "amendment.proposed",
        gettext_lazy("{delegation} proposed an amendment to {symbol} ({action}, {clause})."),
        {**AMENDMENT, "action": TEXT, "clause": TEXT, "friendly": FLAG},
    ),
    JournalKind(
        "amendment.consented",
        gettext_lazy("{delegation} consented to an amendment to {symbol}."),
        {**AMENDMENT, "incorporated": FLAG},
    ),
    JournalKind(
        "amendment.declined",
        gettext_lazy("{delegation} found an amendment to {symbol} not friendly."),
        AMENDMENT,
        minutes=True,
    ),
    JournalKind(
        "amendment.signed", gettext_lazy("{delegation} signed an amendment to {symbol}."), AMENDMENT, minutes=False
    ),
    JournalKind(
        "amendment.moved",
        gettext_lazy("{actor} moved the amendment of {delegation} to {symbol} {direction} the order of voting."),
        {**AMENDMENT, "direction": TEXT},
        minutes=False,
    ),
    JournalKind("amendment.withdrawn", gettext_lazy("{delegation} withdrew its amendment to {symbol}."), AMENDMENT),
    JournalKind(
        "explanation.begun", gettext_lazy("{delegation} explained its vote ({title})."), {"vote": ID, "title": TEXT}
    ),
    JournalKind(
        "explanation.ended", gettext_lazy("The explanations of vote ({title}) were over."), {"vote": ID, "title": TEXT}
    ),
    JournalKind(
        "explanation.closed",
        gettext_lazy("{actor} closed the list of explanations of vote ({count} not heard)."),
        {"count": COUNT},
    ),
)
