"""One vote machinery for every vote of every app: a motion, a draft, an amendment, a divided part.

A vote knows who may vote and what it needs, frozen when it opens (from the roll call and the rules
profile); it does not know what it decides. The app whose question it is names the subject
(for instance "<part>.motion" and the motion's id) and is told the result when the vote closes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _

from committee.models.committee import Committee, Delegation
from committee.models.sittings import Sitting
from committee.rules import PROCEDURAL, QUESTIONS, SUBSTANTIVE, THRESHOLD_NAMES, Threshold, majority_base

# Roll-call answers that carry the right to explain the vote afterwards.
YES_WITH_RIGHTS = "yes_rights"
NO_WITH_RIGHTS = "no_rights"
ANSWER_LABELS = {
    "yes": _("Yes"),
    "no": _("No"),
    "abstain": _("Abstain"),
    "pass": _("Pass"),
    YES_WITH_RIGHTS: _("Yes, with rights"),
    NO_WITH_RIGHTS: _("No, with rights"),
}


class Vote(models.Model):
    class Method(models.TextChoices):
        PHONES = "phones", _("On the delegates' phones")
        PLACARD = "placard", _("By placards: the chair types the counts")
        ROLL_CALL = "roll_call", _("By roll call")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="votes"
    )
    sitting = models.ForeignKey(
        Sitting, verbose_name=_("sitting"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(
        verbose_name=_("subject"), max_length=40, help_text=_("Whose question it is: <part>.<subject>.")
    )
    subject_id = models.PositiveBigIntegerField(verbose_name=_("subject id"))
    title = models.CharField(
        verbose_name=_("title"), max_length=300, help_text=_("What is voted on, as the screens and minutes say it.")
    )
    # The title in each of the six languages, worded when the vote opened (committee/languages.py).
    titles = models.JSONField(verbose_name=_("titles"), default=dict, blank=True)
    question = models.CharField(
        verbose_name=_("question"), max_length=12, choices=[(q, q.capitalize()) for q in QUESTIONS]
    )
    method = models.CharField(verbose_name=_("method"), max_length=10, choices=Method.choices)
    # Frozen when the vote opens: the threshold, who may vote, who may not abstain.
    threshold = models.CharField(
        verbose_name=_("threshold"), max_length=8, help_text=_("'>1/2' is more than half, '2/3' at least two thirds.")
    )
    threshold_name = models.CharField(
        verbose_name=_("threshold name"), max_length=12, choices=list(THRESHOLD_NAMES.items())
    )
    electorate = models.JSONField(
        verbose_name=_("electorate"), default=list, help_text=_("Ids of the delegations that may vote.")
    )
    no_abstention = models.JSONField(
        verbose_name=_("no abstention"), default=list, help_text=_("Ids of those present and voting (no abstaining).")
    )
    roll_order = models.JSONField(
        verbose_name=_("roll order"), default=list, blank=True, help_text=_("Roll call: the order they are called in.")
    )
    base = models.PositiveIntegerField(
        verbose_name=_("base"), help_text=_("How many delegations may vote (frozen at opening).")
    )
    # The Security Council, on substance: the permanent members whose "no" is a veto, and the parties to
    # the dispute, who abstain (frozen at opening; false and empty for every other vote).
    council = models.BooleanField(
        verbose_name=_("council"), default=False, help_text=_("The Security Council on substance: a veto may fall.")
    )
    permanent = models.JSONField(
        verbose_name=_("permanent"), default=list, blank=True, help_text=_("Ids of the permanent members voting.")
    )
    must_abstain = models.JSONField(
        verbose_name=_("must abstain"), default=list, blank=True, help_text=_("Ids of the parties to the dispute.")
    )
    # The result, recorded when it closes.
    yes = models.PositiveIntegerField(verbose_name=_("yes"), default=0)
    no = models.PositiveIntegerField(verbose_name=_("no"), default=0)
    abstain = models.PositiveIntegerField(verbose_name=_("abstain"), default=0)
    needed = models.PositiveIntegerField(
        verbose_name=_("needed"), null=True, blank=True, help_text=_("Yes votes it needed.")
    )
    passed = models.BooleanField(verbose_name=_("passed"), null=True, blank=True)
    # Named when it closes, for the Council's record: the permanent members whose "no" defeated a
    # question that had its nine votes, and who abstained.
    vetoed_by = models.JSONField(verbose_name=_("vetoed by"), default=list, blank=True)
    abstaining_names = models.JSONField(verbose_name=_("abstaining names"), default=list, blank=True)
    opened_at = models.DateTimeField(verbose_name=_("opened at"), default=timezone.now)
    closed_at = models.DateTimeField(verbose_name=_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["opened_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee"], condition=Q(closed_at__isnull=True), name="one_open_vote"),
        ]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self) -> str:
        return f"vote on {self.title}"

    @property
    def shown_title(self) -> str:
        """What is voted on, in the active language (the English title for a vote of an older version)."""
        return self.titles.get(translation.get_language()) or self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def rule(self) -> Threshold:
        return Threshold.parse(self.threshold)

    @property
    def procedural(self) -> bool:
        return self.question == PROCEDURAL

    @property
    def needed_now(self) -> int | None:
        """Yes votes needed: fixed at opening for a procedural vote; for a substantive vote it follows
        those present and voting, so it is known only as the ballots come in."""
        if self.needed is not None:
            return self.needed
        if self.question == SUBSTANTIVE:
            return self.rule.needed(self.yes + self.no) if self.yes + self.no else None
        return self.rule.needed(self.base)

    @property
    def majority_base(self) -> int:
        return majority_base(self.question, self.base, self.yes, self.no)

    # ---- a vote in progress: whose turn, what each may answer, the count so far ------------------

    def turn(self, ballots: Mapping[int, Ballot]) -> int | None:
        """Roll call: the delegation called now. Each in the drawn order, then those who passed, again."""
        if self.method != self.Method.ROLL_CALL or not self.is_open:
            return None
        for delegation_id in self.roll_order:
            if delegation_id not in ballots:
                return delegation_id
        for delegation_id in self.roll_order:
            if ballots[delegation_id].choice == Ballot.Choice.PASS:
                return delegation_id
        return None

    def choices_for(self, delegation_id: int, ballots: Mapping[int, Ballot]) -> list[str]:
        """What this delegation may answer now (nothing when it may not vote, has voted, or it is not
        its turn). The action and the buttons both ask here."""
        if not self.is_open or delegation_id not in self.electorate or self.method == self.Method.PLACARD:
            return []
        ballot = ballots.get(delegation_id)
        if self.method == self.Method.ROLL_CALL:
            if self.turn(ballots) != delegation_id:
                return []
            if ballot is not None:  # called again after passing: yes or no, nothing else
                return [Ballot.Choice.YES, Ballot.Choice.NO]
        elif ballot is not None:
            return []
        if delegation_id in self.must_abstain:  # a party to the dispute: it abstains, and only that
            return [Ballot.Choice.ABSTAIN]
        options = [Ballot.Choice.YES, Ballot.Choice.NO]
        if delegation_id not in self.no_abstention:
            options.append(Ballot.Choice.ABSTAIN)
        if self.method == self.Method.ROLL_CALL:
            options.append(Ballot.Choice.PASS)
            if self.question == SUBSTANTIVE:
                options += [YES_WITH_RIGHTS, NO_WITH_RIGHTS]
        return options

    @staticmethod
    def tally(ballots: Iterable[Ballot]) -> tuple[int, int, int]:
        """(yes, no, abstain) of the ballots cast; a pass is not a vote."""
        choices = [b.choice for b in ballots]
        return choices.count(Ballot.Choice.YES), choices.count(Ballot.Choice.NO), choices.count(Ballot.Choice.ABSTAIN)

    @property
    def requirement(self) -> str:
        """What it needs, in words: "9 affirmative votes, no permanent member against", "two thirds of
        those present and voting", "simple majority of the delegations present that may vote"."""
        rule = self.rule
        if rule.votes:
            if self.council:
                return _("%(votes)s affirmative votes, no permanent member against") % {"votes": rule.votes}
            return _("%(votes)s affirmative votes") % {"votes": rule.votes}
        if self.procedural:
            return _("%(threshold)s of the delegations present that may vote") % {
                "threshold": self.get_threshold_name_display()
            }
        return _("%(threshold)s of those present and voting") % {"threshold": self.get_threshold_name_display()}

    def record_text(self) -> str:
        """The result as the UN records it, in the active language."""
        if self.passed is None:
            return gettext("not yet decided")
        if self.council:
            return self._council_record()
        figures = {"yes": self.yes, "no": self.no, "needed": self.needed, "abstain": self.abstain}
        if self.procedural:
            if self.passed:
                return gettext("passed, %(yes)s to %(no)s (%(needed)s needed)") % figures
            return gettext("failed, %(yes)s to %(no)s (%(needed)s needed)") % figures
        recorded = self.method == self.Method.ROLL_CALL
        if self.passed:
            said = (
                gettext("adopted by a recorded vote of %(yes)s in favour to %(no)s against")
                if recorded
                else gettext("adopted by a vote of %(yes)s in favour to %(no)s against")
            )
        else:
            said = (
                gettext("rejected by a recorded vote of %(yes)s in favour to %(no)s against")
                if recorded
                else gettext("rejected by a vote of %(yes)s in favour to %(no)s against")
            )
        said %= figures
        if self.abstain:
            said += ngettext(", with %(abstain)s abstention", ", with %(abstain)s abstentions", self.abstain) % figures
        return said

    def _council_record(self) -> str:
        """As the Security Council's records say it: "adopted by 13 votes to none, with 2 abstentions
        (China, Russian Federation)"; a veto named as such."""
        against = str(self.no) if self.no else gettext("none")
        abstentions = ""
        if self.abstain:
            abstentions = ngettext(", with %(abstain)s abstention", ", with %(abstain)s abstentions", self.abstain) % {
                "abstain": self.abstain
            }
            if self.abstaining_names:
                abstentions += f" ({', '.join(self.abstaining_names)})"
        if self.passed:
            adopted = ngettext(
                "adopted by %(yes)s vote to %(against)s", "adopted by %(yes)s votes to %(against)s", self.yes
            )
            return adopted % {"yes": self.yes, "against": against} + abstentions
        figures = gettext("%(yes)s in favour, %(no)s against, %(abstain)s abstaining") % {
            "yes": self.yes,
            "no": self.no,
            "abstain": self.abstain,
        }
        words = {"names": ", ".join(self.vetoed_by), "figures": figures, "needed": self.needed}
        if self.vetoed_by and len(self.vetoed_by) == 1:
            return (
                gettext(
                    "not adopted, owing to the negative vote of a permanent member of the Council (%(names)s): "
                    "%(figures)s"
                )
                % words
            )
        if self.vetoed_by:
            return (
                gettext(
                    "not adopted, owing to the negative votes of permanent members of the Council (%(names)s): "
                    "%(figures)s"
                )
                % words
            )
        return gettext("not adopted, having failed to obtain the required %(needed)s votes: %(figures)s") % words

    def recorded_names(self) -> list[tuple[str, list[str]]]:
        """A recorded (roll-call) vote as the UN records it: the names under each answer, in
        alphabetical order ("In favour: …", "Against: …", "Abstaining: …"); nothing for another vote."""
        if self.method != self.Method.ROLL_CALL or self.passed is None:
            return []
        # Kept in English (the journal's keys); shown through gettext ({% translate head %}).
        heads = {"yes": gettext_noop("In favour"), "no": gettext_noop("Against"), "abstain": gettext_noop("Abstaining")}
        names: dict[str, list[str]] = {head: [] for head in heads.values()}
        for choice, name in self.ballots.order_by("delegation__name").values_list("choice", "delegation__name"):
            if choice in heads:
                names[heads[choice]].append(name)
        return [(head, found) for head, found in names.items() if found]


class Ballot(models.Model):
    class Choice(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        ABSTAIN = "abstain", _("Abstain")
        PASS = "pass", _("Pass")

    vote = models.ForeignKey(Vote, verbose_name=_("vote"), on_delete=models.CASCADE, related_name="ballots")
    delegation = models.ForeignKey(Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="+")
    choice = models.CharField(verbose_name=_("choice"), max_length=8, choices=Choice.choices)
    with_rights = models.BooleanField(
        verbose_name=_("with rights"), default=False, help_text=_("Roll call: yes or no with the right to explain.")
    )
    by_chair = models.BooleanField(
        verbose_name=_("by chair"), default=False, help_text=_("Entered by the chair for the delegation.")
    )
    cast_at = models.DateTimeField(verbose_name=_("cast at"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vote", "delegation"], name="one_ballot_per_delegation_per_vote"),
        ]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return f"{self.delegation}: {self.choice}"
