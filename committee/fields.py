"""Fields: one system for every value a person sends and the journal keeps.

A command declares its fields (committee/contract.py), a motion its own, a journal kind the facts it
keeps (committee/journal.py), all with the fields of this module. A field:
- `parse`s what arrived (strings from a form, any JSON value from a socket) into a typed value, or
  refuses it with a sentence that names the field: actions take typed arguments, never a raw value;
- says whether a value `fits` it, before the journal keeps it;
- puts a kept value in `words` for the minutes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_noop

from committee.errors import ActionError, LazyMessage
from committee.times import InUnit, clock, parse_seconds

# Control characters other than tab and newline: PostgreSQL refuses NUL, and none belongs in minutes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LARGEST_ID = 2**53  # what a browser's JSON can carry exactly


@dataclass(frozen=True)
class Field:
    label: str = ""
    required: bool = False
    key: str = ""  # the form's or message's name for it, where it differs from the action's argument
    widget = "text"  # how a form asks for it: "text", "seconds" (a time, with presets) or "choice"

    def parse(self, value: Any) -> Any:
        raise NotImplementedError("each kind of field parses its own values")

    def missing(self) -> str:
        return LazyMessage(gettext_noop("%(label)s is missing."), {"label": self.label})

    def read(self, name: str, params: Mapping[str, Any]) -> Any:
        value = params.get(self.key or name)
        if value is None or value == "":
            if self.required:
                raise ActionError(self.missing())
            return None
        return self.parse(value)

    def fits(self, value: Any) -> bool:
        """Whether the journal may keep `value` as this field (None always fits)."""
        raise NotImplementedError("each kind of field says what it keeps")

    def words(self, value: Any, names: Mapping[int, str]) -> str:
        """A kept value as the minutes say it."""
        return "" if value is None else str(value)


def is_number(text: str, longest: int = 18) -> bool:
    """Digits that int() reads (isdigit() also takes '²', which int() refuses), few enough to be a
    number here (int() refuses more than 4,300 digits)."""
    return text.isdecimal() and len(text) <= longest


def _digits_of(value: Any) -> str:
    """A number as typed: from a form (text) or a socket (a JSON integer); anything else is not one."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return ""
    if isinstance(value, int):
        return str(value) if abs(value) < 10**18 else "9" * 19  # too big either way, and cheap to say
    return value.strip()


def _whole(value: Any) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


@dataclass(frozen=True)
class Id(Field):
    """The id of a row (a delegation, a motion, a point): a positive whole number."""

    def missing(self) -> str:
        return LazyMessage(gettext_noop("Choose a %(label)s."), {"label": self.label.lower()})

    def parse(self, value: Any) -> int:
        text = _digits_of(value)
        # An id has at most 16 digits: longer is no id (and never reaches int(), which refuses 4,300).
        if not is_number(text, 16) or not 0 < int(text) < _LARGEST_ID:
            raise ActionError(LazyMessage(gettext_noop("There is no such %(label)s."), {"label": self.label.lower()}))
        return int(text)

    def fits(self, value: Any) -> bool:
        return _whole(value)


@dataclass(frozen=True)
class Ids(Id):
    """Several rows at once (a chit's addressees): a form's repeated field or a socket's JSON list; a
    word of `words` (such as "board") passes as itself. At most `most` of them."""

    words_allowed: tuple[str, ...] = ()
    most: int = 50
    message: str = ""  # what a value that is none of them, or none at all, is told

    def missing(self) -> str:
        return self.message or super().missing()

    def parse(self, value: Any) -> list:
        values = value if isinstance(value, list) else [value]
        if not values:
            raise ActionError(self.missing())
        if len(values) > self.most:
            raise ActionError(
                LazyMessage(
                    gettext_noop("%(label)s: choose from 1 to %(most)s."), {"label": self.label, "most": self.most}
                )
            )
        parsed = []
        for one in values:
            if isinstance(one, str) and one in self.words_allowed:
                parsed.append(one)
                continue
            try:
                parsed.append(super().parse(one))
            except ActionError:
                raise ActionError(
                    self.message or LazyMessage(gettext_noop("%(label)s: choose from the list."), {"label": self.label})
                ) from None
        return list(dict.fromkeys(parsed))  # each once, in the order chosen


@dataclass(frozen=True)
class Ref(Id):
    """One of the rows a form offers now (a motion's "Draft resolution": the committee's papers),
    `options(state)` giving them as (id, label)."""

    options: Callable[[Any], list[tuple[int, str]]] | None = None
    widget = "choice"

    def missing(self) -> str:
        return LazyMessage(gettext_noop("Choose %(label)s."), {"label": self.label.lower()})

    def parse(self, value: Any) -> int:
        try:
            return super().parse(value)
        except ActionError:
            raise ActionError(self.missing()) from None


@dataclass(frozen=True)
class Delegation(Id):
    """Another delegation than an entry's subject, kept by id and named when the minutes are read."""

    def words(self, value: Any, names: Mapping[int, str]) -> str:
        # Entries of earlier versions named the delegation: the name reads as it was written.
        if value is None:
            return ""
        return value if isinstance(value, str) else names.get(value, "a delegation")


@dataclass(frozen=True)
class Whole(Field):
    """A whole number (the action checks its range, in the words of its rule)."""

    maximum: int = 10_000

    def parse(self, value: Any) -> int:
        text = _digits_of(value)
        digits = text[1:] if text.startswith("-") else text
        if not digits.isdecimal():
            raise ActionError(LazyMessage(gettext_noop("%(label)s: type a whole number."), {"label": self.label}))
        if len(digits) > len(str(self.maximum)) or int(digits) > self.maximum:
            raise ActionError(
                LazyMessage(
                    gettext_noop("%(label)s: %(text)s%(text2)s is more than there can be."),
                    {"label": self.label, "text": text[:12], "text2": "…" if len(text) > 12 else ""},
                )
            )
        return int(text)

    def fits(self, value: Any) -> bool:
        return _whole(value)


@dataclass(frozen=True)
class Count(Whole):
    """A number of votes or placards, a tally, a sitting's number: a whole number from 0."""

    def parse(self, value: Any) -> int:
        number = super().parse(value)
        if number < 0:
            raise ActionError(LazyMessage(gettext_noop("%(label)s: counts cannot be negative."), {"label": self.label}))
        return number


@dataclass(frozen=True)
class Seconds(Field):
    """A time, kept in seconds: typed as people say it ('10' in the field's unit, '1:30', '90s'),
    within a range, with common values offered as one tap; the minutes show it as a clock (1:24)."""

    minimum: int = 1
    maximum: int = 4 * 3600
    unit: str = "seconds"  # what a bare number typed into it means: "minutes" or "seconds"
    presets: tuple[int, ...] = ()  # in the unit
    widget = "seconds"

    def parse(self, value: Any) -> int:
        try:
            seconds = parse_seconds(value, self.unit)
        except ValueError as error:
            raise ActionError(
                LazyMessage(gettext_noop("%(label)s: %(error)s."), {"label": self.label, "error": error})
            ) from error
        if not self.minimum <= seconds <= self.maximum:
            low, high = InUnit(self.minimum, self.unit), InUnit(self.maximum, self.unit)
            raise ActionError(
                LazyMessage(
                    gettext_noop("%(label)s must be from %(low)s to %(high)s, not %(unit)s."),
                    {"label": self.label, "low": low, "high": high, "unit": InUnit(seconds, self.unit)},
                )
            )
        return seconds

    def fits(self, value: Any) -> bool:
        return value is None or (isinstance(value, int | float) and not isinstance(value, bool))

    def words(self, value: Any, names: Mapping[int, str]) -> str:
        return clock(value) if isinstance(value, int | float) else ""


@dataclass(frozen=True)
class Choice(Field):
    """One of a few words, such as yes / no, or start / pause."""

    values: tuple[str, ...] = ()
    message: str = ""

    def parse(self, value: Any) -> str:
        if isinstance(value, str) and value in self.values:
            return value
        raise ActionError(
            self.message
            or LazyMessage(
                gettext_noop("%(label)s: choose one of %(values)s."),
                {"label": self.label, "values": ", ".join(self.values)},
            )
        )

    def missing(self) -> str:
        return self.message or super().missing()

    def fits(self, value: Any) -> bool:
        return value is None or value in self.values


@dataclass(frozen=True)
class Flag(Field):
    """On or off, from a checkbox, a hidden field or a JSON boolean."""

    def parse(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower() if isinstance(value, str | int) else ""
        if text in {"1", "true", "on", "yes"}:
            return True
        if text in {"0", "false", "off", "no"}:
            return False
        raise ActionError(LazyMessage(gettext_noop("%(label)s: say yes or no."), {"label": self.label}))

    def fits(self, value: Any) -> bool:
        return value is None or isinstance(value, bool)

    def words(self, value: Any, names: Mapping[int, str]) -> str:
        return "" if value is None else ("yes" if value else "no")


@dataclass(frozen=True)
class Text(Field):
    """Words a person typed: trimmed, within a length, without control characters."""

    max_length: int = 200

    def missing(self) -> str:
        return LazyMessage(gettext_noop("%(label)s is missing."), {"label": self.label})

    def parse(self, value: Any) -> str:
        if not isinstance(value, str):
            raise ActionError(LazyMessage(gettext_noop("%(label)s: type it as text."), {"label": self.label}))
        text = _CONTROL.sub("", value).strip()
        if len(text) > self.max_length:
            raise ActionError(
                LazyMessage(
                    gettext_noop("%(label)s is too long (%(max_length)s characters at most)."),
                    {"label": self.label, "max_length": self.max_length},
                )
            )
        if self.required and not text:
            raise ActionError(self.missing())
        return text

    def fits(self, value: Any) -> bool:
        return value is None or isinstance(value, str)


@dataclass(frozen=True)
class Names(Field):
    """A list of names the journal keeps (a roll call's "In favour")."""

    def fits(self, value: Any) -> bool:
        return value is None or (isinstance(value, list | tuple) and all(isinstance(v, str) for v in value))

    def words(self, value: Any, names: Mapping[int, str]) -> str:
        return "" if value is None else ", ".join(value)


@dataclass(frozen=True)
class Facts(Field):
    """A small dictionary the journal keeps (a motion's values, a rules override)."""

    def fits(self, value: Any) -> bool:
        return value is None or isinstance(value, dict)


def parse_fields(fields: Mapping[str, Field], params: Mapping[str, Any]) -> dict[str, Any]:
    """Every declared field, typed (None where an optional one is absent); other keys are ignored."""
    typed = {}
    for name, field in fields.items():
        try:
            typed[name] = field.read(name, params)
        except ActionError as error:
            error.field = error.field or field.key or name
            raise
    return typed


# The fields the journal's declarations use most (committee/journal.py).
TEXT, COUNT, SECONDS, FLAG, ID, DELEGATION, NAMES, FACTS = (
    Text(),
    Count(),
    Seconds(),
    Flag(),
    Id(),
    Delegation(),
    Names(),
    Facts(),
)
