"""The journal: an append-only record of every change of the floor, from which the minutes are read."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from committee.models.committee import Committee, Delegation
from committee.models.sittings import Sitting


class JournalEntry(models.Model):
    """Append-only record of everything that happened on the floor; the minutes are read from it."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="journal")
    sitting = models.ForeignKey(Sitting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveBigIntegerField()
    at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=60)
    actor = models.CharField(max_length=160, help_text="Who did it, as the minutes name them.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    delegation = models.ForeignKey(Delegation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The delegation the entry is about (the one marked present, the speaker, the mover), whoever acted.
    subject = models.ForeignKey(Delegation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    data = models.JSONField(default=dict, blank=True)
    # The page's id for the press that did it: a press sent again (its answer was lost on the way) is
    # recognised and not done twice.
    request = models.CharField(max_length=40, blank=True, default="", db_index=True)

    class Meta:
        ordering = ["version"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "version"], name="one_entry_per_version"),
            models.UniqueConstraint(
                fields=["committee", "request"], condition=~Q(request=""), name="one_entry_per_request"
            ),
        ]
        verbose_name_plural = "journal entries"

    def __str__(self) -> str:
        return f"v{self.version} {self.kind} by {self.actor}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("Journal entries are append-only.")
        super().save(*args, **kwargs)
