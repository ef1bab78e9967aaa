"""The debate's commands: who may send each, its typed fields, and the action it runs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committee.access import CHAIR, DELEGATE
from committee.contract import CommandSet
from committee.errors import ActionError
from committee.fields import Choice, Field, Flag, Id, Ids, Seconds, Text, is_number
from debate import actions, rules
from debate.actions.chits import BOARD, DECISIONS, LONGEST
from debate.actions.motions import motion_rule
from debate.actions.speeches import NOBODY
from debate.models import Point, Speech
from debate.motion_set import motion_set

COMMANDS = CommandSet()
DELEGATION = Id(gettext_lazy("Delegation"), required=True, key="delegation")
FOR_DELEGATION = Id(gettext_lazy("Delegation"), key="delegation")  # the chair names one; a phone acts for its own


@dataclass(frozen=True)
class SpeechShown(Field):
    """The speech the chair's screen showed when a key was pressed ('none' when nobody had the floor)."""

    def parse(self, value: Any) -> int:
        text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
        if text == "none":
            return NOBODY
        if is_number(text):
            return int(text)
        raise ActionError(_("The screen sent a speech that does not exist: reload it."))


COMMANDS.expose("speakers.ask", {DELEGATE}, gettext_lazy("ask to speak"), actions.ask_to_speak)
COMMANDS.expose("speakers.withdraw", {DELEGATE}, gettext_lazy("withdraw a request to speak"), actions.withdraw_request)
COMMANDS.expose("speakers.add", {CHAIR}, gettext_lazy("add speakers"), actions.add_speaker, delegation_id=DELEGATION)
COMMANDS.expose(
    "speakers.remove", {CHAIR}, gettext_lazy("remove speakers"), actions.remove_speaker, delegation_id=DELEGATION
)
COMMANDS.expose(
    "speakers.move",
    {CHAIR},
    gettext_lazy("reorder the speakers' list"),
    actions.move_speaker,
    delegation_id=DELEGATION,
    direction=Choice(
        gettext_lazy("Direction"),
        required=True,
        values=("up", "down"),
        message=gettext_lazy("Move a speaker up or down."),
    ),
)
COMMANDS.expose(
    "speakers.next",
    {CHAIR},
    gettext_lazy("call the next speaker"),
    actions.next_speaker,
    current=SpeechShown("Current speech"),
)
COMMANDS.expose(
    "speakers.requests",
    {CHAIR},
    gettext_lazy("open or close requests from phones"),
    actions.set_requests,
    allowed=Flag(gettext_lazy("Requests")),
)
COMMANDS.expose(
    "timer",
    {CHAIR},
    gettext_lazy("run the timers"),
    actions.control_timer,
    which=Choice(
        gettext_lazy("Timer"),
        required=True,
        values=("speech", "caucus", "suspension"),
        message=gettext_lazy("Which timer? The speech, the caucus or the suspension."),
    ),
    operation=Choice(
        gettext_lazy("Operation"),
        required=True,
        values=("start", "pause", "toggle", "extend"),
        message=gettext_lazy("A timer can be started, paused or extended."),
    ),
    seconds=Seconds(gettext_lazy("Extra time")),
)
COMMANDS.expose(
    "speech.yield",
    {CHAIR},
    gettext_lazy("record a yield"),
    actions.yield_speech,
    kind=Choice(
        gettext_lazy("Yield"),
        required=True,
        values=tuple(Speech.Yield.values),
        message=gettext_lazy("Yield to the chair, to another delegation, or to questions."),
    ),
    to_delegation=Id(gettext_lazy("Delegation yielded to"), key="delegation"),
)
COMMANDS.expose(
    "speech.note",
    {CHAIR},
    gettext_lazy("note what a delegation said, for the summary record"),
    actions.note_speech,
    text=Text(gettext_lazy("The note"), required=True, max_length=300),
    speech=Id(gettext_lazy("Statement")),
)
COMMANDS.expose(
    "point.raise",
    {CHAIR, DELEGATE},
    gettext_lazy("raise a point"),
    actions.raise_point,
    kind=Choice(
        gettext_lazy("Point"),
        required=True,
        values=tuple(Point.Kind.values),
        message=(
            gettext_lazy(
                "Raise a point of personal privilege, order, parliamentary inquiry, information, or ask "
                "for a right of reply."
            )
        ),
    ),
    text=Text(gettext_lazy("The note"), max_length=300),
    delegation_id=FOR_DELEGATION,
)
COMMANDS.expose(
    "point.resolve",
    {CHAIR},
    gettext_lazy("rule on points"),
    actions.resolve_point,
    point_id=Id(gettext_lazy("Point"), required=True, key="point"),
    outcome=Choice(
        gettext_lazy("Ruling"),
        required=True,
        values=("answered", "ruled"),
        message=gettext_lazy("Answer the point or rule it out of order."),
    ),
)


class MotionFields(Mapping):
    """The fields of "raise a motion": the motion, who moves it, and every field any motion has (the
    debate's own and those higher apps registered), read as text; the motion's own rule then checks
    only the fields that motion has (the others are hidden on the form)."""

    BASE = {"kind": Text(gettext_lazy("Motion"), required=True, max_length=40), "delegation": FOR_DELEGATION}

    def _fields(self) -> dict:
        fields = dict(self.BASE)
        for rule in motion_set().catalogue.values():
            for name, spec in rule.fields.items():
                fields.setdefault(name, Text(spec.label, max_length=200 if isinstance(spec, Text) else 20))
        return fields

    def __getitem__(self, name):
        return self._fields()[name]

    def __iter__(self):
        return iter(self._fields())

    def __len__(self) -> int:
        return len(self._fields())


def _motion(committee, actor, kind, delegation, **raw):
    values = rules.validate_fields(motion_rule(committee, kind), raw)
    return actions.raise_motion(committee, actor, kind, values, delegation)


COMMANDS.expose_fields("motion.raise", {CHAIR, DELEGATE}, "raise a motion", _motion, MotionFields())


MOTION = Id(gettext_lazy("Motion"), required=True, key="motion")
COMMANDS.expose(
    "motion.withdraw", {CHAIR, DELEGATE}, gettext_lazy("withdraw a motion"), actions.withdraw_motion, motion_id=MOTION
)
COMMANDS.expose(
    "motion.rule_out",
    {CHAIR},
    gettext_lazy("rule a motion out of order"),
    actions.rule_out_of_order,
    motion_id=MOTION,
    reason=Text(gettext_lazy("The reason"), max_length=300),
)
COMMANDS.expose(
    "motion.vote",
    {CHAIR},
    gettext_lazy("open a vote"),
    actions.open_vote,
    method=Choice(
        gettext_lazy("Method"),
        required=True,
        values=("phones", "placard"),
        message=gettext_lazy("Vote by phones or by placards."),
    ),
)
COMMANDS.expose(
    "motion.grant",
    {CHAIR},
    gettext_lazy("grant or refuse a motion"),
    actions.grant_motion,
    motion_id=MOTION,
    granted=Flag(gettext_lazy("Granted"), required=True),
)
COMMANDS.expose("caucus.end", {CHAIR}, gettext_lazy("end a caucus"), actions.end_caucus)
COMMANDS.expose("floor.resume", {CHAIR}, gettext_lazy("resume debate"), actions.resume)


# Chits: a delegation's phone writes one; the Board forwards, holds, answers and marks them, and pauses them.
CHIT = Id(gettext_lazy("Chit"), required=True, key="chit")
COMMANDS.expose(
    "chit.send",
    {DELEGATE},
    gettext_lazy("send a chit"),
    actions.send_chit,
    to=Ids(
        gettext_lazy("To"),
        required=True,
        words_allowed=(BOARD,),
        message=gettext_lazy("Choose who the chit is for: the Board, or delegations."),
    ),
    text=Text(gettext_lazy("Your note"), required=True, max_length=LONGEST),
)
COMMANDS.expose(
    "chit.decide",
    {CHAIR},
    gettext_lazy("pass chits"),
    actions.decide_chit,
    chit_id=CHIT,
    decision=Choice(
        gettext_lazy("What to do"),
        required=True,
        values=DECISIONS,
        message=gettext_lazy("Forward the chit, hold it or answer it."),
    ),
    answer=Text(gettext_lazy("The Board's answer"), max_length=LONGEST),
)
COMMANDS.expose(
    "chit.mark",
    {CHAIR},
    gettext_lazy("mark chits"),
    actions.mark_chit,
    chit_id=CHIT,
    substantive=Flag(gettext_lazy("Substantive"), required=True),
)
COMMANDS.expose(
    "chits.pause",
    {CHAIR},
    gettext_lazy("pause chits"),
    actions.pause_chits,
    paused=Flag(gettext_lazy("Paused"), required=True),
)
