"""Every change of the committee's floor: check the rules, write the state and the journal, broadcast.

Each action runs in one transaction that first locks the committee row, so two chairs' clicks (or a
double click) are applied one after the other against fresh state, never interleaved. The broadcast
goes out only after the commit: no screen ever shows a change that was rolled back.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from committee import live
from committee.access import Actor
from committee.models import Attendance, Committee, Delegation, JournalEntry, Sitting
from committee.rules import PROFILES, build_profile


class ActionError(Exception):
    """A refused action; the message says why, in words for the person who tried it."""


def lock_committee(committee: Committee | int) -> Committee:
    # select_for_update serialises actions on PostgreSQL; on SQLite the IMMEDIATE transaction does.
    pk = committee.pk if isinstance(committee, Committee) else committee
    return Committee.objects.select_for_update().get(pk=pk)


def require_board(actor: Actor) -> None:
    if not actor.is_board:
        raise ActionError("Only the Executive Board can do that.")


def record(
    committee: Committee,
    actor: Actor,
    kind: str,
    *,
    changes: Iterable[str],
    sitting: Sitting | None = None,
    delegation_ids: Iterable[int] = (),
    data: dict[str, Any] | None = None,
    after: Any = None,
) -> JournalEntry:
    """Bump the version, append the journal entry and schedule the broadcast for after the commit."""
    committee.version += 1
    committee.save(update_fields=["version"])
    entry = JournalEntry.objects.create(
        committee=committee,
        sitting=sitting,
        version=committee.version,
        kind=kind,
        actor=actor.label,
        user=actor.user if actor.user is not None else None,
        delegation=actor.delegation,
        data=data or {},
    )
    committee_id, changes, delegation_ids = committee.pk, tuple(changes), tuple(delegation_ids)

    def push() -> None:
        live.broadcast(committee_id, changes, delegation_ids)
        if after is not None:
            after()

    transaction.on_commit(push)
    return entry


def require_open_sitting(committee: Committee) -> Sitting:
    sitting = committee.open_sitting()
    if sitting is None:
        raise ActionError("No sitting is open: the committee is not in session.")
    return sitting


def delegation_of(committee: Committee, delegation_id: Any) -> Delegation:
    """The committee's delegation with this id (from a form or a message), or a refusal."""
    try:
        return committee.delegations.get(pk=int(delegation_id))
    except (TypeError, ValueError, Delegation.DoesNotExist) as error:
        raise ActionError("There is no such delegation in this committee.") from error


def open_sitting(committee: Committee, actor: Actor) -> Sitting:
    require_board(actor)
    with transaction.atomic():
        committee = lock_committee(committee)
        current = committee.open_sitting()
        if current is not None:
            raise ActionError(f"{current.title} is already open.")
        last = committee.sittings.order_by("-number").first()
        sitting = Sitting.objects.create(committee=committee, number=(last.number + 1) if last else 1)
        record(
            committee,
            actor,
            "sitting.opened",
            sitting=sitting,
            changes={"sitting"},
            delegation_ids=committee.delegations.values_list("pk", flat=True),
            data={"number": sitting.number},
        )
        return sitting


def close_sitting(committee: Committee, actor: Actor) -> Sitting:
    require_board(actor)
    with transaction.atomic():
        committee = lock_committee(committee)
        sitting = require_open_sitting(committee)
        sitting.closed_at = timezone.now()
        if sitting.roll_call_closed_at is None:
            sitting.roll_call_closed_at = sitting.closed_at
        sitting.save(update_fields=["closed_at", "roll_call_closed_at"])
        record(
            committee,
            actor,
            "sitting.closed",
            sitting=sitting,
            changes={"sitting"},
            delegation_ids=committee.delegations.values_list("pk", flat=True),
            data={"number": sitting.number},
        )
        return sitting


def close_roll_call(committee: Committee, actor: Actor) -> Sitting:
    """From now on, a delegation marked present is recorded as a late arrival."""
    require_board(actor)
    with transaction.atomic():
        committee = lock_committee(committee)
        sitting = require_open_sitting(committee)
        if sitting.roll_call_closed_at is not None:
            raise ActionError("The roll call of this sitting is already closed.")
        sitting.roll_call_closed_at = timezone.now()
        sitting.save(update_fields=["roll_call_closed_at"])
        record(
            committee,
            actor,
            "rollcall.closed",
            sitting=sitting,
            changes={"sitting"},
            data={"number": sitting.number},
        )
        return sitting


def mark_attendance(committee: Committee, actor: Actor, delegation_id: Any, status: str) -> Attendance:
    """Record a delegation's answer to the roll call (or a late arrival, or a departure)."""
    require_board(actor)
    if status not in Attendance.Status.values:
        raise ActionError("Answer with present, present and voting, or absent.")
    with transaction.atomic():
        committee = lock_committee(committee)
        sitting = require_open_sitting(committee)
        delegation = delegation_of(committee, delegation_id)
        attendance, created = Attendance.objects.get_or_create(sitting=sitting, delegation=delegation)
        was = attendance.status
        if not created and was == status:
            return attendance  # the same answer twice (a double click): nothing changes
        now = timezone.now()
        attendance.status = status
        attendance.updated_at = now
        attendance.arrival_note_at = None
        late = (
            status != Attendance.Status.ABSENT
            and was == Attendance.Status.ABSENT
            and sitting.roll_call_closed_at is not None
        )
        if late:
            attendance.arrived_late_at = now
        elif status == Attendance.Status.ABSENT:
            attendance.arrived_late_at = None
        attendance.save()
        record(
            committee,
            actor,
            "rollcall.marked",
            sitting=sitting,
            changes={"roll"},
            delegation_ids=[delegation.pk],
            data={"delegation": delegation.name, "status": status, "was": was, "late": late},
        )
        return attendance


def note_arrival(committee: Committee, actor: Actor) -> Attendance:
    """A delegation tells the chair from its phone that it has arrived (the late-arrival note)."""
    if actor.delegation is None:
        raise ActionError("Only a delegation can announce its own arrival.")
    with transaction.atomic():
        committee = lock_committee(committee)
        sitting = require_open_sitting(committee)
        delegation = delegation_of(committee, actor.delegation.pk)
        attendance, _ = Attendance.objects.get_or_create(sitting=sitting, delegation=delegation)
        if attendance.is_present:
            raise ActionError("The chair has already marked you present.")
        if attendance.arrival_note_at is not None:
            return attendance  # already sent: a second tap changes nothing
        attendance.arrival_note_at = timezone.now()
        attendance.save(update_fields=["arrival_note_at"])
        record(
            committee,
            actor,
            "rollcall.arrival_noted",
            sitting=sitting,
            changes={"roll"},
            delegation_ids=[delegation.pk],
            data={"delegation": delegation.name},
        )
        return attendance


def reissue_join_link(committee: Committee, actor: Actor, delegation_id: Any) -> Delegation:
    """Replace a delegation's join link (a lost phone): phones bound by the old link are signed out."""
    require_board(actor)
    with transaction.atomic():
        committee = lock_committee(committee)
        delegation = delegation_of(committee, delegation_id)
        delegation.join_token = Delegation._meta.get_field("join_token").get_default()
        delegation.token_issued_at = timezone.now()
        delegation.save(update_fields=["join_token", "token_issued_at"])
        committee_id, delegation_pk = committee.pk, delegation.pk
        record(
            committee,
            actor,
            "access.link_reissued",
            sitting=committee.open_sitting(),
            changes={"links"},
            delegation_ids=[delegation_pk],
            data={"delegation": delegation.name},
            after=lambda: live.revoke_phones(committee_id, delegation_pk),
        )
        return delegation


RULE_FIELDS = (
    "quorum_to_open",
    "quorum_to_vote",
    "simple_majority",
    "two_thirds",
    "observers_vote_procedural",
    "ngos_vote",
    "default_speaking_time",
    "timer_warnings",
)


def set_rules(committee: Committee, actor: Actor, profile_key: str, values: dict[str, Any]) -> Committee:
    """The chair picks the rules profile and changes any threshold or default, between sittings.

    `values` are the form's texts; only those that differ from the chosen profile are kept as the
    committee's own changes."""
    require_board(actor)
    if profile_key not in PROFILES:
        raise ActionError("Choose one of the rules profiles.")
    preset = PROFILES[profile_key]
    overrides: dict[str, Any] = {}
    for name in RULE_FIELDS:
        if name not in values:
            continue
        raw = values[name]
        if name in ("observers_vote_procedural", "ngos_vote"):
            value: Any = str(raw).lower() in {"1", "true", "on", "yes"}
        elif name == "default_speaking_time":
            try:
                value = int(str(raw).strip())
            except ValueError as error:
                raise ActionError("The default speaking time is a whole number of seconds.") from error
        else:
            value = str(raw).strip()
        overrides[name] = value
    try:
        profile = build_profile(profile_key, overrides)
    except ValidationError as error:
        raise ActionError(" ".join(error.messages)) from error
    # Keep only what differs from the preset, in the form the profile reads back.
    kept: dict[str, Any] = {}
    for name in overrides:
        mine, theirs = getattr(profile, name), getattr(preset, name)
        if mine != theirs:
            if name == "timer_warnings":
                kept[name] = f"{mine[0]},{mine[1]}"
            elif hasattr(mine, "to_text"):
                kept[name] = mine.to_text()
            else:
                kept[name] = mine
    with transaction.atomic():
        committee = lock_committee(committee)
        current = committee.open_sitting()
        if current is not None:
            raise ActionError(f"Change the rules between sittings: close {current.title} first.")
        committee.rules_profile = profile_key
        committee.rules_overrides = kept
        committee.save(update_fields=["rules_profile", "rules_overrides"])
        record(committee, actor, "rules.set", changes={"rules"}, data={"profile": profile_key, "overrides": kept})
        return committee
