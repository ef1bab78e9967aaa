"""Motions, their precedence and thresholds, and what is in order when: data, per rules profile.

The committee's general profile (quorum, majorities, who votes) is in committee/rules.py; this module
adds what the debate floor needs. Tests check it row by row against procedure.md.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from committee.fields import is_number
from committee.rules import RulesProfile
from debate.times import format_seconds, in_unit, parse_seconds

# Phases of the committee.
FORMAL = "formal"
MODERATED = "moderated"
UNMODERATED = "unmoderated"
SUSPENDED = "suspended"
VOTING = "voting"
ADJOURNED = "adjourned"
PHASES = {
    FORMAL: "Formal debate",
    MODERATED: "Moderated caucus",
    UNMODERATED: "Unmoderated caucus",
    SUSPENDED: "Suspended",
    VOTING: "Voting procedure",
    ADJOURNED: "Adjourned",
}
# How a sentence says the committee is in a phase: "the committee is suspended".
PHASE_STATE = {
    FORMAL: "in formal debate",
    MODERATED: "in a moderated caucus",
    UNMODERATED: "in an unmoderated caucus",
    SUSPENDED: "suspended",
    VOTING: "in voting procedure",
    ADJOURNED: "adjourned",
}
# "The floor is open": debate phases in which delegates may raise motions between speeches.
FLOOR_OPEN = (FORMAL, MODERATED)


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str  # "seconds", "text", or "ref" (one of the choices `options` gives)
    minimum: int = 1  # seconds
    maximum: int = 4 * 3600
    unit: str = "seconds"  # what a bare number typed into it means: "minutes" or "seconds"
    presets: tuple[int, ...] = ()  # common values offered as one tap, in the unit
    # A "ref" field's choices now, as (id, label), from the floor state (a higher app's papers, say).
    options: Callable[[Any], list[tuple[int, str]]] | None = None

    @property
    def described(self) -> str:
        return f"{self.label} ({self.unit})" if self.kind == "seconds" else self.label


DURATION = Field("duration", "Duration", "seconds", 60, 3 * 3600, "minutes", (5, 10, 15, 20))
TOTAL = Field("total", "Total time", "seconds", 60, 3 * 3600, "minutes", (5, 10, 15, 20))
SPEAKING = Field("speaking_time", "Speaking time", "seconds", 10, 600, "seconds", (30, 45, 60, 90))
TOPIC = Field("topic", "Topic", "text")


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "…"


@dataclass(frozen=True)
class MotionRule:
    kind: str
    name: str
    precedence: int  # 1 = most disruptive, voted first
    fields: tuple[Field, ...] = ()
    threshold: str | None = "simple"  # "simple", "two_thirds", or None (no vote: the chair decides)
    speakers_for: int = 0
    speakers_against: int = 0
    phases: tuple[str, ...] = FLOOR_OPEN
    # Conditions besides the phase (names of CONDITIONS), each refused with its own sentence.
    requires: tuple[str, ...] = ()
    # What it does when it passes: a name of debate.actions.effects.EFFECTS.
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
            return self.name[0].lower() + self.name[1:]
        shown = {key: value for key, value in values.items() if isinstance(value, str | int)}
        shown.update({f.name: format_seconds(values.get(f.name) or 0) for f in self.fields if f.kind == "seconds"})
        return self.text.format_map(_Blank(shown))


UNA_USA_MOTIONS = (
    MotionRule("adjourn_meeting", "Adjourn the meeting", 1, effect="adjourn", below_quorum=True),
    MotionRule(
        "suspend_meeting",
        "Suspend the meeting",
        2,
        (DURATION,),
        effect="suspend",
        text="suspend the meeting for {duration}",
        below_quorum=True,
    ),
    MotionRule(
        "adjourn_debate",
        "Adjourn debate (table the topic)",
        3,
        threshold="two_thirds",
        speakers_for=2,
        speakers_against=2,
        effect="adjourn",
    ),
    MotionRule(
        "close_debate",
        "Close debate (move into voting procedure)",
        4,
        threshold="two_thirds",
        speakers_against=2,
        requires=("draft_on_floor",),
        effect="close_debate",
    ),
    MotionRule(
        "extend_caucus",
        "Extend the current caucus",
        5,
        (DURATION,),
        phases=(FORMAL,),
        requires=("caucus_just_ended",),
        effect="extend_caucus",
        text="extend the caucus by {duration}",
    ),
    MotionRule(
        "unmoderated_caucus",
        "Unmoderated caucus",
        6,
        (DURATION, TOPIC),
        effect="unmoderated_caucus",
        tie_break="longer_first",
        text="unmoderated caucus “{topic}”, {duration}",
    ),
    MotionRule(
        "moderated_caucus",
        "Moderated caucus",
        7,
        (TOPIC, TOTAL, SPEAKING),
        effect="moderated_caucus",
        tie_break="more_speakers_first",
        text="moderated caucus “{topic}”, {total} total, {speaking_time} per speaker",
    ),
    MotionRule(
        "set_speaking_time",
        "Set the speaking time",
        10,
        (SPEAKING,),
        phases=(FORMAL,),
        effect="set_speaking_time",
        text="set the speaking time to {speaking_time}",
    ),
    MotionRule(
        "open_speakers_list",
        "Open the speakers' list",
        10,
        phases=(FORMAL,),
        requires=("list_closed",),
        effect="open_speakers_list",
    ),
    MotionRule(
        "close_speakers_list",
        "Close the speakers' list",
        10,
        phases=(FORMAL,),
        requires=("list_open",),
        effect="close_speakers_list",
    ),
    MotionRule(
        "set_agenda",
        "Set the agenda",
        11,
        (TOPIC,),
        speakers_for=2,
        speakers_against=2,
        phases=(FORMAL,),
        requires=("agenda_not_set",),
        effect="set_agenda",
        text="set the agenda to “{topic}”",
    ),
    # Voted at once, before anything else: two thirds overturn the chair's ruling.
    MotionRule(
        "appeal_ruling",
        "Appeal the chair's decision",
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
# are closed and only a point of order may be raised). Phases not named take every point.
POINTS_IN_PHASE: dict[str, tuple[str, ...]] = {VOTING: ("order",)}


def points_in_order(phase: str, kinds) -> list[str]:
    allowed = POINTS_IN_PHASE.get(phase)
    return [kind for kind in kinds if allowed is None or kind in allowed]


@dataclass(frozen=True)
class Condition:
    """A condition a motion may need besides the phase, and what the mover reads when it is not met.

    `holds(where)` reads what is on the floor: `where` has the `floor` row, the `committee` and the
    motion `last_decided` in this sitting (a step under way, or the state the screens show)."""

    holds: Callable[[Any], bool]
    refusal: str


def _no_draft_yet(where: Any) -> bool:
    return False


def _ruling_just_made(where: Any) -> bool:
    """The chair's last decision on a motion ruled it out of order (nothing was decided since)."""
    return where.last_decided is not None and where.last_decided.status == "out_of_order"


# A higher app that brings drafts (resolutions) replaces "draft_on_floor" with its own answer
# (register_condition), so the debate never names it.
CONDITIONS: dict[str, Condition] = {
    "caucus_just_ended": Condition(
        lambda where: where.floor.caucus_ended, "Only a caucus that has just ended can be extended."
    ),
    "list_closed": Condition(lambda where: not where.floor.gsl_open, "The speakers' list is already open."),
    "list_open": Condition(lambda where: where.floor.gsl_open, "The speakers' list is already closed."),
    "draft_on_floor": Condition(_no_draft_yet, "No draft resolution is on the floor."),
    "agenda_not_set": Condition(lambda where: not where.floor.agenda, "The agenda is already set."),
    "ruling_just_made": Condition(_ruling_just_made, "There is no ruling of the chair to appeal just now."),
}


def register_condition(name: str, condition: Condition) -> None:
    CONDITIONS[name] = condition


def unmet_condition(rule: MotionRule, where: Any) -> str | None:
    """The refusal of the first condition of `rule` that does not hold, or None."""
    for name in rule.requires:
        condition = CONDITIONS[name]
        if not condition.holds(where):
            return condition.refusal
    return None


# Every motion any profile knows, by kind: how the screens and the minutes say it.
CATALOGUE: dict[str, MotionRule] = {m.kind: m for m in UNA_USA_MOTIONS}


def describe_motion(kind: str, values: dict) -> str:
    """'moderated caucus “Joint investigation teams”, 15:00 total, 1:00 per speaker'."""
    rule = CATALOGUE.get(kind)
    return rule.describe(values) if rule else kind.replace("_", " ")


def _replace(motions: tuple[MotionRule, ...], **changes: dict) -> tuple[MotionRule, ...]:
    return tuple(dataclasses.replace(m, **changes[m.kind]) if m.kind in changes else m for m in motions)


BASE_MOTIONS: dict[str, tuple[MotionRule, ...]] = {
    "una-usa": UNA_USA_MOTIONS,
    # UNGA rules 74-76: adjournment and closure of debate by a simple majority.
    "unga": _replace(UNA_USA_MOTIONS, adjourn_debate={"threshold": "simple"}, close_debate={"threshold": "simple"}),
    # THIMUN: no caucuses and no speakers' list.
    "thimun": tuple(
        m
        for m in UNA_USA_MOTIONS
        if m.kind in {"adjourn_meeting", "suspend_meeting", "adjourn_debate", "close_debate", "appeal_ruling"}
    ),
}
# Each profile's motions, by kind: the debate's own, and those higher apps add (register_motions).
MOTIONS_BY_PROFILE: dict[str, dict[str, MotionRule]] = {
    key: {m.kind: m for m in motions} for key, motions in BASE_MOTIONS.items()
}


def register_motions(*added: MotionRule, per_profile: dict[str, dict[str, dict | None]] | None = None) -> None:
    """A higher app adds its motions (a draft's introduction, the division of the question...) to every
    profile; `per_profile[profile][kind]` changes a rule for one profile, or leaves it out with None."""
    for key, motions in MOTIONS_BY_PROFILE.items():
        changes = (per_profile or {}).get(key, {})
        for rule in added:
            CATALOGUE.setdefault(rule.kind, rule)
            if rule.kind in changes and changes[rule.kind] is None:
                continue
            motions[rule.kind] = dataclasses.replace(rule, **changes.get(rule.kind, {}))


@dataclass(frozen=True)
class DebateRules:
    profile: RulesProfile
    motions: dict[str, MotionRule] = field(default_factory=dict)
    has_speakers_list: bool = True

    def motion(self, kind: str) -> MotionRule | None:
        return self.motions.get(kind)


def debate_rules(profile: RulesProfile) -> DebateRules:
    motions = MOTIONS_BY_PROFILE.get(profile.key, MOTIONS_BY_PROFILE["una-usa"])
    return DebateRules(profile, dict(motions), has_speakers_list=profile.key != "thimun")


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


def in_precedence(motions, debate: DebateRules) -> list:
    """The motions these rules know, in the order they are voted: most disruptive first, ties as
    procedure.md says, then the earlier raised first."""
    known = [m for m in motions if debate.motion(m.kind) is not None]
    return sorted(known, key=lambda m: precedence_key(debate.motion(m.kind), m.values, m.raised_at))


class FieldError(ValueError):
    """A motion's field that is wrong, with a sentence for the delegate; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def validate_fields(rule: MotionRule, raw: dict) -> dict:
    """Clean a motion's fields (typed by a person, or seconds from code); a FieldError says what is wrong."""
    values: dict = {}
    for spec in rule.fields:
        value = raw.get(spec.name)
        if spec.kind == "ref":
            text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
            if not is_number(text) or int(text) <= 0:
                raise FieldError(spec.name, f"Choose {spec.label.lower()}.")
            values[spec.name] = int(text)
            continue
        if spec.kind == "text":
            text = str(value or "").strip()
            if not text:
                raise FieldError(spec.name, f"{rule.name} needs a {spec.label.lower()}.")
            if len(text) > 200:
                raise FieldError(spec.name, f"The {spec.label.lower()} is too long (200 characters at most).")
            values[spec.name] = text
            continue
        try:
            seconds = parse_seconds(value, spec.unit)
        except ValueError as error:
            raise FieldError(spec.name, f"{spec.label}: {error}.") from error
        if not spec.minimum <= seconds <= spec.maximum:
            low, high = in_unit(spec.minimum, spec.unit), in_unit(spec.maximum, spec.unit)
            raise FieldError(
                spec.name,
                f"{spec.label} must be from {low} to {high}, not {in_unit(seconds, spec.unit)}.",
            )
        values[spec.name] = seconds
    if "total" in values and "speaking_time" in values and values["total"] < values["speaking_time"]:
        raise FieldError("total", "The total time must be at least one speaking time.")
    return values
