"""Ballots that came together from phones (committee/live/ballot_box.py): each checked and journalled
as `cast_ballot` alone does it, all written in one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from committee.access import Actor, bound_actor
from committee.actions.base import Step, floor_step
from committee.actions.votes import CLOSED_BEFORE, NoVoteOpen, check_pressed_for, open_vote_in, take_ballot
from committee.contract import PARTS
from committee.errors import ActionError, AlreadyDone, LinkReplaced
from committee.fields import parse_fields
from committee.models import Ballot, Committee, JournalEntry, Vote
from committee.presses import press_id, request_id

_BALLOT_ANSWER = ["choice", "with_rights", "by_chair", "cast_at"]


def cast_ballots(committee: Committee, presses: list[tuple[dict, Mapping[str, Any], str | None]]) -> list:
    """Ballots from phones that came together (committee/live/ballot_box.py), in one transaction: each checked
    and journalled exactly as `cast_ballot` alone does it, in the order they came. A press is (the
    phone's signed binding, the message's fields, its id); the answer for each is its Ballot, or the
    ActionError that refused it (the others are cast all the same; its words are worded when the phone
    is told)."""
    presses = [(binding, fields, press_id(request)) for binding, fields, request in presses]
    answers: list = []
    journal: list[JournalEntry] = []  # the burst's journal entries, written together at the end
    try:
        with floor_step(committee, Actor("delegate", "the ballot box")) as box:
            vote = open_vote_in(box)
            ballots = {b.delegation_id: b for b in vote.ballots.all()}
            delegations = {d.pk: d for d in box.committee.delegations.all()}
            ids = [request for _, _, request in presses if request]
            done = dict(
                JournalEntry.objects.filter(committee=box.committee, request__in=ids).values_list("request", "at")
            )
            for press in presses:
                try:
                    answers.append(_take_press(box, vote, ballots, delegations, done, press, journal))
                except ActionError as refused:
                    answers.append(refused)
            taken = {id(answer): answer for answer in answers if isinstance(answer, Ballot)}.values()
            if taken:
                # One delegation pressing twice in a burst changed one Ballot object twice: written once.
                changed = [b for b in taken if b.pk is not None]
                Ballot.objects.bulk_create([b for b in taken if b.pk is None])
                Ballot.objects.bulk_update(changed, _BALLOT_ANSWER)
                JournalEntry.objects.bulk_create(journal)
                box.committee.save(update_fields=["version"])  # the versions the ballots took, once
    except NoVoteOpen as refused:  # each press is told so; one pressed for a vote, that it closed
        return [ActionError(CLOSED_BEFORE) if fields.get("vote") else refused for _, fields, _ in presses]
    except ActionError as refused:  # no sitting: every press is told so
        return [refused] * len(presses)
    return answers


def _take_press(box: Step, vote: Vote, ballots: dict, delegations: dict, done: dict, press: tuple, journal: list):
    """One press of a burst: its Ballot, or the ActionError that refuses it (its journal entry goes
    with the burst's)."""
    binding, fields, request = press
    actor = bound_actor(binding, delegations)
    if actor is None:
        raise LinkReplaced()
    if request and request in done:
        raise AlreadyDone(timezone.localtime(done[request]))
    parsed = parse_fields(PARTS.command("vote.cast").fields, fields)
    check_pressed_for(vote, parsed.get("vote_id"))
    token = request_id.set(request)
    try:
        step = Step(box.committee, actor, box.sitting, saves_version=False, journal=journal)
        ballot = take_ballot(step, vote, ballots, actor.delegation, parsed["answer"])
    finally:
        request_id.reset(token)
    if request:
        done[request] = timezone.now()
    return ballot
