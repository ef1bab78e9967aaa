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
from django.utils.translation import gettext_lazy, gettext_noop

from committee.errors import LazyMessage


@dataclass(frozen=True)
class Threshold:
    """A share of a base: 'at least 1/3' (strict=False) or 'more than 1/2' (strict=True); or, where
    `votes` is set, a fixed number whatever the base (the Security Council's nine)."""

    share: Fraction
    strict: bool = False
    votes: int = 0

    @classmethod
    def count(cls, votes: int) -> Threshold:
        return cls(Fraction(0), votes=votes)

    def needed(self, base: int) -> int:
        """The smallest count that meets the threshold out of `base`."""
        if self.votes:
            return self.votes
        if base <= 0:
            return 0 if not self.strict else 1
        exact = self.share * base
        if self.strict:
            return math.floor(exact) + 1
        return math.ceil(exact)

    def met(self, count: int, base: int) -> bool:
        return base > 0 and count >= self.needed(base)

    def label(self) -> str:
        if self.votes:
            return LazyMessage(gettext_noop("at least %(votes)s"), {"votes": self.votes})
        words = {
            Fraction(1, 2): "half",
            Fraction(1, 3): "one third",
            Fraction(2, 3): "two thirds",
            Fraction(1, 4): "one quarter",
        }
        name = words.get(self.share, str(self.share))
        return LazyMessage(gettext_noop("more than %(name)s"), {"name": name}) if self.strict else f"at least {name}"

    def to_text(self) -> str:
        if self.votes:
            return str(self.votes)
        return f"{'>' if self.strict else ''}{self.share.numerator}/{self.share.denominator}"

    @classmethod
    def parse(cls, text: str) -> Threshold:
        """'1/3' means at least a third; '>1/2' means more than half; a whole number from 2 up, such as
        '9', means at least that many whatever the base ('1' stays the whole)."""
        raw = str(text).strip()
        if raw.isdigit() and int(raw) >= 2:
            return cls.count(int(raw))
        strict = raw.startswith(">")
        try:
            share = Fraction(raw.lstrip(">").strip())
        except (ValueError, ZeroDivisionError) as error:
            raise ValidationError(
                LazyMessage(gettext_noop("%(text)s is not a share such as 1/3 or >1/2"), {"text": repr(text)})
            ) from error
        if not 0 < share <= 1:
            raise ValidationError(
                LazyMessage(gettext_noop("%(text)s: a share must be above 0 and at most 1"), {"text": repr(text)})
            )
        return cls(share, strict)


SIMPLE_MAJORITY = Threshold(Fraction(1, 2), strict=True)
TWO_THIRDS = Threshold(Fraction(2, 3))

# The two kinds of question a committee votes on (procedure.md, Votes).
PROCEDURAL = "procedural"  # motions: yes or no, no abstentions, over the delegations present that may vote
SUBSTANTIVE = "substantive"  # drafts and amendments: yes, no, abstain, over those present and voting
QUESTIONS = (PROCEDURAL, SUBSTANTIVE)
# The thresholds a question may need, by name (a motion's rule names one).
THRESHOLD_NAMES = {"simple": gettext_lazy("simple majority"), "two_thirds": gettext_lazy("two thirds")}


def majority_base(question: str, electorate: int, yes: int, no: int) -> int:
    """What a majority is counted over: for procedural votes every delegation present that may vote;
    for substantive votes those present and voting (yes + no), so abstentions do not count."""
    return yes + no if question == SUBSTANTIVE else electorate


def passes(question: str, threshold: Threshold, yes: int, no: int, electorate: int) -> bool:
    """Whether a vote carries: the one definition every vote of every app is decided by."""
    return threshold.met(yes, majority_base(question, electorate, yes, no))


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
    # A roll call runs in alphabetical order; at the UN, from a delegation drawn by lot.
    roll_call_by_lot: bool = False
    # Seconds left at which a countdown turns amber, then red, on every screen.
    timer_warnings: tuple[int, int] = (30, 10)
    # The Security Council (Charter, Article 27): on substance a permanent member's "no" defeats the
    # question (the veto), so such votes are taken by name, never by counted placards; and a member
    # the chair marks a party to the dispute abstains.
    permanent_members_veto: bool = False
    parties_to_dispute_abstain: bool = False

    def may_vote(self, question: str, delegation_kind: str) -> bool:
        """Who may vote on a question: members always; on procedure, observers and NGOs as the profile
        says; on substance, members only (observers and NGOs never vote on a draft)."""
        if question == SUBSTANTIVE:
            return delegation_kind == "member"
        return {"member": True, "observer": self.observers_vote_procedural, "ngo": self.ngos_vote}.get(
            delegation_kind, False
        )

    def may_abstain(self, question: str, present_and_voting: bool) -> bool:
        """Procedural votes take no abstentions; a delegation "present and voting" may not abstain on
        substance."""
        return question == SUBSTANTIVE and not present_and_voting

    def threshold(self, name: str) -> Threshold:
        """The threshold a question needs, by the name its rule gives ("simple" or "two_thirds")."""
        return {"simple": self.simple_majority, "two_thirds": self.two_thirds}[name]


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
UNGA = dataclasses.replace(UNA_USA, key="unga", name="UNGA-faithful", roll_call_by_lot=True)
THIMUN = dataclasses.replace(
    UNA_USA, key="thimun", name="THIMUN", quorum_to_vote=Threshold(Fraction(1, 3)), default_speaking_time=60
)

# 15 members, 5 permanent; every decision by nine votes, nine present for any decision.
SECURITY_COUNCIL = RulesProfile(
    key="security-council",
    name="Security Council",
    quorum_to_open=Threshold.count(9),
    quorum_to_vote=Threshold.count(9),
    simple_majority=Threshold.count(9),
    two_thirds=Threshold.count(9),
    observers_vote_procedural=False,
    ngos_vote=False,
    default_speaking_time=90,
    permanent_members_veto=True,
    parties_to_dispute_abstain=True,
)

PROFILES: dict[str, RulesProfile] = {p.key: p for p in (UNA_USA, UNGA, THIMUN, SECURITY_COUNCIL)}
PROFILE_CHOICES = [(p.key, p.name) for p in PROFILES.values()]

# What a committee may change of its profile, in the order the chair's form shows it.
RULE_FIELDS = (
    "quorum_to_open",
    "quorum_to_vote",
    "simple_majority",
    "two_thirds",
    "observers_vote_procedural",
    "ngos_vote",
    "default_speaking_time",
    "timer_warnings",
    "roll_call_by_lot",
)
_THRESHOLD_FIELDS = {"quorum_to_open", "quorum_to_vote", "simple_majority", "two_thirds"}
_BOOL_FIELDS = {"observers_vote_procedural", "ngos_vote", "roll_call_by_lot"}
_SECONDS_FIELDS = {"default_speaking_time"}
_WARNING_FIELDS = {"timer_warnings"}


def build_profile(key: str, overrides: dict[str, Any] | None = None) -> RulesProfile:
    """The named profile with the committee's own changes applied; a bad change raises ValidationError."""
    if key not in PROFILES:
        raise ValidationError(
            LazyMessage(
                gettext_noop("Unknown rules profile %(key)s; choose one of %(profiles)s"),
                {"key": repr(key), "profiles": ", ".join(PROFILES)},
            )
        )
    profile = PROFILES[key]
    changes: dict[str, Any] = {}
    for name, value in (overrides or {}).items():
        if name in _THRESHOLD_FIELDS:
            changes[name] = Threshold.parse(value)
        elif name in _BOOL_FIELDS:
            if not isinstance(value, bool):
                raise ValidationError(
                    LazyMessage(
                        gettext_noop("%(name)s must be true or false, not %(value)s"),
                        {"name": name, "value": repr(value)},
                    )
                )
            changes[name] = value
        elif name in _SECONDS_FIELDS:
            if not isinstance(value, int) or isinstance(value, bool) or not 5 <= value <= 3600:
                raise ValidationError(
                    LazyMessage(
                        gettext_noop("%(name)s must be a whole number of seconds from 5 to 3600"), {"name": name}
                    )
                )
            changes[name] = value
        elif name in _WARNING_FIELDS:
            changes[name] = parse_warnings(value)
        else:
            raise ValidationError(
                LazyMessage(gettext_noop("%(repr)s is not a rule a committee can change"), {"repr": repr(name)})
            )
    return dataclasses.replace(profile, **changes)


def parse_warnings(value: Any) -> tuple[int, int]:
    """'30,10': amber at 30 seconds left, red at 10."""
    try:
        parts = [int(p) for p in (value.split(",") if isinstance(value, str) else value)]
    except (TypeError, ValueError) as error:
        raise ValidationError(
            LazyMessage(
                gettext_noop("timer warnings: %(value)s is not two numbers of seconds such as 30,10"),
                {"value": repr(value)},
            )
        ) from error
    if len(parts) != 2 or not 0 <= parts[1] < parts[0] <= 600:
        raise ValidationError(
            gettext_lazy("timer warnings: give two numbers of seconds, the larger first, such as 30,10")
        )
    return parts[0], parts[1]


def overrides_between(preset: RulesProfile, profile: RulesProfile) -> dict[str, Any]:
    """What `profile` changes of `preset`, in the form `build_profile` reads back (a committee's own
    rules overrides)."""
    kept: dict[str, Any] = {}
    for name in RULE_FIELDS:
        mine, theirs = getattr(profile, name), getattr(preset, name)
        if mine == theirs:
            continue
        if name in _WARNING_FIELDS:
            kept[name] = f"{mine[0]},{mine[1]}"
        elif name in _THRESHOLD_FIELDS:
            kept[name] = mine.to_text()
        else:
            kept[name] = mine
    return kept
