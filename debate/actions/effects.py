"""What the floor does when a motion passes, and the phases the chair ends by hand.

Each motion's rule names its effect (`MotionRule.effect`); EFFECTS maps the name to the small function
that changes the floor. The caller ends the speech on the floor before and saves the floor after.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_noop

from committee.access import Actor
from committee.actions import Step
from committee.models import Committee
from debate.actions.base import DebateStep, debate_step, speech_facts, with_floor
from debate.models import Floor, Motion, Point, SpeakerEntry, Timer
from debate.rules import ADJOURNED, FORMAL, MODERATED, SUSPENDED, UNMODERATED, VOTING


def _running_timer(step: DebateStep, seconds: int, now: datetime) -> Timer:
    timer = Timer.objects.create(committee=step.committee, duration=seconds)
    timer.start(now)
    timer.save()
    return timer


def _drop_caucus_list(step: DebateStep) -> None:
    SpeakerEntry.objects.filter(committee=step.committee, list="caucus", status="waiting").update(status="removed")


def _caucus(step: DebateStep, phase: str, seconds: int, now: datetime) -> None:
    floor = step.floor
    floor.caucus_timer = _running_timer(step, seconds, now)
    floor.caucus_kind = phase
    floor.phase = phase
    floor.caucus_ended = False


def moderated_caucus(step: DebateStep, values: dict, now: datetime) -> None:
    step.floor.caucus_topic = values["topic"]
    step.floor.caucus_speaking_time = values["speaking_time"]
    step.floor.caucus_speeches = 0
    _drop_caucus_list(step)
    _caucus(step, MODERATED, values["total"], now)


def unmoderated_caucus(step: DebateStep, values: dict, now: datetime) -> None:
    step.floor.caucus_topic = values["topic"]
    step.floor.caucus_speaking_time = None
    step.floor.caucus_speeches = 0
    _drop_caucus_list(step)
    _caucus(step, UNMODERATED, values["duration"], now)


def extend_caucus(step: DebateStep, values: dict, now: datetime) -> None:
    _caucus(step, MODERATED if step.floor.caucus_kind == MODERATED else UNMODERATED, values["duration"], now)


def suspend(step: DebateStep, values: dict, now: datetime) -> None:
    step.floor.suspension_timer = _running_timer(step, values["duration"], now)
    step.floor.phase = SUSPENDED


def adjourn(step: DebateStep, values: dict, now: datetime) -> None:
    step.floor.phase = ADJOURNED


def close_debate(step: DebateStep, values: dict, now: datetime) -> None:
    step.floor.phase = VOTING


def set_speaking_time(step: DebateStep, values: dict, now: datetime) -> None:
    step.floor.speaking_time = values["speaking_time"]


def open_speakers_list(step: DebateStep, values: dict, now: datetime) -> None:
    step.floor.gsl_open = True


def close_speakers_list(step: DebateStep, values: dict, now: datetime) -> None:
    step.floor.gsl_open = False


def set_agenda(step: DebateStep, values: dict, now: datetime) -> None:
    step.floor.agenda = values["topic"]


def overturn_ruling(step: DebateStep, values: dict, now: datetime) -> None:
    """The committee overturned the chair's ruling: the motion ruled out of order is back on the floor."""
    ruled = (
        Motion.objects.filter(committee=step.committee, status=Motion.Status.OUT_OF_ORDER)
        .order_by("-decided_at")
        .first()
    )
    if ruled is not None:
        ruled.status, ruled.decided_at = Motion.Status.PENDING, None
        ruled.save(update_fields=["status", "decided_at"])


# Each effect may return the changes it made beyond the floor's (a higher app's own changes).
@dataclass(frozen=True)
class Outcome:
    """What an effect may return instead of its changes alone: facts for the journal entry of the
    decision, which the minutes read (the symbol a draft was given, the parts of a divided question)."""

    changes: frozenset[str]
    facts: Mapping[str, Any] = field(default_factory=dict)


EFFECTS: dict[str, Callable[[DebateStep, dict, datetime], Iterable[str] | Outcome | None]] = {
    "moderated_caucus": moderated_caucus,
    "unmoderated_caucus": unmoderated_caucus,
    "extend_caucus": extend_caucus,
    "suspend": suspend,
    "adjourn": adjourn,
    "close_debate": close_debate,
    "set_speaking_time": set_speaking_time,
    "open_speakers_list": open_speakers_list,
    "close_speakers_list": close_speakers_list,
    "set_agenda": set_agenda,
    "overturn_ruling": overturn_ruling,
}


def close_the_floor(step: Step) -> set[str]:
    """The sitting closes (the committee's action asks every part): the speech on the floor ends (a
    speaker not yet begun keeps the turn for the next sitting), a caucus or a suspension ends, the
    motions and points left on the floor lapse, and the next sitting opens in formal debate."""
    debate = with_floor(step)
    now = timezone.now()
    debate.interrupt_speech(now)
    for timer in (debate.floor.caucus_timer, debate.floor.suspension_timer):
        if timer is not None and timer.running:
            timer.pause(now)
            timer.save()
    _drop_caucus_list(debate)
    debate.floor.phase = FORMAL
    debate.floor.caucus_ended = False
    debate.floor.save()
    Motion.objects.filter(committee=step.committee, status="pending").update(
        status=Motion.Status.FALLEN, decided_at=now
    )
    Point.objects.filter(committee=step.committee, status="raised").update(status=Point.Status.LAPSED, resolved_at=now)
    return {"debate.phase", "debate.speech", "debate.speakers", "debate.motions", "debate.points"}


def doors_closed(step: Step) -> str | None:
    """In voting procedure the doors are closed: the roll call does not change until it ends."""
    pk = step.committee.pk
    found = list(Floor.objects.filter(committee_id=pk).only("phase").order_by("pk")[:1])
    if found and found[0].phase == VOTING:
        return "The doors are closed: voting procedure has begun. The roll call changes again when it ends."
    return None


def end_caucus(committee: Committee, actor: Actor) -> Floor:
    """Back to formal debate when a caucus ends (its time is up, or the chair ends it early)."""
    with debate_step(committee, actor, board=True, sitting=False) as step:
        step.require_phase(MODERATED, UNMODERATED, doing=gettext_noop("end a caucus"))
        now = timezone.now()
        ended = step.end_speech(now)
        if step.floor.caucus_timer is not None:
            step.floor.caucus_timer.pause(now)
            step.floor.caucus_timer.save()
        _drop_caucus_list(step)
        step.floor.phase = FORMAL
        step.floor.caucus_ended = True
        step.floor.save()
        step.record(
            "caucus.ended",
            changes={"debate.phase", "debate.speech", "debate.speakers"},
            data={"topic": step.floor.caucus_topic, **speech_facts(ended)},
        )
        return step.floor


def resume(committee: Committee, actor: Actor) -> Floor:
    """Resume formal debate after a suspension (or an adjournment, at the next meeting)."""
    with debate_step(committee, actor, board=True, sitting=False) as step:
        step.require_phase(SUSPENDED, ADJOURNED, VOTING, doing=gettext_noop("resume debate"))
        if step.floor.suspension_timer is not None:
            step.floor.suspension_timer.pause(timezone.now())
            step.floor.suspension_timer.save()
        step.floor.phase = FORMAL
        step.floor.save()
        step.record("floor.resumed", changes={"debate.phase"})
        return step.floor
