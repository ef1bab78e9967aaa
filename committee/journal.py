"""What a journal entry means: every kind an action writes is declared by its app, with a sentence.

The minutes will be read from the journal alone, so an entry of a kind nobody declared would be a
hole in the record: `record` refuses to write one, and the architecture test finds any action that
would.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter
from typing import Any


@dataclass(frozen=True)
class JournalKind:
    kind: str  # "rollcall.marked"
    sentence: str  # for the minutes, filled from the entry: "{actor} marked {delegation} {status}."

    def fields(self) -> set[str]:
        return {name for _, name, _, _ in Formatter().parse(self.sentence) if name}


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "…"


def sentence(kind: JournalKind | None, actor: str, data: dict[str, Any], raw_kind: str = "") -> str:
    """The entry in words; an unknown kind (from a newer or older version) still reads as a line."""
    if kind is None:
        return f"{actor}: {raw_kind} (an entry this version does not describe)"
    values = _Missing({key: value for key, value in data.items() if isinstance(key, str)})
    values["actor"] = actor
    return kind.sentence.format_map(values)
