"""Motions, their precedence and thresholds, and what is in order when: data, per rules profile.

The committee's general profile (quorum, majorities, who votes) is in committee/rules.py; this module
adds what the debate floor needs. Tests check it row by row against procedure.md.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from committee.rules import RulesProfile

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
# "The floor is open": debate phases in which delegates may raise motions between speeches.
FLOOR_OPEN = (FORMAL, MODERATED)


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str  # "seconds" or "text"
    minimum: int = 1
    maximum: int = 4 * 3600


DURATION = Field("duration", "Duration (seconds)", "seconds", 30, 3 * 3600)
TOTAL = Field("total", "Total time (seconds)", "seconds", 30, 3 * 3600)
SPEAKING = Field("speaking_time", "Speaking time (seconds)", "seconds", 10, 600)
TOPIC = Field("topic", "Topic", "text")


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

    def describe(self, values: dict) -> str:
        if not self.text:
            return self.name[0].lower() + self.name[1:]
        shown = {
            f.name: format_seconds(values.get(f.name) or 0) if f.kind == "seconds" else values.get(f.name, "")
            for f in self.fields
        }
        return self.text.format(**shown)


UNA_USA_MOTIONS = (
    MotionRule("adjourn_meeting", "Adjourn the meeting", 1, effect="adjourn"),
    MotionRule(
        "suspend_meeting",
        "Suspend the meeting",
        2,
        (DURATION,),
        effect="suspend",
        text="suspend the meeting for {duration}",
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
)


@dataclass(frozen=True)
class Condition:
    """A condition a motion may need besides the phase, and what the mover reads when it is not met."""

    holds: Callable[[Any], bool]  # holds(floor)
    refusal: str


def _no_draft_yet(floor: Any) -> bool:
    return False


# A higher app that brings drafts (resolutions) replaces "draft_on_floor" with its own answer
# (register_condition), so the debate never names it.
CONDITIONS: dict[str, Condition] = {
    "caucus_just_ended": Condition(
        lambda floor: floor.caucus_ended, "Only a caucus that has just ended can be extended."
    ),
    "list_closed": Condition(lambda floor: not floor.gsl_open, "The speakers' list is already open."),
    "list_open": Condition(lambda floor: floor.gsl_open, "The speakers' list is already closed."),
    "draft_on_floor": Condition(_no_draft_yet, "No draft resolution is on the floor."),
}


def register_condition(name: str, condition: Condition) -> None:
    CONDITIONS[name] = condition


def unmet_condition(rule: MotionRule, floor: Any) -> str | None:
    """The refusal of the first condition of `rule` that does not hold, or None."""
    for name in rule.requires:
        condition = CONDITIONS[name]
        if not condition.holds(floor):
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


MOTIONS_BY_PROFILE: dict[str, tuple[MotionRule, ...]] = {
    "una-usa": UNA_USA_MOTIONS,
    # UNGA rules 74-76: adjournment and closure of debate by a simple majority.
    "unga": _replace(UNA_USA_MOTIONS, adjourn_debate={"threshold": "simple"}, close_debate={"threshold": "simple"}),
    # THIMUN: no caucuses and no speakers' list.
    "thimun": tuple(
        m for m in UNA_USA_MOTIONS if m.kind in {"adjourn_meeting", "suspend_meeting", "adjourn_debate", "close_debate"}
    ),
}


@dataclass(frozen=True)
class DebateRules:
    profile: RulesProfile
    motions: dict[str, MotionRule] = field(default_factory=dict)
    has_speakers_list: bool = True

    def motion(self, kind: str) -> MotionRule | None:
        return self.motions.get(kind)


def debate_rules(profile: RulesProfile) -> DebateRules:
    motions = MOTIONS_BY_PROFILE.get(profile.key, UNA_USA_MOTIONS)
    return DebateRules(profile, {m.kind: m for m in motions}, has_speakers_list=profile.key != "thimun")


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


def validate_fields(rule: MotionRule, raw: dict) -> dict:
    """Clean a motion's fields; raise ValueError with a sentence for the delegate if one is wrong."""
    values: dict = {}
    for spec in rule.fields:
        value = raw.get(spec.name)
        if spec.kind == "text":
            text = str(value or "").strip()
            if not text:
                raise ValueError(f"{rule.name} needs a {spec.label.lower()}.")
            if len(text) > 200:
                raise ValueError(f"The {spec.label.lower()} is too long (200 characters at most).")
            values[spec.name] = text
            continue
        try:
            seconds = parse_seconds(value)
        except ValueError as error:
            raise ValueError(f"{spec.label}: {error}") from error
        if not spec.minimum <= seconds <= spec.maximum:
            raise ValueError(
                f"{spec.label} must be between {format_seconds(spec.minimum)} and {format_seconds(spec.maximum)}."
            )
        values[spec.name] = seconds
    if "total" in values and "speaking_time" in values and values["total"] < values["speaking_time"]:
        raise ValueError("The total time must be at least one speaking time.")
    return values


def parse_seconds(value) -> int:
    """'90', '1:30' or '1m30s' style input from a phone: whole, positive seconds."""
    if isinstance(value, bool):
        raise ValueError("give a time such as 90 or 1:30")
    if isinstance(value, int | float):
        seconds = value
    else:
        text = str(value or "").strip().lower()
        if not text:
            raise ValueError("give a time such as 90 or 1:30")
        try:
            if ":" in text:
                minutes, _, secs = text.partition(":")
                seconds = int(minutes) * 60 + int(secs)
                if int(secs) >= 60 or int(secs) < 0 or int(minutes) < 0:
                    raise ValueError
            elif text.endswith("min"):
                seconds = float(text[:-3]) * 60
            elif text.endswith("m"):
                seconds = float(text[:-1]) * 60
            elif text.endswith("s"):
                seconds = float(text[:-1])
            else:
                seconds = float(text)
        except ValueError as error:
            raise ValueError(f"{value!r} is not a time (try 90 or 1:30)") from error
    if seconds != seconds or seconds in (float("inf"), float("-inf")):
        raise ValueError("give a time such as 90 or 1:30")
    if seconds <= 0:
        raise ValueError("a time must be positive")
    if seconds != int(seconds):
        raise ValueError("give whole seconds")
    return int(seconds)


def format_seconds(seconds: int) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"
