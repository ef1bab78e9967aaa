"""The committee and who is in it: its delegations, its Executive Board, the secretariat's sign-in
links, its documents."""

from __future__ import annotations

import secrets
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.models.conference import RECORD_SYMBOL, RESOLUTION_SYMBOL, Conference, Team, fill_symbol
from committee.rules import PROFILE_CHOICES, RulesProfile, build_profile


def new_token() -> str:
    # 96 random bits: unguessable, and short enough for a QR code a phone reads from across a table.
    return secrets.token_urlsafe(12)


def new_signin_token() -> str:
    return secrets.token_urlsafe(24)


def roman(number: int) -> str:
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = []
    for value, letters in numerals:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


class Committee(models.Model):
    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committees",
    )
    name = models.CharField(verbose_name=_("name"), max_length=200)
    abbreviation = models.CharField(verbose_name=_("abbreviation"), max_length=20)
    slug = models.SlugField(
        verbose_name=_("slug"), unique=True, help_text=_("Used in the committee's links, e.g. 'unodc'.")
    )
    agenda = models.TextField(verbose_name=_("agenda"))
    venue = models.CharField(
        verbose_name=_("venue"), max_length=200, blank=True, help_text=_("Where the committee meets, for the minutes.")
    )
    paper = models.CharField(
        verbose_name=_("paper"),
        max_length=10,
        choices=[("A4", "A4"), ("Letter", "US Letter")],
        default="A4",
        help_text=_("The paper its minutes are laid out for: A4 (most of the world) or US Letter."),
    )
    language = models.CharField(
        verbose_name=_("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of its projector and its minutes (each phone and laptop speaks its own)."),
    )
    # The languages its screens have opened in (committee/languages.py): a broadcast renders each.
    screen_languages = models.JSONField(verbose_name=_("screen languages"), default=list, blank=True, editable=False)
    rules_profile = models.CharField(
        verbose_name=_("rules profile"), max_length=20, choices=PROFILE_CHOICES, default="una-usa"
    )
    rules_overrides = models.JSONField(
        verbose_name=_("rules overrides"),
        default=dict,
        blank=True,
        help_text=_('Changes to the profile, e.g. {"quorum_to_open": "1/4", "default_speaking_time": 60}.'),
    )
    # Bumped by every action; pages and broadcasts carry it so a client can tell stale from current.
    version = models.PositiveBigIntegerField(verbose_name=_("version"), default=0)
    projector_token = models.CharField(verbose_name=_("projector token"), max_length=32, unique=True, default=new_token)

    class Meta:
        ordering = ["name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self) -> str:
        return self.abbreviation

    def save(self, *args, **kwargs) -> None:
        # The version belongs to the actions (they bump it under the row lock). Saving a committee
        # loaded earlier (the admin's form) must not write back an older version.
        if self.pk is not None and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [f.name for f in self._meta.concrete_fields if f.name not in {"id", "version"}]
        super().save(*args, **kwargs)

    def clean(self) -> None:
        build_profile(self.rules_profile, self.rules_overrides)

    def languages(self) -> list[str]:
        """The languages a broadcast renders: the committee's (its projector's) and every one a screen
        of it opened in (a projector opened before the committee's language changed keeps its own)."""
        return [self.language, *(code for code in self.screen_languages if code != self.language)]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The time zone its record is read in: its conference's, else the server's (TIME_ZONE)."""
        return self.conference.zone if self.conference_id else zoneinfo.ZoneInfo(settings.TIME_ZONE)

    def record_symbol(self, meeting: int, year: int) -> str:
        """The symbol of a meeting's summary record, by its conference's scheme."""
        scheme = self.conference.record_symbol if self.conference_id else RECORD_SYMBOL
        return fill_symbol(scheme, committee=self.abbreviation, year=year, meeting=meeting)

    def resolution_symbol(self, number: int, year: int) -> str:
        """The number of its `number`th adopted resolution, by its conference's scheme."""
        scheme, edition = (
            (self.conference.resolution_symbol, self.conference.edition)
            if self.conference_id
            else (RESOLUTION_SYMBOL, 1)
        )
        return fill_symbol(scheme, committee=self.abbreviation, year=year, edition=edition, number=number)

    @property
    def rules(self) -> RulesProfile:
        return build_profile(self.rules_profile, self.rules_overrides)


class Delegation(models.Model):
    class Kind(models.TextChoices):
        MEMBER = "member", _("Member state")
        OBSERVER = "observer", _("Observer")
        NGO = "ngo", _("NGO")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="delegations"
    )
    name = models.CharField(verbose_name=_("name"), max_length=120)
    kind = models.CharField(verbose_name=_("kind"), max_length=10, choices=Kind.choices, default=Kind.MEMBER)
    # The Security Council's rules: a permanent member's "no" on substance is a veto; a party to the
    # dispute before the Council abstains (the chair marks it, Charter Article 27(3)).
    permanent = models.BooleanField(
        verbose_name=_("permanent"),
        default=False,
        help_text=_("A permanent member of the Security Council: its no on substance is a veto."),
    )
    party_to_dispute = models.BooleanField(
        verbose_name=_("party to dispute"),
        default=False,
        help_text=_("A party to the dispute before the Security Council: it abstains on substance."),
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="delegations",
        help_text=_("The school or team its delegates come from (for the Best Delegation)."),
    )
    join_token = models.CharField(verbose_name=_("join token"), max_length=32, unique=True, default=new_token)
    token_issued_at = models.DateTimeField(verbose_name=_("token issued at"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["committee", "name"], name="one_delegation_per_name")]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")

    def __str__(self) -> str:
        return self.name


class ExecutiveRole(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        RAPPORTEUR = "rapporteur", _("Rapporteur")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="board"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="board_roles"
    )
    role = models.CharField(verbose_name=_("role"), max_length=12, choices=Role.choices)
    affiliation = models.CharField(
        verbose_name=_("affiliation"),
        max_length=120,
        blank=True,
        help_text=_("The member's country or institution, as the minutes' masthead names them."),
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["committee", "user"], name="one_role_per_person")]
        verbose_name = _("executive role")
        verbose_name_plural = _("executive roles")

    def __str__(self) -> str:
        return f"{self.get_role_display()} of {self.committee}: {self.user}"


class SignInLink(models.Model):
    """A secret link that signs a board member in without a password (printed by `make run`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    token = models.CharField(verbose_name=_("token"), max_length=64, unique=True, default=new_signin_token)
    next_url = models.CharField(verbose_name=_("next url"), max_length=200, default="/")
    expires_at = models.DateTimeField(verbose_name=_("expires at"))
    used_at = models.DateTimeField(
        verbose_name=_("used at"), null=True, blank=True, help_text=_("A link signs in once.")
    )

    class Meta:
        verbose_name = _("sign in link")
        verbose_name_plural = _("sign in links")

    def __str__(self) -> str:
        return f"sign-in link for {self.user} until {self.expires_at:%Y-%m-%d %H:%M}"

    @classmethod
    def issue(cls, user, next_url: str, minutes: int = 60) -> SignInLink:
        """A new link for this person; the links issued before it stop working (one link at a time)."""
        cls.objects.filter(user=user, used_at__isnull=True).delete()
        return cls.objects.create(user=user, next_url=next_url, expires_at=timezone.now() + timedelta(minutes=minutes))

    def is_valid(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now() and self.user.is_active

    def use(self) -> bool:
        """Spend the link (once, even against two clicks at the same moment): True if this use won."""
        return bool(
            SignInLink.objects.filter(pk=self.pk, used_at__isnull=True, expires_at__gt=timezone.now()).update(
                used_at=timezone.now()
            )
        )


class Document(models.Model):
    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(verbose_name=_("title"), max_length=200)
    slug = models.SlugField(verbose_name=_("slug"))
    body = models.TextField(verbose_name=_("body"))
    position = models.PositiveIntegerField(verbose_name=_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["committee", "slug"], name="one_document_per_slug")]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title
