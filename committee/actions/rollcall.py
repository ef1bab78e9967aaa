"""The roll call: the chair's answers for each delegation, and a phone's note that it has arrived."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from committee.access import Actor
from committee.actions.base import Step, floor_step
from committee.contract import PARTS
from committee.countries import CountryName
from committee.errors import ActionError, LazyMessage
from committee.models import Attendance, Committee, Delegation, JournalEntry


def _require_doors_open(step: Step) -> None:
    """Once voting procedure has begun the doors close: no roll changes until it ends."""
    refusal = PARTS.roll_call_refusal(step)
    if refusal:
        raise ActionError(refusal)


def mark_attendance(committee: Committee, actor: Actor, delegation_id: int, status: str) -> Attendance:
    """Record a delegation's answer to the roll call (or a late arrival, or a departure)."""
    if status not in Attendance.Status.values:
        raise ActionError(gettext_lazy("Answer with present, present and voting, or absent."))
    with floor_step(committee, actor, board=True) as step:
        _require_doors_open(step)
        sitting = step.sitting
        delegation = step.delegation(delegation_id)
        attendance, created = Attendance.objects.get_or_create(sitting=sitting, delegation=delegation)
        was = attendance.status
        if not created and was == status:
            return attendance  # the same answer twice (a double click): nothing changes
        now = timezone.now()
        attendance.status = status
        attendance.updated_at = now
        attendance.arrival_note_at = None
        # A late arrival: present for the first time after the roll call closed. One that answered the
        # roll call, or arrived late already, and is marked present again after an absence (or a
        # mistaken "absent") is back, not late.
        late = (
            Attendance.counts_as_present(status)
            and not Attendance.counts_as_present(was)
            and sitting.roll_call_closed_at is not None
            and attendance.arrived_late_at is None
            and not _present_at_the_roll_call(step, delegation)
        )
        if late:
            attendance.arrived_late_at = now
        attendance.save()
        step.record(
            "rollcall.marked",
            changes={"committee.roll"},
            subject=delegation,
            data={"status": status, "was": was, "late": late},
        )
        return attendance


def _present_at_the_roll_call(step: Step, delegation) -> bool:
    """Whether the delegation's last answer before the roll call closed was present (the journal
    keeps each answer)."""
    answer = (
        JournalEntry.objects.filter(
            sitting=step.sitting,
            kind="rollcall.marked",
            subject=delegation,
            at__lte=step.sitting.roll_call_closed_at,
        )
        .order_by("-version")
        .first()
    )
    return answer is not None and Attendance.counts_as_present(answer.data.get("status"))


def note_arrival(committee: Committee, actor: Actor) -> Attendance:
    """A delegation tells the chair from its phone that it has arrived (the late-arrival note)."""
    if actor.delegation is None:
        raise ActionError(gettext_lazy("Only a delegation can announce its own arrival."))
    with floor_step(committee, actor) as step:
        _require_doors_open(step)
        delegation = step.delegation(actor.delegation.pk)
        attendance, _created = Attendance.objects.get_or_create(sitting=step.sitting, delegation=delegation)
        if attendance.is_present:
            raise ActionError(gettext_lazy("The chair has already marked you present."))
        if attendance.arrival_note_at is not None:
            return attendance  # already sent: a second tap changes nothing
        attendance.arrival_note_at = timezone.now()
        attendance.save(update_fields=["arrival_note_at"])
        step.record(
            "rollcall.arrival_noted",
            changes={"committee.roll"},
            subject=delegation,
        )
        return attendance


def mark_party_to_dispute(committee: Committee, actor: Actor, delegation_id: int, party: bool) -> Delegation:
    """The Security Council's president marks a member a party to the dispute before the Council (or no
    longer one): it abstains in the decisions on substance opened from now on (Charter, Article 27(3))."""
    with floor_step(committee, actor, board=True, sitting=False) as step:
        if not step.committee.rules.parties_to_dispute_abstain:
            raise ActionError(gettext_lazy("Only the Security Council's rules have parties to a dispute abstain."))
        delegation = step.delegation(delegation_id)
        if delegation.kind != Delegation.Kind.MEMBER:
            raise ActionError(
                LazyMessage(
                    gettext_noop("%(name)s is not a member of the Council: it has no vote to abstain with."),
                    {"name": CountryName(delegation.name)},
                )
            )
        if delegation.party_to_dispute == party:
            return delegation  # the same mark twice (a double click): nothing changes
        delegation.party_to_dispute = party
        delegation.save(update_fields=["party_to_dispute"])
        step.record("rollcall.party", changes={"committee.roll"}, subject=delegation, data={"party": party})
        return delegation
