"""The secretariat's changes to a committee's setup (the Django admin): between sittings only, and
through the one path like every other change, so every screen shows them and the journal keeps them."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from committee.access import Actor
from committee.actions.base import floor_step
from committee.errors import ActionError, LazyMessage
from committee.live.broadcast import check_access
from committee.models import Committee, current_sitting


def refuse_during_sitting(committee: Committee) -> None:
    sitting = current_sitting(committee)
    if sitting is not None:
        raise ActionError(
            LazyMessage(
                gettext_noop("Change the committee's setup between sittings: close %(sitting)s first."),
                {"sitting": sitting.title},
            )
        )


def journal_setup_change(committee: Committee, actor: Actor, changed: list[str]) -> None:
    """Journal and push a change the secretariat made (its rows are already written, in this same
    transaction). Refused while a sitting is open: the roll call and the rules are in use."""
    with floor_step(committee, actor, board=True, sitting=False) as step:
        refuse_during_sitting(step.committee)
        committee_id = step.committee.pk
        step.record(
            "committee.setup",
            changes={"committee.setup"},
            data={"changed": ", ".join(changed) or "nothing"},
            # A board member taken off the board stops receiving the chair's screen at once.
            after=lambda: check_access(committee_id),
        )
