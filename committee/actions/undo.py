"""The chair's undo: the last action of the floor taken back, as a correction the journal keeps.

Only the last entry of the journal can be undone, for a minute after it was written: once anything
came after it, something may depend on it, and a correction is a new action instead. The part that
declared the entry's kind takes it back (its floor part's `undo`); the correction is journalled as
"undo.done", naming what was undone, so every screen and the minutes show a correction, never a
silent rewrite. The journal itself is append-only: the entry undone stays, and the correction follows.

Undone here: a roll-call answer (a mistaken A), and a vote closed too soon (it opens again with its
ballots; the decision is taken back by the part whose question it was).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from committee.access import Actor
from committee.actions.base import Step, floor_step
from committee.actions.rollcall import _require_doors_open
from committee.contract import PARTS
from committee.errors import ActionError, LazyMessage
from committee.journal import entry_sentence
from committee.models import Attendance, Committee, JournalEntry, Vote
from committee.state import UNDO_WINDOW


def undo_last(committee: Committee, actor: Actor, version: int | None = None) -> JournalEntry:
    """Take back the last action (the one the chair's button named, `version`, if given)."""
    with floor_step(committee, actor, board=True, sitting=False) as step:
        last = JournalEntry.objects.filter(committee=step.committee).order_by("-version").first()
        if last is None:
            raise ActionError(gettext_lazy("Nothing has been done yet: there is nothing to undo."))
        what = entry_sentence(last, PARTS.journal_kinds)
        if version is not None and last.version != version:
            raise ActionError(
                LazyMessage(
                    gettext_noop("Something was done since: only the last action can be undone (%(what)s)"),
                    {"what": what},
                )
            )
        take_back = PARTS.undoer(last.kind)
        if take_back is None:
            raise ActionError(
                LazyMessage(
                    gettext_noop("The last action cannot be undone (%(what)s): correct it with a new one."),
                    {"what": what},
                )
            )
        if last.at < timezone.now() - UNDO_WINDOW:
            raise ActionError(
                LazyMessage(
                    gettext_noop(
                        "Too late to undo (%(what)s): undo is offered for a minute. Correct it with a new action."
                    ),
                    {"what": what},
                )
            )
        changes = set(take_back(step, last))
        step.record(
            "undo.done",
            changes=changes,
            subject=last.subject,
            data={"undone": last.version, "kind": last.kind, "what": what},
        )
        return last


# ---- what the committee's own part takes back ---------------------------------------------------------


def take_back_mark(step: Step, entry: JournalEntry) -> set[str]:
    """A roll-call answer given by mistake: the delegation's answer before it, and no late arrival."""
    _require_doors_open(step)
    if step.sitting is None or entry.sitting_id != step.sitting.pk:
        raise ActionError(gettext_lazy("That answer belongs to a sitting that is closed: it stands."))
    attendance = Attendance.objects.get(sitting=step.sitting, delegation_id=entry.subject_id)
    attendance.status = entry.data.get("was") or Attendance.Status.ABSENT
    if entry.data.get("late"):
        attendance.arrived_late_at = None
    attendance.updated_at = timezone.now()
    attendance.save()
    return {"committee.roll"}


def reopen_vote(step: Step, entry: JournalEntry) -> set[str]:
    """A vote closed too soon opens again, with the ballots cast; its decision is taken back by the part
    whose question it was (a motion's effect, a draft's adoption), or the undo is refused in its words."""
    vote = Vote.objects.filter(pk=entry.data.get("vote"), committee=step.committee).first()
    if vote is None or vote.closed_at is None:
        raise ActionError(gettext_lazy("That vote is not closed: there is nothing to reopen."))
    take_back = PARTS.decision_undoer(vote.subject)
    if take_back is None:
        raise ActionError(
            LazyMessage(
                gettext_noop("The result on %(vote)s cannot be undone: correct it with a new vote."),
                {"vote": vote.title},
            )
        )
    decision: dict[str, Any] = entry.data.get("decision") or {}
    changes = set(take_back(step, vote, decision))
    vote.closed_at, vote.passed = None, None
    vote.yes = vote.no = vote.abstain = 0
    vote.needed = vote.rule.needed(vote.base) if vote.procedural else None
    vote.vetoed_by, vote.abstaining_names = [], []
    vote.save()
    return changes | {"committee.vote", "committee.ballot"}
