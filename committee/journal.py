"""What a journal entry means: every kind an action writes is declared by its app, with its typed
fields and a sentence for the minutes.

The minutes are read from the journal alone, so an entry of a kind nobody declared would be a hole in
the record, and a field nobody declared a fact nobody can read: `record` refuses both, and the
architecture test finds any action that would write an undeclared kind.

The delegation an entry is about is its `subject` (a foreign key, not a name); other delegations an
entry names are stored by id in fields of kind DELEGATION and named when the entry is read. Durations
are seconds (SECONDS), shown as the clock shows them ("1:24").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from string import Formatter
from typing import Any

TEXT = "text"  # a string (a topic, a reason, a title)
COUNT = "count"  # a whole number (a tally, a sitting's number)
SECONDS = "seconds"  # a duration, shown 1:24
FLAG = "flag"  # yes or no
DELEGATION = "delegation"  # another delegation than the subject, by id
ID = "id"  # a row of the app that wrote it (a paper, a vote, a motion)
NAMES = "names"  # a list of names (a roll call's "In favour")
MAPPING = "mapping"  # a small dictionary (a motion's values, a rules override)
KINDS = {TEXT, COUNT, SECONDS, FLAG, DELEGATION, ID, NAMES, MAPPING}

# Every entry may name these without declaring them: who acted, and the subject delegation.
IMPLICIT = {"actor", "delegation"}


def _fits(kind: str, value: Any) -> bool:
    if value is None:
        return True
    if kind in (COUNT, ID, DELEGATION):
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == SECONDS:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == FLAG:
        return isinstance(value, bool)
    if kind == TEXT:
        return isinstance(value, str)
    if kind == NAMES:
        return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
    if kind == MAPPING:
        return isinstance(value, dict)
    return False


def clock(seconds: float | int | None) -> str:
    """1:24, 10:00, 1:02:03: a duration as a timer shows it."""
    if seconds is None:
        return "…"
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "…"


@dataclass(frozen=True)
class JournalKind:
    kind: str  # "rollcall.marked"
    # For the minutes, filled from the entry: "{actor} marked {delegation} {status}.", or a function of
    # the entry's values in words (for a sentence whose parts depend on what happened).
    sentence: str | Callable[[Mapping[str, str]], str]
    fields: Mapping[str, str] = field(default_factory=dict)  # name -> one of KINDS
    minutes: bool = True  # False: kept in the journal, left out of the minutes' proceedings (a ballot)

    def placeholders(self) -> set[str]:
        if callable(self.sentence):
            return set()
        return {name for _, name, _, _ in Formatter().parse(self.sentence) if name}

    def problems(self) -> list[str]:
        """What is wrong with the declaration itself (checked when the parts are sealed)."""
        found = [f"{self.kind}: field {n!r} has no kind {k!r}" for n, k in self.fields.items() if k not in KINDS]
        found += [
            f"{self.kind}: the sentence names {name!r}, which is not a declared field"
            for name in sorted(self.placeholders() - set(self.fields) - IMPLICIT)
        ]
        return found

    def refusal(self, data: Mapping[str, Any]) -> str | None:
        """Why this data does not fit the declaration (an undeclared or mistyped field), or None."""
        for name, value in data.items():
            declared = self.fields.get(name)
            if declared is None:
                return f"journal kind {self.kind!r} declares no field {name!r}"
            if not _fits(declared, value):
                return f"journal kind {self.kind!r}: {name!r} should be {declared}, not {type(value).__name__}"
        return None

    def words(self, data: Mapping[str, Any], names: Mapping[int, str]) -> dict[str, str]:
        """The entry's values in words: durations as a clock, delegations by name, lists joined."""
        out: dict[str, str] = {}
        for name, value in data.items():
            kind = self.fields.get(name, TEXT)
            if value is None:
                out[name] = ""
            elif kind == SECONDS and isinstance(value, int | float):
                out[name] = clock(value)
            elif kind == DELEGATION:
                # Entries of earlier versions named the delegation: the name reads as it was written.
                out[name] = value if isinstance(value, str) else names.get(value, "a delegation")
            elif kind == FLAG:
                out[name] = "yes" if value else "no"
            elif kind == NAMES:
                out[name] = ", ".join(value)
            else:
                out[name] = str(value)
        return out


def sentence(
    kind: JournalKind | None,
    actor: str,
    data: Mapping[str, Any],
    raw_kind: str = "",
    *,
    subject: str | None = None,
    names: Mapping[int, str] | None = None,
) -> str:
    """The entry in words; an unknown kind (from a newer or older version) still reads as a line.

    `subject` is the name of the entry's subject delegation (entries of earlier versions stored it as
    data["delegation"], which is read when there is no subject)."""
    if kind is None:
        return f"{actor}: {raw_kind} (an entry this version does not describe)"
    values = _Missing(kind.words({k: v for k, v in data.items() if isinstance(k, str)}, names or {}))
    values["actor"] = actor
    if subject:
        values["delegation"] = subject
    if callable(kind.sentence):
        return kind.sentence(values)
    return kind.sentence.format_map(values)


def entry_sentence(entry, kinds: Mapping[str, JournalKind], names: Mapping[int, str] | None = None) -> str:
    """A JournalEntry in words (its subject read through the foreign key)."""
    subject = entry.subject.name if entry.subject_id and entry.subject else None
    return sentence(kinds.get(entry.kind), entry.actor, entry.data, entry.kind, subject=subject, names=names)
