"""Times as people type and read them: '10' (in the field's unit), '1:30', '90s', '10 min', '1m30s'."""

from __future__ import annotations

import re

from django.utils.translation import gettext_noop, npgettext

from committee.errors import LazyMessage

_UNIT_WORDS = {
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hour": 3600, "hours": 3600,
}  # fmt: skip
_CLOCK = re.compile(r"(\d+):([0-5]\d)")
_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]*)")
_MIXED = re.compile(r"(\d+)\s*m(?:in(?:utes?)?)?\s*(\d+)\s*s(?:ec(?:onds?)?)?")
UNIT_SECONDS = {"seconds": 1, "minutes": 60}


def _words(words: str, **values) -> LazyMessage:
    """Why a typed time was refused, worded in the language of the screen that shows it."""
    return LazyMessage(words, values)


def parse_seconds(value, unit: str = "seconds") -> int:
    """A time as a person types it, in whole seconds: a bare number is in the field's unit (minutes for
    a caucus or a suspension, seconds for a speaking time, as MUN says them); '1:30' is a minute and a
    half; '90s', '10 min', '1m30s' say their own unit. A whole number given by code is seconds."""
    example = _words(
        gettext_noop("10, or 1:30 for a minute and a half") if unit == "minutes" else gettext_noop("90, or 1:30")
    )
    if isinstance(value, bool):
        raise ValueError(_words(gettext_noop("type a time such as %(example)s"), example=example))
    if isinstance(value, int | float):
        seconds = value
    else:
        text = str(value or "").strip().lower()
        negative = text.startswith("-")
        text = text.lstrip("-").strip()
        clock, amount, mixed = _CLOCK.fullmatch(text), _AMOUNT.fullmatch(text), _MIXED.fullmatch(text)
        if clock:
            seconds = int(clock[1]) * 60 + int(clock[2])
        elif mixed:
            seconds = int(mixed[1]) * 60 + int(mixed[2])
        elif amount and (amount[2] in _UNIT_WORDS or not amount[2]):
            factor = _UNIT_WORDS[amount[2]] if amount[2] else UNIT_SECONDS[unit]
            seconds = float(amount[1].replace(",", ".")) * factor
        else:
            raise ValueError(
                _words(
                    gettext_noop("“%(value)s” is not a time: type one such as %(example)s"),
                    value=str(value)[:20],
                    example=example,
                )
            )
        if negative:
            seconds = -seconds
    if seconds != seconds or seconds in (float("inf"), float("-inf")):
        raise ValueError(_words(gettext_noop("type a time such as %(example)s"), example=example))
    if seconds <= 0:
        raise ValueError(_words(gettext_noop("a time must be positive")))
    if seconds != int(seconds):
        raise ValueError(_words(gettext_noop("give whole seconds")))
    return int(seconds)


class InUnit:
    """A limit said in a field's unit ('15 minutes', '90 seconds'), worded when it is shown, in the
    language of whoever reads it: a refusal is made inside an action, which runs in the committee's
    default language, and is read on the screen that pressed."""

    def __init__(self, seconds: int, unit: str) -> None:
        self.seconds = int(seconds)
        self.unit = unit

    def __str__(self) -> str:
        if self.unit == "minutes" and self.seconds % 60 == 0:
            count = self.seconds // 60
            return npgettext("a limit", "%(count)s minute", "%(count)s minutes", count) % {"count": count}
        count = self.seconds  # a limit that is no whole number of minutes is said in seconds
        return npgettext("a limit", "%(count)s second", "%(count)s seconds", count) % {"count": count}


def format_seconds(seconds: int) -> str:
    """1:30, 75:00: a time as a countdown shows it (minutes and seconds)."""
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


def clock(seconds: float | int | None) -> str:
    """1:24, 10:00, 1:02:03: a duration as the minutes give it."""
    if seconds is None:
        return "…"
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"
