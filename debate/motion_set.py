"""The motions the debate knows: its own (debate/rules.py) and those higher apps add, sealed with the
floor parts.

A higher app (the drafts) brings motions of its own: introduce a working paper, divide the question,
reconsider... It declares them in its floor part, as what it adds to the debate's "motions"
(`MotionsAdded`: the motions, how a profile changes them, the effects they name, the conditions they
need), and the room's seal (committee/contract.py) merges them with the debate's own here (`merge`),
once: a motion or an effect of a name already taken, a condition answered twice or that the debate
answers itself, a motion naming an effect or a condition nobody declares, all stop the start. After the
seal nothing can be added; the debate reads the one sealed set (`motion_set()`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from committee.contract import PARTS
from committee.rules import RulesProfile
from debate.rules import CONDITIONS, TIE_BREAKS, Condition, DebateProfile, MotionRule, precedence_key

NAME = "motions"  # the debate's extension: higher parts add to "debate.motions"
Effect = Callable[..., Any]  # effect(step, values, now) -> its changes, or an Outcome
# How the chair's undo takes an effect back: undo(step, values, the effect's outcome facts) -> changes.
UndoEffect = Callable[..., Any]


@dataclass(frozen=True)
class MotionsAdded:
    """What a higher part adds to the debate's motions."""

    motions: tuple[MotionRule, ...] = ()
    # per_profile[profile][kind]: changes to a rule for one profile, or None to leave it out there.
    per_profile: Mapping[str, Mapping[str, Mapping[str, Any] | None]] = field(default_factory=dict)
    effects: Mapping[str, Effect] = field(default_factory=dict)
    # The effects the chair's undo can take back (the others, once carried out, stand).
    undo_effects: Mapping[str, UndoEffect] = field(default_factory=dict)
    # New conditions, or the answer to one the debate leaves open (a condition with no `holds`).
    conditions: Mapping[str, Condition] = field(default_factory=dict)


@dataclass(frozen=True)
class OwnMotions:
    """The debate's own: each profile's motions, the effects, the conditions."""

    profiles: Mapping[str, DebateProfile]
    effects: Mapping[str, Effect]
    conditions: Mapping[str, Condition] = field(default_factory=lambda: dict(CONDITIONS))


@dataclass(frozen=True)
class MotionSet:
    """Sealed: each profile's motions by kind, every motion any profile knows (how the screens and the
    minutes say it), the effects and the conditions."""

    profiles: Mapping[str, Mapping[str, MotionRule]]
    speakers_list: Mapping[str, bool]
    catalogue: Mapping[str, MotionRule]
    effects: Mapping[str, Effect]
    conditions: Mapping[str, Condition]
    undo_effects: Mapping[str, UndoEffect] = field(default_factory=dict)


def merge(own: OwnMotions, added: list[tuple[str, MotionsAdded]]) -> MotionSet:
    """The debate's motions with what each higher part adds (see the module's notes)."""
    catalogue = {m.kind: m for profile in own.profiles.values() for m in profile.motions}
    profiles = {key: {m.kind: m for m in profile.motions} for key, profile in own.profiles.items()}
    effects, conditions = dict(own.effects), dict(own.conditions)
    undo_effects: dict[str, UndoEffect] = {}
    answered: set[str] = set()
    for part, adds in added:
        for rule in adds.motions:
            if rule.kind in catalogue:
                raise ImproperlyConfigured(f"Part {part!r} adds the motion {rule.kind!r}, which exists already.")
            catalogue[rule.kind] = rule
        kinds = {rule.kind for rule in adds.motions}
        for profile, changes in adds.per_profile.items():
            if profile not in profiles:
                raise ImproperlyConfigured(f"Part {part!r} changes motions of {profile!r}, which is no profile.")
            if not set(changes) <= kinds:
                raise ImproperlyConfigured(f"Part {part!r} changes motions it does not add: {set(changes) - kinds}.")
        for key, motions in profiles.items():
            changes = adds.per_profile.get(key, {})
            for rule in adds.motions:
                if rule.kind in changes and changes[rule.kind] is None:
                    continue
                motions[rule.kind] = dataclasses.replace(rule, **changes.get(rule.kind, {}))
        for name, effect in adds.effects.items():
            if name in effects:
                raise ImproperlyConfigured(f"Part {part!r} adds the effect {name!r}, which exists already.")
            effects[name] = effect
        for name, undo in adds.undo_effects.items():
            if name not in adds.effects:
                raise ImproperlyConfigured(f"Part {part!r} undoes the effect {name!r}, which it does not add.")
            undo_effects[name] = undo
        for name, condition in adds.conditions.items():
            mine = own.conditions.get(name)
            if mine is not None and (mine.holds is not None or name in answered):
                raise ImproperlyConfigured(f"Part {part!r} answers the condition {name!r}, answered already.")
            if mine is None and name in conditions:
                raise ImproperlyConfigured(f"Part {part!r} adds the condition {name!r}, which exists already.")
            conditions[name] = condition
            answered.add(name)
    for rule in catalogue.values():
        if rule.effect is not None and rule.effect not in effects:
            raise ImproperlyConfigured(f"The motion {rule.kind!r} names the effect {rule.effect!r}: none declared.")
        for name in rule.requires:
            if name not in conditions:
                raise ImproperlyConfigured(f"The motion {rule.kind!r} needs {name!r}: no condition of that name.")
        if rule.tie_break is not None and rule.tie_break not in TIE_BREAKS:
            raise ImproperlyConfigured(f"The motion {rule.kind!r} names the tie-break {rule.tie_break!r}.")
    speakers_list = {key: profile.speakers_list for key, profile in own.profiles.items()}
    return MotionSet(profiles, speakers_list, catalogue, effects, conditions, undo_effects)


def motion_set() -> MotionSet:
    return PARTS.extended(f"debate.{NAME}")


# ---- reading the sealed set ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DebateRules:
    """The debate's rules under one rules profile."""

    profile: RulesProfile
    motions: dict[str, MotionRule] = field(default_factory=dict)
    has_speakers_list: bool = True

    def motion(self, kind: str) -> MotionRule | None:
        return self.motions.get(kind)


def debate_rules(profile: RulesProfile) -> DebateRules:
    sealed = motion_set()
    key = profile.key if profile.key in sealed.profiles else "una-usa"
    return DebateRules(profile, dict(sealed.profiles[key]), has_speakers_list=sealed.speakers_list[key])


def describe_motion(kind: str, values: dict) -> str:
    """'moderated caucus “Joint investigation teams”, 15:00 total, 1:00 per speaker'."""
    rule = motion_set().catalogue.get(kind)
    return rule.describe(values) if rule else kind.replace("_", " ")


def unmet_condition(rule: MotionRule, where: Any) -> str | None:
    """The refusal of the first condition of `rule` that does not hold, or None."""
    conditions = motion_set().conditions
    for name in rule.requires:
        condition = conditions[name]
        if condition.holds is None or not condition.holds(where):
            return condition.refusal
    return None


def in_precedence(motions: Iterable, debate: DebateRules) -> list:
    """The motions these rules know, in the order they are voted: most disruptive first, ties as
    procedure.md says, then the earlier raised first."""
    known = [m for m in motions if debate.motion(m.kind) is not None]
    return sorted(known, key=lambda m: precedence_key(debate.motion(m.kind), m.values, m.raised_at))
