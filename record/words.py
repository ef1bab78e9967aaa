"""How the record words what happened: delegations named in running text as the UN names them ("the
representative of the Philippines"), lists as a sentence ("Canada, Chile and Egypt"), notes quoted
without a double full stop; in the active language (English's articles only in English)."""

from __future__ import annotations

import re

from django.utils import translation
from django.utils.translation import gettext as _

# Names the UN writes with "the" in running text (the Philippines, the Republic of Korea), found by
# their first word or whole.
_THE_WORDS = ("Republic", "United", "Kingdom", "Federation", "Democratic", "Islamic", "Plurinational", "Bolivarian")
_THE_NAMES = {
    "Bahamas",
    "Central African Republic",
    "Comoros",
    "Congo",
    "Czech Republic",
    "Dominican Republic",
    "European Union",
    "Gambia",
    "Holy See",
    "Lao People's Democratic Republic",
    "Maldives",
    "Marshall Islands",
    "Netherlands",
    "Niger",
    "Philippines",
    "Russian Federation",
    "Solomon Islands",
    "State of Palestine",
    "Sudan",
    "Syrian Arab Republic",
    "Seychelles",
}


def _english() -> bool:
    return (translation.get_language() or "en").startswith("en")


def in_text(name: str) -> str:
    """A delegation's name as it stands in a sentence: "the Philippines", "Canada"."""
    if _english() and (name in _THE_NAMES or name.split(" ", 1)[0] in _THE_WORDS):
        return f"the {name}"
    return name


def representative(name: str) -> str:
    """ "the representative of the Philippines" (the record does not know Mr. or Ms.)."""
    return _("the representative of %(name)s") % {"name": in_text(name)}


def sentence(text: str) -> str:
    """The text as a sentence: a capital first, one full stop (or its own ? or !) last."""
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    last = text[-2] if text.endswith("”") and len(text) > 1 else text[-1]  # “… Thanks.” needs no more
    return text if last in ".?!…" else text + "."


def quoted(note: str) -> str:
    """A note in quotation marks, its own closing full stop kept inside (so none is added after)."""
    note = note.strip()
    return f"“{note}”" if note else ""


def listed(names: list[str]) -> str:
    """ "Canada", "Canada and Chile", "Canada, Chile and Egypt"."""
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": _(", ").join(names[:-1]), "last": names[-1]}


# How the record names a clause, from the label the journal keeps in English.
_CLAUSE = re.compile(r"^(operative|preambulatory) clause (.+)$")


def clause_words(label: str) -> str:
    """ "operative paragraph 3 (b)": a clause as the record names it, in the active language."""
    found = _CLAUSE.match(label.replace("paragraph", "clause"))
    if found is None:
        return label
    if found.group(1) == "operative":
        return _("operative paragraph %(number)s") % {"number": found.group(2)}
    return _("preambular paragraph %(number)s") % {"number": found.group(2)}


def ordinal(number: int) -> str:
    """ "first" … "twentieth", then "21st": the meeting's number in a summary record's title; in
    another language as it writes an ordinal ("1re", "2.ª", "1-м"), or the number."""
    if not _english():
        return _ORDINALS.get((translation.get_language() or "")[:2], str)(number)
    words = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
        "eighteenth", "nineteenth", "twentieth",
    ]  # fmt: skip
    if 1 <= number <= len(words):
        return words[number - 1]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


_ORDINALS = {
    "fr": lambda n: "1re" if n == 1 else f"{n}e",
    "es": lambda n: f"{n}.ª",
    "ru": lambda n: f"{n}-м",
}
