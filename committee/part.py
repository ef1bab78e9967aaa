"""The committee's own floor part: the room (sittings, roll call, links, rules) and the vote machinery.

Its pages (templates/committee/chair.html, delegate.html, projector.html) lay the screen out and offer
slots to the other parts: the chair's "header", "floor" and "side"; the phone's "main"; the
projector's "header" and "stage".
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committee.access import CHAIR, DELEGATE, PROJECTOR
from committee.actions.undo import reopen_vote, take_back_mark
from committee.commands import COMMANDS
from committee.contract import Change, FloorPart, Region
from committee.fields import COUNT, FACTS, FLAG, ID, NAMES, TEXT
from committee.journal import JournalKind
from committee.state import ballot_card

STATUS, SITTING, ROLL, LINKS, RULES, SETUP, VOTE, BALLOT = (
    f"committee.{name}" for name in ("status", "sitting", "roll", "links", "rules", "setup", "vote", "ballot")
)
_CHAIR, _PHONE, _PROJECTOR, _VOTE = (
    "committee/chair.html#",
    "committee/delegate.html#",
    "committee/projector.html#",
    "committee/vote.html#",
)

# What the journal keeps of every vote (committee/actions/votes.py, vote_facts).
VOTE_FACTS = {
    "vote": ID,
    "subject": TEXT,
    "subject_id": ID,
    "title": TEXT,
    "titles": FACTS,  # the title in each language
    "question": TEXT,
    "method": TEXT,
    "threshold": TEXT,
    "base": COUNT,
    "needed": COUNT,
}
STATUS_WORDS = {
    "present": gettext_lazy("present"),
    "present_voting": gettext_lazy("present and voting"),
    "absent": gettext_lazy("absent"),
}


METHODS = {
    "phones": gettext_lazy("on the phones"),
    "placard": gettext_lazy("by placards"),
    "roll_call": gettext_lazy("by roll call"),
}


def _roll_closed(v) -> str:
    if not v.get("members"):  # an entry of an earlier version kept the number only
        return _("%(actor)s closed the roll call of sitting %(number)s.") % {"actor": v["actor"], "number": v["number"]}
    if v.get("quorum") == "yes":
        said = _(
            "%(actor)s closed the roll call of %(title)s: %(present)s present, %(members_present)s of %(members)s "
            "members (the quorum is met)."
        )
    else:
        said = _(
            "%(actor)s closed the roll call of %(title)s: %(present)s present, %(members_present)s of %(members)s "
            "members (the quorum is not met)."
        )
    return said % v


def _sitting_words(v) -> str:
    """A sitting as a journal line names it: its title, in the active language where it is "Session N"."""
    title = v.get("title") or ""
    if title.startswith("Session "):
        return _("Session %(number)s") % {"number": title.removeprefix("Session ")}
    return title or _("sitting %(number)s") % {"number": v["number"]}


def _vote_opened(v) -> str:
    method = METHODS.get(v.get("method"), v.get("method"))
    return _("%(actor)s opened a %(question)s vote %(method)s on %(title)s (%(base)s may vote).") % {
        "actor": v["actor"],
        "question": v["question"],
        "method": method,
        "title": v["title"],
        "base": v["base"],
    }


def _marked(v) -> str:
    status = STATUS_WORDS.get(v["status"], v["status"])
    if v.get("late") == "yes":
        return _("%(delegation)s arrived late and was marked %(status)s.") % {
            "delegation": v["delegation"],
            "status": status,
        }
    return _("%(actor)s marked %(delegation)s %(status)s.") % {
        "actor": v["actor"],
        "delegation": v["delegation"],
        "status": status,
    }


PART = FloorPart(
    name="committee",
    changes=(
        Change("status", "the header: goes out with every change (it carries the version)"),
        Change("sitting", "a sitting opened or closed, or its roll call closed", every_phone=True),
        Change("roll", "the attendance of the changed delegations"),
        Change("links", "the join links of the changed delegations"),
        Change("rules", "the rules of procedure"),
        Change("setup", "the secretariat changed the committee between sittings", every_phone=True),
        Change("vote", "a vote opened or closed", every_phone=True),
        Change("ballot", "a ballot cast in the open vote", merged=True),
    ),
    regions={
        CHAIR: (
            Region(_CHAIR + "status", on=(STATUS,)),
            Region(_CHAIR + "sitting", on=(SITTING, ROLL, SETUP)),
            Region(_VOTE + "chair", on=(VOTE, BALLOT, SITTING)),
            Region(_CHAIR + "rollcall", on=(SITTING, SETUP)),
            Region(_CHAIR + "row", on=(ROLL,), each=True, snapshot=False),
            Region(_CHAIR + "rules", on=(RULES, SITTING, SETUP)),
            Region(_CHAIR + "screens", on=(LINKS,)),
            # Join codes load when the chair opens them; a replaced link re-renders its card.
            Region(_CHAIR + "card", on=(LINKS,), each=True, snapshot=False),
        ),
        PROJECTOR: (
            Region(_PROJECTOR + "status", on=(STATUS, SETUP)),
            Region(_PROJECTOR + "rollcall", on=(SITTING, SETUP)),
            Region(_PROJECTOR + "figures", on=(ROLL,), snapshot=False),  # inside the roll call region
            Region(_PROJECTOR + "cell", on=(ROLL,), each=True, snapshot=False),
            Region(_VOTE + "projector", on=(VOTE, BALLOT, SITTING)),
            Region(_PROJECTOR + "counts", on=(ROLL, SITTING, SETUP)),
        ),
        DELEGATE: (
            Region(_PHONE + "status", on=(STATUS,)),
            Region(_VOTE + "phone-roll", on=(VOTE, BALLOT, SITTING)),
        ),
    },
    own=(
        Region(_PHONE + "you", on=(SITTING, ROLL, SETUP)),
        # One rendering for all the phones with the same card (most of the room when a vote opens).
        Region(_VOTE + "ballot", on=(VOTE, BALLOT, SITTING), shown_by=ballot_card),
    ),
    # A delegate away from the floor page (a paper, its editor, a document) keeps the live header and
    # the vote card (committee/_away.html).
    sections={DELEGATE: {"away": (_PHONE + "status", _VOTE + "phone-roll", _VOTE + "ballot")}},
    commands=COMMANDS,
    # The chair's undo: a roll-call answer given by mistake, a vote closed too soon.
    undo={"rollcall.marked": take_back_mark, "vote.closed": reopen_vote},
    journal=(
        JournalKind(
            "sitting.opened",
            lambda v: _("%(actor)s opened %(title)s.") % {"actor": v["actor"], "title": _sitting_words(v)},
            {"number": COUNT, "title": TEXT, "agenda": TEXT, "venue": TEXT, "board": NAMES},
        ),
        JournalKind(
            "sitting.closed",
            lambda v: _("%(actor)s closed %(title)s.") % {"actor": v["actor"], "title": _sitting_words(v)},
            {"number": COUNT, "title": TEXT},
        ),
        JournalKind(
            "rollcall.closed",
            _roll_closed,
            {
                "number": COUNT,
                "title": TEXT,
                "present": COUNT,
                "members_present": COUNT,
                "members": COUNT,
                "quorum_needed": COUNT,
                "quorum": FLAG,
                "absent": NAMES,
            },
        ),
        JournalKind(
            "rollcall.marked",
            _marked,
            {"status": TEXT, "was": TEXT, "late": FLAG},
        ),
        JournalKind("rollcall.arrival_noted", gettext_lazy("{delegation} told the chair it has arrived.")),
        JournalKind(
            "rollcall.party",
            lambda v: (
                (
                    _("%(actor)s marked %(delegation)s a party to the dispute: it abstains on substance.")
                    if v.get("party") == "yes"
                    else _("%(actor)s marked %(delegation)s no longer a party to the dispute.")
                )
                % v
            ),
            {"party": FLAG},
        ),
        JournalKind(
            "undo.done",
            gettext_lazy("{actor} undid the last action (a correction): {what}"),
            {"undone": COUNT, "kind": TEXT, "what": TEXT},
        ),
        JournalKind(
            "access.link_reissued", gettext_lazy("{actor} replaced the join link of {delegation}."), minutes=False
        ),
        JournalKind("access.projector_reissued", gettext_lazy("{actor} replaced the projector link."), minutes=False),
        JournalKind(
            "rules.set",
            gettext_lazy("{actor} set the rules of procedure: {profile}, with {overrides}."),
            {"profile": TEXT, "overrides": FACTS},
        ),
        JournalKind(
            "committee.setup", gettext_lazy("{actor} changed the committee's setup: {changed}."), {"changed": TEXT}
        ),
        JournalKind(
            "vote.opened",
            _vote_opened,
            {**VOTE_FACTS, "about": FACTS},
        ),
        JournalKind(
            "vote.ballot",
            gettext_lazy("{delegation} voted {choice}."),
            {"vote": ID, "choice": TEXT, "with_rights": FLAG},
            False,
        ),
        JournalKind(
            "vote.closed",
            gettext_lazy("The vote on {title}: {record}."),
            {
                **VOTE_FACTS,
                "yes": COUNT,
                "no": COUNT,
                "abstain": COUNT,
                "passed": FLAG,
                "record": TEXT,
                "records": FACTS,  # the record in each language
                "in_favour": NAMES,
                "against": NAMES,
                "abstaining": NAMES,
                "vetoed_by": NAMES,
                "decision": FACTS,
            },
        ),
    ),
)
