"""Motions, their precedence and thresholds, and what is in order when: data, per rules profile.

The committee's general profile (quorum, majorities, who votes) is in committee/rules.py; this module
adds what the debate floor needs: the debate's own motions and conditions. Higher apps add theirs
through the debate's floor part (debate/motion_set.py, sealed with the parts). Tests check it row by
row against procedure.md.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy, gettext_noop

from committee.errors import ActionError, LazyMessage
from committee.fields import Field, Seconds, Text, parse_fields
from committee.times import format_seconds

# Phases of the committee.
FORMAL = "formal"
MODERATED = "moderated"
UNMODERATED = "unmoderated"
SUSPENDED = "suspended"
VOTING = "voting"
ADJOURNED = "adjourned"
PHASES = {
    FORMAL: gettext_lazy("Formal debate"),
    MODERATED: gettext_lazy("Moderated caucus"),
    UNMODERATED: gettext_lazy("Unmoderated caucus"),
    SUSPENDED: gettext_lazy("Suspended"),
    VOTING: gettext_lazy("Voting procedure"),
    ADJOURNED: gettext_lazy("Adjourned"),
}
# How a sentence says the committee is in a phase: "the committee is suspended".
PHASE_STATE = {
    FORMAL: gettext_noop("in formal debate"),
    MODERATED: gettext_noop("in a moderated caucus"),
    UNMODERATED: gettext_noop("in an unmoderated caucus"),
    SUSPENDED: gettext_noop("suspended"),
    VOTING: gettext_noop("in voting procedure"),
    ADJOURNED: gettext_noop("adjourned"),
}


def phase_state(*phases: str) -> LazyMessage:
    """Where the committee is ("in a moderated caucus"), or where it may be ("in formal debate or in a
    moderated caucus"), for a refusal: worded when it is shown, in the reader's language."""
    said = LazyMessage(PHASE_STATE[phases[0]], {})
    for phase in phases[1:]:
        said = LazyMessage(
            gettext_noop("%(first)s or %(second)s"), {"first": said, "second": LazyMessage(PHASE_STATE[phase], {})}
        )
    return said


# "The floor is open": debate phases in which delegates may raise motions between speeches.
FLOOR_OPEN = (FORMAL, MODERATED)


# A motion's fields (committee/fields.py), named by the form field each one reads.
DURATION = Seconds(
    gettext_lazy("Duration"), required=True, minimum=60, maximum=3 * 3600, unit="minutes", presets=(5, 10, 15, 20)
)
TOTAL = Seconds(
    gettext_lazy("Total time"), required=True, minimum=60, maximum=3 * 3600, unit="minutes", presets=(5, 10, 15, 20)
)
SPEAKING = Seconds(gettext_lazy("Speaking time"), required=True, minimum=10, maximum=600, presets=(30, 45, 60, 90))
TOPIC = Text(gettext_lazy("Topic"), required=True)


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "…"


@dataclass(frozen=True)
class MotionRule:
    kind: str
    name: str
    precedence: int  # 1 = most disruptive, voted first
    fields: dict[str, Field] = field(default_factory=dict)  # by the name the form and its values use
    threshold: str | None = "simple"  # "simple", "two_thirds", or None (no vote: the chair decides)
    speakers_for: int = 0
    speakers_against: int = 0
    phases: tuple[str, ...] = FLOOR_OPEN
    # Conditions besides the phase (names of CONDITIONS), each refused with its own sentence.
    requires: tuple[str, ...] = ()
    # What it does when it passes: an effect's name (debate/actions/effects.py, or a higher app's).
    effect: str | None = None
    # How motions of the same precedence are ordered: a name of TIE_BREAKS.
    tie_break: str | None = None
    # How the screens and the minutes say it, filled from its fields ("{topic}", times as 1:30).
    text: str = ""
    # In order below the quorum to open debate (procedure.md: the chair may still suspend).
    below_quorum: bool = False
    # prepare(step, values) -> the values to keep (labels added for the screens and the minutes), or
    # an ActionError saying why this motion cannot be moved now (the paper is not ready...).
    prepare: Callable[[Any, dict], dict] | None = None

    def describe(self, values: dict) -> str:
        if not self.text:
            name = str(self.name)
            return name[0].lower() + name[1:]
        shown = {key: value for key, value in values.items() if isinstance(value, str | int)}
        shown.update(
            {name: format_seconds(values.get(name) or 0) for name, f in self.fields.items() if isinstance(f, Seconds)}
        )
        return str(self.text).format_map(_Blank(shown))


UNA_USA_MOTIONS = (
    MotionRule("adjourn_meeting", gettext_lazy("Adjourn the meeting"), 1, effect="adjourn", below_quorum=True),
    MotionRule(
        "suspend_meeting",
        gettext_lazy("Suspend the meeting"),
        2,
        {"duration": DURATION},
        effect="suspend",
        text=gettext_lazy("suspend the meeting for {duration}"),
        below_quorum=True,
    ),
    MotionRule(
        "adjourn_debate",
        gettext_lazy("Adjourn debate (table the topic)"),
        3,
        threshold="two_thirds",
        speakers_for=2,
        speakers_against=2,
        effect="adjourn",
    ),
    MotionRule(
        "close_debate",
        gettext_lazy("Close debate (move into voting procedure)"),
        4,
        threshold="two_thirds",
        speakers_against=2,
        requires=("draft_on_floor",),
        effect="close_debate",
    ),
    MotionRule(
        "extend_caucus",
        gettext_lazy("Extend the current caucus"),
        5,
        {"duration": DURATION},
        phases=(FORMAL,),
        requires=("caucus_just_ended",),
        effect="extend_caucus",
        text=gettext_lazy("extend the caucus by {duration}"),
    ),
    MotionRule(
        "unmoderated_caucus",
        gettext_lazy("Unmoderated caucus"),
        6,
        {"duration": DURATION, "topic": TOPIC},
        effect="unmoderated_caucus",
        tie_break="longer_first",
        text=gettext_lazy("unmoderated caucus “{topic}”, {duration}"),
    ),
    MotionRule(
        "moderated_caucus",
        gettext_lazy("Moderated caucus"),
        7,
        {"topic": TOPIC, "total": TOTAL, "speaking_time": SPEAKING},
        effect="moderated_caucus",
        tie_break="more_speakers_first",
        text=gettext_lazy("moderated caucus “{topic}”, {total} total, {speaking_time} per speaker"),
    ),
    MotionRule(
        "set_speaking_time",
        gettext_lazy("Set the speaking time"),
        10,
        {"speaking_time": SPEAKING},
        phases=(FORMAL,),
        effect="set_speaking_time",
        text=gettext_lazy("set the speaking time to {speaking_time}"),
    ),
    MotionRule(
        "open_speakers_list",
        gettext_lazy("Open the speakers' list"),
        10,
        phases=(FORMAL,),
        requires=("list_closed",),
        effect="open_speakers_list",
    ),
    MotionRule(
        "close_speakers_list",
        gettext_lazy("Close the speakers' list"),
        10,
        phases=(FORMAL,),
        requires=("list_open",),
        effect="close_speakers_list",
    ),
    MotionRule(
        "set_agenda",
        gettext_lazy("Set the agenda"),
        11,
        {"topic": TOPIC},
        speakers_for=2,
        speakers_against=2,
        phases=(FORMAL,),
        requires=("agenda_not_set",),
        effect="set_agenda",
        text=gettext_lazy("set the agenda to “{topic}”"),
    ),
    # Voted at once, before anything else: two thirds overturn the chair's ruling.
    MotionRule(
        "appeal_ruling",
        gettext_lazy("Appeal the chair's decision"),
        0,
        threshold="two_thirds",
        speakers_for=1,
        speakers_against=1,
        phases=(FORMAL, MODERATED, VOTING),
        requires=("ruling_just_made",),
        effect="overturn_ruling",
        below_quorum=True,
    ),
)


# Points that are in order in a phase where only some are (procedure.md: in voting procedure the doors
# are closed: a point of order on the conduct of the vote, or of personal privilege for audibility).
# Phases not named take every point.
POINTS_IN_PHASE: dict[str, tuple[str, ...]] = {VOTING: ("order", "personal_privilege")}


def points_in_order(phase: str, kinds) -> list[str]:
    allowed = POINTS_IN_PHASE.get(phase)
    return [kind for kind in kinds if allowed is None or kind in allowed]


@dataclass(frozen=True)
class Condition:
    """A condition a motion may need besides the phase, and what the mover reads when it is not met.

    `holds(where)` reads what is on the floor: `where` has the `floor` row, the `committee` and the
    motion `last_decided` in this sitting (a step under way, or the state the screens show). A
    condition the debate cannot answer itself (is a draft on the floor?) has no `holds`: a higher app
    answers it (debate/motion_set.py), else it never holds."""

    holds: Callable[[Any], bool] | None
    refusal: str


def _ruling_just_made(where: Any) -> bool:
    """The chair's last decision on a motion ruled it out of order (nothing was decided since)."""
    return where.last_decided is not None and where.last_decided.status == "out_of_order"


CONDITIONS: dict[str, Condition] = {
    "caucus_just_ended": Condition(
        lambda where: where.floor.caucus_ended, gettext_lazy("Only a caucus that has just ended can be extended.")
    ),
    "list_closed": Condition(
        lambda where: not where.floor.gsl_open, gettext_lazy("The speakers' list is already open.")
    ),
    "list_open": Condition(lambda where: where.floor.gsl_open, gettext_lazy("The speakers' list is already closed.")),
    # Answered by the app that brings drafts (the debate never names it).
    "draft_on_floor": Condition(None, gettext_lazy("No draft resolution is on the floor.")),
    "agenda_not_set": Condition(lambda where: not where.floor.agenda, gettext_lazy("The agenda is already set.")),
    "ruling_just_made": Condition(
        _ruling_just_made, gettext_lazy("There is no ruling of the chair to appeal just now.")
    ),
}


def _replace(motions: tuple[MotionRule, ...], **changes: dict) -> tuple[MotionRule, ...]:
    return tuple(dataclasses.replace(m, **changes[m.kind]) if m.kind in changes else m for m in motions)


@dataclass(frozen=True)
class DebateProfile:
    """What a rules profile changes of the debate: its motions, and whether it keeps a speakers' list."""

    motions: tuple[MotionRule, ...]
    speakers_list: bool = True


PROFILES: dict[str, DebateProfile] = {
    "una-usa": DebateProfile(UNA_USA_MOTIONS),
    # UNGA rules 74-76: adjournment and closure of debate by a simple majority.
    "unga": DebateProfile(
        _replace(UNA_USA_MOTIONS, adjourn_debate={"threshold": "simple"}, close_debate={"threshold": "simple"})
    ),
    # The Security Council, as Model UN runs it: the usual motions, each decided by nine votes (its
    # committee profile says so of every threshold).
    "security-council": DebateProfile(UNA_USA_MOTIONS),
    # THIMUN: no caucuses and no speakers' list.
    "thimun": DebateProfile(
        tuple(
            m
            for m in UNA_USA_MOTIONS
            if m.kind in {"adjourn_meeting", "suspend_meeting", "adjourn_debate", "close_debate", "appeal_ruling"}
        ),
        speakers_list=False,
    ),
}


def speakers(total: int, speaking_time: int) -> int:
    """How many speeches a moderated caucus holds."""
    return total // speaking_time if speaking_time > 0 else 0


# Ties in precedence (procedure.md): the longer unmoderated caucus first; for moderated caucuses,
# more speakers first, then the longer total.
TIE_BREAKS: dict[str, Callable[[dict], tuple]] = {
    "longer_first": lambda values: (-int(values.get("duration") or 0),),
    "more_speakers_first": lambda values: (
        -speakers(int(values.get("total") or 0), int(values.get("speaking_time") or 0)),
        -int(values.get("total") or 0),
    ),
}


def precedence_key(rule: MotionRule, values: dict, raised_order) -> tuple:
    """Sort key: most disruptive first; ties as procedure.md says, then the earlier raised first."""
    tie = TIE_BREAKS[rule.tie_break](values) if rule.tie_break else ()
    return (rule.precedence, *tie, raised_order)


def validate_fields(rule: MotionRule, raw: dict) -> dict:
    """A motion's fields, typed (as a person typed them, or seconds from code), or an ActionError that
    names the field at fault."""
    for name, spec in rule.fields.items():
        if isinstance(spec, Text) and not str(raw.get(name) or "").strip():
            raise ActionError(
                LazyMessage(
                    gettext_noop("%(rule)s needs a %(label)s."), {"rule": rule.name, "label": spec.label.lower()}
                ),
                field=name,
            )
    values = parse_fields(rule.fields, raw)
    if "total" in values and "speaking_time" in values and values["total"] < values["speaking_time"]:
        raise ActionError(gettext_lazy("The total time must be at least one speaking time."), field="total")
    return values
