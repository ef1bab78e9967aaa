"""The debate's opening step, and the few facts of the floor every debate action reads.

`debate_step` is the committee's `floor_step` (who may, one transaction, the committee row locked)
with the floor row loaded and the debate's rules at hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.utils.translation import gettext_noop

from committee.access import Actor
from committee.actions import Step, floor_step
from committee.errors import ActionError, LazyMessage
from committee.models import Committee
from debate import rules
from debate.models import Floor, Motion, SpeakerEntry, Speech
from debate.motion_set import DebateRules, debate_rules
from debate.rules import MODERATED

WAITING = ("requested", "waiting")


@dataclass
class DebateStep(Step):
    floor: Floor | None = None
    debate: DebateRules | None = None

    def require_phase(self, *phases: str, doing: str) -> None:
        """`doing` is marked for the catalogues (gettext_noop) and worded when the refusal is shown."""
        if self.floor.phase not in phases:
            raise ActionError(
                LazyMessage(
                    gettext_noop("You can %(doing)s only %(allowed)s; the committee is %(phase)s."),
                    {
                        "doing": LazyMessage(doing, {}),
                        "allowed": rules.phase_state(*phases),
                        "phase": rules.phase_state(self.floor.phase),
                    },
                )
            )

    def require_speakers_list(self) -> None:
        if not self.debate.has_speakers_list:
            raise ActionError(
                LazyMessage(
                    gettext_noop("These rules (%(profile)s) have no speakers' list."),
                    {"profile": self.debate.profile.name},
                )
            )

    @cached_property
    def last_decided(self) -> Motion | None:
        """The motion decided last in this sitting (passed, failed or ruled out of order)."""
        if self.sitting is None:
            return None
        return (
            Motion.objects.filter(
                committee=self.committee,
                status__in=["passed", "failed", "out_of_order"],
                decided_at__gte=self.sitting.opened_at,
            )
            .order_by("-decided_at")
            .first()
        )

    @property
    def current_list(self) -> str:
        """The list speakers are added to and called from: the caucus's in a moderated caucus."""
        return SpeakerEntry.List.CAUCUS if self.floor.phase == MODERATED else SpeakerEntry.List.GSL

    @property
    def speaking(self) -> bool:
        """Someone has the floor with the clock running (a motion or a point may not interrupt)."""
        return self.floor.speech is not None and self.floor.speech.timer.running

    def require_quorum_to_open(self) -> None:
        """Below the quorum to open, the chair may take the roll call and suspend; debate does not open."""
        self.require_quorum(
            self.debate.profile.quorum_to_open,
            "to open debate",
            "Take the roll call, or suspend the meeting.",
        )

    def interrupt_speech(self, now: datetime) -> dict:
        """The floor is taken from the speech on it (the committee moved on: a caucus, a suspension,
        voting procedure; or the sitting closed). Its speaker does not lose its turn: called but not
        begun, it is back at the head of its list as if never called; having spoken on the General
        Speakers' List with time left, it is back at the head of the list for the seconds left. Returns
        the facts for the journal: the speech that ended (its seconds spoken) and who is back on the list."""
        speech = self.floor.speech
        if speech is None:
            return {}
        name = speech.delegation.name
        if not (speech.timer.running or speech.timer.elapsed > 0 or speech.yielded_from_id):
            self._back_at_the_head(speech, time_left=None)
            if speech.list == SpeakerEntry.List.CAUCUS and self.floor.caucus_speeches:
                self.floor.caucus_speeches -= 1
            self.floor.speech = None
            timer = speech.timer
            speech.delete()
            timer.delete()
            return {"returned": name}
        self.end_speech(now)
        facts = {"interrupted": speech_facts(speech)}
        left = int(speech.timer.remaining_at(now))
        if speech.list == SpeakerEntry.List.GSL and not speech.yielded_from_id and left >= 1:
            self._back_at_the_head(speech, time_left=left)
            facts["returned"] = name
        return facts

    def _back_at_the_head(self, speech: Speech, time_left: int | None) -> None:
        """The speaker of `speech` first on its list again; a place it asked for meanwhile gives way."""
        others = []
        for entry in SpeakerEntry.objects.filter(committee=self.committee, list=speech.list, status__in=WAITING):
            if entry.delegation_id == speech.delegation_id:
                entry.status = SpeakerEntry.Status.REMOVED
                entry.save(update_fields=["status"])
            elif entry.status == SpeakerEntry.Status.WAITING:
                others.append(entry)
        turn = (
            SpeakerEntry.objects.filter(
                committee=self.committee, list=speech.list, delegation=speech.delegation, status="done"
            )
            .order_by("-id")
            .first()
        ) or SpeakerEntry(committee=self.committee, list=speech.list, delegation=speech.delegation)
        turn.status, turn.time_left = SpeakerEntry.Status.WAITING, time_left
        for position, entry in enumerate([turn, *others], start=1):
            entry.position = position
            entry.save()

    def end_speech(self, now: datetime) -> Speech | None:
        """The speech on the floor ends now (its timer stops); the floor is free."""
        speech = self.floor.speech
        if speech is None:
            return None
        speech.timer.pause(now)
        speech.timer.save()
        speech.ended_at = now
        speech.save(update_fields=["ended_at"])
        self.floor.speech = None
        if speech.yield_kind == Speech.Yield.QUESTIONS:  # every phone drops its question form
            self.also_changed.add("debate.questions")
        return speech


def speech_facts(speech: Speech | None) -> dict:
    """What the journal keeps of a speech that ended: who, how long of how long, how it yielded."""
    if speech is None:
        return {}
    return {
        "ended": speech.delegation_id,
        "spoke": round(speech.timer.elapsed, 1),
        "allotted": speech.timer.duration,
        "yielded": speech.yield_kind or None,
    }


def with_floor(step: Step) -> DebateStep:
    """The debate's view of a step already under way (the floor row read inside its transaction)."""
    floor, _ = Floor.objects.select_related(
        "speech__timer", "speech__delegation", "caucus_timer", "suspension_timer"
    ).get_or_create(committee=step.committee)
    return DebateStep(
        committee=step.committee,
        actor=step.actor,
        sitting=step.sitting,
        floor=floor,
        debate=debate_rules(step.committee.rules),
    )


@contextmanager
def debate_step(
    committee: Committee, actor: Actor, *, board: bool = False, sitting: bool = True
) -> Iterator[DebateStep]:
    with floor_step(committee, actor, board=board, sitting=sitting) as step:
        yield with_floor(step)
