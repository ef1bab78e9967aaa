"""What the minutes hold: one row of each table (speeches, motions, points, votes), a sitting with its
roll call and proceedings, and a delegation's figures. record/minutes.py fills them from the journal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from committee.times import clock

YIELDS = {"chair": "to the chair", "questions": "to questions", "delegation": "to a delegation"}
POINTS = {
    "personal_privilege": "Personal privilege",
    "order": "Order",
    "parliamentary_inquiry": "Parliamentary inquiry",
    "information": "Information",
    "right_of_reply": "Right of reply",
}


@dataclass
class Speech:
    at: datetime
    delegation: str
    list: str  # "gsl" or "caucus"
    allotted: float | None = None
    spoke: float | None = None  # None: its end was not recorded (the sitting closed on it)
    yielded: str = ""
    resumed: bool = False  # the rest of a speech a motion cut short (one speech with the first part)

    @property
    def row(self) -> list[str]:
        return [
            self.at.strftime("%H:%M"),
            self.delegation,
            "General Speakers' List" if self.list == "gsl" else "Moderated caucus",
            clock(self.spoke) if self.spoke is not None else "",
            clock(self.allotted) if self.allotted is not None else "",
            YIELDS.get(self.yielded, ""),
        ]


@dataclass
class Motion:
    at: datetime
    mover: str
    text: str
    outcome: str = "not decided"
    yes: int | None = None
    no: int | None = None
    needed: int | None = None

    @property
    def row(self) -> list[str]:
        figures = f"{self.yes} to {self.no} ({self.needed} needed)" if self.yes is not None else ""
        return [self.at.strftime("%H:%M"), self.mover, self.text, self.outcome, figures]


@dataclass
class Point:
    at: datetime
    delegation: str
    kind: str
    text: str
    outcome: str = "raised"


@dataclass
class Vote:
    at: datetime
    title: str
    method: str
    question: str
    yes: int
    no: int
    abstain: int
    passed: bool
    record: str
    names: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def row(self) -> list[str]:
        return [
            self.at.strftime("%H:%M"),
            self.title,
            self.question,
            self.method,
            str(self.yes),
            str(self.no),
            str(self.abstain),
            "passed" if self.passed else "failed",
            self.record,
        ]


@dataclass
class Sitting:
    number: int
    title: str
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    agenda: str = ""
    venue: str = ""
    board: list[str] = field(default_factory=list)
    status: dict[str, str] = field(default_factory=dict)  # delegation -> its last answer
    late: list[tuple[str, datetime]] = field(default_factory=list)
    roll: dict[str, Any] = field(default_factory=dict)  # the roll call as it stood when closed
    attendance: list[tuple[datetime, int]] = field(default_factory=list)  # present, over the sitting
    lines: list[tuple[datetime, str]] = field(default_factory=list)
    speeches: list[Speech] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    motions: list[Motion] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)

    @property
    def zone(self) -> str:
        """The zone its times are in, named: "America/New_York, UTC−05:00" (the offset of its day)."""
        return zone_words(self.opened_at) if self.opened_at else ""

    @property
    def absent(self) -> list[str]:
        """Absent when the roll call closed, and not arrived since."""
        here = set(self.answered("present", "present_voting"))
        return [name for name in self.roll.get("absent", []) if name not in here]

    def answered(self, *statuses: str) -> list[str]:
        return sorted(name for name, status in self.status.items() if status in statuses)


def zone_words(moment: datetime) -> str:
    """The zone of a local time, named and with its offset that day: "Asia/Kolkata, UTC+05:30"."""
    offset = moment.utcoffset() or timedelta(0)
    minutes = abs(int(offset.total_seconds())) // 60
    sign = "+" if offset >= timedelta(0) else "−"
    return f"{getattr(moment.tzinfo, 'key', moment.tzname())}, UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass
class Figures:
    """One delegation's figures (the statistics)."""

    speeches: int = 0
    spoke: float = 0.0
    points: int = 0
    motions: int = 0
    carried: int = 0
    sponsored: int = 0
    signed: int = 0
    amendments: int = 0
