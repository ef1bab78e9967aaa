"""The journal: an append-only record of every change of the floor, from which the minutes are read."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from committee.models.committee import Committee, Delegation
from committee.models.sittings import Sitting


class JournalEntry(models.Model):
    """Append-only record of everything that happened on the floor; the minutes are read from it."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="journal"
    )
    sitting = models.ForeignKey(
        Sitting, verbose_name=_("sitting"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveBigIntegerField(verbose_name=_("version"))
    at = models.DateTimeField(verbose_name=_("at"), default=timezone.now)
    kind = models.CharField(verbose_name=_("kind"), max_length=60)
    actor = models.CharField(
        verbose_name=_("actor"), max_length=160, help_text=_("Who did it, as the minutes name them.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The delegation the entry is about (the one marked present, the speaker, the mover), whoever acted.
    subject = models.ForeignKey(
        Delegation, verbose_name=_("subject"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(verbose_name=_("data"), default=dict, blank=True)
    # The page's id for the press that did it: a press sent again (its answer was lost on the way) is
    # recognised and not done twice.
    request = models.CharField(verbose_name=_("request"), max_length=40, blank=True, default="", db_index=True)

    class Meta:
        ordering = ["version"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "version"], name="one_entry_per_version"),
            models.UniqueConstraint(
                fields=["committee", "request"], condition=~Q(request=""), name="one_entry_per_request"
            ),
        ]
        verbose_name_plural = "journal entries"
        verbose_name = _("journal entry")

    def __str__(self) -> str:
        return f"v{self.version} {self.kind} by {self.actor}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError(gettext_lazy("Journal entries are append-only."))
        super().save(*args, **kwargs)
