"""Motions: a delegation moves one (from its phone, or the chair enters it), withdraws it, or the chair
rules it out of order. Putting it to the vote is in votes.py; what it does when it passes, effects.py."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from committee.access import Actor
from committee.actions import require_board
from committee.countries import CountryName
from committee.errors import ActionError, LazyMessage, MidSentence
from committee.models import Committee
from debate import rules
from debate.actions.base import DebateStep, debate_step
from debate.models import Motion
from debate.motion_set import debate_rules, motion_set, unmet_condition
from debate.rules import MotionRule


def motion_rule(committee: Committee, kind: str) -> MotionRule:
    """The rule of a motion under the committee's profile, or a refusal."""
    rule = debate_rules(committee.rules).motion(kind) if isinstance(kind, str) else None
    if rule is None:
        raise ActionError(gettext_lazy("That motion is not in these rules of procedure."))
    return rule


def _require_in_order(step: DebateStep, rule: MotionRule) -> None:
    floor = step.floor
    if floor.phase not in rule.phases:
        raise ActionError(
            LazyMessage(
                gettext_noop("A motion to %(rule)s is not in order: the committee is %(phase)s."),
                {"rule": MidSentence(rule.name), "phase": rules.phase_state(floor.phase)},
            )
        )
    if step.speaking:
        raise ActionError(gettext_lazy("A motion may not interrupt a speaker: wait until the floor is open."))
    refusal = unmet_condition(rule, step)
    if refusal:
        raise ActionError(refusal)


def raise_motion(
    committee: Committee, actor: Actor, kind: str, values: dict, delegation_id: int | None = None
) -> Motion:
    """A delegation moves a motion; `values` are its fields (checked against its rule)."""
    rule = motion_rule(committee, kind)
    cleaned = rules.validate_fields(rule, values)
    with debate_step(committee, actor) as step:
        delegation = step.acting_for(delegation_id)
        step.require_present(delegation)
        if not rule.below_quorum:
            step.require_quorum_to_open()
        _require_in_order(step, rule)
        if rule.prepare is not None:
            cleaned = rule.prepare(step, cleaned)  # the owning app checks it and adds its labels
        if Motion.objects.filter(committee=step.committee, status="voting").exists():
            raise ActionError(gettext_lazy("A vote is under way: motions wait until it ends."))
        existing = Motion.objects.filter(
            committee=step.committee, kind=kind, delegation=delegation, status__in=["pending", "voting"]
        ).first()
        if existing is not None:
            if existing.values == cleaned:
                return existing  # sent twice: nothing changes
            raise ActionError(
                LazyMessage(
                    gettext_noop("%(name)s already has a motion to %(rule)s on the floor."),
                    {"name": CountryName(delegation.name), "rule": MidSentence(rule.name)},
                )
            )
        motion = Motion.objects.create(committee=step.committee, kind=kind, delegation=delegation, values=cleaned)
        step.record(
            "motion.raised",
            changes={"debate.motions"},
            subject=delegation,
            data={"motion": motion.pk, "kind": kind, "values": cleaned, "text": rule.describe(cleaned)},
        )
        return motion


def pending_motion(step: DebateStep, motion_id: int) -> Motion:
    motion = Motion.objects.select_related("delegation").filter(pk=motion_id, committee=step.committee).first()
    if motion is None:
        raise ActionError(gettext_lazy("There is no such motion."))
    if motion.status != Motion.Status.PENDING:
        raise ActionError(
            LazyMessage(
                gettext_noop("That motion is no longer on the floor (%(get_status_display)s)."),
                {"get_status_display": motion.get_status_display().lower()},
            )
        )
    return motion


def withdraw_motion(committee: Committee, actor: Actor, motion_id: int) -> Motion:
    with debate_step(committee, actor, sitting=False) as step:
        motion = pending_motion(step, motion_id)
        if actor.delegation is not None and actor.delegation.pk != motion.delegation_id:
            raise ActionError(gettext_lazy("Only the delegation that moved it can withdraw a motion."))
        if actor.delegation is None:
            require_board(actor)
        motion.status = Motion.Status.WITHDRAWN
        motion.decided_at = timezone.now()
        motion.save(update_fields=["status", "decided_at"])
        step.record(
            "motion.withdrawn",
            changes={"debate.motions"},
            subject=motion.delegation,
            data={"motion": motion.pk, "kind": motion.kind, "text": _text(step, motion)},
        )
        return motion


GRANT_KINDS = {True: "motion.granted", False: "motion.refused"}


def grant_motion(committee: Committee, actor: Actor, motion_id: int, granted: bool) -> Motion:
    """A motion the chair decides (introducing a draft, a roll-call vote): granted, it takes effect as a
    passed motion does; refused, it leaves the floor."""
    from debate.actions.votes import carry_out

    with debate_step(committee, actor, board=True) as step:
        motion = pending_motion(step, motion_id)
        rule = step.debate.motion(motion.kind)
        if rule is None or rule.threshold is not None:
            raise ActionError(gettext_lazy("That motion is put to the vote, not granted by the chair."))
        now = timezone.now()
        motion.status = Motion.Status.PASSED if granted else Motion.Status.FAILED
        motion.decided_at = now
        motion.save(update_fields=["status", "decided_at"])
        facts = {"motion": motion.pk, "kind": motion.kind, "text": rule.describe(motion.values)}
        changes = carry_out(step, motion, now, facts) if granted else {"debate.motions"}
        step.record(
            GRANT_KINDS[granted],
            changes=changes,
            subject=motion.delegation,
            data=facts,
        )
        return motion


def rule_out_of_order(committee: Committee, actor: Actor, motion_id: int, reason: str) -> Motion:
    reason = (reason or "").strip()
    if not reason:
        raise ActionError(
            gettext_lazy("Say why the motion is out of order (the delegates and the minutes need the reason).")
        )
    with debate_step(committee, actor, board=True, sitting=False) as step:
        motion = pending_motion(step, motion_id)
        motion.status = Motion.Status.OUT_OF_ORDER
        motion.reason = reason[:300]
        motion.decided_at = timezone.now()
        motion.save(update_fields=["status", "reason", "decided_at"])
        step.record(
            "motion.out_of_order",
            changes={"debate.motions"},
            subject=motion.delegation,
            data={"motion": motion.pk, "kind": motion.kind, "text": _text(step, motion), "reason": motion.reason},
        )
        return motion


def _text(step: DebateStep, motion: Motion) -> str:
    """The motion in words, as moved ("suspend the meeting for 10:00")."""
    rule = step.debate.motion(motion.kind) or motion_set().catalogue.get(motion.kind)
    return rule.describe(motion.values) if rule else motion.kind
