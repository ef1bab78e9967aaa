"""The minutes, read from the journal alone: each entry, in the order it was written, adds to the
sitting it belongs to (its summary record's numbered paragraphs, the roll call, the tables of
speeches, points, motions and votes, its journal), to the papers it concerns, and to each delegation's
figures. Its time is turned once, here, into the committee's zone (its conference's): every table,
line and file of the record gives local times. Nothing else is read but the delegations' names and
kinds and the committee, so the minutes of a past sitting stay what happened then.

An entry of a kind this version does not describe still reads as a line of the sitting's journal."""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from committee.contract import PARTS
from committee.countries import country_name
from committee.documents import original
from committee.journal import entry_sentence
from committee.models import Committee, JournalEntry
from record.floor import FloorReader
from record.papers import Paper, PaperReader
from record.tables import MOTION_OUTCOMES, Figures, Motion, Paragraph, Point, Sitting, Speech, Vote
from record.words import clause_words, in_text, listed, sentence

METHODS = {
    "phones": gettext_lazy("phones"),
    "placard": gettext_lazy("placards"),
    "roll_call": gettext_lazy("roll call"),
}
QUESTIONS = {"procedural": gettext_lazy("procedural"), "substantive": gettext_lazy("substantive")}


@dataclass
class Minutes:
    committee: Committee
    sittings: list[Sitting]
    papers: list[Paper]
    figures: dict[str, Figures]
    delegations: list[str]  # every delegation, in the order of the roll
    zone: zoneinfo.ZoneInfo  # the committee's: every time of the minutes is in it
    issued: date  # the date of issue: the day the minutes were made, in the committee's zone

    @property
    def original(self) -> str:
        """The language they are written in, named in it (their masthead's "Original: …")."""
        return original()

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


class Reader(FloorReader, PaperReader):
    """Walks the journal once; each kind it knows has a handler, the rest are proceedings only."""

    def __init__(self, committee: Committee, number: int | None):
        self.committee = committee
        # Named as the minutes' language names them (committee/countries.py), in the order of the roll.
        delegations = [
            (pk, country_name(name), kind)
            for pk, name, kind in committee.delegations.order_by("name").values_list("pk", "name", "kind")
        ]
        self.names = {pk: name for pk, name, _ in delegations}
        self.kind_of = {name: kind for _, name, kind in delegations}  # member, observer, ngo
        self.order = [name for _, name, _ in delegations]
        self.adopted = 0  # resolutions adopted so far: each is numbered by the conference's scheme
        self.kinds = PARTS.journal_kinds
        self.sittings: dict[int, Sitting] = {}
        self.papers: dict[int, Paper] = {}
        self.figures: dict[str, Figures] = defaultdict(Figures)
        self.speech: Speech | None = None  # the speech on the floor, in the table of...
        self.speech_sitting: Sitting | None = None  # ...this sitting
        self.motions: dict[int, Motion] = {}
        self.statements: dict[int, Speech] = {}
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
        if self.speech is not None and not self.speech.said:
            self._say_speech(self.speech, in_progress=True)  # the sitting is still open, someone speaking
        for sitting in self.sittings.values():
            sitting.summary = [paragraph for paragraph in sitting.summary if paragraph.sentences]
        wanted = [s for n, s in sorted(self.sittings.items()) if self.number in (None, n)]
        issued = timezone.now().astimezone(zone).date()
        return Minutes(self.committee, wanted, list(self.papers.values()), self.figures, self.order, zone, issued)

    # ---- where an entry belongs ------------------------------------------------------------------

    def _sitting(self, entry: JournalEntry) -> Sitting | None:
        if entry.sitting_id is None:
            return None
        number = entry.sitting.number
        if number not in self.sittings:
            self.sittings[number] = Sitting(number, entry.sitting.title)
        return self.sittings[number]

    def _name(self, entry: JournalEntry) -> str:
        return country_name(entry.subject.name if entry.subject_id else str(entry.data.get("delegation", "")))

    def _delegation(self, value) -> str:
        return country_name(value) if isinstance(value, str) else self.names.get(value, _("a delegation"))

    def _paragraph(self, sitting: Sitting | None, entry, text: str = "") -> Paragraph:
        """A new numbered paragraph of the sitting's summary record."""
        paragraph = Paragraph(entry.at)
        if text:
            paragraph.add(sentence(text))
        if sitting is not None:
            sitting.summary.append(paragraph)
        return paragraph

    def _members_present(self, sitting: Sitting) -> int:
        return sum(1 for n in sitting.answered("present", "present_voting") if self.kind_of.get(n) == "member")

    # ---- the sitting and its roll call -------------------------------------------------------------

    def on_sitting_opened(self, entry, data, sitting):
        sitting.opened_at = entry.at
        sitting.symbol = self.committee.record_symbol(sitting.number, entry.at.year)
        sitting.agenda, sitting.venue = data.get("agenda", ""), data.get("venue", "")
        sitting.board = list(data.get("board", []))
        self.speech = None

    def on_sitting_closed(self, entry, data, sitting):
        sitting.closed_at = entry.at
        for motion in self.motions.values():
            if not motion.status:
                motion.status, motion.outcome = "lapsed", str(MOTION_OUTCOMES["lapsed"])
                if motion.paragraph is not None:
                    motion.paragraph.add(_("The motion lapsed when the meeting rose."))
        self._end_speech(None)

    def on_rollcall_marked(self, entry, data, sitting):
        name = self._name(entry)
        before = sitting.status.get(name, "")
        sitting.status[name] = data.get("status", "")
        if data.get("late"):
            sitting.late.append((name, entry.at))
        sitting.attendance.append((entry.at, len(sitting.answered("present", "present_voting"))))
        if not sitting.roll:
            return  # the roll call is summed up in one paragraph when it closes
        here = data.get("status") in ("present", "present_voting")
        if here == (before in ("present", "present_voting")):
            return
        words = {"name": in_text(name), "time": f"{entry.at:%H:%M}"}
        paragraph = self._paragraph(
            sitting,
            entry,
            (_("%(name)s took its seat at %(time)s") if here else _("%(name)s left the meeting at %(time)s")) % words,
        )
        needed = sitting.roll.get("quorum_needed")
        met = needed is not None and self._members_present(sitting) >= needed
        if needed is not None and met != sitting.quorum_met:
            sitting.quorum_met = met
            figures = {"needed": needed, "present": self._members_present(sitting)}
            paragraph.add(
                (
                    _("The quorum (%(needed)s members) was met: %(present)s members were present.")
                    if met
                    else _("The quorum (%(needed)s members) was no longer met: %(present)s members were present.")
                )
                % figures
            )

    def on_rollcall_closed(self, entry, data, sitting):
        sitting.roll = dict(data)
        present = sitting.answered("present", "present_voting")
        apart = {kind: [n for n in present if self.kind_of.get(n) == kind] for kind in ("member", "observer", "ngo")}
        paragraph = self._paragraph(sitting, entry)
        members = apart["member"]
        count = {"count": len(members), "members": listed(members)}
        if members:
            taken = ngettext(
                "The roll call was taken. %(count)s member was present: %(members)s.",
                "The roll call was taken. %(count)s members were present: %(members)s.",
                len(members),
            )
        else:
            taken = _("The roll call was taken. %(count)s members were present.")
        paragraph.add(taken % count)
        voting = [n for n in sitting.answered("present_voting") if self.kind_of.get(n) == "member"]
        if voting:
            paragraph.add(_("Present and voting: %(names)s.") % {"names": listed(voting)})
        if apart["observer"]:
            paragraph.add(_("Observers: %(names)s.") % {"names": listed(apart["observer"])})
        if apart["ngo"]:
            paragraph.add(_("Non-governmental organizations: %(names)s.") % {"names": listed(apart["ngo"])})
        if sitting.absent:
            paragraph.add(_("Absent: %(names)s.") % {"names": listed(sitting.absent)})
        if data.get("quorum_needed") is not None:
            sitting.quorum_met = bool(data.get("quorum"))
            needed = {"needed": data["quorum_needed"]}
            if sitting.quorum_met:
                paragraph.add(_("The quorum (%(needed)s members) was met.") % needed)
            else:
                paragraph.add(_("The quorum (%(needed)s members) was not met.") % needed)

    # ---- votes -------------------------------------------------------------------------------

    def on_vote_closed(self, entry, data, sitting):
        names = [
            (str(head), [country_name(name) for name in data[key]])
            for head, key in ((_("In favour"), "in_favour"), (_("Against"), "against"), (_("Abstaining"), "abstaining"))
            if data.get(key)
        ]
        language = translation.get_language()
        vote = Vote(
            entry.at,
            (data.get("titles") or {}).get(language) or data.get("title", ""),
            str(METHODS.get(data.get("method"), "")),
            str(QUESTIONS.get(data.get("question"), data.get("question", ""))),
            data.get("yes") or 0,
            data.get("no") or 0,
            data.get("abstain") or 0,
            bool(data.get("passed")),
            (data.get("records") or {}).get(language) or data.get("record", ""),
            names,
        )
        sitting.votes.append(vote)
        decision = data.get("decision") or {}
        subject = data.get("subject", "")
        if subject == "debate.motion":
            said = (
                _("the motion was put to the vote and carried: %(record)s")
                if vote.passed
                else _("the motion was put to the vote and failed: %(record)s")
            ) % {"record": vote.record}
            motion = self._decided(data.get("subject_id"), "passed" if vote.passed else "failed", said)
            if motion is not None:
                motion.yes, motion.no, motion.needed = vote.yes, vote.no, data.get("needed")
            if vote.passed:
                self._carried(motion, decision)
                self._effect(decision.get("kind"), decision.get("outcome") or {}, decision.get("mover", ""))
        elif subject == "resolutions.draft":
            paper = self.papers.get(data.get("subject_id"))
            said = _("the committee voted on %(paper)s: %(record)s") % {
                "paper": self._paper_words(paper, vote.title),
                "record": vote.record,
            }
            if paper is not None:
                paper.outcome, paper.names = vote.record, names
                if vote.passed:
                    said = _("%(said)s. It was adopted as resolution %(number)s") % {
                        "said": said,
                        "number": self._number(paper, entry),
                    }
                for other in self.papers.values():
                    if other.symbol in (decision.get("set_aside") or []):
                        other.outcome = _("not voted: %(symbol)s was adopted") % {"symbol": paper.symbol}
            self._paragraph(sitting, entry, said).sentences += self._names_said(names)
        elif subject == "resolutions.amendment":
            for paper in self.papers.values():
                if data.get("subject_id") in paper.amendments:
                    amendment = paper.amendments[data["subject_id"]]
                    amendment.fate = vote.record
                    said = _("the committee voted on the amendment of %(mover)s to %(clause)s: %(record)s") % {
                        "mover": in_text(amendment.mover),
                        "clause": clause_words(amendment.clause),
                        "record": vote.record,
                    }
                    self._paragraph(sitting, entry, said).sentences += self._names_said(names)
                for fell in decision.get("fell") or []:
                    if fell in paper.amendments:
                        paper.amendments[fell].fate = _("fell without a vote (its clause was struck out)")
        elif subject == "resolutions.part":
            for paper in self.papers.values():
                if paper.symbol == decision.get("symbol"):
                    part = clause_words(decision.get("part") or "") or _("a part")
                    words = {"part": part, "symbol": paper.symbol, "record": vote.record}
                    if decision.get("kept"):
                        paper.parts.append(_("%(part)s: kept (%(record)s)") % words)
                        said = _("the committee voted on %(part)s of %(symbol)s separately: it was kept (%(record)s)")
                    else:
                        paper.parts.append(_("%(part)s: struck out (%(record)s)") % words)
                        said = _(
                            "the committee voted on %(part)s of %(symbol)s separately: it was struck out (%(record)s)"
                        )
                    self._paragraph(sitting, entry, said % words)
        elif subject != "debate.motion":
            said = _("the committee voted on %(question)s: %(record)s") % {
                "question": vote.title or _("a question"),
                "record": vote.record,
            }
            self._paragraph(sitting, entry, said).sentences += self._names_said(names)

    @staticmethod
    def _names_said(names: list[tuple[str, list[str]]]) -> list[str]:
        """A recorded vote's names, as the summary record prints them after the result."""
        return [_("%(head)s: %(names)s.") % {"head": head, "names": listed(found)} for head, found in names]

    def _paper_words(self, paper: Paper | None, title: str) -> str:
        if paper is None:
            return title or _("a draft resolution")
        if paper.symbol:
            return _("draft resolution %(symbol)s (%(title)s)") % {"symbol": paper.symbol, "title": paper.title}
        return f"“{paper.title}”"

    def _number(self, paper: Paper, entry) -> str:
        """The next resolution's number, by the conference's scheme, given to an adopted draft."""
        if not paper.resolution:
            self.adopted += 1
            paper.resolution = self.committee.resolution_symbol(self.adopted, entry.at.year)
        return paper.resolution


def read_minutes(committee: Committee, number: int | None = None) -> Minutes:
    """The minutes of one sitting (its number), or of every sitting of the committee."""
    return Reader(committee, number).read()
