"""Motions put to the vote, on the committee's one vote machinery.

The chair puts the first motion in precedence to a procedural vote; the machinery takes the ballots
and closes it, then hands the result back here (`decide_motion`, this part's vote subject): a passed
motion takes effect and the motions below it fall; a failed one leaves the rest on the floor.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from committee.access import Actor
from committee.actions import Decision, Step, begin_vote, vote_opened_data
from committee.countries import country_name
from committee.errors import ActionError, LazyMessage
from committee.models import Committee, Vote
from committee.rules import PROCEDURAL
from debate.actions.base import DebateStep, debate_step, with_floor
from debate.actions.effects import Outcome
from debate.models import Motion
from debate.motion_set import debate_rules, describe_motion, in_precedence, motion_set
from debate.rules import VOTING

SUBJECT = "debate.motion"


def motion_title(motion: Motion) -> str:
    """What is voted on, as the vote's screens and the minutes name it (in the active language)."""
    return LazyMessage(
        gettext_noop("%(delegation)s: %(motion)s"),
        {
            "delegation": country_name(motion.delegation.name),
            "motion": describe_motion(motion.kind, motion.values),
        },
    )


def open_vote(committee: Committee, actor: Actor, method: str) -> Vote:
    """Put the first motion in precedence order to a procedural vote (yes or no, no abstentions)."""
    if method not in (Vote.Method.PHONES, Vote.Method.PLACARD):
        raise ActionError(gettext_lazy("Vote by phones or by placards."))
    with debate_step(committee, actor, board=True) as step:
        if Motion.objects.filter(committee=step.committee, status="voting").exists():
            raise ActionError(gettext_lazy("A vote is already open."))
        pending = in_precedence(
            Motion.objects.filter(committee=step.committee, status="pending").select_related("delegation"),
            step.debate,
        )
        if not pending:
            raise ActionError(gettext_lazy("No motion is on the floor."))
        motion = pending[0]
        rule = step.debate.motion(motion.kind)
        if rule.threshold is None:
            raise ActionError(
                LazyMessage(
                    gettext_noop("The chair decides on the first motion (%(rule)s): grant it or refuse it first."),
                    {"rule": rule.name.lower()},
                )
            )
        if not rule.below_quorum:
            step.require_quorum_to_open()
        vote = begin_vote(
            step,
            subject=SUBJECT,
            subject_id=motion.pk,
            title=lambda: motion_title(motion),
            question=PROCEDURAL,
            threshold=rule.threshold,
            method=method,
        )
        motion.status = Motion.Status.VOTING
        motion.vote = vote
        motion.save(update_fields=["status", "vote"])
        step.record(
            "vote.opened",
            changes={"committee.vote", "debate.motions"},
            subject=motion.delegation,  # its phone no longer offers to withdraw the motion
            data=vote_opened_data(vote, kind=motion.kind),
        )
        return vote


def decide_motion(step: Step, vote: Vote) -> Decision:
    """The result of a vote on a motion: it passes (and takes effect, the motions below it fall) or fails."""
    motion = Motion.objects.select_related("delegation").get(pk=vote.subject_id, committee=step.committee)
    now = timezone.now()
    motion.status = Motion.Status.PASSED if vote.passed else Motion.Status.FAILED
    motion.decided_at = now
    motion.save(update_fields=["status", "decided_at"])
    changes = {"debate.motions"}
    rule = debate_rules(step.committee.rules).motion(motion.kind)
    facts = {
        "motion": motion.pk,
        "kind": motion.kind,
        "mover": motion.delegation.name,
        "text": rule.describe(motion.values) if rule else motion.kind,
    }
    if vote.passed:
        changes |= carry_out(with_floor(step), motion, now, facts)
    return Decision(frozenset(changes), facts)


def carry_out(step: DebateStep, motion: Motion, now, facts: dict) -> set[str]:
    """A motion passed (by a vote, or granted by the chair) and takes effect (its rule names the effect).
    The motions below it fall, except in voting procedure, where the motions then in order (divide the
    question, a roll-call vote) do not compete. A speech on the floor goes on if the committee stays
    where it was (a paper introduced, a new speaking time); if the committee moves on (a caucus, a
    suspension, voting procedure), the speech ends with its seconds recorded and its speaker keeps its
    turn (DebateStep.interrupt_speech). `facts` gains what the minutes need; the changes it made."""
    phase = step.floor.phase
    facts["others_fell"] = phase != VOTING
    if facts["others_fell"]:
        Motion.objects.filter(committee=step.committee, status="pending").exclude(pk=motion.pk).update(
            status=Motion.Status.FALLEN, decided_at=now
        )
    rule = step.debate.motion(motion.kind)
    changes = {"debate.phase", "debate.speech", "debate.speakers", "debate.motions"}
    if rule is not None and rule.effect is not None:
        result = motion_set().effects[rule.effect](step, motion.values, now)
        if isinstance(result, Outcome):
            changes |= set(result.changes)
            facts["outcome"] = dict(result.facts)
        else:
            changes |= set(result or ())
    if step.floor.phase != phase:
        facts.update(step.interrupt_speech(now))
    step.floor.save()
    return changes
