"""What the minutes hold: one row of each table (speeches, motions, points, votes), a sitting with its
roll call, its summary (the numbered paragraphs of the meeting, in its order) and its journal, and a
delegation's figures. record/minutes.py fills them from the journal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committee.countries import country_name
from committee.times import clock

YIELDS = {
    "chair": gettext_lazy("to the chair"),
    "questions": gettext_lazy("to questions"),
    "delegation": gettext_lazy("to a delegation"),
}
POINTS = {
    "personal_privilege": gettext_lazy("Personal privilege"),
    "order": gettext_lazy("Order"),
    "parliamentary_inquiry": gettext_lazy("Parliamentary inquiry"),
    "information": gettext_lazy("Information"),
    "right_of_reply": gettext_lazy("Right of reply"),
}
# A motion's row in the minutes, by its status ("" while it is undecided).
MOTION_OUTCOMES = {
    "": gettext_lazy("not decided"),
    "passed": gettext_lazy("passed"),
    "failed": gettext_lazy("failed"),
    "granted": gettext_lazy("granted"),
    "refused": gettext_lazy("not granted"),
    "withdrawn": gettext_lazy("withdrawn"),
    "lapsed": gettext_lazy("lapsed (the sitting closed)"),
}


@dataclass
class Paragraph:
    """One numbered paragraph of a summary record: a statement, a decision. Sentences are added as the
    journal tells more (a motion's outcome comes after it was moved)."""

    at: datetime
    sentences: list[str] = field(default_factory=list)

    def add(self, sentence: str) -> None:
        self.sentences.append(sentence)

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass
class Speech:
    at: datetime
    delegation: str
    list: str  # "gsl" or "caucus"
    allotted: float | None = None
    spoke: float | None = None  # None: its end was not recorded (the sitting closed on it)
    yielded: str = ""
    resumed: bool = False  # the rest of a speech a motion cut short (one speech with the first part)
    yielded_to: str = ""  # the delegation given the rest of the time
    yielded_by: str = ""  # this speech is the rest of that delegation's time
    note: str = ""  # the Board's note of what was said
    before_questions: float | None = None  # seconds spoken when it yielded to questions
    answering: float | None = None  # seconds spent answering the questions, apart from the statement
    paragraph: Paragraph | None = None
    said: bool = False  # its paragraph has been worded (at its end)

    @property
    def yield_words(self) -> str:
        if self.yielded == "delegation" and self.yielded_to:
            return _("to %(delegation)s") % {"delegation": self.yielded_to}
        if self.yielded == "questions" and self.answering:
            return _("to questions (answered for %(answering)s)") % {"answering": clock(self.answering)}
        return str(YIELDS.get(self.yielded, ""))

    @property
    def row(self) -> list[str]:
        listed = _("General Speakers' List") if self.list == "gsl" else _("Moderated caucus")
        return [
            self.at.strftime("%H:%M"),
            self.delegation,
            _("%(list)s (time yielded by %(by)s)") % {"list": listed, "by": self.yielded_by}
            if self.yielded_by
            else listed,
            clock(self.spoke) if self.spoke is not None else "",
            clock(self.allotted) if self.allotted is not None else "",
            self.yield_words,
        ]


@dataclass
class Motion:
    at: datetime
    mover: str
    text: str
    status: str = ""  # "" while undecided; then a key of MOTION_OUTCOMES, or fell, out_of_order
    outcome: str = ""  # its row's words ("not decided" while undecided)
    yes: int | None = None
    no: int | None = None
    needed: int | None = None
    paragraph: Paragraph | None = None

    @property
    def row(self) -> list[str]:
        figures = (
            _("%(yes)s to %(no)s (%(needed)s needed)") % {"yes": self.yes, "no": self.no, "needed": self.needed}
            if self.yes is not None
            else ""
        )
        outcome = self.outcome or str(MOTION_OUTCOMES[""])
        return [self.at.strftime("%H:%M"), self.mover, self.text, outcome, figures]


@dataclass
class Point:
    at: datetime
    delegation: str
    kind: str
    text: str
    outcome: str = ""  # "" while raised
    paragraph: Paragraph | None = None

    @property
    def outcome_words(self) -> str:
        return self.outcome or _("raised")


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
            _("passed") if self.passed else _("failed"),
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
    board: list[str] = field(default_factory=list)  # "Chair: Alice Martin", as the journal has them
    symbol: str = ""  # its summary record's, by the conference's scheme
    summary: list[Paragraph] = field(default_factory=list)
    quorum_met: bool | None = None  # as last said in the summary
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
    def held(self) -> str:
        """ "Held at the Vienna International Centre, on Thursday, 25 February 2027, at 19:30 (…)"."""
        from committee.documents import full_day_words

        if self.opened_at and self.venue:
            held = _("Held at %(venue)s, on %(day)s, at %(time)s") % {
                "venue": self.venue,
                "day": full_day_words(self.opened_at),
                "time": f"{self.opened_at:%H:%M}",
            }
        elif self.opened_at:
            held = _("Held on %(day)s, at %(time)s") % {
                "day": full_day_words(self.opened_at),
                "time": f"{self.opened_at:%H:%M}",
            }
        else:
            held = _("Held at %(venue)s,") % {"venue": self.venue} if self.venue else _("Held")
        return held + (f" ({self.zone})" if self.zone else "")

    @property
    def board_people(self) -> list[tuple[str, str]]:
        """(role, name) of each member of the Board: ("Chair", "Alice Martin"), the role in the active
        language (the journal keeps it in English)."""
        return [(_(role) if role else "", name) for role, name in self._board()]

    def _board(self) -> list[tuple[str, str]]:
        return [tuple(member.split(": ", 1)) if ": " in member else ("", member) for member in self.board]

    @property
    def signers(self) -> list[tuple[str, str]]:
        """Who signs the record: the Chair and the Rapporteur (a blank name: the Board has none yet,
        a line to write one in)."""
        people = self._board()
        chairs = [(role, name) for role, name in people if role == "Chair"] or [("Chair", "")]
        signing = chairs[:1] + ([(r, n) for r, n in people if r == "Rapporteur"][:1] or [("Rapporteur", "")])
        return [(_(role), name) for role, name in signing]

    @property
    def absent(self) -> list[str]:
        """Absent when the roll call closed, and not arrived since."""
        here = set(self.answered("present", "present_voting"))
        absent = [country_name(name) for name in self.roll.get("absent", [])]  # the journal keeps English
        return [name for name in absent if name not in here]

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
