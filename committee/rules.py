"""Rules of procedure as data: a profile says who counts, who votes and what a majority is.

Views and actions ask the profile; no threshold is written as an `if` anywhere else. Debate-specific
rules (motions, precedence, speaking times) extend these profiles in the debate app.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Threshold:
    """A share of a base: 'at least 1/3' (strict=False) or 'more than 1/2' (strict=True)."""

    share: Fraction
    strict: bool = False

    def needed(self, base: int) -> int:
        """The smallest count that meets the threshold out of `base`."""
        if base <= 0:
            return 0 if not self.strict else 1
        exact = self.share * base
        if self.strict:
            return math.floor(exact) + 1
        return math.ceil(exact)

    def met(self, count: int, base: int) -> bool:
        return base > 0 and count >= self.needed(base)

    def label(self) -> str:
        words = {
            Fraction(1, 2): "half",
            Fraction(1, 3): "one third",
            Fraction(2, 3): "two thirds",
            Fraction(1, 4): "one quarter",
        }
        name = words.get(self.share, str(self.share))
        return f"more than {name}" if self.strict else f"at least {name}"

    def to_text(self) -> str:
        return f"{'>' if self.strict else ''}{self.share.numerator}/{self.share.denominator}"

    @classmethod
    def parse(cls, text: str) -> Threshold:
        """'1/3' means at least a third; '>1/2' means more than half."""
        raw = str(text).strip()
        strict = raw.startswith(">")
        try:
            share = Fraction(raw.lstrip(">").strip())
        except (ValueError, ZeroDivisionError) as error:
            raise ValidationError(f"{text!r} is not a share such as 1/3 or >1/2") from error
        if not 0 < share <= 1:
            raise ValidationError(f"{text!r}: a share must be above 0 and at most 1")
        return cls(share, strict)


SIMPLE_MAJORITY = Threshold(Fraction(1, 2), strict=True)
TWO_THIRDS = Threshold(Fraction(2, 3))


@dataclass(frozen=True)
class RulesProfile:
    key: str
    name: str
    # Quorum counts member states only (observers and NGOs never make a quorum).
    quorum_to_open: Threshold
    quorum_to_vote: Threshold
    simple_majority: Threshold
    two_thirds: Threshold
    observers_vote_procedural: bool
    ngos_vote: bool
    default_speaking_time: int
    # Seconds left at which a countdown turns amber, then red, on every screen.
    timer_warnings: tuple[int, int] = (30, 10)

    def may_vote_procedural(self, kind: str) -> bool:
        return {"member": True, "observer": self.observers_vote_procedural, "ngo": self.ngos_vote}[kind]

    def may_vote_substantive(self, kind: str) -> bool:
        return kind == "member"

    def procedural_passes(self, threshold: Threshold, yes: int, present_voters: int) -> bool:
        """Procedural votes: yes or no only; the base is every delegation present that may vote."""
        return threshold.met(yes, present_voters)

    def substantive_passes(self, threshold: Threshold, yes: int, no: int) -> bool:
        """Substantive votes: the base is those present and voting (yes + no); abstentions do not count."""
        return threshold.met(yes, yes + no)


UNA_USA = RulesProfile(
    key="una-usa",
    name="UNA-USA",
    quorum_to_open=Threshold(Fraction(1, 3)),
    quorum_to_vote=Threshold(Fraction(1, 2), strict=True),
    simple_majority=SIMPLE_MAJORITY,
    two_thirds=TWO_THIRDS,
    observers_vote_procedural=True,
    ngos_vote=False,
    default_speaking_time=90,
)
UNGA = dataclasses.replace(UNA_USA, key="unga", name="UNGA-faithful")
THIMUN = dataclasses.replace(
    UNA_USA, key="thimun", name="THIMUN", quorum_to_vote=Threshold(Fraction(1, 3)), default_speaking_time=60
)

PROFILES: dict[str, RulesProfile] = {p.key: p for p in (UNA_USA, UNGA, THIMUN)}
PROFILE_CHOICES = [(p.key, p.name) for p in PROFILES.values()]

_THRESHOLD_FIELDS = {"quorum_to_open", "quorum_to_vote", "simple_majority", "two_thirds"}
_BOOL_FIELDS = {"observers_vote_procedural", "ngos_vote"}
_SECONDS_FIELDS = {"default_speaking_time"}
_WARNING_FIELDS = {"timer_warnings"}


def build_profile(key: str, overrides: dict[str, Any] | None = None) -> RulesProfile:
    """The named profile with the committee's own changes applied; a bad change raises ValidationError."""
    if key not in PROFILES:
        raise ValidationError(f"Unknown rules profile {key!r}; choose one of {', '.join(PROFILES)}")
    profile = PROFILES[key]
    changes: dict[str, Any] = {}
    for name, value in (overrides or {}).items():
        if name in _THRESHOLD_FIELDS:
            changes[name] = Threshold.parse(value)
        elif name in _BOOL_FIELDS:
            if not isinstance(value, bool):
                raise ValidationError(f"{name} must be true or false, not {value!r}")
            changes[name] = value
        elif name in _SECONDS_FIELDS:
            if not isinstance(value, int) or isinstance(value, bool) or not 5 <= value <= 3600:
                raise ValidationError(f"{name} must be a whole number of seconds from 5 to 3600")
            changes[name] = value
        elif name in _WARNING_FIELDS:
            changes[name] = parse_warnings(value)
        else:
            raise ValidationError(f"{name!r} is not a rule a committee can change")
    return dataclasses.replace(profile, **changes)


def parse_warnings(value: Any) -> tuple[int, int]:
    """'30,10': amber at 30 seconds left, red at 10."""
    try:
        parts = [int(p) for p in (value.split(",") if isinstance(value, str) else value)]
    except (TypeError, ValueError) as error:
        raise ValidationError(f"timer warnings: {value!r} is not two numbers of seconds such as 30,10") from error
    if len(parts) != 2 or not 0 <= parts[1] < parts[0] <= 600:
        raise ValidationError("timer warnings: give two numbers of seconds, the larger first, such as 30,10")
    return parts[0], parts[1]
