"""The Board's marks, read together: each delegation's evidence from the record, each marker's total
out of 100, the committee's ranking, how far the markers agree, and the awards the ranking suggests.

A marker's total for a delegation: for each criterion, the mean of that marker's marks over the
sittings marked, as a share of the criterion's scale; weighted by the criteria's weights over the
criteria that marker has marked; times 100. A delegation's total is the mean of its markers' totals,
so a board member who marks more sittings does not count more."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.db import transaction

from committee.models import Committee, Delegation
from debate.models import Chit
from record.minutes import Minutes
from record.models import AwardKind, Criterion, Mark
from record.tables import Figures

CRITERIA = [
    "Research",
    "Foreign policy",
    "Diplomacy",
    "Leadership",
    "Direction of debate",
    "Articulation",
    "Position paper",
]
AWARD_KINDS = [  # name, how many per committee, points towards the Best Delegation
    ("Best Delegate", 1, 3),
    ("High Commendation", 1, 2),
    ("Special Mention", 1, 1),
    ("Verbal Mention", 2, 0),
]
# Two markers whose totals for one delegation differ by more than this (of 100) should talk.
SPREAD_TO_DISCUSS = 15


def criteria_of(committee: Committee) -> list[Criterion]:
    """The committee's criteria; the usual seven, written once, if it has none."""
    with transaction.atomic():
        if not committee.criteria.exists():
            for position, name in enumerate(CRITERIA):
                Criterion.objects.get_or_create(committee=committee, name=name, defaults={"position": position})
    return list(committee.criteria.all())


def award_kinds_of(committee: Committee) -> list[AwardKind]:
    """The awards of the committee's conference, highest first (the usual four, written once, if it
    has none); none for a committee of no conference."""
    if committee.conference_id is None:
        return []
    kinds = AwardKind.objects.filter(conference_id=committee.conference_id)  # the conference itself unread
    with transaction.atomic():
        if not kinds.exists():
            for position, (name, count, points) in enumerate(AWARD_KINDS):
                AwardKind.objects.get_or_create(
                    conference_id=committee.conference_id,
                    name=name,
                    defaults={"per_committee": count, "points": points, "position": position},
                )
    return list(kinds)


# ---- the evidence ---------------------------------------------------------------------------------


@dataclass
class Evidence:
    """What a delegation did, as the record has it: in one sitting, and in all of them (`overall`,
    the statistics' figures, with attendance and chits beside them)."""

    speeches: int = 0
    spoke: float = 0.0
    points: int = 0
    motions: int = 0
    carried: int = 0
    attendance: str = "not called"  # in the sitting: present, present and voting, absent, not called
    late_at: str = ""  # the time it arrived late, in the sitting
    chits: int = 0
    substantive_chits: int = 0
    overall: Figures = field(default_factory=Figures)
    sittings_present: int = 0
    sittings_late: int = 0
    all_chits: int = 0


ATTENDANCE_WORDS = {"present": "present", "present_voting": "present and voting", "absent": "absent"}


def evidence(minutes: Minutes, number: int | None) -> dict[str, Evidence]:
    """Each delegation's evidence, by name: in sitting `number` (None: no sitting chosen) and overall."""
    found = {name: Evidence(overall=minutes.figures.get(name) or Figures()) for name in minutes.delegations}
    for sitting in minutes.sittings:
        for name in sitting.answered("present", "present_voting"):
            if name in found:
                found[name].sittings_present += 1
        for name in {name for name, _ in sitting.late}:
            if name in found:
                found[name].sittings_late += 1
        if sitting.number != number:
            continue
        for name, status in sitting.status.items():
            if name in found:
                found[name].attendance = ATTENDANCE_WORDS.get(status, status)
        for name, at in sitting.late:
            if name in found:
                found[name].late_at = f"{at:%H:%M}"
        for speech in sitting.speeches:
            if speech.delegation in found:
                e = found[speech.delegation]
                e.speeches += 0 if speech.resumed else 1
                e.spoke += (speech.spoke or 0) + (speech.answering or 0)
        for point in sitting.points:
            if point.delegation in found:
                found[point.delegation].points += 1
        for motion in sitting.motions:
            if motion.mover in found:
                found[motion.mover].motions += 1
                found[motion.mover].carried += motion.status in ("passed", "granted")
    chits = Chit.objects.filter(committee=minutes.committee).values_list(
        "sender__name", "sitting__number", "substantive"
    )
    for name, sitting_number, substantive in chits:
        if name in found:
            found[name].all_chits += 1
            if sitting_number == number:
                found[name].chits += 1
                found[name].substantive_chits += bool(substantive)
    return found


# ---- totals, ranking and agreement ------------------------------------------------------------------


@dataclass
class Standing:
    """A delegation's place: its total (mean of its markers'), each marker's total, and its rank."""

    delegation: Delegation
    by_marker: dict[int, float] = field(default_factory=dict)  # marker's user id -> total of 100
    total: float | None = None
    rank: int | None = None

    @property
    def spread(self) -> float:
        return max(self.by_marker.values()) - min(self.by_marker.values()) if len(self.by_marker) > 1 else 0.0

    @property
    def to_discuss(self) -> bool:
        return self.spread > SPREAD_TO_DISCUSS


@dataclass
class Agreement:
    """How far two markers agree, over the delegations both marked."""

    first: str
    second: str
    delegations: int
    mean_difference: float  # of their totals, out of 100
    rank_correlation: float | None  # Spearman's rho of their rankings (None: fewer than 3 in common)


def marker_totals(committee: Committee) -> dict[tuple[int, int], float]:
    """(marker id, delegation id) -> that marker's total for that delegation, out of 100."""
    criteria = {c.pk: c for c in committee.criteria.all()}
    scores: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    rows = Mark.objects.filter(criterion__committee=committee).values_list(
        "marker_id", "delegation_id", "criterion_id", "score"
    )
    for marker, delegation, criterion, score in rows:
        scores[marker, delegation, criterion].append(score)
    shares: dict[tuple[int, int], list[tuple[int, float]]] = defaultdict(list)  # -> (weight, share)
    for (marker, delegation, criterion_id), marked in scores.items():
        criterion = criteria[criterion_id]
        shares[marker, delegation].append((criterion.weight, sum(marked) / len(marked) / criterion.out_of))
    return {
        key: 100 * sum(w * share for w, share in weighted) / sum(w for w, _ in weighted)
        for key, weighted in shares.items()
    }


def standings(committee: Committee) -> list[Standing]:
    """Every delegation, the marked ones ranked by total (equal totals share a rank), then the rest."""
    found = {d.pk: Standing(d) for d in committee.delegations.select_related("team")}
    for (marker, delegation), total in marker_totals(committee).items():
        if delegation in found:
            found[delegation].by_marker[marker] = total
    for standing in found.values():
        if standing.by_marker:
            standing.total = sum(standing.by_marker.values()) / len(standing.by_marker)
    ranked = sorted(found.values(), key=lambda s: (s.total is None, -(s.total or 0), s.delegation.name))
    previous = None
    for place, standing in enumerate(ranked, start=1):
        if standing.total is None:
            break
        same = previous is not None and round(previous.total, 2) == round(standing.total, 2)
        standing.rank = previous.rank if same else place
        previous = standing
    return ranked


def agreements(ranked: list[Standing], names: dict[int, str]) -> list[Agreement]:
    """Each pair of markers: how far apart their totals are, and whether they rank alike."""
    out = []
    for first, second in combinations(sorted(names), 2):
        both = [s for s in ranked if first in s.by_marker and second in s.by_marker]
        if not both:
            continue
        difference = sum(abs(s.by_marker[first] - s.by_marker[second]) for s in both) / len(both)
        rho = None
        if len(both) >= 3:
            rho = _spearman([s.by_marker[first] for s in both], [s.by_marker[second] for s in both])
        out.append(Agreement(names[first], names[second], len(both), difference, rho))
    return out


def _ranks(values: list[float]) -> list[float]:
    """Each value's rank (1 = highest), ties given the mean of the ranks they share."""
    order = sorted(range(len(values)), key=lambda i: -values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for i in order[start : end + 1]:
            ranks[i] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def _spearman(xs: list[float], ys: list[float]) -> float | None:
    """The correlation of the two rankings (Pearson's on the ranks); None when one ranks all alike."""
    rx, ry = _ranks(xs), _ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    if not vx or not vy:
        return None
    return cov / (vx * vy) ** 0.5


# ---- awards ---------------------------------------------------------------------------------------------


@dataclass
class Slot:
    """One award to give: its kind, and the delegation suggested (or confirmed) for it."""

    kind: AwardKind
    number: int  # the first, second... of its kind
    suggested: Delegation | None = None
    confirmed: Delegation | None = None


def award_slots(committee: Committee, ranked: list[Standing]) -> list[Slot]:
    """Every award the committee gives, highest first, with the ranking's suggestion for each (the
    marked delegations in order, each once) and the delegation the Board confirmed, if it has."""
    slots = [Slot(kind, n + 1) for kind in award_kinds_of(committee) for n in range(kind.per_committee)]
    candidates = iter([s.delegation for s in ranked if s.total is not None])
    for slot in slots:
        slot.suggested = next(candidates, None)
    confirmed = defaultdict(list)
    for award in committee.awards.select_related("delegation", "kind"):
        confirmed[award.kind_id].append(award.delegation)
    for slot in slots:
        given = confirmed[slot.kind.pk]
        if len(given) >= slot.number:
            slot.confirmed = given[slot.number - 1]
    return slots
