"""A draft written elsewhere (a word processor, a shared document), pasted whole and read into clauses.

One paragraph per line, as a word processor copies it. A line that opens with "1." is an operative
clause; "(a)" a sub-clause of the operative clause above it; "(i)" a sub-clause of that sub-clause
(after "(h)" it is the letter i). Before the first operative clause, a line is a preambulatory clause.
A line that begins in lower case continues the clause above it (text copied out of a PDF breaks
lines). The heading ("The Commission on Narcotic Drugs,") and the title are left out, and said so.

A clause's opening phrase is the longest usual one it begins with (resolutions/rules.py), else its
first word, which the editor flags as unusual; a sub-clause keeps its words whole (no phrase). The
punctuation a clause ends with is dropped: its place in the text gives it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from resolutions.rules import phrase_warning, phrases
from resolutions.text import clean, plain, strip_end

LONGEST = 60_000  # characters: a long resolution is some 20,000
_NUMBER = re.compile(r"^(\d{1,3})[.)]\s*")
_SUB = re.compile(r"^\(?([a-z]{1,4})\)\s*")  # "(a)", "a)", "(iv)"
_ROMAN = re.compile(r"x{0,3}(?:ix|iv|v?i{0,3})")


@dataclass
class Pasted:
    """One clause read from the pasted text: its kind, phrase, words and sub-clauses."""

    kind: str  # "preamble" or "operative"
    phrase: str
    text: str
    depth: int = 0
    children: list[Pasted] = field(default_factory=list)

    @property
    def warning(self) -> str:
        return phrase_warning(self.kind, self.phrase) if self.depth == 0 else ""


@dataclass
class Reading:
    """What a pasted text was read as: the clauses in order, and the lines left out."""

    preamble: list[Pasted] = field(default_factory=list)
    operative: list[Pasted] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        def every(clauses: list[Pasted]) -> int:
            return sum(1 + every(c.children) for c in clauses)

        return every(self.preamble) + every(self.operative)


def _opening(kind: str, words: str) -> tuple[str, str]:
    """(phrase, text): the longest usual phrase `words` begins with, else its first word."""
    folded = words.casefold()
    for phrase in sorted(phrases(kind), key=len, reverse=True):
        if folded.startswith(phrase.casefold()) and (len(words) == len(phrase) or not words[len(phrase)].isalnum()):
            return words[: len(phrase)], words[len(phrase) :].lstrip(" ,")
    first, _, rest = words.partition(" ")
    return first, rest


def read_draft(pasted: str) -> Reading:
    reading = Reading()
    last: Pasted | None = None  # the clause a lower-case line continues
    letter: Pasted | None = None  # the sub-clause (a), (b)... of the operative clause above
    marker = ""  # that sub-clause's letter
    for raw in (pasted or "")[:LONGEST].splitlines():
        line = plain(raw).strip()
        if not line:
            continue
        if last is not None and line[0].islower():
            last.text = f"{last.text} {line}"
            continue
        if number := _NUMBER.match(line):
            phrase, text = _opening("operative", line[number.end() :])
            last, letter, marker = Pasted("operative", phrase, text), None, ""
            reading.operative.append(last)
        elif reading.operative and (sub := _SUB.match(line)):
            mark = sub.group(1)
            # "(i)" under a sub-clause is a roman numeral, unless it is the letter after "(h)".
            next_letter = chr(ord(marker) + 1) if len(marker) == 1 else "a"
            if letter is not None and _ROMAN.fullmatch(mark) and mark != next_letter:
                last = Pasted("operative", "", line[sub.end() :], depth=2)
                letter.children.append(last)
            else:
                last = letter = Pasted("operative", "", line[sub.end() :], depth=1)
                marker = mark
                reading.operative[-1].children.append(letter)
        elif not reading.operative and _is_preamble(line):
            phrase, text = _opening("preamble", line)
            last = Pasted("preamble", phrase, text)
            reading.preamble.append(last)
        else:
            reading.left_out.append(line)
            last = None
    for clause in _every(reading):
        clause.text = strip_end(clean(clause.text))
    return reading


def _is_preamble(line: str) -> bool:
    """A preambulatory clause: it begins with a usual phrase, or ends with a comma (not the heading
    "The Commission on ...,", which names the body)."""
    if line.startswith("The ") and line.endswith(",") and len(line.split()) <= 8:
        return False
    folded = line.casefold()
    return line.endswith(",") or any(folded.startswith(p.casefold()) for p in phrases("preamble"))


def _every(reading: Reading):
    stack = [*reading.preamble, *reading.operative]
    while stack:
        clause = stack.pop()
        yield clause
        stack.extend(clause.children)
