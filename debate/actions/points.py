"""Points: a digital placard raised from a phone (or entered by the chair), and the chair's answer."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy

from committee.access import Actor
from committee.errors import ActionError
from committee.models import Committee
from debate import rules
from debate.actions.base import DebateStep, debate_step
from debate.models import Point, Speech


def _refusal(step: DebateStep, kind: str, delegation_id: int, text: str) -> str | None:
    """Why this point is not in order now (procedure.md, Points), or None."""
    if kind not in rules.points_in_order(step.floor.phase, [kind]):
        return (
            "In voting procedure only a point of order (on the conduct of the vote) or of personal "
            "privilege may be raised: the doors are closed."
        )
    if kind == Point.Kind.INFORMATION:
        speech = step.floor.speech
        if speech is None or speech.yield_kind != Speech.Yield.QUESTIONS:
            return "Points of information are in order only when the speaker has yielded to questions."
        if speech.delegation_id == delegation_id:
            return "The speaker cannot ask itself a question."
    elif kind == Point.Kind.PARLIAMENTARY_INQUIRY and step.speaking:
        return "A point of parliamentary inquiry may not interrupt a speaker: wait until the floor is open."
    elif kind == Point.Kind.ORDER and step.speaking:
        return "A point of order may not interrupt a speaker: raise it when the speech ends."
    elif kind == Point.Kind.RIGHT_OF_REPLY and not text:
        return "A right of reply is asked in writing: say which remark impugned your national integrity."
    return None


def raise_point(
    committee: Committee, actor: Actor, kind: str, text: str = "", delegation_id: int | None = None
) -> Point:
    """A point raised from a phone, or entered by the chair for a delegation."""
    if kind not in Point.Kind.values:
        raise ActionError(
            gettext_lazy(
                "Raise a point of personal privilege, order, parliamentary inquiry, information, or ask "
                "for a right of reply."
            )
        )
    text = (text or "").strip()
    if len(text) > 300:
        raise ActionError(gettext_lazy("Keep it short: 300 characters at most."))
    with debate_step(committee, actor) as step:
        delegation = step.acting_for(delegation_id)
        step.require_present(delegation)
        if step.floor.phase == rules.ADJOURNED:
            raise ActionError(gettext_lazy("The committee is adjourned."))
        refusal = _refusal(step, kind, delegation.pk, text)
        if refusal:
            raise ActionError(refusal)
        existing = Point.objects.filter(
            committee=step.committee, kind=kind, delegation=delegation, status="raised"
        ).first()
        if existing is not None:
            return existing  # the same placard twice: nothing changes
        point = Point.objects.create(committee=step.committee, kind=kind, delegation=delegation, text=text)
        step.record(
            "point.raised",
            changes={"debate.points"},
            subject=delegation,
            data={"point": point.pk, "kind": kind, "text": text},
        )
        return point


OUTCOMES = {"answered": Point.Status.ANSWERED, "ruled": Point.Status.RULED}
OUTCOME_KINDS = {"answered": "point.answered", "ruled": "point.ruled"}


def resolve_point(committee: Committee, actor: Actor, point_id: int, outcome: str) -> Point:
    """The chair answers a point (or grants it), or rules it out of order; it leaves the floor."""
    if outcome not in OUTCOMES:
        raise ActionError(gettext_lazy("Answer the point or rule it out of order."))
    with debate_step(committee, actor, board=True, sitting=False) as step:
        point = Point.objects.select_related("delegation").filter(pk=point_id, committee=step.committee).first()
        if point is None:
            raise ActionError(gettext_lazy("There is no such point."))
        if point.status != Point.Status.RAISED:
            raise ActionError(gettext_lazy("That point has already left the floor."))
        point.status = OUTCOMES[outcome]
        point.resolved_at = timezone.now()
        point.save(update_fields=["status", "resolved_at"])
        step.record(
            OUTCOME_KINDS[outcome],
            changes={"debate.points"},
            subject=point.delegation,
            data={"point": point.pk, "kind": point.kind},
        )
        return point
