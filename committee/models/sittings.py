"""The committee's meetings (Session I, II, ...) and each delegation's answer to their roll call."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.compiled import Compiled
from committee.models.committee import Committee, Delegation, roman


class Sitting(models.Model):
    """One meeting of the committee (Session I, II, ...), opened and closed by the chair."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="sittings"
    )
    number = models.PositiveIntegerField(verbose_name=_("number"))
    opened_at = models.DateTimeField(verbose_name=_("opened at"), default=timezone.now)
    roll_call_closed_at = models.DateTimeField(verbose_name=_("roll call closed at"), null=True, blank=True)
    closed_at = models.DateTimeField(verbose_name=_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="sitting_numbers_unique"),
            models.UniqueConstraint(fields=["committee"], condition=Q(closed_at__isnull=True), name="one_open_sitting"),
        ]
        verbose_name = _("sitting")
        verbose_name_plural = _("sittings")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _("Session %(number)s") % {"number": roman(self.number)}


# Read by every action (committee/actions/base.py floor_step), compiled once (committee/compiled.py).
OPEN_SITTING = Compiled(
    "the open sitting",
    Sitting,
    lambda committee: Sitting.objects.filter(committee_id=committee, closed_at__isnull=True).order_by("number")[:1],
)


def current_sitting(committee: Committee) -> Sitting | None:
    """The committee's sitting now open, if any (with its committee: reading it costs no query)."""
    sitting = OPEN_SITTING.first(committee=committee.pk)
    if sitting is not None:
        sitting.committee = committee
    return sitting


class AttendanceQuerySet(models.QuerySet):
    def present(self) -> AttendanceQuerySet:
        return self.filter(status__in=Attendance.PRESENT)


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        PRESENT_AND_VOTING = "present_voting", _("Present and voting")
        ABSENT = "absent", _("Absent")

    # What "present" means, once: either answer to the roll call but absent.
    PRESENT = (Status.PRESENT, Status.PRESENT_AND_VOTING)

    sitting = models.ForeignKey(Sitting, verbose_name=_("sitting"), on_delete=models.CASCADE, related_name="attendance")
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(verbose_name=_("status"), max_length=16, choices=Status.choices, default=Status.ABSENT)
    # Marked present after the roll call was closed (a late arrival, timestamped for the minutes).
    arrived_late_at = models.DateTimeField(verbose_name=_("arrived late at"), null=True, blank=True)
    # The delegation told the chair from its phone that it has arrived.
    arrival_note_at = models.DateTimeField(verbose_name=_("arrival note at"), null=True, blank=True)
    updated_at = models.DateTimeField(verbose_name=_("updated at"), default=timezone.now)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(fields=["sitting", "delegation"], name="one_answer_per_sitting"),
        ]
        verbose_name = _("attendance")

    def __str__(self) -> str:
        return f"{self.delegation} in {self.sitting}: {self.get_status_display()}"

    @staticmethod
    def counts_as_present(status: str) -> bool:
        return status in Attendance.PRESENT

    @property
    def is_present(self) -> bool:
        return self.counts_as_present(self.status)
