"""What the debate writes in the journal: each kind with its typed fields and its sentence for the
minutes. A speech's figures are kept when it ends (who spoke, for how long, of how long, and how it
yielded), so the minutes and the statistics need nothing but the journal."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from committee.fields import DELEGATION, FACTS, FLAG, ID, NAMES, SECONDS, TEXT
from committee.journal import JournalKind
from debate.models import Point

POINTS = dict(Point.Kind.choices)
YIELDS = {"chair": "to the chair", "questions": "to questions", "delegation": "to another delegation"}

# A speech that ended (speech_facts in debate/actions/base.py).
ENDED = {"ended": DELEGATION, "spoke": SECONDS, "allotted": SECONDS, "yielded": TEXT}
MOTION = {"motion": ID, "kind": TEXT, "text": TEXT}


def _ended(v) -> str:
    if not v.get("ended"):
        return ""
    yielded = f", yielded {YIELDS[v['yielded']]}" if v.get("yielded") in YIELDS else ""
    return f"{v['ended']} spoke {v['spoke']} of {v['allotted']}{yielded}"


def _next(v) -> str:
    ended = _ended(v)
    if v.get("given"):
        finish = " to finish its speech" if v.get("resumed") == "yes" else ""
        called = f"{v['actor']} recognised {v['delegation']} ({v['given']}){finish}"
        return f"{ended}; {called}." if ended else f"{called}."
    return f"{ended}; the speakers' list was empty." if ended else f"{v['actor']} ended the speech."


def _yield(v) -> str:
    to = v.get("to")
    if to == "delegation":
        return f"{v['delegation']} yielded {v['seconds']} to {v['to_delegation']}."
    return f"{v['delegation']} yielded {YIELDS.get(to, to)}."


def _point(v) -> str:
    kind = POINTS.get(v.get("kind"), "point")
    note = f": “{v['text']}”" if v.get("text") else ""
    return f"{v['delegation']} raised a {kind.lower()}{note}."


def _granted(v) -> str:
    granted = f"{v['actor']} granted the motion of {v['delegation']} to {v['text']}."
    if v.get("returned"):
        granted += f" {v['returned']} keeps its turn at the head of the speakers' list."
    return granted


def _caucus(v) -> str:
    ended = _ended(v)
    return f"{v['actor']} ended the caucus on {v['topic']}" + (f" ({ended})." if ended else ".")


KINDS = (
    JournalKind("speakers.requested", gettext_lazy("{delegation} asked to speak."), minutes=False),
    JournalKind("speakers.withdrawn", gettext_lazy("{delegation} withdrew from the speakers' list."), minutes=False),
    JournalKind(
        "speakers.added", gettext_lazy("{actor} added {delegation} to the speakers' list."), {"list": TEXT}, False
    ),
    JournalKind(
        "speakers.removed", gettext_lazy("{actor} removed {delegation} from the speakers' list."), minutes=False
    ),
    JournalKind(
        "speakers.moved",
        gettext_lazy("{actor} moved {delegation} {direction} the speakers' list."),
        {"direction": TEXT},
        False,
    ),
    JournalKind(
        "speakers.requests",
        gettext_lazy("{actor} set requests to speak from phones: {open}."),
        {"open": FLAG},
        minutes=False,
    ),
    # The subject is the delegation recognised (none when the list was empty).
    JournalKind("speech.next", _next, {"list": TEXT, "speech": ID, "given": SECONDS, "resumed": FLAG, **ENDED}),
    JournalKind(
        "speech.yield",
        _yield,
        {"to": TEXT, "to_delegation": DELEGATION, "seconds": SECONDS, "speech": ID, **ENDED},
    ),
    # The summary record prints the note as the statement's "said that …", not as a line of its own.
    JournalKind(
        "speech.noted",
        gettext_lazy("{actor} noted what {delegation} said: “{text}”"),
        {"speech": ID, "text": TEXT},
        False,
    ),
    JournalKind(
        "timer.start",
        gettext_lazy("{actor} started the {timer} timer."),
        {"timer": TEXT, "seconds": SECONDS, "remaining": SECONDS},
        minutes=False,
    ),
    JournalKind(
        "timer.pause",
        gettext_lazy("{actor} paused the {timer} timer."),
        {"timer": TEXT, "seconds": SECONDS, "remaining": SECONDS},
        minutes=False,
    ),
    JournalKind(
        "timer.extend",
        gettext_lazy("{actor} extended the {timer} timer to {seconds}."),
        {"timer": TEXT, "seconds": SECONDS, "remaining": SECONDS},
    ),
    JournalKind("point.raised", _point, {"point": ID, "kind": TEXT, "text": TEXT}),
    JournalKind(
        "point.answered", gettext_lazy("{actor} answered the point of {delegation}."), {"point": ID, "kind": TEXT}
    ),
    JournalKind(
        "point.ruled",
        gettext_lazy("{actor} ruled the point of {delegation} out of order."),
        {"point": ID, "kind": TEXT},
    ),
    JournalKind("motion.raised", gettext_lazy("{delegation} moved to {text}."), {**MOTION, "values": FACTS}),
    JournalKind("motion.withdrawn", gettext_lazy("{delegation} withdrew its motion to {text}."), MOTION),
    JournalKind(
        "motion.out_of_order",
        gettext_lazy("{actor} ruled the motion of {delegation} to {text} out of order: {reason}."),
        {**MOTION, "reason": TEXT},
    ),
    JournalKind(
        "motion.granted",
        _granted,
        {**MOTION, "returned": TEXT, "outcome": FACTS, "others_fell": FLAG, "interrupted": FACTS},
    ),
    JournalKind("motion.refused", gettext_lazy("{actor} did not grant the motion of {delegation} to {text}."), MOTION),
    JournalKind("caucus.ended", _caucus, {"topic": TEXT, **ENDED}),
    JournalKind("floor.resumed", gettext_lazy("{actor} resumed formal debate.")),
    # Chits are kept in the record (the Board and the secretariat read the journal), never printed in
    # the proceedings.
    JournalKind(
        "chit.sent",
        gettext_lazy("{delegation} sent a chit to {to}: “{text}”"),
        {"chit": ID, "to": NAMES, "text": TEXT},
        minutes=False,
    ),
    JournalKind(
        "chit.decided",
        lambda v: (
            f"{v['actor']} {CHIT_DECISIONS.get(v['decision'], v['decision'])} the chit of {v['delegation']}"
            + (f": “{v['answer']}”" if v.get("answer") else ".")
        ),
        {"chit": ID, "decision": TEXT, "answer": TEXT},
        minutes=False,
    ),
    JournalKind(
        "chit.marked",
        lambda v: (
            f"{v['actor']} marked the chit of {v['delegation']} "
            + ("substantive." if v.get("substantive") == "yes" else "procedural.")
        ),
        {"chit": ID, "substantive": FLAG},
        minutes=False,
    ),
    JournalKind(
        "chits.paused",
        lambda v: f"{v['actor']} {'paused' if v.get('paused') == 'yes' else 'resumed'} chits.",
        {"paused": FLAG},
        minutes=False,
    ),
)
CHIT_DECISIONS = {"forward": "forwarded", "hold": "held", "answer": "answered"}
