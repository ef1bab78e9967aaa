"""The chair's undo of a motion that passed: granted by mistake, or carried by a vote closed too soon
(committee/actions/undo.py runs the undo; this takes the motion back).

The motion returns to the floor (pending, or being voted again), the motions that fell with it come
back, and its effect is taken back where the part that owns the effect knows how (a paper introduced
becomes a working paper again). An effect that moved the floor (a caucus, a suspension, voting
procedure) or has no undo stands: the chair is told so, and corrects it with a new motion.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy, gettext_noop

from committee.actions import Step
from committee.errors import ActionError, LazyMessage
from committee.models import JournalEntry, Vote
from debate.actions.base import with_floor
from debate.models import Motion
from debate.motion_set import debate_rules, motion_set


def _take_back(step: Step, motion: Motion, facts: dict) -> set[str]:
    """Undo a passed motion's effect and bring back the motions that fell with it."""
    changes = {"debate.motions"}
    rule = debate_rules(step.committee.rules).motion(motion.kind)
    if rule is not None and rule.effect is not None:
        undo = motion_set().undo_effects.get(rule.effect)
        if undo is None or facts.get("interrupted"):
            raise ActionError(
                LazyMessage(
                    gettext_noop(
                        "The motion to %(kind)s has taken effect on the floor: it cannot be undone. Correct it "
                        "with a new motion."
                    ),
                    {"kind": facts.get("text") or motion.kind},
                )
            )
        changes |= set(undo(with_floor(step), motion.values, facts.get("outcome") or {}))
    if facts.get("others_fell"):
        # They fell at the moment it passed (carry_out gives them its time).
        Motion.objects.filter(
            committee=step.committee, status=Motion.Status.FALLEN, decided_at=motion.decided_at
        ).update(status=Motion.Status.PENDING, decided_at=None)
    return changes


def take_back_grant(step: Step, entry: JournalEntry) -> set[str]:
    """A motion granted by mistake: back on the floor, pending, its effect undone."""
    motion = Motion.objects.filter(pk=entry.data.get("motion"), committee=step.committee).first()
    if motion is None or motion.status != Motion.Status.PASSED:
        raise ActionError(gettext_lazy("That motion is no longer granted: there is nothing to undo."))
    changes = _take_back(step, motion, entry.data)
    motion.status, motion.decided_at = Motion.Status.PENDING, None
    motion.save(update_fields=["status", "decided_at"])
    return changes


def take_back_decision(step: Step, vote: Vote, facts: dict) -> set[str]:
    """A vote on a motion reopened: the motion is being voted again; passed, its effect is undone."""
    motion = Motion.objects.get(pk=vote.subject_id, committee=step.committee)
    changes = _take_back(step, motion, facts) if motion.status == Motion.Status.PASSED else {"debate.motions"}
    motion.status, motion.decided_at = Motion.Status.VOTING, None
    motion.save(update_fields=["status", "decided_at"])
    return changes
