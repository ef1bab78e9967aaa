"""A draft's text as procedure.md prints it, and what survives of what a person types (nh3)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from resolutions.rules import phrase_warning
from resolutions.text import clean, flatten, label_of, lay_out, plain
from tests.xss import PAYLOADS


def clause(pk, kind, phrase, text, parent=None, position=0, struck=False):
    return SimpleNamespace(
        id=pk, kind=kind, phrase=phrase, text=text, parent_id=parent, position=position or pk, struck=struck
    )


DRAFT = [
    clause(1, "preamble", "Recalling", "the Palermo Convention;"),
    clause(2, "preamble", "Noting with concern", "the gaps between jurisdictions"),
    clause(3, "operative", "Encourages", "joint investigation teams."),
    clause(4, "operative", "including", "asset recovery experts", parent=3),
    clause(5, "operative", "and", "financial investigators", parent=3),
    clause(6, "operative", "notably", "in correspondent banking", parent=5),
    clause(7, "operative", "Calls upon", "Member States to designate a central authority"),
    clause(8, "operative", "Requests", "training", struck=True),
]


def test_clauses_are_labelled_and_punctuated_as_the_un_prints_them():
    preamble, operative = lay_out(DRAFT)
    assert [line.words for line in preamble] == [
        "Recalling the Palermo Convention,",
        "Noting with concern the gaps between jurisdictions,",
    ]
    assert [line.words for line in flatten(operative)] == [
        "1. Encourages joint investigation teams:",
        "(a) including asset recovery experts;",
        "(b) and financial investigators:",
        "(i) notably in correspondent banking;",
        "2. Calls upon Member States to designate a central authority.",  # the last ends with a full stop
    ]
    assert label_of(DRAFT[5], preamble, operative) == "operative clause 1 (b) (i)"
    assert label_of(DRAFT[1], preamble, operative) == "preambulatory clause 2"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_nothing_but_the_small_formatting_subset_survives(payload):
    kept = clean(payload).lower()
    for bad in ("<script", "onerror", "onload", "ontoggle", "onmouseover", "javascript:", "hx-", "<svg", "<math"):
        assert bad not in kept, (payload, kept)
    for bad in ("<iframe", "<a ", "style=", "<template", "\u202e", "\u200b", "\u2066"):
        assert bad not in kept, (payload, kept)


def test_italic_bold_and_subscripts_are_kept():
    assert clean("<em>Italic</em>, <strong>bold</strong>, H<sub>2</sub>O") == (
        "<em>Italic</em>, <strong>bold</strong>, H<sub>2</sub>O"
    )
    assert plain("  Recalling\u202e  ") == "Recalling"


def test_an_unusual_opening_phrase_is_a_warning_not_a_refusal():
    assert phrase_warning("operative", "Urges") == ""
    assert phrase_warning("preamble", "noting with concern") == ""
    assert "not a usual opening phrase" in phrase_warning("operative", "Wants")
    assert "participle" in phrase_warning("preamble", "Wants")
