"""Template filters of the record."""

from __future__ import annotations

from django import template

from committee.documents import day_words
from committee.times import clock as _clock
from record import words

register = template.Library()


@register.filter
def clock(seconds) -> str:
    """A duration in seconds as a timer shows it: 1:24."""
    return _clock(seconds) if seconds is not None else ""


@register.filter
def answered(sitting, statuses: str) -> list[str]:
    """The delegations whose last answer to the roll call was one of these ("present_voting")."""
    return sitting.answered(*statuses.split(","))


@register.filter
def ordinal(number: int) -> str:
    """ "first", "second" … "21st": a meeting's number as its record's title says it."""
    return words.ordinal(number)


@register.filter
def day(moment) -> str:
    """ "7 December 2026"."""
    return day_words(moment) if moment else ""
