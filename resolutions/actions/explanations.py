"""Explanations of vote: after a roll call, each delegation that voted yes or no "with rights" explains
its vote on a timed floor of its own (procedure.md: 30 to 60 seconds), in the order it was called.
The chair gives each the floor in turn, or closes the list."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy

from committee.access import Actor
from committee.actions import Step
from committee.errors import ActionError
from committee.models import Ballot, Committee, Vote
from debate.models import Timer
from resolutions.actions.base import paper_step
from resolutions.models import Explanation

CHANGES = {"resolutions.explanations"}


def list_explanations(step: Step, vote: Vote) -> bool:
    """Once a roll call is decided: those who voted with rights are listed to explain their vote."""
    if vote.method != Vote.Method.ROLL_CALL:
        return False
    rights = set(Ballot.objects.filter(vote=vote, with_rights=True).values_list("delegation_id", flat=True))
    order = [d for d in vote.roll_order if d in rights]
    Explanation.objects.bulk_create(
        Explanation(committee=step.committee, vote=vote, delegation_id=d, position=n) for n, d in enumerate(order)
    )
    return bool(order)


def next_explanation(committee: Committee, actor: Actor) -> Explanation | None:
    """The delegation speaking (if any) is done; the next on the list has the floor, its time running."""
    with paper_step(committee, actor, board=True, sitting=True) as step:
        pending = Explanation.objects.filter(committee=step.committee, done=False)
        waiting = list(pending.select_related("timer", "delegation", "vote"))
        if not waiting:
            raise ActionError(gettext_lazy("No delegation is waiting to explain its vote."))
        now = timezone.now()
        speaking = waiting[0] if waiting[0].timer_id else None
        if speaking is not None:
            speaking.timer.pause(now)
            speaking.timer.save()
            speaking.done = True
            speaking.save(update_fields=["done"])
            waiting = waiting[1:]
        following = waiting[0] if waiting else None
        if following is not None:
            following.timer = Timer.objects.create(committee=step.committee, duration=step.rules.explanation_time)
            following.timer.start(now)
            following.timer.save()
            following.save(update_fields=["timer"])
            step.record(
                "explanation.begun",
                changes=CHANGES,
                subject=following.delegation,
                data={"vote": following.vote_id, "title": following.vote.title},
            )
        else:
            step.record(
                "explanation.ended", changes=CHANGES, data={"vote": speaking.vote_id, "title": speaking.vote.title}
            )
        return following


def close_explanations(committee: Committee, actor: Actor) -> int:
    """The chair closes the list: whoever has not yet explained its vote will not."""
    with paper_step(committee, actor, board=True) as step:
        waiting = Explanation.objects.filter(committee=step.committee, done=False)
        count = waiting.update(done=True)
        if not count:
            raise ActionError(gettext_lazy("No delegation is waiting to explain its vote."))
        step.record("explanation.closed", changes=CHANGES, data={"count": count})
        return count
