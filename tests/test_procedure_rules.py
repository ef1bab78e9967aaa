"""Motions by the book: precedence, tie-breaks, thresholds and when each is in order, per profile.

Rows come from procedure.md ('Motions' and 'Votes'); each profile is checked where it differs.
"""

from __future__ import annotations

import pytest

import committee.rules as committee_rules
from committee.errors import ActionError
from committee.rules import PROCEDURAL, PROFILES, SUBSTANTIVE, Threshold
from committee.times import parse_seconds
from debate import rules
from debate.motion_set import debate_rules
from debate.rules import precedence_key, speakers, validate_fields

UNA = debate_rules(PROFILES["una-usa"])
UNGA = debate_rules(PROFILES["unga"])
THIMUN = debate_rules(PROFILES["thimun"])


@pytest.mark.parametrize(
    ("kind", "precedence", "threshold", "speakers_for", "speakers_against", "fields"),
    [
        ("adjourn_meeting", 1, "simple", 0, 0, ()),
        ("suspend_meeting", 2, "simple", 0, 0, ("duration",)),
        ("adjourn_debate", 3, "two_thirds", 2, 2, ()),
        ("close_debate", 4, "two_thirds", 0, 2, ()),
        ("extend_caucus", 5, "simple", 0, 0, ("duration",)),
        ("unmoderated_caucus", 6, "simple", 0, 0, ("duration", "topic")),
        ("moderated_caucus", 7, "simple", 0, 0, ("topic", "total", "speaking_time")),
        ("set_speaking_time", 10, "simple", 0, 0, ("speaking_time",)),
        ("open_speakers_list", 10, "simple", 0, 0, ()),
        ("close_speakers_list", 10, "simple", 0, 0, ()),
    ],
)
def test_una_usa_motions_are_as_the_table_says(kind, precedence, threshold, speakers_for, speakers_against, fields):
    rule = UNA.motion(kind)
    assert rule.precedence == precedence
    assert rule.threshold == threshold
    # UNGA keeps the same precedence, fields and speakers (its thresholds differ: see below); THIMUN
    # keeps those of its motions it has.
    for other in (UNGA, THIMUN):
        if other.motion(kind) is not None:
            assert (other.motion(kind).precedence, other.motion(kind).fields) == (rule.precedence, rule.fields)
    assert (rule.speakers_for, rule.speakers_against) == (speakers_for, speakers_against)
    assert tuple(rule.fields) == fields


@pytest.mark.parametrize(
    ("kind", "una", "unga"),
    [
        ("adjourn_debate", "two_thirds", "simple"),
        ("close_debate", "two_thirds", "simple"),
        ("adjourn_meeting", "simple", "simple"),
    ],
)
def test_unga_closes_and_adjourns_debate_by_simple_majority(kind, una, unga):
    assert UNA.motion(kind).threshold == una
    assert UNGA.motion(kind).threshold == unga


def test_thimun_has_no_caucuses_and_no_speakers_list():
    assert THIMUN.motion("moderated_caucus") is None
    assert THIMUN.motion("unmoderated_caucus") is None
    assert THIMUN.motion("close_debate") is not None
    assert not THIMUN.has_speakers_list
    assert UNA.has_speakers_list


@pytest.mark.parametrize(
    ("kind", "in_order_in"),
    [
        ("adjourn_meeting", {"formal", "moderated"}),
        ("moderated_caucus", {"formal", "moderated"}),
        ("unmoderated_caucus", {"formal", "moderated"}),
        ("extend_caucus", {"formal"}),
        ("set_speaking_time", {"formal"}),
        ("close_speakers_list", {"formal"}),
    ],
)
def test_what_is_in_order_in_each_phase(kind, in_order_in):
    rule = UNA.motion(kind)
    for phase in rules.PHASES:
        assert (phase in rule.phases) is (phase in in_order_in), phase
    assert "unmoderated" not in rule.phases and "voting" not in rule.phases and "suspended" not in rule.phases


def ordered(motions):
    return [
        label for label, kind, values, n in sorted(motions, key=lambda m: precedence_key(UNA.motion(m[1]), m[2], m[3]))
    ]


def test_more_disruptive_motions_come_first():
    assert ordered(
        [
            ("mod", "moderated_caucus", {"total": 600, "speaking_time": 60}, 1),
            ("suspend", "suspend_meeting", {"duration": 600}, 2),
            ("unmod", "unmoderated_caucus", {"duration": 300}, 3),
            ("adjourn", "adjourn_meeting", {}, 4),
        ]
    ) == ["adjourn", "suspend", "unmod", "mod"]


def test_the_longer_unmoderated_caucus_comes_first():
    assert ordered(
        [
            ("short", "unmoderated_caucus", {"duration": 300}, 1),
            ("long", "unmoderated_caucus", {"duration": 900}, 2),
        ]
    ) == ["long", "short"]


def test_moderated_caucuses_go_by_more_speakers_then_longer_total():
    assert ordered(
        [
            ("10 x 60s", "moderated_caucus", {"total": 600, "speaking_time": 60}, 1),
            ("15 x 60s", "moderated_caucus", {"total": 900, "speaking_time": 60}, 2),
            ("15 x 40s", "moderated_caucus", {"total": 600, "speaking_time": 40}, 3),
            ("15 x 30s + 15s", "moderated_caucus", {"total": 465, "speaking_time": 30}, 4),
        ]
    ) == ["15 x 60s", "15 x 40s", "15 x 30s + 15s", "10 x 60s"]


def test_equal_motions_go_in_the_order_they_were_raised():
    assert ordered(
        [
            ("second", "moderated_caucus", {"total": 600, "speaking_time": 60}, 2),
            ("first", "moderated_caucus", {"total": 600, "speaking_time": 60}, 1),
        ]
    ) == ["first", "second"]


@pytest.mark.parametrize(("total", "each", "count"), [(900, 60, 15), (600, 45, 13), (60, 60, 1), (59, 60, 0)])
def test_a_moderated_caucus_holds_total_over_speaking_time_speeches(total, each, count):
    assert speakers(total, each) == count


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        # As typed on a phone: the total in minutes, the speaking time in seconds (as MUN says them).
        ({"total": "15", "speaking_time": "60"}, "needs a topic"),
        ({"topic": "JITs", "total": "-15", "speaking_time": "60"}, "must be positive"),
        ({"topic": "JITs", "total": "15", "speaking_time": "0"}, "must be positive"),
        ({"topic": "JITs", "total": "1", "speaking_time": "90"}, "at least one speaking time"),
        ({"topic": "JITs", "total": "1500", "speaking_time": "60"}, "from 1 minute to 180 minutes, not 1500 minutes"),
        ({"topic": "JITs", "total": "15", "speaking_time": "900"}, "from 10 seconds to 600 seconds, not 900 seconds"),
        ({"topic": "JITs", "total": "ten", "speaking_time": "60"}, "is not a time: type one such as 10, or 1:30"),
        ({"topic": "JITs", "total": "15", "speaking_time": "45.5"}, "whole seconds"),
        ({"topic": "x" * 201, "total": "15", "speaking_time": "60"}, "too long"),
    ],
)
def test_a_moderated_caucus_with_bad_fields_is_refused_saying_why(raw, message):
    with pytest.raises(ActionError, match=message) as refused:
        validate_fields(UNA.motion("moderated_caucus"), raw)
    assert refused.value.field in ("topic", "total", "speaking_time")  # the page shows it beside that field


def test_a_good_moderated_caucus_is_cleaned():
    values = validate_fields(
        UNA.motion("moderated_caucus"),
        {"topic": " Joint investigation teams ", "total": "15:00", "speaking_time": "1m"},
    )
    assert values == {"topic": "Joint investigation teams", "total": 900, "speaking_time": 60}


@pytest.mark.parametrize(
    ("text", "unit", "seconds"),
    [
        ("90", "seconds", 90),
        ("10", "minutes", 600),  # "a ten-minute caucus": a bare number is in the field's unit
        ("1:30", "seconds", 90),
        ("1:30", "minutes", 90),
        ("2m", "seconds", 120),
        ("45s", "minutes", 45),
        ("10 min", "seconds", 600),
        ("1m30s", "minutes", 90),
        ("1.5", "minutes", 90),
        ("1,5", "minutes", 90),
        (75, "minutes", 75),  # a whole number from code is seconds
    ],
)
def test_times_are_read_as_people_write_them(text, unit, seconds):
    assert parse_seconds(text, unit) == seconds


@pytest.mark.parametrize(
    ("threshold", "present", "yes", "passes"),
    [
        ("simple", 30, 16, True),
        ("simple", 30, 15, False),
        ("simple", 31, 16, True),
        ("two_thirds", 30, 20, True),
        ("two_thirds", 30, 19, False),
        ("two_thirds", 31, 21, True),
        ("two_thirds", 31, 20, False),
    ],
)
def test_procedural_thresholds_count_over_the_delegations_present(threshold, present, yes, passes):
    profile = PROFILES["una-usa"]
    rule_threshold: Threshold = {"simple": profile.simple_majority, "two_thirds": profile.two_thirds}[threshold]
    assert (yes >= rule_threshold.needed(present)) is passes


# Voting procedure admits only what procedure.md puts there: an appeal of the chair's ruling, the
# drafts' own (the division of the question, a roll-call vote), and reconsidering a decision just
# taken (an amendment, a part, a draft).
IN_VOTING_PROCEDURE = {"appeal_ruling", "divide_question", "roll_call_vote", "reconsider"}


@pytest.mark.parametrize("profile", ["una-usa", "unga", "thimun", "security-council"])
def test_no_motion_is_in_order_in_an_unmoderated_caucus_a_suspension_and_few_in_voting(profile):
    for rule in debate_rules(PROFILES[profile]).motions.values():
        for phase in ("unmoderated", "suspended", "adjourned"):
            assert phase not in rule.phases, (profile, rule.kind, phase)
        assert "voting" not in rule.phases or rule.kind in IN_VOTING_PROCEDURE, (profile, rule.kind)


@pytest.mark.parametrize(
    ("yes", "no", "abstain", "passes"),
    [
        (10, 8, 20, True),  # abstentions do not count: 10 of 18 present and voting
        (9, 9, 20, False),  # a tie fails
        (1, 0, 37, True),  # one vote among many abstentions carries it
        (0, 0, 38, False),  # nobody voting: nothing passes
    ],
)
def test_substantive_majorities_count_over_those_present_and_voting(yes, no, abstain, passes):
    profile = PROFILES["una-usa"]
    assert committee_rules.passes(SUBSTANTIVE, profile.threshold("simple"), yes, no, yes + no + abstain) is passes


@pytest.mark.parametrize(("yes", "no", "passes"), [(12, 6, True), (11, 6, False)])
def test_two_thirds_of_those_present_and_voting(yes, no, passes):
    profile = PROFILES["unga"]
    assert committee_rules.passes(SUBSTANTIVE, profile.threshold("two_thirds"), yes, no, 193) is passes


@pytest.mark.parametrize(("yes", "present", "passes"), [(16, 30, True), (15, 30, False)])
def test_procedural_majorities_count_over_those_present(yes, present, passes):
    profile = PROFILES["una-usa"]
    assert committee_rules.passes(PROCEDURAL, profile.threshold("simple"), yes, present - yes, present) is passes
