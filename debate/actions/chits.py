"""Chits: notes a delegation passes through the Executive Board, to other delegations or to the Board.

Every chit waits with the Board, which forwards it (only then do its addressees see it), holds it or
answers it, and may mark it substantive (it counts in marking) or procedural. The chair pauses chits;
in voting procedure they are always paused. A chit is kept in the journal (the record the Board and
the secretariat read), never printed in the proceedings, never on the projector.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from committee.access import Actor
from committee.errors import ActionError, LazyMessage
from committee.models import Committee, Delegation
from debate.actions.base import debate_step
from debate.models import Chit, Floor

CHITS, PAUSE = "debate.chits", "debate.chit_pause"
BOARD = "board"  # the addressee that is the Executive Board itself
LONGEST = 300  # characters in a chit
RATE, RATE_WINDOW = 5, timedelta(minutes=5)  # the most chits a delegation sends in that window


def send_chit(committee: Committee, actor: Actor, to: list, text: str) -> Chit:
    """A delegation's phone writes a chit: to the Board, or to one or several delegations."""
    if actor.delegation is None:
        raise ActionError(gettext_lazy("Chits are written by delegations; the Board answers them from the queue."))
    text = (text or "").strip()
    if not text:
        raise ActionError(gettext_lazy("Write your note first."))
    if len(text) > LONGEST:
        raise ActionError(
            LazyMessage(
                gettext_noop("A chit holds %(longest)s characters; yours has %(text)s."),
                {"longest": LONGEST, "text": len(text)},
            )
        )
    with debate_step(committee, actor) as step:
        closed = step.floor.chits_closed
        if closed:
            raise ActionError(closed)
        sender = actor.delegation
        step.require_present(sender, gettext_lazy("You are not marked present: tell the chair you have arrived first."))
        to_board = BOARD in to
        ids = [pk for pk in to if pk != BOARD]
        if to_board and ids:
            raise ActionError(gettext_lazy("A chit goes to the Board, or to delegations: send two chits."))
        if sender.pk in ids:
            raise ActionError(gettext_lazy("That chit is addressed to yourself: choose another delegation."))
        addressees = list(Delegation.objects.filter(committee=step.committee, pk__in=ids).order_by("name"))
        if len(addressees) != len(ids):
            raise ActionError(gettext_lazy("A chit goes to delegations of this committee."))
        recent = Chit.objects.filter(
            committee=step.committee, sender=sender, sent_at__gte=timezone.now() - RATE_WINDOW
        ).count()
        if recent >= RATE:
            raise ActionError(
                LazyMessage(
                    gettext_noop("%(rate)s chits in five minutes is the most: wait a moment before the next."),
                    {"rate": RATE},
                )
            )
        chit = Chit.objects.create(
            committee=step.committee,
            sitting=step.sitting,
            sender=sender,
            to_board=to_board,
            recipients=[d.pk for d in addressees],
            text=text,
        )
        step.record(
            "chit.sent",
            changes={CHITS},
            subject=sender,
            data={
                "chit": chit.pk,
                "to": ["the Executive Board"] if to_board else [d.name for d in addressees],
                "text": text,
            },
        )
        return chit


DECISIONS = ("forward", "hold", "answer")


def _chit(step, chit_id: int) -> Chit:
    """The committee's chit with this id, or a refusal."""
    chit = Chit.objects.select_related("sender").filter(committee=step.committee, pk=chit_id).first()
    if chit is None:
        raise ActionError(gettext_lazy("There is no such chit."))
    return chit


def decide_chit(committee: Committee, actor: Actor, chit_id: int, decision: str, answer: str = "") -> Chit:
    """The Board forwards a chit to its addressees, holds it, or answers it (one tap each)."""
    if decision not in DECISIONS:
        raise ActionError(gettext_lazy("Forward the chit, hold it or answer it."))
    answer = (answer or "").strip()
    with debate_step(committee, actor, board=True, sitting=False) as step:
        chit = _chit(step, chit_id)
        if chit.status not in (Chit.Status.WAITING, Chit.Status.HELD):
            raise ActionError(
                LazyMessage(
                    gettext_noop("That chit is %(get_status_display)s already."),
                    {"get_status_display": chit.get_status_display().lower()},
                )
            )
        if decision == "forward":
            if chit.to_board:
                raise ActionError(gettext_lazy("That chit is for the Board: answer it, or hold it."))
            chit.status = Chit.Status.FORWARDED
        elif decision == "hold":
            chit.status = Chit.Status.HELD
        else:
            if not answer:
                raise ActionError(gettext_lazy("Write the Board's answer first."))
            if len(answer) > LONGEST:
                raise ActionError(
                    LazyMessage(
                        gettext_noop("An answer holds %(longest)s characters; this one has %(answer)s."),
                        {"longest": LONGEST, "answer": len(answer)},
                    )
                )
            chit.status, chit.answer = Chit.Status.ANSWERED, answer
        chit.decided_at = timezone.now()
        chit.save(update_fields=["status", "answer", "decided_at"])
        step.record(
            "chit.decided",
            changes={CHITS},
            subject=chit.sender,
            delegations=chit.recipients if chit.status == Chit.Status.FORWARDED else (),
            data={"chit": chit.pk, "decision": decision, **({"answer": answer} if answer else {})},
        )
        return chit


def mark_chit(committee: Committee, actor: Actor, chit_id: int, substantive: bool) -> Chit:
    """The Board marks a chit substantive (it counts in marking) or procedural (it does not)."""
    with debate_step(committee, actor, board=True, sitting=False) as step:
        chit = _chit(step, chit_id)
        if chit.substantive == substantive:
            return chit
        chit.substantive = substantive
        chit.save(update_fields=["substantive"])
        step.record(
            "chit.marked", changes={CHITS}, subject=chit.sender, data={"chit": chit.pk, "substantive": substantive}
        )
        return chit


def pause_chits(committee: Committee, actor: Actor, paused: bool) -> Floor:
    """The chair stops passing chits, or starts again; every phone says so."""
    with debate_step(committee, actor, board=True, sitting=False) as step:
        if step.floor.chits_paused == paused:
            return step.floor
        step.floor.chits_paused = paused
        step.floor.save(update_fields=["chits_paused"])
        step.record("chits.paused", changes={CHITS, PAUSE}, data={"paused": paused})
        return step.floor
