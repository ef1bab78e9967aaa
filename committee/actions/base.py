"""The two steps every action of every app shares.

Opening (`floor_step`): who may do it, one transaction, the committee row locked, the open sitting
read fresh. Closing (`Step.record`): the version bumped, one journal entry of a declared kind, and
the broadcast scheduled for after the commit. Two chairs' clicks (or a double click) are applied one
after the other against fresh state, never interleaved; no screen ever shows a change that was rolled
back; and a broadcast that fails after the commit is logged and healed by the next resync, never
reported as a refused action.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from committee.access import DELEGATION, Actor
from committee.compiled import Compiled
from committee.contract import PARTS
from committee.countries import CountryName
from committee.errors import ActionError, AlreadyDone, LazyMessage
from committee.live.broadcast import broadcast, report_failure
from committee.live.merged import broadcast_merged
from committee.models import Attendance, Committee, Delegation, JournalEntry, Sitting, current_sitting
from committee.presses import request_id
from committee.rules import Threshold
from committee.writers import WRITERS

log = logging.getLogger(__name__)


# What every action reads first, compiled once (committee/compiled.py).
LOCKED = Compiled(
    "the committee, locked", Committee, lambda committee: Committee.objects.select_for_update().filter(pk=committee)
)


def lock_committee(committee: Committee | int) -> Committee:
    # select_for_update serialises actions on PostgreSQL; on SQLite the IMMEDIATE transaction does.
    pk = committee.pk if isinstance(committee, Committee) else committee
    committee = LOCKED.first(committee=pk)
    if committee is None:
        raise Committee.DoesNotExist(f"No committee {pk}.")
    return committee


def require_board(actor: Actor) -> None:
    if not actor.is_board:
        raise ActionError(gettext_lazy("Only the Executive Board can do that."))


@dataclass
class Step:
    """One action under way: the locked committee, who acts, the sitting open when it began."""

    committee: Committee
    actor: Actor
    sitting: Sitting | None
    entry: JournalEntry | None = None
    # False where several steps share one transaction and the committee row (the ballot box): the
    # version is bumped in memory by each, and written once by the caller before the commit.
    saves_version: bool = True
    # Where several steps share one transaction (the ballot box): their journal entries are gathered
    # here and written together by the caller before the commit, not one INSERT each; such a step's
    # ballots are written together by its caller too (actions/votes.py, take_ballot).
    journal: list[JournalEntry] | None = None
    # What the action's helpers changed along the way besides what it records itself (a speech taking
    # questions ended by the next speaker): added to the changes of its journal entry.
    also_changed: set[str] = field(default_factory=set)

    def require_sitting(self) -> Sitting:
        if self.sitting is None:
            raise ActionError(gettext_lazy("No sitting is open: the committee is not in session."))
        return self.sitting

    def delegation(self, delegation_id: int | None) -> Delegation:
        """The committee's delegation with this id, or a refusal."""
        delegation = None
        if delegation_id:
            delegation = DELEGATION.first(committee=self.committee.pk, delegation=delegation_id)
            if delegation is not None:
                delegation.committee = self.committee
        if delegation is None:
            raise ActionError(gettext_lazy("There is no such delegation in this committee."))
        return delegation

    def acting_for(self, delegation_id: int | None) -> Delegation:
        """The delegation an action is for: a phone acts for its own; the chair names one."""
        if self.actor.delegation is not None:
            return self.actor.delegation
        require_board(self.actor)
        return self.delegation(delegation_id)

    def is_present(self, delegation: Delegation) -> bool:
        return (
            self.sitting is not None
            and Attendance.objects.present().filter(sitting=self.sitting, delegation=delegation).exists()
        )

    def members_present(self) -> tuple[int, int]:
        """(members present, members): what every quorum is counted on (observers and NGOs never
        make a quorum)."""
        members = self.committee.delegations.filter(kind=Delegation.Kind.MEMBER)
        present = 0
        if self.sitting is not None:
            present = Attendance.objects.present().filter(sitting=self.sitting, delegation__in=members).count()
        return present, members.count()

    def require_quorum(self, threshold: Threshold, doing: str, otherwise: str) -> None:
        present, members = self.members_present()
        needed = threshold.needed(members)
        if members == 0 or present < needed:
            raise ActionError(
                LazyMessage(
                    gettext_noop(
                        "No quorum %(doing)s: %(present)s of %(members)s members are present, %(needed)s needed. "
                        "%(otherwise)s"
                    ),
                    {"doing": doing, "present": present, "members": members, "needed": needed, "otherwise": otherwise},
                )
            )

    def require_present(self, delegation: Delegation, message: str | LazyMessage | None = None) -> None:
        if not self.is_present(delegation):
            raise ActionError(
                message
                or LazyMessage(gettext_noop("%(name)s is not marked present."), {"name": CountryName(delegation.name)})
            )

    def record(
        self,
        kind: str,
        *,
        changes: Iterable[str],
        subject: Delegation | None = None,
        delegations: Iterable[int] = (),
        data: dict[str, Any] | None = None,
        after: Callable[[], None] | None = None,
    ) -> JournalEntry:
        """Bump the version, append the journal entry and schedule the broadcast for after the commit.

        `subject` is the delegation the entry is about (its phones are sent their own regions too);
        `delegations` are others whose own regions change."""
        declared = PARTS.journal_kind(kind)
        if declared is None:
            raise ImproperlyConfigured(f"Journal kind {kind!r} is not declared by any floor part.")
        if self.entry is not None:
            raise ImproperlyConfigured("One action writes one journal entry.")
        changes = tuple(PARTS.check_changes({*changes, *self.also_changed}))
        data = dict(data or {})
        refusal = declared.refusal(data)
        if refusal:
            raise ImproperlyConfigured(f"An action wrote a fact the minutes cannot read: {refusal}.")
        if subject is not None:
            delegations = (subject.pk, *delegations)
        committee = self.committee
        committee.version += 1
        if self.saves_version:
            committee.save(update_fields=["version"])
        self.entry = JournalEntry(
            committee=committee,
            sitting=self.sitting,
            version=committee.version,
            kind=kind,
            actor=self.actor.label[:160],  # the column's size (a long full name is cut, not refused)
            user=self.actor.user,
            delegation=self.actor.delegation,
            subject=subject,
            data=data,
            request=request_id.get(),
        )
        if self.journal is None:
            self.entry.save(force_insert=True)
        else:
            self.journal.append(self.entry)
        committee_id, delegation_ids, version = committee.pk, tuple(delegations), committee.version

        send = broadcast_merged if PARTS.merged(changes) and after is None else broadcast

        def push() -> None:
            try:
                send(committee_id, changes, delegation_ids, change=version)
                if after is not None:
                    after()
            except Exception:
                if settings.LIVE["BROADCAST_FAILURES"] == "raise":
                    raise
                log.exception(
                    "the broadcast of v%s (%s) failed; the screens catch up at their next resync", version, kind
                )
                report_failure()

        transaction.on_commit(push)
        return self.entry


@contextmanager
def floor_step(committee: Committee, actor: Actor, *, board: bool = False, sitting: bool = True) -> Iterator[Step]:
    """Open an action: `board` for the Executive Board only, `sitting` when it needs a sitting open."""
    if board:
        require_board(actor)
    pk = committee.pk if isinstance(committee, Committee) else committee
    with WRITERS.turn(pk), transaction.atomic():
        locked = lock_committee(committee)
        pressed = request_id.get()
        if pressed:
            # Under the committee's lock: two copies of one press can never both pass here.
            done = JournalEntry.objects.filter(committee=locked, request=pressed).values_list("at", flat=True).first()
            if done is not None:
                raise AlreadyDone(timezone.localtime(done))
        step = Step(locked, actor, current_sitting(locked))
        if sitting:
            step.require_sitting()
        yield step
