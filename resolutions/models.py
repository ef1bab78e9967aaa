"""Working papers, draft resolutions, their clauses, sponsors and signatories, and amendments.

A working paper has sponsors (its authors, who edit it) and signatories (who want it debated). Once
introduced it is a draft resolution, numbered in the order of introduction ("DR 1/1"); it is then
amended, voted (on the committee's one vote machinery) and adopted or rejected.
"""

from __future__ import annotations

import re

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.models import Committee, Delegation, Vote
from debate.models import Timer


class Paper(models.Model):
    class Status(models.TextChoices):
        WORKING = "working", _("Working paper")
        INTRODUCED = "introduced", _("Draft resolution")
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Rejected")
        SET_ASIDE = "set_aside", _("Not voted: another draft was adopted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="papers"
    )
    title = models.CharField(verbose_name=_("title"), max_length=200)
    status = models.CharField(verbose_name=_("status"), max_length=12, choices=Status.choices, default=Status.WORKING)
    agenda_item = models.PositiveIntegerField(verbose_name=_("agenda item"), default=1)
    number = models.PositiveIntegerField(
        verbose_name=_("number"), null=True, blank=True, help_text=_("Order of introduction.")
    )
    series = models.CharField(
        verbose_name=_("series"),
        max_length=12,
        blank=True,
        help_text=_('A numbering of its own ("S/DR" for the Security Council), set when introduced.'),
    )
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now)
    introduced_at = models.DateTimeField(verbose_name=_("introduced at"), null=True, blank=True)
    # Bumped by each change of its text, so a screen shows the version being debated.
    revision = models.PositiveIntegerField(verbose_name=_("revision"), default=1)
    vote = models.OneToOneField(
        Vote, verbose_name=_("vote"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_roll_call = models.BooleanField(
        verbose_name=_("by roll call"), default=False, help_text=_("A motion for a roll-call vote was granted.")
    )
    important = models.BooleanField(
        verbose_name=_("important"),
        default=False,
        help_text=_("An important question (UN Charter, Article 18): adopted by two thirds."),
    )
    consensus = models.BooleanField(
        verbose_name=_("consensus"), default=False, help_text=_("Adopted without a vote: nobody objected.")
    )

    class Meta:
        ordering = ["number", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "agenda_item", "number"], condition=Q(number__isnull=False), name="one_dr_number"
            )
        ]
        verbose_name = _("paper")
        verbose_name_plural = _("papers")

    def __str__(self) -> str:
        return f"{self.symbol}: {self.title}"

    @property
    def symbol(self) -> str:
        """ "DR 1/2" once introduced (agenda item 1, second draft), or "S/DR 2" in a series of its own;
        "Working paper" before."""
        if not self.number:
            return "Working paper"
        return f"{self.series} {self.number}" if self.series else f"DR {self.agenda_item}/{self.number}"

    @property
    def name(self) -> str:
        """How a message names it: "DR 1/2", or the working paper “its title”."""
        return self.symbol if self.number else f"the working paper “{self.title}”"

    @property
    def standing(self) -> str:
        """Where it stands, as a sentence ends: "… is still a working paper"."""
        return {
            "working": "still a working paper",
            "introduced": "on the floor as a draft resolution",
            "adopted": "adopted",
            "rejected": "rejected",
            "set_aside": "set aside (another draft was adopted)",
            "withdrawn": "withdrawn",
        }[self.status]

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.INTRODUCED


class Sponsorship(models.Model):
    class Role(models.TextChoices):
        SPONSOR = "sponsor", _("Sponsor")
        SIGNATORY = "signatory", _("Signatory")

    paper = models.ForeignKey(Paper, verbose_name=_("paper"), on_delete=models.CASCADE, related_name="sponsorships")
    delegation = models.ForeignKey(Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="+")
    role = models.CharField(verbose_name=_("role"), max_length=10, choices=Role.choices)
    since = models.DateTimeField(verbose_name=_("since"), default=timezone.now)

    class Meta:
        ordering = ["since", "id"]
        constraints = [models.UniqueConstraint(fields=["paper", "delegation"], name="one_role_per_paper")]
        verbose_name = _("sponsorship")
        verbose_name_plural = _("sponsorships")

    def __str__(self) -> str:
        return f"{self.delegation} ({self.get_role_display()})"


class Clause(models.Model):
    class Kind(models.TextChoices):
        PREAMBULATORY = "preamble", _("Preambulatory")
        OPERATIVE = "operative", _("Operative")

    paper = models.ForeignKey(Paper, verbose_name=_("paper"), on_delete=models.CASCADE, related_name="clauses")
    kind = models.CharField(verbose_name=_("kind"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField(verbose_name=_("position"), default=0)
    phrase = models.CharField(
        verbose_name=_("phrase"), max_length=80, help_text=_("The opening phrase, shown in italics.")
    )
    text = models.TextField(
        verbose_name=_("text"), max_length=4000, help_text=_("The rest of the clause (a small safe subset of HTML).")
    )
    struck = models.BooleanField(
        verbose_name=_("struck"), default=False, help_text=_("Struck out: a divided part was rejected.")
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")

    def __str__(self) -> str:
        return f"{self.phrase} {self.text[:40]}"


class Amendment(models.Model):
    class Action(models.TextChoices):
        ADD = "add", _("Add a clause")
        STRIKE = "strike", _("Strike a clause")
        CHANGE = "change", _("Change a clause")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        INCORPORATED = "incorporated", _("Incorporated (friendly)")
        INTRODUCED = "introduced", _("On the floor (unfriendly)")
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        LAPSED = "lapsed", _("Lapsed (its draft left the floor)")
        FELL = "fell", _("Fell (its clause was struck out)")

    paper = models.ForeignKey(Paper, verbose_name=_("paper"), on_delete=models.CASCADE, related_name="amendments")
    amends = models.ForeignKey(
        "self", verbose_name=_("amends"), null=True, blank=True, on_delete=models.CASCADE, related_name="second_degree",
        help_text=_("A second-degree amendment amends this first-degree one."),
    )  # fmt: skip
    mover = models.ForeignKey(Delegation, verbose_name=_("mover"), on_delete=models.CASCADE, related_name="+")
    action = models.CharField(verbose_name=_("action"), max_length=8, choices=Action.choices)
    target = models.ForeignKey(
        Clause, verbose_name=_("target"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # ADD: the new clause goes after `target` (or at the end), or as a sub-clause of `target`.
    as_sub_clause = models.BooleanField(verbose_name=_("as sub clause"), default=False)
    phrase = models.CharField(verbose_name=_("phrase"), max_length=80, blank=True)
    text = models.TextField(verbose_name=_("text"), max_length=4000, blank=True)
    # The clause as it read when the amendment was proposed, for the before/after view.
    before = models.TextField(verbose_name=_("before"), blank=True)
    status = models.CharField(verbose_name=_("status"), max_length=14, choices=Status.choices, default=Status.PROPOSED)
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now)
    introduced_at = models.DateTimeField(verbose_name=_("introduced at"), null=True, blank=True)
    vote = models.OneToOneField(
        Vote, verbose_name=_("vote"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Where the chair put it in voting procedure (None: the app's order, the furthest removed first).
    vote_order = models.PositiveSmallIntegerField(verbose_name=_("vote order"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.paper.symbol}) by {self.mover}"

    @property
    def degree(self) -> int:
        return 2 if self.amends_id else 1

    @property
    def becomes(self) -> tuple[str, str]:
        """How a changed clause is numbered and how it ends, read off the clause it replaces ("2.",
        ";"), so that "Becomes" reads as the clause will."""
        if self.action != self.Action.CHANGE or not self.before:
            return "", ""
        label = re.match(r"(\d+\.|\([a-z]+\))\s", self.before)
        end = self.before[-1] if self.before[-1] in ";.:," else ""
        return (label.group(1) if label else ""), end


class Backing(models.Model):
    """A delegation behind an amendment: a sponsor's consent (friendly) or a signature (unfriendly)."""

    class Kind(models.TextChoices):
        CONSENT = "consent", _("Consent of a sponsor")
        DECLINED = "declined", _("A sponsor's answer: not friendly")
        SIGNATURE = "signature", _("Signature")

    amendment = models.ForeignKey(
        Amendment, verbose_name=_("amendment"), on_delete=models.CASCADE, related_name="backings"
    )
    delegation = models.ForeignKey(Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(verbose_name=_("kind"), max_length=10, choices=Kind.choices)
    given_at = models.DateTimeField(verbose_name=_("given at"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["amendment", "delegation", "kind"], name="one_backing_of_a_kind")
        ]
        verbose_name = _("backing")
        verbose_name_plural = _("backings")

    def __str__(self) -> str:
        return f"{self.delegation}: {self.get_kind_display()}"


class Part(models.Model):
    """A clause voted on its own after the question was divided; a part rejected leaves the text."""

    paper = models.ForeignKey(Paper, verbose_name=_("paper"), on_delete=models.CASCADE, related_name="parts")
    clause = models.ForeignKey(Clause, verbose_name=_("clause"), on_delete=models.CASCADE, related_name="+")
    label = models.CharField(
        verbose_name=_("label"), max_length=20, help_text=_("As the division named it: 'operative clause 2'.")
    )
    position = models.PositiveIntegerField(verbose_name=_("position"), default=0)
    vote = models.OneToOneField(
        Vote, verbose_name=_("vote"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kept = models.BooleanField(verbose_name=_("kept"), null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("part")
        verbose_name_plural = _("parts")

    def __str__(self) -> str:
        return f"{self.paper.symbol}, {self.label}"


class DraftDebate(models.Model):
    """Which draft the committee is debating now (the screens show its current text), and, under
    THIMUN, the time for and against it and who holds the floor."""

    class Side(models.TextChoices):
        OPEN = "open", _("Open debate")
        FOR = "for", _("Time for")
        AGAINST = "against", _("Time against")

    committee = models.OneToOneField(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="draft_debate"
    )
    paper = models.ForeignKey(
        Paper, verbose_name=_("paper"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    side = models.CharField(verbose_name=_("side"), max_length=8, choices=Side.choices, default=Side.OPEN)
    # These timers are the draft debate's own: nothing deletes them while it holds them, so deleting
    # the debate's other timers (a speech's, a caucus's) costs no query here; the database's foreign
    # key still refuses a deletion that would leave them dangling.
    for_timer = models.ForeignKey(
        Timer, verbose_name=_("for timer"), null=True, blank=True, on_delete=models.DO_NOTHING, related_name="+"
    )
    against_timer = models.ForeignKey(
        Timer, verbose_name=_("against timer"), null=True, blank=True, on_delete=models.DO_NOTHING, related_name="+"
    )
    speaker = models.ForeignKey(
        Delegation, verbose_name=_("speaker"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_projector = models.BooleanField(
        verbose_name=_("on projector"), default=False, help_text=_("The projector shows the draft's text.")
    )
    # Where the projector stands in a text longer than its screen: from operative clause N (0: from the
    # top), then so many screens further (the projector lays its screens out: static/js/live/screen.js).
    projector_clause = models.PositiveSmallIntegerField(verbose_name=_("projector clause"), default=0)
    projector_page = models.PositiveSmallIntegerField(verbose_name=_("projector page"), default=0)

    class Meta:
        verbose_name = _("draft debate")
        verbose_name_plural = _("draft debates")

    def __str__(self) -> str:
        return f"{self.committee}: {self.paper or 'no draft'}"


class Explanation(models.Model):
    """A delegation that voted yes or no "with rights" in a roll call explains its vote once the vote
    is over, on a timed floor of its own, in the order it was called."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="explanations"
    )
    vote = models.ForeignKey(Vote, verbose_name=_("vote"), on_delete=models.CASCADE, related_name="+")
    delegation = models.ForeignKey(Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(verbose_name=_("position"), default=0)
    # The explanation's own timer (nothing else deletes it; see DraftDebate).
    timer = models.ForeignKey(
        Timer, verbose_name=_("timer"), null=True, blank=True, on_delete=models.DO_NOTHING, related_name="+"
    )
    done = models.BooleanField(verbose_name=_("done"), default=False)

    class Meta:
        ordering = ["vote_id", "position", "id"]
        verbose_name = _("explanation")
        verbose_name_plural = _("explanations")

    def __str__(self) -> str:
        return f"{self.delegation} explains its vote"
