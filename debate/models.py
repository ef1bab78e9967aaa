"""The debate floor: phase, speakers' lists, speeches and their timers, points, motions and votes.

Timers store a deadline's ingredients (duration, time banked, running since), never a ticking value:
the server speaks only when something changes; each screen counts down by itself.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.models import Committee, Delegation, Sitting, Vote
from debate import rules


class Timer(models.Model):
    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="+")
    duration = models.PositiveIntegerField(verbose_name=_("duration"), help_text=_("seconds"))
    elapsed = models.FloatField(verbose_name=_("elapsed"), default=0, help_text=_("seconds run before the last start"))
    running_since = models.DateTimeField(verbose_name=_("running since"), null=True, blank=True)

    class Meta:
        verbose_name = _("timer")
        verbose_name_plural = _("timers")

    def __str__(self) -> str:
        return f"timer {self.duration}s"

    @property
    def running(self) -> bool:
        return self.running_since is not None

    def elapsed_at(self, now: datetime) -> float:
        extra = (now - self.running_since).total_seconds() if self.running_since else 0.0
        return self.elapsed + max(extra, 0.0)

    def remaining_at(self, now: datetime) -> float:
        return max(self.duration - self.elapsed_at(now), 0.0)

    def ends_at(self) -> datetime | None:
        """When it reaches zero if nobody pauses it (None while paused)."""
        if self.running_since is None:
            return None
        return self.running_since + timedelta(seconds=self.duration - self.elapsed)

    def start(self, now: datetime) -> None:
        if self.running_since is None:
            self.running_since = now

    def pause(self, now: datetime) -> None:
        if self.running_since is not None:
            self.elapsed = self.elapsed_at(now)
            self.running_since = None


class Floor(models.Model):
    """What the committee is doing now (one row per committee)."""

    committee = models.OneToOneField(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="floor"
    )
    phase = models.CharField(
        verbose_name=_("phase"), max_length=12, choices=list(rules.PHASES.items()), default=rules.FORMAL
    )
    # Set by a motion; until then the rules profile's default speaking time applies.
    speaking_time = models.PositiveIntegerField(verbose_name=_("speaking time"), null=True, blank=True)
    gsl_open = models.BooleanField(verbose_name=_("gsl open"), default=True)
    requests_open = models.BooleanField(
        verbose_name=_("requests open"), default=True, help_text=_("Delegates may ask to speak from phones.")
    )
    speech = models.ForeignKey(
        "Speech", verbose_name=_("speech"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    caucus_topic = models.CharField(verbose_name=_("caucus topic"), max_length=200, blank=True)
    caucus_speaking_time = models.PositiveIntegerField(verbose_name=_("caucus speaking time"), null=True, blank=True)
    caucus_kind = models.CharField(
        verbose_name=_("caucus kind"), max_length=12, blank=True
    )  # moderated / unmoderated of the last caucus
    caucus_timer = models.ForeignKey(
        Timer, verbose_name=_("caucus timer"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    caucus_ended = models.BooleanField(
        verbose_name=_("caucus ended"), default=False, help_text=_("A caucus just ended (it may be extended).")
    )
    caucus_speeches = models.PositiveIntegerField(
        verbose_name=_("caucus speeches"), default=0, help_text=_("Speeches given in the current caucus.")
    )
    suspension_timer = models.ForeignKey(
        Timer, verbose_name=_("suspension timer"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agenda = models.CharField(
        verbose_name=_("agenda"), max_length=200, blank=True, help_text=_("The topic a motion to set the agenda chose.")
    )
    # The chair stops passing chits (they are always stopped in voting procedure).
    chits_paused = models.BooleanField(verbose_name=_("chits paused"), default=False)

    class Meta:
        verbose_name = _("floor")
        verbose_name_plural = _("floors")

    def __str__(self) -> str:
        return f"{self.committee}: {self.get_phase_display()}"

    @property
    def chits_closed(self) -> str | None:
        """Why no chit is passed now, or None."""
        if self.phase == rules.VOTING:
            return "Chits are not passed in voting procedure."
        if self.chits_paused:
            return "The chair has paused chits."
        return None


class SpeakerEntry(models.Model):
    class List(models.TextChoices):
        GSL = "gsl", _("General Speakers' List")
        CAUCUS = "caucus", _("Moderated caucus")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Asked to speak")
        WAITING = "waiting", _("On the list")
        DONE = "done", _("Has spoken")
        REMOVED = "removed", _("Removed")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="speaker_entries"
    )
    list = models.CharField(verbose_name=_("list"), max_length=8, choices=List.choices)
    delegation = models.ForeignKey(Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="+")
    status = models.CharField(verbose_name=_("status"), max_length=10, choices=Status.choices)
    position = models.PositiveIntegerField(verbose_name=_("position"), default=0)
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now)
    # A speaker whose speech a motion cut short (a caucus, a suspension) is back at the head of the list
    # for the seconds it had left; None: a whole speech.
    time_left = models.PositiveIntegerField(verbose_name=_("time left"), null=True, blank=True, help_text=_("seconds"))

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "speaker entries"
        constraints = [
            # A delegation is on a list at most once until it has spoken.
            models.UniqueConstraint(
                fields=["committee", "list", "delegation"],
                condition=Q(status__in=["requested", "waiting"]),
                name="once_on_a_list",
            )
        ]
        verbose_name = _("speaker entry")

    def __str__(self) -> str:
        return f"{self.delegation} ({self.get_status_display()})"


class Speech(models.Model):
    class Yield(models.TextChoices):
        CHAIR = "chair", _("to the chair")
        DELEGATION = "delegation", _("to another delegation")
        QUESTIONS = "questions", _("to questions")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="speeches"
    )
    delegation = models.ForeignKey(Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="+")
    list = models.CharField(verbose_name=_("list"), max_length=8, choices=SpeakerEntry.List.choices)
    timer = models.OneToOneField(Timer, verbose_name=_("timer"), on_delete=models.PROTECT, related_name="speech")
    yielded_from = models.ForeignKey(
        "self", verbose_name=_("yielded from"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    yield_kind = models.CharField(verbose_name=_("yield kind"), max_length=10, choices=Yield.choices, blank=True)
    yielded_to = models.ForeignKey(
        Delegation, verbose_name=_("yielded to"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(verbose_name=_("started at"), default=timezone.now)
    ended_at = models.DateTimeField(verbose_name=_("ended at"), null=True, blank=True)
    # The Board's one line of what the delegation said: the summary record's "said that …".
    note = models.CharField(verbose_name=_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name_plural = "speeches"
        verbose_name = _("speech")

    def __str__(self) -> str:
        return f"{self.delegation} ({self.get_list_display()})"

    @property
    def may_yield_again(self) -> bool:
        """A delegation that was yielded the floor may not yield again (to the chair only)."""
        return self.yielded_from_id is None


class Point(models.Model):
    class Kind(models.TextChoices):
        PERSONAL_PRIVILEGE = "personal_privilege", _("Point of personal privilege")
        ORDER = "order", _("Point of order")
        PARLIAMENTARY_INQUIRY = "parliamentary_inquiry", _("Point of parliamentary inquiry")
        INFORMATION = "information", _("Point of information")
        RIGHT_OF_REPLY = "right_of_reply", _("Right of reply")

    class Status(models.TextChoices):
        RAISED = "raised", _("Raised")
        ANSWERED = "answered", _("Answered")
        RULED = "ruled", _("Ruled out of order")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        LAPSED = "lapsed", _("Lapsed when the sitting closed")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="points"
    )
    kind = models.CharField(verbose_name=_("kind"), max_length=24, choices=Kind.choices)
    delegation = models.ForeignKey(Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="+")
    text = models.CharField(verbose_name=_("text"), max_length=300, blank=True)
    status = models.CharField(verbose_name=_("status"), max_length=10, choices=Status.choices, default=Status.RAISED)
    raised_at = models.DateTimeField(verbose_name=_("raised at"), default=timezone.now)
    resolved_at = models.DateTimeField(verbose_name=_("resolved at"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "kind", "delegation"],
                condition=Q(status="raised"),
                name="one_point_at_a_time",
            )
        ]
        verbose_name = _("point")
        verbose_name_plural = _("points")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.delegation}"


class Motion(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("On the floor")
        VOTING = "voting", _("Being voted")
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")
        OUT_OF_ORDER = "out_of_order", _("Ruled out of order")
        FALLEN = "fallen", _("Fell")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="motions"
    )
    kind = models.CharField(verbose_name=_("kind"), max_length=24)
    delegation = models.ForeignKey(Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="+")
    values = models.JSONField(verbose_name=_("values"), default=dict, blank=True)
    status = models.CharField(verbose_name=_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(verbose_name=_("reason"), max_length=300, blank=True)
    raised_at = models.DateTimeField(verbose_name=_("raised at"), default=timezone.now)
    decided_at = models.DateTimeField(verbose_name=_("decided at"), null=True, blank=True)
    # The vote that decided it (the committee's one vote machinery).
    vote = models.OneToOneField(
        Vote, verbose_name=_("vote"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "kind", "delegation"],
                condition=Q(status__in=["pending", "voting"]),
                name="one_motion_of_a_kind_per_delegation",
            )
        ]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")

    def __str__(self) -> str:
        return f"{self.kind} by {self.delegation}"


class Chit(models.Model):
    """A note a delegation passes through the Executive Board: to other delegations, or to the Board.
    The Board forwards it, holds it or answers it; only the Board, the secretariat, its sender and
    (once forwarded) its addressees ever read it: never the projector."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("With the Board")
        FORWARDED = "forwarded", _("Forwarded")
        HELD = "held", _("Held by the Board")
        ANSWERED = "answered", _("Answered by the Board")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="chits"
    )
    sitting = models.ForeignKey(
        Sitting, verbose_name=_("sitting"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sender = models.ForeignKey(Delegation, verbose_name=_("sender"), on_delete=models.CASCADE, related_name="+")
    to_board = models.BooleanField(verbose_name=_("to board"), default=False)
    recipients = models.JSONField(
        verbose_name=_("recipients"), default=list, blank=True, help_text=_("Ids of the delegations it is for.")
    )
    text = models.CharField(verbose_name=_("text"), max_length=300)
    status = models.CharField(verbose_name=_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    answer = models.CharField(verbose_name=_("answer"), max_length=300, blank=True)
    # The Board's mark: a substantive chit counts in marking, a procedural one does not (None: not marked).
    substantive = models.BooleanField(verbose_name=_("substantive"), null=True, blank=True)
    sent_at = models.DateTimeField(verbose_name=_("sent at"), default=timezone.now)
    decided_at = models.DateTimeField(verbose_name=_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("chit")
        verbose_name_plural = _("chits")

    def __str__(self) -> str:
        return f"chit from {self.sender}"
