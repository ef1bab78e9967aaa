"""A draft or an adopted resolution as a DOCX the secretariat can circulate and edit (python-docx):
the heading, the preambulatory clauses with their opening phrase in italics, and the numbered
operative clauses with their lettered sub-clauses, indented."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.shared import Cm, Pt

from committee.models import Committee
from resolutions.state import PaperView
from resolutions.text import Line

_TAG = re.compile(r"<(/?)(em|i|strong|b|u|sup|sub)>")


def _runs(paragraph, html: str) -> None:
    """The sanitised clause text as runs: italic, bold, underline, superscript and subscript kept."""
    state = {"italic": False, "bold": False, "underline": False, "superscript": False, "subscript": False}
    names = {
        "em": "italic",
        "i": "italic",
        "strong": "bold",
        "b": "bold",
        "u": "underline",
        "sup": "superscript",
        "sub": "subscript",
    }
    position = 0
    for match in _TAG.finditer(html):
        _text(paragraph, html[position : match.start()], state)
        state[names[match[2]]] = not match[1]
        position = match.end()
    _text(paragraph, html[position:], state)


def _text(paragraph, text: str, state: dict) -> None:
    from html import unescape

    if not text:
        return
    run = paragraph.add_run(unescape(text))
    run.italic, run.bold, run.underline = state["italic"], state["bold"], state["underline"]
    run.font.superscript, run.font.subscript = state["superscript"], state["subscript"]


def _clause(document, line: Line, indent: int) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = Cm(1.25 * indent)
    paragraph.paragraph_format.space_after = Pt(6)
    if line.label:
        paragraph.add_run(f"{line.label}\t")
    phrase = paragraph.add_run(line.phrase + " ")
    phrase.italic = True
    _runs(paragraph, str(line.text))
    paragraph.add_run(line.end)
    for child in line.children:
        _clause(document, child, indent + 1)


def resolution_docx(committee: Committee, view: PaperView) -> bytes:
    paper = view.paper
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(12)
    document.add_paragraph(committee.name).runs[0].bold = True
    document.add_paragraph(f"Agenda: {committee.agenda}")
    status = {
        "adopted": "Resolution adopted" + (" without a vote" if paper.consensus else ""),
        "introduced": "Draft resolution",
        "rejected": "Draft resolution (rejected)",
    }.get(paper.status, "Working paper")
    document.add_paragraph(f"{paper.symbol} · {status}")
    document.add_paragraph("Sponsors: " + ", ".join(s.delegation.name for s in view.sponsors))
    if view.signatories:
        document.add_paragraph("Signatories: " + ", ".join(s.delegation.name for s in view.signatories))
    document.add_heading(paper.title, level=1)
    document.add_paragraph(f"The {committee.name},")
    for line in view.preamble:
        _clause(document, line, 0)
    for line in view.operative:
        _clause(document, line, 0)
    if paper.status in ("adopted", "rejected"):
        record = paper.vote.record_text() if paper.vote_id else "adopted without a vote"
        document.add_paragraph(f"{record[:1].upper()}{record[1:]}.").runs[0].italic = True
        for head, names in paper.vote.recorded_names() if paper.vote_id else []:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{head}: ").italic = True
            paragraph.add_run(", ".join(names) + ".")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
