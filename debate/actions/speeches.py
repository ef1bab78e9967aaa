"""Speeches: the chair calls the next speaker, runs the timers, and records the speaker's yield."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from committee.access import Actor
from committee.errors import ActionError, LazyMessage
from committee.models import Committee
from committee.times import format_seconds
from debate import rules
from debate.actions.base import DebateStep, debate_step, speech_facts
from debate.models import SpeakerEntry, Speech, Timer
from debate.rules import FORMAL, MODERATED, SUSPENDED, UNMODERATED
from debate.state import HEARD

MAX_EXTENSION = 600
NOBODY = 0  # `current` when the chair's screen showed nobody on the floor


def next_speaker(committee: Committee, actor: Actor, current: int | None = None) -> Speech | None:
    """End the current speech and call the first speaker of the current list (timer not yet running).

    `current` is the speech the chair's screen showed when the key was pressed (NOBODY for none): if
    the floor has moved on since (a double press), nothing happens a second time."""
    with debate_step(committee, actor, board=True) as step:
        floor = step.floor
        step.require_phase(FORMAL, MODERATED, doing=gettext_noop("call the next speaker"))
        step.require_quorum_to_open()
        if current is not None and current != (floor.speech_id or NOBODY):
            return floor.speech  # pressed twice: the first press already called the next speaker
        allowed = None
        if floor.phase == MODERATED and floor.caucus_speaking_time and floor.caucus_timer:
            allowed = rules.speakers(floor.caucus_timer.duration, floor.caucus_speaking_time)
        caucus_full = allowed is not None and floor.caucus_speeches >= allowed
        if caucus_full and floor.speech is None:
            raise ActionError(
                LazyMessage(
                    gettext_noop(
                        "All %(allowed)s speeches of this caucus have been given: end the caucus, or a motion can "
                        "extend it."
                    ),
                    {"allowed": allowed},
                )
            )
        which = step.current_list
        entry = None
        if not caucus_full:  # after the last speech of a caucus, nobody else is called
            entry = (
                SpeakerEntry.objects.filter(committee=step.committee, list=which, status="waiting")
                .select_related("delegation")
                .first()
            )
        if entry is None and floor.speech is None:
            raise ActionError(gettext_lazy("Nobody is on the list."))
        ended = step.end_speech(timezone.now())
        speech = None
        if entry is not None:
            entry.status = SpeakerEntry.Status.DONE
            entry.save(update_fields=["status"])
            general = floor.speaking_time or step.debate.profile.default_speaking_time
            seconds = floor.caucus_speaking_time if which == "caucus" else general
            # A speaker whose speech a motion cut short finishes it: the seconds it had left.
            seconds = entry.time_left or seconds or general
            timer = Timer.objects.create(committee=step.committee, duration=seconds)
            speech = Speech.objects.create(
                committee=step.committee, delegation=entry.delegation, list=which, timer=timer
            )
            floor.speech = speech
            if which == "caucus":
                floor.caucus_speeches += 1
        floor.caucus_ended = False
        floor.save()
        # The phones of the delegation recognised (the subject) and of the one whose speech ended.
        others = [ended.delegation_id] if ended and (not entry or ended.delegation_id != entry.delegation_id) else []
        step.record(
            "speech.next",
            changes={"debate.speech", "debate.speakers"},
            subject=entry.delegation if entry else None,
            delegations=others,
            data={
                "list": which,
                "speech": speech.pk if speech else None,
                "given": speech.timer.duration if speech else None,
                "resumed": bool(entry and entry.time_left),
                **speech_facts(ended),
            },
        )
        return speech


def _timer_of(step: DebateStep, which: str) -> Timer:
    floor = step.floor
    if which == "speech":
        if floor.speech is None:
            raise ActionError(gettext_lazy("Nobody has the floor: call the next speaker first."))
        return floor.speech.timer
    if which == "caucus":
        if floor.caucus_timer is None or floor.phase not in (MODERATED, UNMODERATED):
            raise ActionError(gettext_lazy("No caucus is running."))
        return floor.caucus_timer
    if which == "suspension":
        if floor.suspension_timer is None or floor.phase != SUSPENDED:
            raise ActionError(gettext_lazy("The meeting is not suspended."))
        return floor.suspension_timer
    raise ActionError(gettext_lazy("Which timer? The speech, the caucus or the suspension."))


TIMER_KINDS = {"start": "timer.start", "pause": "timer.pause", "extend": "timer.extend"}


def control_timer(committee: Committee, actor: Actor, which: str, operation: str, seconds: int | None = None) -> Timer:
    """start, pause, toggle, or extend (by `seconds`) the speech, caucus or suspension timer."""
    if operation not in {"start", "pause", "toggle", "extend"}:
        raise ActionError(gettext_lazy("A timer can be started, paused or extended."))
    with debate_step(committee, actor, board=True, sitting=False) as step:
        timer = _timer_of(step, which)
        now = timezone.now()
        if operation == "toggle":
            operation = "pause" if timer.running else "start"
        if operation == "start":
            if timer.running:
                return timer  # a double press: already running
            if timer.remaining_at(now) <= 0:
                raise ActionError(gettext_lazy("Time is up: add time or move on."))
            timer.start(now)
        elif operation == "pause":
            if not timer.running:
                return timer
            timer.pause(now)
        else:
            if seconds is None or not 1 <= seconds <= MAX_EXTENSION:
                raise ActionError(
                    LazyMessage(
                        gettext_noop("Extra time must be between %(format_seconds)s and %(max_extension)s."),
                        {"format_seconds": format_seconds(1), "max_extension": format_seconds(MAX_EXTENSION)},
                    )
                )
            timer.duration += seconds
        timer.save()
        step.record(
            TIMER_KINDS[operation],
            changes={"debate.timer"},
            data={"timer": which, "seconds": timer.duration, "remaining": round(timer.remaining_at(now), 1)},
        )
        return timer


def yield_speech(committee: Committee, actor: Actor, kind: str, to_delegation: int | None = None) -> Speech | None:
    """The speaker yields: to the chair (time ends), to another delegation (who speaks for the time
    left and may not yield again), or to questions (points of information; the chair runs the timer
    only while the speaker answers)."""
    with debate_step(committee, actor, board=True, sitting=False) as step:
        speech = step.floor.speech
        if speech is None:
            raise ActionError(gettext_lazy("Nobody has the floor, so nobody can yield."))
        if speech.yield_kind:
            raise ActionError(
                LazyMessage(
                    gettext_noop("%(name)s has already yielded %(get_yield_kind_display)s."),
                    {"name": speech.delegation.name, "get_yield_kind_display": speech.get_yield_kind_display()},
                )
            )
        if kind not in Speech.Yield.values:
            raise ActionError(gettext_lazy("Yield to the chair, to another delegation, or to questions."))
        if kind != Speech.Yield.CHAIR and step.floor.phase != FORMAL:
            raise ActionError(
                LazyMessage(
                    gettext_noop("Yields %(label)s are for the General Speakers' List."),
                    {"label": Speech.Yield(kind).label},
                )
            )
        return YIELDS[kind](step, speech, to_delegation)


def _to_chair(step: DebateStep, speech: Speech, to_delegation: int | None) -> None:
    speech.yield_kind = Speech.Yield.CHAIR
    speech.save(update_fields=["yield_kind"])
    step.end_speech(timezone.now())
    step.floor.save()
    step.record(
        "speech.yield",
        changes={"debate.speech"},
        subject=speech.delegation,
        data={"to": "chair", **speech_facts(speech)},
    )
    return None


def _may_yield_again(speech: Speech) -> None:
    if speech.yielded_from_id:
        raise ActionError(
            LazyMessage(
                gettext_noop(
                    "%(name)s was yielded the floor by %(name2)s and may not yield it again, except to the chair."
                ),
                {"name": speech.delegation.name, "name2": speech.yielded_from.delegation.name},
            )
        )


def _to_questions(step: DebateStep, speech: Speech, to_delegation: int | None) -> Speech:
    _may_yield_again(speech)
    if speech.timer.remaining_at(timezone.now()) < 1:
        raise ActionError(gettext_lazy("No time is left for questions: the speaker may yield to the chair."))
    speech.timer.pause(timezone.now())
    speech.timer.save()
    speech.yield_kind = Speech.Yield.QUESTIONS
    speech.save(update_fields=["yield_kind"])
    step.record(
        "speech.yield",
        changes={"debate.speech", "debate.points", "debate.questions"},
        subject=speech.delegation,
        data={"to": "questions", "spoke": round(speech.timer.elapsed, 1)},
    )
    return speech


def _to_delegation(step: DebateStep, speech: Speech, to_delegation: int | None) -> Speech:
    _may_yield_again(speech)
    target = step.delegation(to_delegation)
    if target.pk == speech.delegation_id:
        raise ActionError(gettext_lazy("A delegation cannot yield to itself."))
    step.require_present(target)
    now = timezone.now()
    left = int(speech.timer.remaining_at(now))
    if left < 1:
        raise ActionError(gettext_lazy("No time is left to yield."))
    speech.yield_kind = Speech.Yield.DELEGATION
    speech.yielded_to = target
    speech.save(update_fields=["yield_kind", "yielded_to"])
    step.end_speech(now)
    timer = Timer.objects.create(committee=step.committee, duration=left)
    new = Speech.objects.create(
        committee=step.committee, delegation=target, list=speech.list, timer=timer, yielded_from=speech
    )
    step.floor.speech = new
    step.floor.save()
    step.record(
        "speech.yield",
        changes={"debate.speech"},
        subject=speech.delegation,
        delegations=[target.pk],
        data={
            "to": "delegation",
            "to_delegation": target.pk,
            "seconds": left,
            "speech": new.pk,
            **speech_facts(speech),
        },
    )
    return new


YIELDS = {
    Speech.Yield.CHAIR: _to_chair,
    Speech.Yield.QUESTIONS: _to_questions,
    Speech.Yield.DELEGATION: _to_delegation,
}


def note_speech(committee: Committee, actor: Actor, text: str, speech: int | None = None) -> Speech:
    """The Board's one line of what a delegation said, kept for the summary record ("The
    representative of Germany said that …"). `speech`: the statement the chair's screen showed (the one
    on the floor, or the last one when nobody has it); written again, the note is replaced."""
    with debate_step(committee, actor, board=True) as step:
        text = " ".join(text.split())
        if not text:
            raise ActionError(gettext_lazy("Write the note first: one line of what the delegation said."), field="text")
        if speech:  # a statement of this sitting
            noted = Speech.objects.filter(
                pk=speech, committee=step.committee, started_at__gte=step.sitting.opened_at
            ).first()
        else:  # as the chair's screen says: the one on the floor, else the last one heard
            heard = HEARD(committee=step.committee.pk, sitting=step.sitting.pk)
            noted = step.floor.speech or (heard[-1] if heard else None)
        if noted is None:
            raise ActionError(gettext_lazy("No statement has been made in this sitting yet: there is nothing to note."))
        noted.note = text
        noted.save(update_fields=["note"])
        step.record(
            "speech.noted",
            changes={"debate.note"},
            subject=noted.delegation,
            data={"speech": noted.pk, "text": text},
        )
        return noted
