"""Links: the chair replaces a delegation's join link (a lost phone), signing the old phone out, or
the projector's link (it was shown to the room), closing the screens opened with the old one."""

from __future__ import annotations

from django.utils import timezone

from committee.access import Actor
from committee.actions.base import floor_step
from committee.live.broadcast import revoke_phones, revoke_projector
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
            after=lambda: revoke_phones(committee_id, delegation_pk),
        )
        return delegation


def reissue_projector_link(committee: Committee, actor: Actor) -> Committee:
    with floor_step(committee, actor, board=True, sitting=False) as step:
        committee = step.committee
        committee.projector_token = Committee._meta.get_field("projector_token").get_default()
        committee.save(update_fields=["projector_token"])
        committee_id = committee.pk
        step.record(
            "access.projector_reissued",
            changes={"committee.links"},
            after=lambda: revoke_projector(committee_id),
        )
        return committee
