"""What the Executive Board keeps beside the journal: its marks of each delegation, its private notes,
the awards it confirms, and the delegations' position papers. None of it is the floor: a delegation's
phone, the projector and the live screens never read it."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from committee.models import Committee, Conference, Delegation, Sitting


class Criterion(models.Model):
    """What the Board marks each delegation on, with its weight in the total and its scale (0 to
    `out_of`). A committee without criteria of its own is given the usual seven when first marked."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=80)
    weight = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(100)], help_text="Its share of the total."
    )
    out_of = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(1), MaxValueValidator(100)], help_text="The highest mark."
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "criteria"
        constraints = [models.UniqueConstraint(fields=["committee", "name"], name="one_criterion_per_name")]

    def __str__(self) -> str:
        return f"{self.name} (out of {self.out_of}, weight {self.weight})"


class Mark(models.Model):
    """One board member's mark of one delegation on one criterion for one sitting."""

    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="+")
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="marks")
    marker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField()
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sitting", "delegation", "criterion", "marker"], name="one_mark_per_marker")
        ]

    def __str__(self) -> str:
        return f"{self.delegation}: {self.criterion.name} {self.score}"


class MarkingNote(models.Model):
    """A board member's own notes on a delegation: read by nobody else."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="+")
    marker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=2000, blank=True)
    written_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["delegation", "marker"], name="one_note_per_marker")]

    def __str__(self) -> str:
        return f"a board member's note on {self.delegation}"


class AwardKind(models.Model):
    """An award the conference gives in each committee, how many of it, and the points it brings a
    team towards the Best Delegation. A conference without kinds of its own is given the usual four."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="award_kinds")
    name = models.CharField(max_length=80)
    per_committee = models.PositiveSmallIntegerField(default=1, help_text="How many each committee gives.")
    points = models.PositiveSmallIntegerField(default=0, help_text="Its points towards the Best Delegation.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Its rank: the highest award first.")

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["conference", "name"], name="one_award_kind_per_name")]

    def __str__(self) -> str:
        return self.name


class Award(models.Model):
    """An award the Board confirmed: a delegation receives one award at most."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="awards")
    kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="awards")
    delegation = models.OneToOneField(Delegation, on_delete=models.CASCADE, related_name="award")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind__position", "delegation__name"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delegation}"


class PositionPaper(models.Model):
    """A delegation's position paper, as uploaded (PDF or DOCX, checked by its content). Kept in the
    database, so every server process and worker reads the same file."""

    delegation = models.OneToOneField(Delegation, on_delete=models.CASCADE, related_name="position_paper")
    filename = models.CharField(max_length=200)
    kind = models.CharField(max_length=4, choices=[("pdf", "PDF"), ("docx", "DOCX")])
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    uploaded_by = models.CharField(max_length=200, help_text="Who uploaded it: the delegation or the secretariat.")
    uploaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"position paper of {self.delegation}"
