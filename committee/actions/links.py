"""Join links: the chair replaces a delegation's link (a lost phone), signing the old phone out."""

from __future__ import annotations

from django.utils import timezone

from committee import live
from committee.access import Actor
from committee.actions.base import floor_step
from committee.models import Committee, Delegation


def reissue_join_link(committee: Committee, actor: Actor, delegation_id: int) -> Delegation:
    with floor_step(committee, actor, board=True, sitting=False) as step:
        delegation = step.delegation(delegation_id)
        delegation.join_token = Delegation._meta.get_field("join_token").get_default()
        delegation.token_issued_at = timezone.now()
        delegation.save(update_fields=["join_token", "token_issued_at"])
        committee_id, delegation_pk = step.committee.pk, delegation.pk
        step.record(
            "access.link_reissued",
            changes={"committee.links"},
            subject=delegation,
            after=lambda: live.revoke_phones(committee_id, delegation_pk),
        )
        return delegation
