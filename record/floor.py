"""The floor in the minutes: speeches, points and motions, each a row of its table and a paragraph of
the summary record, read from the debate's journal (mixed into the minutes' reader)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committee.times import clock
from record.tables import MOTION_OUTCOMES, POINTS, Motion, Point, Speech
from record.words import in_text, quoted, representative, sentence

# A point as the record words it: "raised a point of order".
POINT_WORDS = {
    "personal_privilege": gettext_lazy("a point of personal privilege"),
    "order": gettext_lazy("a point of order"),
    "parliamentary_inquiry": gettext_lazy("a point of parliamentary inquiry"),
    "information": gettext_lazy("a point of information"),
    "right_of_reply": gettext_lazy("a right of reply"),
}


class FloorReader:
    """The handlers of the debate's journal kinds."""

    speech: Speech | None
    statements: dict  # the debate's speech ids -> their rows (a note finds its statement)
    motions: dict
    points: dict
    figures: dict

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
            self._say_speech(speech)
            return
        speech.spoke, speech.allotted = data.get("spoke"), data.get("allotted") or speech.allotted
        speech.yielded = data.get("yielded") or ""
        if not speech.spoke:
            self.speech_sitting.speeches.remove(speech)
            if speech.paragraph in self.speech_sitting.summary:
                self.speech_sitting.summary.remove(speech.paragraph)
            return
        figures.speeches += 0 if speech.resumed else 1
        figures.spoke += speech.spoke
        if speech.yielded == "questions" and speech.before_questions is not None:
            # The clock ran on while the speaker answered: the statement, and the answers apart.
            speech.answering = max(0.0, speech.spoke - speech.before_questions)
            speech.spoke = speech.before_questions
        self._say_speech(speech)

    def _say_speech(self, speech: Speech, in_progress: bool = False) -> None:
        """The speech's paragraph, once its length and yield are known."""
        paragraph = speech.paragraph
        if paragraph is None:
            return
        who = representative(speech.delegation)
        if speech.spoke is None:
            length = _("still speaking when this record was made") if in_progress else _("its length not recorded")
        elif speech.allotted:
            length = _("%(spoke)s of %(allotted)s") % {"spoke": clock(speech.spoke), "allotted": clock(speech.allotted)}
        else:
            length = clock(speech.spoke)
        words = {"who": who, "length": length}
        if speech.note:
            # The Board's note of what was said: "… said that its Government supported joint teams".
            note = speech.note.rstrip(" .")
            note = note[0].lower() + note[1:] if note[:2] != note[:2].upper() else note
            said = _("%(who)s said that %(note)s (%(length)s)") % {**words, "note": note}
        elif speech.resumed:
            said = _("%(who)s resumed the statement (%(length)s)") % words
        elif speech.yielded_by:
            said = _("%(who)s spoke in the time yielded by %(by)s (%(length)s)") % {
                **words,
                "by": in_text(speech.yielded_by),
            }
        elif speech.list == "caucus":
            said = _("%(who)s made a statement in the moderated caucus (%(length)s)") % words
        else:
            said = _("%(who)s made a statement (%(length)s)") % words
        if speech.yielded == "chair":
            said = _("%(said)s and yielded the remaining time to the Chair") % {"said": said}
        elif speech.yielded == "questions" and speech.answering:
            said = _("%(said)s and yielded to points of information, answering them for %(answering)s") % {
                "said": said,
                "answering": clock(speech.answering),
            }
        elif speech.yielded == "questions":
            said = _("%(said)s and yielded to points of information") % {"said": said}
        elif speech.yielded == "delegation" and speech.yielded_to:
            said = _("%(said)s and yielded the remaining time to %(to)s") % {
                "said": said,
                "to": representative(speech.yielded_to),
            }
        if speech.said:
            paragraph.sentences[0] = sentence(said)  # a note written after the speech ended
        else:
            paragraph.sentences.insert(0, sentence(said))
        speech.said = True

    def _begin_speech(
        self, entry, sitting, name: str, which: str, given, resumed: bool = False, yielded_by: str = ""
    ) -> None:
        self.speech = Speech(entry.at, name, which, given, resumed=resumed, yielded_by=yielded_by)
        self.speech.paragraph = self._paragraph(sitting, entry)
        self.speech_sitting = sitting
        sitting.speeches.append(self.speech)

    def on_speech_next(self, entry, data, sitting):
        self._end_speech(data)
        if entry.subject_id:
            name, which = self._name(entry), data.get("list", "gsl")
            self._begin_speech(entry, sitting, name, which, data.get("given"), bool(data.get("resumed")))
            if data.get("speech"):
                self.statements[data["speech"]] = self.speech

    def on_speech_noted(self, entry, data, sitting):
        """The Board's note of what a delegation said: the statement's paragraph says it."""
        speech = self.statements.get(data.get("speech"))
        if speech is None:
            return
        speech.note = data.get("text", "")
        if speech.said:
            self._say_speech(speech)

    def on_speech_yield(self, entry, data, sitting):
        if data.get("to") == "questions":
            if self.speech is not None:
                self.speech.yielded = "questions"
                self.speech.before_questions = data.get("spoke")
            return
        which = self.speech.list if self.speech else "gsl"
        by = self.speech.delegation if self.speech else ""
        to = self._delegation(data["to_delegation"]) if data.get("to_delegation") else ""
        if self.speech is not None and data.get("to") == "delegation":
            self.speech.yielded_to = to
        self._end_speech({**data, "yielded": data.get("to")})
        if data.get("to") == "delegation" and to:
            self._begin_speech(entry, sitting, to, which, data.get("seconds"), yielded_by=by)
            if data.get("speech"):
                self.statements[data["speech"]] = self.speech

    def on_caucus_ended(self, entry, data, sitting):
        self._end_speech(data)

    # ---- points and motions --------------------------------------------------------------------

    def on_point_raised(self, entry, data, sitting):
        name = self._name(entry)
        point = Point(entry.at, name, POINTS.get(data.get("kind"), data.get("kind", "")), data.get("text", ""))
        raised = _("%(who)s raised %(point)s") % {
            "who": representative(name),
            "point": POINT_WORDS.get(data.get("kind"), _("a point")),
        }
        if point.text:
            raised = _("%(raised)s: %(text)s") % {"raised": raised, "text": quoted(point.text)}
        if data.get("kind") == "information" and self.speech is not None:
            raised = _("%(raised)s, to %(speaker)s") % {
                "raised": raised,
                "speaker": representative(self.speech.delegation),
            }
        point.paragraph = self._paragraph(sitting, entry, raised)
        sitting.points.append(point)
        self.points[data.get("point") or id(point)] = point
        self.figures[name].points += 1

    def on_point_answered(self, entry, data, sitting):
        if data.get("point") in self.points:
            point = self.points[data["point"]]
            point.outcome = _("answered")
            if point.paragraph is not None:
                point.paragraph.add(_("It was answered."))

    def on_point_ruled(self, entry, data, sitting):
        if data.get("point") in self.points:
            point = self.points[data["point"]]
            point.outcome = _("ruled out of order")
            if point.paragraph is not None:
                point.paragraph.add(_("The Chair ruled it out of order."))

    def on_motion_raised(self, entry, data, sitting):
        name = self._name(entry)
        motion = Motion(entry.at, name, data.get("text", data.get("kind", "")))
        motion.paragraph = self._paragraph(
            sitting, entry, _("%(who)s moved: %(motion)s") % {"who": representative(name), "motion": motion.text}
        )
        sitting.motions.append(motion)
        if data.get("motion"):
            self.motions[data["motion"]] = motion
        self.figures[name].motions += 1

    def _decided(self, motion_id, status: str, said: str = "", outcome: str = "") -> Motion | None:
        """The motion's fate: its `status` (passed, failed, granted, withdrawn...), the words of its
        row (`outcome`, else the status's) and the sentence its paragraph adds."""
        motion = self.motions.get(motion_id)
        if motion is not None:
            motion.status = status
            motion.outcome = outcome or str(MOTION_OUTCOMES.get(status, status))
            if said and motion.paragraph is not None:
                motion.paragraph.add(sentence(said))
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
            if other is not motion and not other.status:
                other.status, other.outcome = "fell", _("fell (another motion passed)")
                if other.paragraph is not None:
                    other.paragraph.add(_("The motion fell when another passed."))

    def on_motion_withdrawn(self, entry, data, sitting):
        self._decided(data.get("motion"), "withdrawn", _("the motion was withdrawn"))

    def on_motion_out_of_order(self, entry, data, sitting):
        reason = data.get("reason", "")
        if reason:
            said = _("the Chair ruled the motion out of order: %(reason)s") % {"reason": quoted(reason)}
        else:
            said = _("the Chair ruled the motion out of order")
        outcome = _("ruled out of order: %(reason)s") % {"reason": reason}
        self._decided(data.get("motion"), "out_of_order", said, outcome)

    def on_motion_refused(self, entry, data, sitting):
        self._decided(data.get("motion"), "refused", _("the Chair did not grant the motion"))

    def on_motion_granted(self, entry, data, sitting):
        self._carried(self._decided(data.get("motion"), "granted", _("the Chair granted the motion")), data)
        self._effect(data.get("kind"), data.get("outcome") or {}, self._name(entry))
