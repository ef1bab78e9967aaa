"""Access taken away closes the screens that depended on it, at once, whatever the path: a board role
deleted or moved, an account made inactive or no longer staff, a user deleted (in the admin, from a
shell, by a script). After the commit, the chair's sockets of the committees concerned check their
access again (committee/live/consumer.py, `still_allowed`: the user is read afresh from the session)
and close if it is gone. Through the channel layer the check reaches every server process.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from committee.models import Committee, ExecutiveRole


def _check_after_commit(committee_ids) -> None:
    from committee.live.broadcast import check_access

    ids = sorted(set(committee_ids))
    transaction.on_commit(lambda: [check_access(pk) for pk in ids])


def _role_changed(sender, instance: ExecutiveRole, **kwargs) -> None:
    # A role moved to another committee checks the one it left too.
    _check_after_commit([instance.committee_id, *getattr(instance, "_committee_before", ())])


def _role_about_to_change(sender, instance: ExecutiveRole, **kwargs) -> None:
    if instance.pk:
        before = ExecutiveRole.objects.filter(pk=instance.pk).values_list("committee_id", flat=True).first()
        instance._committee_before = (before,) if before else ()


def _user_about_to_change(sender, instance, **kwargs) -> None:
    """What the account could see before the change: its committees, or every one for staff."""
    if instance.pk:
        before = sender.objects.filter(pk=instance.pk).values("is_active", "is_staff").first()
        instance._access_before = before


def _user_changed(sender, instance, created: bool = False, **kwargs) -> None:
    before = getattr(instance, "_access_before", None)
    if created or before is None:
        return
    lost = (before["is_active"] and not instance.is_active) or (before["is_staff"] and not instance.is_staff)
    if not lost:
        return
    if before["is_staff"]:  # the secretariat's screens may be any committee's
        _check_after_commit(Committee.objects.values_list("pk", flat=True))
    else:
        _check_after_commit(ExecutiveRole.objects.filter(user=instance).values_list("committee_id", flat=True))


def _user_deleted(sender, instance, **kwargs) -> None:
    # Its roles go with it (each deleted role checks its committee); a staff account's screens were any.
    if instance.is_staff:
        _check_after_commit(Committee.objects.values_list("pk", flat=True))


def connect() -> None:
    pre_save.connect(_role_about_to_change, sender=ExecutiveRole, dispatch_uid="revocation.role.pre")
    post_save.connect(_role_changed, sender=ExecutiveRole, dispatch_uid="revocation.role.saved")
    post_delete.connect(_role_changed, sender=ExecutiveRole, dispatch_uid="revocation.role.deleted")
    user = settings.AUTH_USER_MODEL
    pre_save.connect(_user_about_to_change, sender=user, dispatch_uid="revocation.user.pre")
    post_save.connect(_user_changed, sender=user, dispatch_uid="revocation.user.saved")
    post_delete.connect(_user_deleted, sender=user, dispatch_uid="revocation.user.deleted")
