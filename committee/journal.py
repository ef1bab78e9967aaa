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

from django.utils import translation

from committee.fields import TEXT, Field

# Every entry may name these without declaring them: who acted, and the subject delegation.
IMPLICIT = {"actor", "delegation"}
# Facts worded when the entry was written, kept in each language beside the English: a sentence takes
# the active language's (a vote's title and its result).
IN_EACH_LANGUAGE = {"title": "titles", "record": "records"}


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "…"


@dataclass(frozen=True)
class JournalKind:
    kind: str  # "rollcall.marked"
    # For the minutes, filled from the entry: "{actor} marked {delegation} {status}.", or a function of
    # the entry's values in words (for a sentence whose parts depend on what happened).
    sentence: str | Callable[[Mapping[str, str]], str]
    fields: Mapping[str, Field] = field(default_factory=dict)  # its facts, by name (committee/fields.py)
    minutes: bool = True  # False: kept in the journal, left out of the minutes' proceedings (a ballot)

    def placeholders(self) -> set[str]:
        if callable(self.sentence):
            return set()
        return {name for _, name, _, _ in Formatter().parse(str(self.sentence)) if name}

    def problems(self) -> list[str]:
        """What is wrong with the declaration itself (checked when the parts are sealed)."""
        found = [f"{self.kind}: {n!r} is not a field" for n, f in self.fields.items() if not isinstance(f, Field)]
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
            if not declared.fits(value):
                kind = type(declared).__name__.lower()
                return f"journal kind {self.kind!r}: {name!r} should be {kind}, not {type(value).__name__}"
        return None

    def words(self, data: Mapping[str, Any], names: Mapping[int, str]) -> dict[str, str]:
        """The entry's values in words: durations as a clock, delegations by name, lists joined."""
        return {name: self.fields.get(name, TEXT).words(value, names) for name, value in data.items()}


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
    language = translation.get_language()
    for name, by_language in IN_EACH_LANGUAGE.items():
        worded = data.get(by_language)
        if isinstance(worded, Mapping) and worded.get(language):
            values[name] = worded[language]
    if subject:
        values["delegation"] = subject
    if callable(kind.sentence):
        return kind.sentence(values)
    return str(kind.sentence).format_map(values)


def entry_sentence(entry, kinds: Mapping[str, JournalKind], names: Mapping[int, str] | None = None) -> str:
    """A JournalEntry in words (its subject read through the foreign key)."""
    subject = entry.subject.name if entry.subject_id and entry.subject else None
    return sentence(kinds.get(entry.kind), entry.actor, entry.data, entry.kind, subject=subject, names=names)
