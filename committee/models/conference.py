"""The conference the committees belong to: its name, dates, venue, time zone and the scheme of its
documents' symbols. The record of every committee reads its times in the conference's zone (a sitting
in New York is dated as New York saw it), whatever zone the server runs in, and names its documents by
the conference's scheme ("UNODC/2027/SR.1", "resolution 1/3")."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def default_time_zone() -> str:
    return settings.TIME_ZONE


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            _(
                "%(value)s is not a time zone: write it as the IANA database does, such as Europe/Paris, "
                "America/New_York or Asia/Kolkata."
            )
            % {"value": repr(value)}
        ) from error


# The symbol schemes: what may be written between braces, and what it stands for.
RECORD_PLACES = {"committee": "the committee's abbreviation", "year": "the year", "meeting": "the meeting's number"}
RESOLUTION_PLACES = {
    "committee": "the committee's abbreviation",
    "year": "the year",
    "edition": "the conference's edition",
    "number": "the resolution's number",
}
RECORD_SYMBOL = "{committee}/{year}/SR.{meeting}"
RESOLUTION_SYMBOL = "{edition}/{number}"


def fill_symbol(scheme: str, **values) -> str:
    """A symbol of the scheme; a scheme that does not fill (an admin saved it before it was checked)
    falls back to its words as they are."""
    try:
        return scheme.format(**values)
    except (KeyError, IndexError, ValueError):
        return scheme


def _check_scheme(value: str, places: dict[str, str]) -> None:
    import string

    try:
        names = [name for _, name, _, _ in string.Formatter().parse(value) if name is not None]
    except ValueError as error:
        raise ValidationError(
            _("%(value)s has an unmatched brace: write a place as {name}.") % {"value": repr(value)}
        ) from error
    unknown = [name for name in names if name not in places]
    if unknown:
        known = ", ".join("{" + name + "} (" + words + ")" for name, words in places.items())
        raise ValidationError(
            _("{%(unknown)s} is not a place of this symbol: the places are %(known)s.")
            % {"unknown": unknown[0], "known": known}
        )


def validate_record_symbol(value: str) -> None:
    _check_scheme(value, RECORD_PLACES)


def validate_resolution_symbol(value: str) -> None:
    _check_scheme(value, RESOLUTION_PLACES)


class Conference(models.Model):
    name = models.CharField(verbose_name=_("name"), max_length=200)
    venue = models.CharField(verbose_name=_("venue"), max_length=200, blank=True)
    starts_on = models.DateField(verbose_name=_("starts on"), null=True, blank=True)
    ends_on = models.DateField(verbose_name=_("ends on"), null=True, blank=True)
    time_zone = models.CharField(
        verbose_name=_("time zone"),
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("Where the conference meets, e.g. Asia/Kolkata: the minutes give every time in this zone."),
    )

    edition = models.PositiveSmallIntegerField(
        verbose_name=_("edition"),
        default=1,
        help_text=_("Which edition of the conference this is: the 1 of resolution 1/3."),
    )
    record_symbol = models.CharField(
        verbose_name=_("record symbol"),
        max_length=80,
        default=RECORD_SYMBOL,
        validators=[validate_record_symbol],
        help_text=_("The symbol of a meeting's summary record, e.g. {committee}/{year}/SR.{meeting}."),
    )
    resolution_symbol = models.CharField(
        verbose_name=_("resolution symbol"),
        max_length=80,
        default=RESOLUTION_SYMBOL,
        validators=[validate_resolution_symbol],
        help_text=_("The number of an adopted resolution, e.g. {edition}/{number} (resolution 1/3)."),
    )

    class BestDelegation(models.TextChoices):
        PER_DELEGATE = "per_delegate", _("Award points divided by the team's delegations")
        TOTAL = "total", _("Award points added up")

    best_delegation = models.CharField(
        verbose_name=_("best delegation"),
        max_length=20,
        choices=BestDelegation.choices,
        default=BestDelegation.PER_DELEGATE,
        help_text=_("How the Best Delegation is found from its delegations' awards across the committees."),
    )

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(_("The conference ends after it starts: check its dates."))

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Team(models.Model):
    """A school, university or team whose delegates sit in several committees: the Best Delegation is
    found among the teams, from their delegations' awards."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="teams"
    )
    name = models.CharField(verbose_name=_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["conference", "name"], name="one_team_per_name")]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name
