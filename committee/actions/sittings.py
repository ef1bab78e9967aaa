"""Sittings: the chair opens one (Session I, II, ...), closes its roll call, and closes it."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from committee.access import Actor
from committee.actions.base import floor_step
from committee.contract import PARTS
from committee.errors import ActionError, LazyMessage
from committee.models import Attendance, Committee, Sitting


def open_sitting(committee: Committee, actor: Actor) -> Sitting:
    with floor_step(committee, actor, board=True, sitting=False) as step:
        if step.sitting is not None:
            raise ActionError(
                LazyMessage(gettext_noop("%(sitting)s is already open."), {"sitting": step.sitting.title})
            )
        last = step.committee.sittings.order_by("-number").first()
        step.sitting = Sitting.objects.create(committee=step.committee, number=(last.number + 1) if last else 1)
        committee = step.committee
        board = [
            f"{role.get_role_display()}: {role.user.get_full_name() or role.user.get_username()}"
            + (f" ({role.affiliation})" if role.affiliation else "")
            for role in committee.board.select_related("user").order_by("role", "id")
        ]
        step.record(
            "sitting.opened",
            changes={"committee.sitting"},
            data={
                "number": step.sitting.number,
                "title": step.sitting.title,
                "agenda": committee.agenda,
                "venue": committee.venue,
                "board": board,
            },
        )
        return step.sitting


def close_sitting(committee: Committee, actor: Actor) -> Sitting:
    """The sitting ends: what was on the floor (a speech, a caucus, motions not voted) goes with it,
    so the next sitting opens on a clear floor."""
    with floor_step(committee, actor, board=True) as step:
        if step.committee.votes.filter(closed_at__isnull=True).exists():
            raise ActionError(gettext_lazy("A vote is open: close it before closing the sitting."))
        sitting = step.sitting
        sitting.closed_at = timezone.now()
        if sitting.roll_call_closed_at is None:
            sitting.roll_call_closed_at = sitting.closed_at
        sitting.save(update_fields=["closed_at", "roll_call_closed_at"])
        changes = {"committee.sitting", *PARTS.sitting_closed(step)}
        step.record("sitting.closed", changes=changes, data={"number": sitting.number, "title": sitting.title})
        return sitting


def close_roll_call(committee: Committee, actor: Actor) -> Sitting:
    """From now on, a delegation marked present is recorded as a late arrival."""
    with floor_step(committee, actor, board=True) as step:
        sitting = step.sitting
        if sitting.roll_call_closed_at is not None:
            raise ActionError(gettext_lazy("The roll call of this sitting is already closed."))
        sitting.roll_call_closed_at = timezone.now()
        sitting.save(update_fields=["roll_call_closed_at"])
        # The roll call as it stood, for the minutes: who answered present, the quorum, who did not.
        present = set(Attendance.objects.present().filter(sitting=sitting).values_list("delegation_id", flat=True))
        delegations = list(step.committee.delegations.values_list("pk", "name", "kind"))
        members = [pk for pk, _, kind in delegations if kind == "member"]
        members_present = len(present.intersection(members))
        needed = step.committee.rules.quorum_to_open.needed(len(members))
        step.record(
            "rollcall.closed",
            changes={"committee.sitting"},
            data={
                "number": sitting.number,
                "title": sitting.title,
                "present": len(present),
                "members_present": members_present,
                "members": len(members),
                "quorum_needed": needed,
                "quorum": members_present >= needed and bool(members),
                "absent": sorted(name for pk, name, _ in delegations if pk not in present),
            },
        )
        return sitting
