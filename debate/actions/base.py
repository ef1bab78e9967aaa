"""The debate's opening step, and the few facts of the floor every debate action reads.

`debate_step` is the committee's `floor_step` (who may, one transaction, the committee row locked)
with the floor row loaded and the debate's rules at hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from committee.access import Actor
from committee.actions import Step, floor_step
from committee.errors import ActionError
from committee.models import Committee
from debate import rules
from debate.models import Floor, SpeakerEntry, Speech
from debate.rules import MODERATED, DebateRules, debate_rules


@dataclass
class DebateStep(Step):
    floor: Floor | None = None
    debate: DebateRules | None = None

    def require_phase(self, *phases: str, doing: str) -> None:
        if self.floor.phase not in phases:
            allowed = " or ".join(rules.PHASES[p].lower() for p in phases)
            raise ActionError(
                f"You can {doing} only in {allowed}; the committee is in {self.floor.get_phase_display().lower()}."
            )

    def require_speakers_list(self) -> None:
        if not self.debate.has_speakers_list:
            raise ActionError(f"These rules ({self.debate.profile.name}) have no speakers' list.")

    @property
    def current_list(self) -> str:
        """The list speakers are added to and called from: the caucus's in a moderated caucus."""
        return SpeakerEntry.List.CAUCUS if self.floor.phase == MODERATED else SpeakerEntry.List.GSL

    @property
    def speaking(self) -> bool:
        """Someone has the floor with the clock running (a motion or a point may not interrupt)."""
        return self.floor.speech is not None and self.floor.speech.timer.running

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
        return speech


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
