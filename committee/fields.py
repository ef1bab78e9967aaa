"""The fields a command takes, parsed where they enter (a form post or a WebSocket message).

Each command declares its fields; `parse` turns what arrived (strings from a form, any JSON value from
a socket) into typed values, or refuses with a sentence that names the field. Actions then take typed
arguments and never see a raw value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from committee.errors import ActionError

# Control characters other than tab and newline: PostgreSQL refuses NUL, and none belongs in minutes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LARGEST_ID = 2**53  # what a browser's JSON can carry exactly


@dataclass(frozen=True)
class Field:
    label: str
    required: bool = False
    key: str = ""  # the form's or message's name for it, where it differs from the action's argument

    def parse(self, value: Any) -> Any:
        raise NotImplementedError("each kind of field parses its own values")

    def missing(self) -> str:
        return f"{self.label} is missing."

    def read(self, name: str, params: Mapping[str, Any]) -> Any:
        value = params.get(self.key or name)
        if value is None or value == "":
            if self.required:
                raise ActionError(self.missing())
            return None
        return self.parse(value)


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


@dataclass(frozen=True)
class Id(Field):
    """The id of a row (a delegation, a motion, a point): a positive whole number."""

    def missing(self) -> str:
        return f"Choose a {self.label.lower()}."

    def parse(self, value: Any) -> int:
        text = _digits_of(value)
        # An id has at most 16 digits: longer is no id (and never reaches int(), which refuses 4,300).
        if not is_number(text, 16) or not 0 < int(text) < _LARGEST_ID:
            raise ActionError(f"There is no such {self.label.lower()}.")
        return int(text)


@dataclass(frozen=True)
class Whole(Field):
    """A whole number (the action checks its range, in the words of its rule)."""

    maximum: int = 10_000

    def parse(self, value: Any) -> int:
        text = _digits_of(value)
        digits = text[1:] if text.startswith("-") else text
        if not digits.isdecimal():
            raise ActionError(f"{self.label}: type a whole number.")
        if len(digits) > len(str(self.maximum)) or int(digits) > self.maximum:
            raise ActionError(f"{self.label}: {text[:12]}{'…' if len(text) > 12 else ''} is more than there can be.")
        return int(text)


@dataclass(frozen=True)
class Count(Whole):
    """A number of votes or placards: a whole number from 0."""

    def parse(self, value: Any) -> int:
        number = super().parse(value)
        if number < 0:
            raise ActionError(f"{self.label}: counts cannot be negative.")
        return number


@dataclass(frozen=True)
class Choice(Field):
    """One of a few words, such as yes / no, or start / pause."""

    values: tuple[str, ...] = ()
    message: str = ""

    def parse(self, value: Any) -> str:
        if isinstance(value, str) and value in self.values:
            return value
        raise ActionError(self.message or f"{self.label}: choose one of {', '.join(self.values)}.")

    def missing(self) -> str:
        return self.message or super().missing()


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
        raise ActionError(f"{self.label}: say yes or no.")


@dataclass(frozen=True)
class Text(Field):
    """Words a person typed: trimmed, within a length, without control characters."""

    max_length: int = 200

    def parse(self, value: Any) -> str:
        if not isinstance(value, str):
            raise ActionError(f"{self.label}: type it as text.")
        text = _CONTROL.sub("", value).strip()
        if len(text) > self.max_length:
            raise ActionError(f"{self.label} is too long ({self.max_length} characters at most).")
        if self.required and not text:
            raise ActionError(f"{self.label} is missing.")
        return text


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
