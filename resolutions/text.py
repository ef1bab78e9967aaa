"""A draft's text: what a person may type, and how the UN prints it.

Clause text allows a small safe subset of formatting (italic, bold, underline, superscript and
subscript) and nothing else: nh3 removes every other tag and every attribute, so no script, no event
handler, no link and no hx- attribute survives. Unicode controls that reverse or hide text go too.

Printed as procedure.md says: the opening phrase in italics; preambulatory clauses end with a comma;
operative clauses are numbered and end with a semicolon, the last with a full stop; a clause with
sub-clauses ends with a colon; sub-clauses are lettered (a), (b), then (i), (ii).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"em", "i", "strong", "b", "u", "sup", "sub"}
# Bidirectional overrides and isolates, zero-width characters: a text that reads otherwise than it is.
_TRICKS = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_TRAILING = re.compile(r"[\s,;:.]+$")


def clean(text: str) -> str:
    """The safe form of what a person typed into a clause."""
    text = _TRICKS.sub("", text or "")
    return nh3.clean(text, tags=ALLOWED_TAGS, attributes={}, strip_comments=True, link_rel=None).strip()


def plain(text: str) -> str:
    """A title or a phrase: kept as typed but for the tricks (Django escapes it wherever it is shown)."""
    return _TRICKS.sub("", text or "").strip()


def words_of(text: str) -> str:
    """A clause's clean HTML as plain words: no tags, and "&" where the HTML says "&amp;" (whoever
    shows the words escapes them once)."""
    return html.unescape(re.sub(r"<[^>]+>", "", str(text)))


def roman(number: int) -> str:
    return ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"][number] if number <= 10 else str(number)


def letter(number: int) -> str:
    return chr(ord("a") + number - 1) if number <= 26 else str(number)


@dataclass
class Line:
    """One clause as printed: its label, depth, italic phrase, safe text and final punctuation."""

    clause_id: int
    kind: str
    depth: int  # 0 for a clause, 1 for a sub-clause, 2 for a sub-sub-clause
    label: str  # "3.", "(b)", "(ii)", or "" for a preambulatory clause
    phrase: str
    text: SafeString
    end: str  # ",", ";", ":", "."
    struck: bool = False
    children: list[Line] = field(default_factory=list)

    @property
    def html(self) -> SafeString:
        phrase = f"<em>{escape(self.phrase)}</em> " if self.phrase else ""
        return mark_safe(f"{phrase}{self.text}{self.end}")

    @property
    def words(self) -> str:
        """The clause as one line of plain text (for a DOCX, a CSV, a test)."""
        return " ".join(part for part in (self.label, self.phrase, words_of(self.text) + self.end) if part).strip()


def strip_end(text: str) -> str:
    """A clause's text without the punctuation it ends with (its place in the text gives that)."""
    return _TRAILING.sub("", text)


def lay_out(clauses) -> tuple[list[Line], list[Line]]:
    """Preamble and operative part as printed, from a paper's clauses (any order, struck ones out)."""
    by_parent: dict[int | None, list] = {}
    for clause in clauses:
        if not clause.struck:
            by_parent.setdefault(clause.parent_id, []).append(clause)
    for siblings in by_parent.values():
        siblings.sort(key=lambda c: (c.position, c.id))

    def build(clause, depth: int, number: int) -> Line:
        label = f"{number}." if depth == 0 else f"({letter(number)})" if depth == 1 else f"({roman(number)})"
        children = [build(child, depth + 1, n) for n, child in enumerate(by_parent.get(clause.id, []), start=1)]
        return Line(
            clause.id,
            clause.kind,
            depth,
            label if clause.kind == "operative" else "",
            clause.phrase,
            mark_safe(strip_end(clean(clause.text))),
            ":" if children else ";",
            clause.struck,
            children,
        )

    top = by_parent.get(None, [])
    preamble = [build(c, 0, 0) for c in top if c.kind == "preamble"]
    for line in preamble:
        line.label, line.end = "", ","
    operative = [build(c, 0, n) for n, c in enumerate((c for c in top if c.kind == "operative"), start=1)]
    last = operative[-1] if operative else None
    while last is not None and last.children:
        last = last.children[-1]
    if last is not None:
        last.end = "."
    return preamble, operative


def flatten(lines: list[Line]) -> list[Line]:
    out = []
    for line in lines:
        out.append(line)
        out.extend(flatten(line.children))
    return out


def label_of(clause, preamble: list[Line], operative: list[Line]) -> str:
    """How a clause is named in an amendment or a division: 'operative clause 3 (b)'."""
    for line in flatten(operative):
        if line.clause_id == clause.id:
            return f"operative clause {_path(operative, clause.id)}"
    for number, line in enumerate(preamble, start=1):
        if line.clause_id == clause.id:
            return f"preambulatory clause {number}"
    return "a clause"


def _path(lines: list[Line], clause_id: int, prefix: str = "") -> str:
    for line in lines:
        here = f"{prefix}{line.label.rstrip('.')}" if not prefix else f"{prefix} {line.label}"
        if line.clause_id == clause_id:
            return here
        found = _path(line.children, clause_id, here)
        if found:
            return found
    return ""
