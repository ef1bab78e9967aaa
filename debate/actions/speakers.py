"""The speakers' lists: a phone asks to speak, the chair adds, removes, reorders and takes requests."""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext_lazy, gettext_noop

from committee.access import Actor
from committee.countries import CountryName
from committee.errors import ActionError, LazyMessage
from committee.models import Committee
from debate.actions.base import WAITING, debate_step
from debate.models import Floor, SpeakerEntry
from debate.rules import FORMAL, MODERATED


def ask_to_speak(committee: Committee, actor: Actor) -> SpeakerEntry:
    """A delegate asks from the phone to be added to the speakers' list (the General Speakers' List, or
    the moderated caucus's); the chair accepts or declines."""
    if actor.delegation is None:
        raise ActionError(gettext_lazy("Only a delegation can ask to speak."))
    with debate_step(committee, actor) as step:
        step.require_phase(FORMAL, MODERATED, doing=gettext_noop("ask to speak"))
        step.require_speakers_list()
        which = step.current_list
        if which == "gsl" and not step.floor.gsl_open:
            raise ActionError(gettext_lazy("The speakers' list is closed."))
        if not step.floor.requests_open:
            raise ActionError(gettext_lazy("The chair takes no requests from phones right now: raise your placard."))
        step.require_present(
            actor.delegation, gettext_lazy("You are not marked present: tell the chair you have arrived first.")
        )
        existing = SpeakerEntry.objects.filter(
            committee=step.committee, list=which, delegation=actor.delegation, status__in=WAITING
        ).first()
        if existing is not None:
            return existing  # asked twice (or already on the list): nothing changes
        entry = SpeakerEntry.objects.create(
            committee=step.committee, list=which, delegation=actor.delegation, status="requested"
        )
        step.record(
            "speakers.requested",
            changes={"debate.speakers"},
            subject=actor.delegation,
        )
        return entry


def withdraw_request(committee: Committee, actor: Actor) -> None:
    if actor.delegation is None:
        raise ActionError(gettext_lazy("Only a delegation can withdraw its own request."))
    with debate_step(committee, actor, sitting=False) as step:
        entry = SpeakerEntry.objects.filter(
            committee=step.committee, delegation=actor.delegation, status__in=WAITING, list=step.current_list
        ).first()
        if entry is None:
            return
        entry.status = SpeakerEntry.Status.REMOVED
        entry.save(update_fields=["status"])
        step.record(
            "speakers.withdrawn",
            changes={"debate.speakers"},
            subject=actor.delegation,
        )


def add_speaker(committee: Committee, actor: Actor, delegation_id: int) -> SpeakerEntry:
    """The chair adds a delegation to the current list (GSL, or the moderated caucus's list), or
    accepts its request."""
    with debate_step(committee, actor, board=True) as step:
        step.require_phase(FORMAL, MODERATED, doing=gettext_noop("add speakers"))
        step.require_speakers_list()
        delegation = step.delegation(delegation_id)
        which = step.current_list
        if which == "gsl" and not step.floor.gsl_open:
            raise ActionError(gettext_lazy("The speakers' list is closed (a motion can open it)."))
        step.require_present(delegation)
        entry = SpeakerEntry.objects.filter(
            committee=step.committee, list=which, delegation=delegation, status__in=WAITING
        ).first()
        if entry is not None and entry.status == "waiting":
            raise ActionError(
                LazyMessage(gettext_noop("%(name)s is already on the list."), {"name": CountryName(delegation.name)})
            )
        last = SpeakerEntry.objects.filter(committee=step.committee, list=which, status="waiting").aggregate(
            m=Max("position")
        )["m"]
        if entry is None:
            entry = SpeakerEntry(committee=step.committee, list=which, delegation=delegation)
        entry.status = SpeakerEntry.Status.WAITING
        entry.position = (last or 0) + 1
        entry.save()
        step.record(
            "speakers.added",
            changes={"debate.speakers"},
            subject=delegation,
            data={"list": which},
        )
        return entry


def remove_speaker(committee: Committee, actor: Actor, delegation_id: int) -> None:
    """The chair removes a delegation from the current list, or declines its request."""
    with debate_step(committee, actor, board=True, sitting=False) as step:
        delegation = step.delegation(delegation_id)
        entry = SpeakerEntry.objects.filter(
            committee=step.committee, list=step.current_list, delegation=delegation, status__in=WAITING
        ).first()
        if entry is None:
            raise ActionError(
                LazyMessage(gettext_noop("%(name)s is not on the list."), {"name": CountryName(delegation.name)})
            )
        entry.status = SpeakerEntry.Status.REMOVED
        entry.save(update_fields=["status"])
        step.record(
            "speakers.removed",
            changes={"debate.speakers"},
            subject=delegation,
        )


def move_speaker(committee: Committee, actor: Actor, delegation_id: int, direction: str) -> None:
    """Move a waiting speaker one place up or down."""
    if direction not in {"up", "down"}:
        raise ActionError(gettext_lazy("Move a speaker up or down."))
    with debate_step(committee, actor, board=True, sitting=False) as step:
        entries = list(SpeakerEntry.objects.filter(committee=step.committee, list=step.current_list, status="waiting"))
        index = next((i for i, e in enumerate(entries) if e.delegation_id == delegation_id), None)
        if index is None:
            raise ActionError(gettext_lazy("That delegation is not on the list."))
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(entries):
            return  # already first (or last): nothing to do
        entries[index], entries[other] = entries[other], entries[index]
        for position, entry in enumerate(entries, start=1):
            if entry.position != position:
                entry.position = position
                entry.save(update_fields=["position"])
        step.record(
            "speakers.moved",
            changes={"debate.speakers"},
            subject=entries[other].delegation,
            data={"direction": direction},
        )


def set_requests(committee: Committee, actor: Actor, allowed: bool) -> Floor:
    """Let delegates ask to speak from their phones, or not (placards only)."""
    with debate_step(committee, actor, board=True, sitting=False) as step:
        step.floor.requests_open = bool(allowed)
        step.floor.save(update_fields=["requests_open"])
        step.record(
            "speakers.requests",
            changes={"debate.speakers", "debate.phase"},
            data={"open": step.floor.requests_open},
        )
        return step.floor
