"""What the Executive Board keeps beside the journal: its marks of each delegation, its private notes,
the awards it confirms, and the delegations' position papers. None of it is the floor: a delegation's
phone, the projector and the live screens never read it."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from committee.models import Committee, Conference, Delegation, Sitting


class Criterion(models.Model):
    """What the Board marks each delegation on, with its weight in the total and its scale (0 to
    `out_of`). A committee without criteria of its own is given the usual seven when first marked."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(verbose_name=_("name"), max_length=80)
    weight = models.PositiveSmallIntegerField(
        verbose_name=_("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Its share of the total."),
    )
    out_of = models.PositiveSmallIntegerField(
        verbose_name=_("out of"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The highest mark."),
    )
    position = models.PositiveSmallIntegerField(verbose_name=_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "criteria"
        constraints = [models.UniqueConstraint(fields=["committee", "name"], name="one_criterion_per_name")]
        verbose_name = _("criterion")

    def __str__(self) -> str:
        return f"{self.name} (out of {self.out_of}, weight {self.weight})"


class Mark(models.Model):
    """One board member's mark of one delegation on one criterion for one sitting."""

    sitting = models.ForeignKey(Sitting, verbose_name=_("sitting"), on_delete=models.CASCADE, related_name="+")
    delegation = models.ForeignKey(Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="+")
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="marks"
    )
    marker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("marker"), on_delete=models.CASCADE, related_name="+"
    )
    score = models.PositiveSmallIntegerField(verbose_name=_("score"))
    marked_at = models.DateTimeField(verbose_name=_("marked at"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sitting", "delegation", "criterion", "marker"], name="one_mark_per_marker")
        ]
        verbose_name = _("mark")
        verbose_name_plural = _("marks")

    def __str__(self) -> str:
        return f"{self.delegation}: {self.criterion.name} {self.score}"


class MarkingNote(models.Model):
    """A board member's own notes on a delegation: read by nobody else."""

    delegation = models.ForeignKey(Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="+")
    marker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("marker"), on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(verbose_name=_("text"), max_length=2000, blank=True)
    written_at = models.DateTimeField(verbose_name=_("written at"), auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["delegation", "marker"], name="one_note_per_marker")]
        verbose_name = _("marking note")
        verbose_name_plural = _("marking notes")

    def __str__(self) -> str:
        return f"a board member's note on {self.delegation}"


class AwardKind(models.Model):
    """An award the conference gives in each committee, how many of it, and the points it brings a
    team towards the Best Delegation. A conference without kinds of its own is given the usual four."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="award_kinds"
    )
    name = models.CharField(verbose_name=_("name"), max_length=80)
    per_committee = models.PositiveSmallIntegerField(
        verbose_name=_("per committee"), default=1, help_text=_("How many each committee gives.")
    )
    points = models.PositiveSmallIntegerField(
        verbose_name=_("points"), default=0, help_text=_("Its points towards the Best Delegation.")
    )
    position = models.PositiveSmallIntegerField(
        verbose_name=_("position"), default=0, help_text=_("Its rank: the highest award first.")
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["conference", "name"], name="one_award_kind_per_name")]
        verbose_name = _("award kind")
        verbose_name_plural = _("award kinds")

    def __str__(self) -> str:
        return self.name


class Award(models.Model):
    """An award the Board confirmed: a delegation receives one award at most."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="awards"
    )
    kind = models.ForeignKey(AwardKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="awards")
    delegation = models.OneToOneField(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="award"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(verbose_name=_("confirmed at"), auto_now_add=True)

    class Meta:
        ordering = ["kind__position", "delegation__name"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self) -> str:
        return f"{self.kind}: {self.delegation}"


class PositionPaper(models.Model):
    """A delegation's position paper, as uploaded (PDF or DOCX, checked by its content). Kept in the
    database, so every server process and worker reads the same file."""

    delegation = models.OneToOneField(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="position_paper"
    )
    filename = models.CharField(verbose_name=_("filename"), max_length=200)
    kind = models.CharField(verbose_name=_("kind"), max_length=4, choices=[("pdf", "PDF"), ("docx", "DOCX")])
    content = models.BinaryField(verbose_name=_("content"))
    size = models.PositiveIntegerField(verbose_name=_("size"))
    uploaded_by = models.CharField(
        verbose_name=_("uploaded by"),
        max_length=200,
        help_text=_("Who uploaded it: the delegation or the secretariat."),
    )
    uploaded_at = models.DateTimeField(verbose_name=_("uploaded at"), auto_now=True)

    class Meta:
        verbose_name = _("position paper")
        verbose_name_plural = _("position papers")

    def __str__(self) -> str:
        return f"position paper of {self.delegation}"
