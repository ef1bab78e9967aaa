"""The minutes, read from the journal alone: each entry, in the order it was written, adds to the
sitting it belongs to (roll call, proceedings, speeches, points, motions, votes), to the papers it
concerns, and to each delegation's figures. Its time is turned once, here, into the committee's zone
(its conference's): every table, line and file of the record gives local times. Nothing else is read
but the delegations' names and the committee's name, so the minutes of a past sitting stay what
happened then.

An entry of a kind this version does not describe still reads as a line of the proceedings."""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from dataclasses import dataclass

from committee.contract import PARTS
from committee.journal import entry_sentence
from committee.models import Committee, JournalEntry
from record.papers import Paper, PaperReader
from record.tables import POINTS, Figures, Motion, Point, Sitting, Speech, Vote


@dataclass
class Minutes:
    committee: Committee
    sittings: list[Sitting]
    papers: list[Paper]
    figures: dict[str, Figures]
    delegations: list[str]  # every delegation, in the order of the roll
    zone: zoneinfo.ZoneInfo  # the committee's: every time of the minutes is in it

    @property
    def speeches(self) -> list[Speech]:
        return [s for sitting in self.sittings for s in sitting.speeches]

    @property
    def motions(self) -> list[Motion]:
        return [m for sitting in self.sittings for m in sitting.motions]

    @property
    def votes(self) -> list[Vote]:
        return [v for sitting in self.sittings for v in sitting.votes]

    @property
    def not_spoken(self) -> list[str]:
        """Delegations present at some point who have not spoken (a fairness rule chairs follow)."""
        present = {n for s in self.sittings for n in s.answered("present", "present_voting")}
        return [n for n in self.delegations if n in present and not self.figures[n].speeches]


class Reader(PaperReader):
    """Walks the journal once; each kind it knows has a handler, the rest are proceedings only."""

    def __init__(self, committee: Committee, number: int | None):
        self.committee = committee
        delegations = list(committee.delegations.order_by("name").values_list("pk", "name"))
        self.names = dict(delegations)
        self.order = [name for _, name in delegations]
        self.kinds = PARTS.journal_kinds
        self.sittings: dict[int, Sitting] = {}
        self.papers: dict[int, Paper] = {}
        self.figures: dict[str, Figures] = defaultdict(Figures)
        self.speech: Speech | None = None  # the speech on the floor, in the table of...
        self.speech_sitting: Sitting | None = None  # ...this sitting
        self.motions: dict[int, Motion] = {}
        self.points: dict[int, Point] = {}
        self.number = number

    def read(self) -> Minutes:
        entries = list(
            JournalEntry.objects.filter(committee=self.committee)
            .select_related("subject", "sitting")
            .order_by("version")
        )
        # An action the chair undid stays in the proceedings, followed by its correction; what it did is
        # not counted in the tables.
        undone = {entry.data.get("undone") for entry in entries if entry.kind == "undo.done"}
        zone = self.committee.zone
        for entry in entries:
            entry.at = entry.at.astimezone(zone)
            sitting = self._sitting(entry)
            handler = getattr(self, "on_" + entry.kind.replace(".", "_"), None)
            if handler is not None and entry.version not in undone:
                handler(entry, entry.data, sitting)
            kind = self.kinds.get(entry.kind)
            if sitting is not None and (kind is None or kind.minutes):
                sitting.lines.append((entry.at, entry_sentence(entry, self.kinds, self.names)))
        wanted = [s for n, s in sorted(self.sittings.items()) if self.number in (None, n)]
        return Minutes(self.committee, wanted, list(self.papers.values()), self.figures, self.order, zone)

    # ---- where an entry belongs ------------------------------------------------------------------

    def _sitting(self, entry: JournalEntry) -> Sitting | None:
        if entry.sitting_id is None:
            return None
        number = entry.sitting.number
        if number not in self.sittings:
            self.sittings[number] = Sitting(number, entry.sitting.title)
        return self.sittings[number]

    def _name(self, entry: JournalEntry) -> str:
        return entry.subject.name if entry.subject_id else str(entry.data.get("delegation", ""))

    def _delegation(self, value) -> str:
        return value if isinstance(value, str) else self.names.get(value, "a delegation")

    # ---- the sitting and its roll call -------------------------------------------------------------

    def on_sitting_opened(self, entry, data, sitting):
        sitting.opened_at = entry.at
        sitting.agenda, sitting.venue = data.get("agenda", ""), data.get("venue", "")
        sitting.board = list(data.get("board", []))
        self.speech = None

    def on_sitting_closed(self, entry, data, sitting):
        sitting.closed_at = entry.at
        for motion in self.motions.values():
            if motion.outcome == "not decided":
                motion.outcome = "lapsed (the sitting closed)"
        self._end_speech(None)

    def on_rollcall_marked(self, entry, data, sitting):
        name = self._name(entry)
        sitting.status[name] = data.get("status", "")
        if data.get("late"):
            sitting.late.append((name, entry.at))
        sitting.attendance.append((entry.at, len(sitting.answered("present", "present_voting"))))

    def on_rollcall_closed(self, entry, data, sitting):
        sitting.roll = dict(data)

    # ---- speeches -----------------------------------------------------------------------------

    def _end_speech(self, data: dict | None) -> None:
        """The speech on the floor ended. A call that never began (0 seconds) is no speech: it leaves
        the table and counts for nobody. A speech whose end was not recorded (the sitting closed on it)
        counts, its length unknown; a speaker finishing a speech a motion cut short adds its seconds."""
        speech, self.speech = self.speech, None
        if speech is None:
            return
        figures = self.figures[speech.delegation]
        if not data or data.get("ended") is None:
            figures.speeches += 0 if speech.resumed else 1
            return
        speech.spoke, speech.allotted = data.get("spoke"), data.get("allotted") or speech.allotted
        speech.yielded = data.get("yielded") or ""
        if not speech.spoke:
            self.speech_sitting.speeches.remove(speech)
            return
        figures.speeches += 0 if speech.resumed else 1
        figures.spoke += speech.spoke

    def _begin_speech(self, entry, sitting, name: str, which: str, given, resumed: bool = False) -> None:
        self.speech = Speech(entry.at, name, which, given, resumed=resumed)
        self.speech_sitting = sitting
        sitting.speeches.append(self.speech)

    def on_speech_next(self, entry, data, sitting):
        self._end_speech(data)
        if entry.subject_id:
            name, which = self._name(entry), data.get("list", "gsl")
            self._begin_speech(entry, sitting, name, which, data.get("given"), bool(data.get("resumed")))

    def on_speech_yield(self, entry, data, sitting):
        if data.get("to") == "questions":
            if self.speech is not None:
                self.speech.yielded = "questions"
            return
        which = self.speech.list if self.speech else "gsl"
        self._end_speech({**data, "yielded": data.get("to")})
        if data.get("to") == "delegation" and data.get("to_delegation"):
            name = self._delegation(data["to_delegation"])
            self._begin_speech(entry, sitting, name, which, data.get("seconds"))

    def on_caucus_ended(self, entry, data, sitting):
        self._end_speech(data)

    # ---- points and motions --------------------------------------------------------------------

    def on_point_raised(self, entry, data, sitting):
        name = self._name(entry)
        point = Point(entry.at, name, POINTS.get(data.get("kind"), data.get("kind", "")), data.get("text", ""))
        sitting.points.append(point)
        self.points[data.get("point") or id(point)] = point
        self.figures[name].points += 1

    def on_point_answered(self, entry, data, sitting):
        if data.get("point") in self.points:
            self.points[data["point"]].outcome = "answered"

    def on_point_ruled(self, entry, data, sitting):
        if data.get("point") in self.points:
            self.points[data["point"]].outcome = "ruled out of order"

    def on_motion_raised(self, entry, data, sitting):
        name = self._name(entry)
        motion = Motion(entry.at, name, data.get("text", data.get("kind", "")))
        sitting.motions.append(motion)
        if data.get("motion"):
            self.motions[data["motion"]] = motion
        self.figures[name].motions += 1

    def _decided(self, motion_id, outcome: str) -> Motion | None:
        motion = self.motions.get(motion_id)
        if motion is not None:
            motion.outcome = outcome
        return motion

    def _carried(self, motion: Motion | None, facts: dict) -> None:
        """A motion passed: it is carried, the motions below it fell (except in voting procedure,
        where `facts` say none fell), and a speech it cut short ended."""
        if facts.get("interrupted"):
            self._end_speech(facts["interrupted"])
        if motion is None:
            return
        self.figures[motion.mover].carried += 1
        if facts.get("others_fell") is False:
            return
        for other in self.motions.values():
            if other is not motion and other.outcome == "not decided":
                other.outcome = "fell (another motion passed)"

    def on_motion_withdrawn(self, entry, data, sitting):
        self._decided(data.get("motion"), "withdrawn")

    def on_motion_out_of_order(self, entry, data, sitting):
        self._decided(data.get("motion"), f"ruled out of order: {data.get('reason', '')}")

    def on_motion_refused(self, entry, data, sitting):
        self._decided(data.get("motion"), "not granted")

    def on_motion_granted(self, entry, data, sitting):
        self._carried(self._decided(data.get("motion"), "granted"), data)
        self._effect(data.get("kind"), data.get("outcome") or {}, self._name(entry))

    # ---- votes -------------------------------------------------------------------------------

    def on_vote_closed(self, entry, data, sitting):
        names = [
            (head, list(data[key]))
            for head, key in (("In favour", "in_favour"), ("Against", "against"), ("Abstaining", "abstaining"))
            if data.get(key)
        ]
        vote = Vote(
            entry.at,
            data.get("title", ""),
            {"phones": "phones", "placard": "placards", "roll_call": "roll call"}.get(data.get("method"), ""),
            data.get("question", ""),
            data.get("yes") or 0,
            data.get("no") or 0,
            data.get("abstain") or 0,
            bool(data.get("passed")),
            data.get("record", ""),
            names,
        )
        sitting.votes.append(vote)
        decision = data.get("decision") or {}
        subject = data.get("subject", "")
        if subject == "debate.motion":
            motion = self._decided(data.get("subject_id"), "passed" if vote.passed else "failed")
            if motion is not None:
                motion.yes, motion.no, motion.needed = vote.yes, vote.no, data.get("needed")
            if vote.passed:
                self._carried(motion, decision)
                self._effect(decision.get("kind"), decision.get("outcome") or {}, decision.get("mover", ""))
        elif subject == "resolutions.draft":
            paper = self.papers.get(data.get("subject_id"))
            if paper is not None:
                paper.outcome, paper.names = vote.record, names
                for other in self.papers.values():
                    if other.symbol in (decision.get("set_aside") or []):
                        other.outcome = f"not voted: {paper.symbol} was adopted"
        elif subject == "resolutions.amendment":
            for paper in self.papers.values():
                if data.get("subject_id") in paper.amendments:
                    paper.amendments[data["subject_id"]].fate = vote.record
                for fell in decision.get("fell") or []:
                    if fell in paper.amendments:
                        paper.amendments[fell].fate = "fell without a vote (its clause was struck out)"
        elif subject == "resolutions.part":
            for paper in self.papers.values():
                if paper.symbol == decision.get("symbol"):
                    kept = "kept" if decision.get("kept") else "struck out"
                    paper.parts.append(f"{decision.get('part', 'a part')}: {kept} ({vote.record})")


def read_minutes(committee: Committee, number: int | None = None) -> Minutes:
    """The minutes of one sitting (its number), or of every sitting of the committee."""
    return Reader(committee, number).read()
