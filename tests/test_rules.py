"""The rules profile: thresholds, quorum and who counts, as data.

Cases from procedure.md, 'Membership and roll call' and 'Votes'.
"""

from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from committee.models import Attendance, Delegation
from committee.rules import PROFILES, SIMPLE_MAJORITY, TWO_THIRDS, Threshold, build_profile
from committee.state import RollCallRow, compute_counts


@pytest.mark.parametrize(
    ("threshold", "base", "needed"),
    [
        (SIMPLE_MAJORITY, 1, 1),
        (SIMPLE_MAJORITY, 2, 2),
        (SIMPLE_MAJORITY, 27, 14),
        (SIMPLE_MAJORITY, 40, 21),
        (TWO_THIRDS, 3, 2),
        (TWO_THIRDS, 27, 18),
        (TWO_THIRDS, 40, 27),
        (TWO_THIRDS, 30, 20),
        (Threshold(Fraction(1, 3)), 38, 13),
        (Threshold(Fraction(1, 3)), 39, 13),
        (Threshold(Fraction(1, 4)), 38, 10),
        (Threshold(Fraction(1, 2), strict=True), 38, 20),
    ],
)
def test_it_counts_what_a_threshold_needs(threshold, base, needed):
    assert threshold.needed(base) == needed
    assert threshold.met(needed, base)
    assert not threshold.met(needed - 1, base)


@pytest.mark.parametrize(
    ("text", "share", "strict"),
    [("1/3", Fraction(1, 3), False), (">1/2", Fraction(1, 2), True), ("2/3", Fraction(2, 3), False)],
)
def test_it_reads_thresholds_written_by_a_chair(text, share, strict):
    assert Threshold.parse(text) == Threshold(share, strict)
    assert Threshold.parse(Threshold(share, strict).to_text()) == Threshold(share, strict)


@pytest.mark.parametrize("text", ["", "abc", "0", "3/2", "-1/3", "1/0"])
def test_it_refuses_a_threshold_that_means_nothing(text):
    with pytest.raises(ValidationError):
        Threshold.parse(text)


def test_it_applies_a_committees_own_changes_to_the_profile():
    profile = build_profile("una-usa", {"quorum_to_open": "1/4", "default_speaking_time": 60})
    assert profile.quorum_to_open == Threshold(Fraction(1, 4))
    assert profile.default_speaking_time == 60
    assert PROFILES["una-usa"].quorum_to_open == Threshold(Fraction(1, 3))  # the preset is untouched


@pytest.mark.parametrize(
    "overrides",
    [
        {"quorum": "1/3"},
        {"ngos_vote": "yes"},
        {"default_speaking_time": -5},
        {"default_speaking_time": 0},
        {"simple_majority": "5/3"},
    ],
)
def test_it_refuses_a_change_that_is_not_a_rule(overrides):
    with pytest.raises(ValidationError):
        build_profile("una-usa", overrides)


def test_it_refuses_an_unknown_profile():
    with pytest.raises(ValidationError):
        build_profile("house-rules", {})


def _rows(members_present, members_absent, observers_present=0, ngos_present=0, voting=0):
    rows = []
    n = 0

    def add(kind, status):
        nonlocal n
        n += 1
        d = Delegation(pk=n, name=f"D{n}", kind=kind)
        rows.append(RollCallRow(d, Attendance(status=status)))

    for i in range(members_present):
        add("member", Attendance.Status.PRESENT_AND_VOTING if i < voting else Attendance.Status.PRESENT)
    for _ in range(members_absent):
        add("member", Attendance.Status.ABSENT)
    for _ in range(observers_present):
        add("observer", Attendance.Status.PRESENT)
    for _ in range(ngos_present):
        add("ngo", Attendance.Status.PRESENT)
    return rows


@pytest.mark.parametrize(
    ("profile", "rows", "quorum", "voters", "simple", "two_thirds"),
    [
        # UNA-USA: a third of members opens debate; observers vote on procedure, NGOs never do.
        ("una-usa", _rows(13, 25), True, 13, 7, 9),
        ("una-usa", _rows(12, 26), False, 12, 7, 8),
        ("una-usa", _rows(27, 11, observers_present=3, ngos_present=1), True, 30, 16, 20),
        ("thimun", _rows(10, 28), False, 10, 6, 7),
    ],
)
def test_it_derives_quorum_and_majorities_from_the_roll_call(profile, rows, quorum, voters, simple, two_thirds):
    counts = compute_counts(rows, PROFILES[profile])
    assert counts.quorum is quorum
    assert counts.procedural_voters == voters
    assert counts.simple_majority == simple
    assert counts.two_thirds == two_thirds


def test_observers_and_ngos_never_make_a_quorum():
    counts = compute_counts(_rows(0, 38, observers_present=4, ngos_present=1), PROFILES["una-usa"])
    assert counts.present == 5
    assert counts.members_present == 0
    assert not counts.quorum


def test_observers_voting_is_a_setting_of_the_profile():
    rows = _rows(20, 18, observers_present=4)
    assert compute_counts(rows, build_profile("una-usa", {})).procedural_voters == 24
    assert compute_counts(rows, build_profile("una-usa", {"observers_vote_procedural": False})).procedural_voters == 20


def test_present_and_voting_is_counted_apart():
    counts = compute_counts(_rows(20, 18, voting=5), PROFILES["una-usa"])
    assert counts.present_and_voting == 5
    assert counts.present == 20


def test_a_committee_sets_when_its_countdowns_warn():
    assert build_profile("una-usa", {}).timer_warnings == (30, 10)
    assert build_profile("una-usa", {"timer_warnings": "20,5"}).timer_warnings == (20, 5)
    for bad in ("5,20", "abc", "30", "-1,-5", "700,10"):
        with pytest.raises(ValidationError):
            build_profile("una-usa", {"timer_warnings": bad})
