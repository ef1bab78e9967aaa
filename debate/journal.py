"""What the debate writes in the journal: each kind with its typed fields and its sentence for the
minutes. A speech's figures are kept when it ends (who spoke, for how long, of how long, and how it
yielded), so the minutes and the statistics need nothing but the journal."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committee.fields import DELEGATION, FACTS, FLAG, ID, NAMES, SECONDS, TEXT
from committee.journal import JournalKind
from debate.models import Point

POINTS = dict(Point.Kind.choices)
YIELDS = {
    "chair": gettext_lazy("to the chair"),
    "questions": gettext_lazy("to questions"),
    "delegation": gettext_lazy("to another delegation"),
}

# A speech that ended (speech_facts in debate/actions/base.py).
ENDED = {"ended": DELEGATION, "spoke": SECONDS, "allotted": SECONDS, "yielded": TEXT}
MOTION = {"motion": ID, "kind": TEXT, "text": TEXT}


def _ended(v) -> str:
    if not v.get("ended"):
        return ""
    if v.get("yielded") in YIELDS:
        return _("%(ended)s spoke %(spoke)s of %(allotted)s, yielded %(yielded)s") % {
            **v,
            "yielded": YIELDS[v["yielded"]],
        }
    return _("%(ended)s spoke %(spoke)s of %(allotted)s") % v


def _next(v) -> str:
    ended = _ended(v)
    if v.get("given"):
        if v.get("resumed") == "yes":
            called = _("%(actor)s recognised %(delegation)s (%(given)s) to finish its speech") % v
        else:
            called = _("%(actor)s recognised %(delegation)s (%(given)s)") % v
        return _("%(ended)s; %(called)s.") % {"ended": ended, "called": called} if ended else f"{called}."
    if ended:
        return _("%(ended)s; the speakers' list was empty.") % {"ended": ended}
    return _("%(actor)s ended the speech.") % v


def _yield(v) -> str:
    to = v.get("to")
    if to == "delegation":
        return _("%(delegation)s yielded %(seconds)s to %(to_delegation)s.") % v
    return _("%(delegation)s yielded %(to)s.") % {"delegation": v["delegation"], "to": YIELDS.get(to, to)}


def _point(v) -> str:
    kind = str(POINTS.get(v.get("kind"), _("Point")))
    if v.get("text"):
        return _("%(delegation)s raised a %(kind)s: “%(text)s”.") % {**v, "kind": kind.lower()}
    return _("%(delegation)s raised a %(kind)s.") % {"delegation": v["delegation"], "kind": kind.lower()}


def _granted(v) -> str:
    granted = _("%(actor)s granted the motion of %(delegation)s to %(text)s.") % v
    if v.get("returned"):
        granted += " " + _("%(returned)s keeps its turn at the head of the speakers' list.") % v
    return granted


def _caucus(v) -> str:
    ended = _ended(v)
    if ended:
        return _("%(actor)s ended the caucus on %(topic)s (%(ended)s).") % {**v, "ended": ended}
    return _("%(actor)s ended the caucus on %(topic)s.") % v


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
            (
                _("%(actor)s %(decision)s the chit of %(delegation)s: “%(answer)s”")
                if v.get("answer")
                else _("%(actor)s %(decision)s the chit of %(delegation)s.")
            )
            % {**v, "decision": CHIT_DECISIONS.get(v["decision"], v["decision"])}
        ),
        {"chit": ID, "decision": TEXT, "answer": TEXT},
        minutes=False,
    ),
    JournalKind(
        "chit.marked",
        lambda v: (
            (
                _("%(actor)s marked the chit of %(delegation)s substantive.")
                if v.get("substantive") == "yes"
                else _("%(actor)s marked the chit of %(delegation)s procedural.")
            )
            % v
        ),
        {"chit": ID, "substantive": FLAG},
        minutes=False,
    ),
    JournalKind(
        "chits.paused",
        lambda v: (_("%(actor)s paused chits.") if v.get("paused") == "yes" else _("%(actor)s resumed chits.")) % v,
        {"paused": FLAG},
        minutes=False,
    ),
)
CHIT_DECISIONS = {
    "forward": gettext_lazy("forwarded"),
    "hold": gettext_lazy("held"),
    "answer": gettext_lazy("answered"),
}
