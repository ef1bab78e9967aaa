"""A draft or an adopted resolution as a DOCX the secretariat can circulate and edit (python-docx),
laid out as the UN lays one out: the masthead (the committee, the symbol, distribution, date, original
language), the agenda item and the sponsors, the title, "The <committee>," then the preambular
paragraphs indented with their opening phrase in italics, the numbered operative paragraphs (the
number hanging, the phrase in italics) with their lettered sub-paragraphs indented beneath; A4 or US
Letter as the committee says, the symbol in the header and the page number in the footer."""

from __future__ import annotations

import io
import re

from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from committee.documents import masthead, page, plain_styles, text_width
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


INDENT = Cm(1.27)  # the UN's indent: a preambular paragraph's first line, an operative number's hang


def _clause(document, line: Line, depth: int) -> None:
    """A preambular paragraph (its first line indented) or an operative one (its number hanging, its
    sub-paragraphs one step further in)."""
    paragraph = document.add_paragraph()
    form = paragraph.paragraph_format
    form.space_after = Pt(6)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if line.label:
        form.left_indent = INDENT * (depth + 1)
        form.first_line_indent = -INDENT
        form.tab_stops.add_tab_stop(INDENT * (depth + 1))
        paragraph.add_run(f"{line.label}\t")
    else:
        form.first_line_indent = INDENT
    phrase = paragraph.add_run(line.phrase + " ")
    phrase.italic = True
    _runs(paragraph, str(line.text))
    paragraph.add_run(line.end)
    for child in line.children:
        _clause(document, child, depth + 1)


def resolution_docx(committee: Committee, view: PaperView) -> bytes:
    paper = view.paper
    document = Document()
    plain_styles(document, size=12)
    page(document.sections[0], committee.paper, paper.symbol)
    document.core_properties.title = paper.title
    document.core_properties.author = committee.conference.name if committee.conference_id else committee.name
    document.core_properties.subject = committee.name
    masthead(document, committee.name, paper.symbol, timezone.localtime(), text_width(document))
    status = {
        "adopted": "Resolution adopted" + (" without a vote" if paper.consensus else ""),
        "introduced": "Draft resolution",
        "rejected": "Draft resolution (rejected)",
    }.get(paper.status, "Working paper")
    document.add_paragraph(f"Agenda: {committee.agenda}")
    sponsors = document.add_paragraph()
    sponsors.add_run(", ".join(s.delegation.name for s in view.sponsors) + ": ").bold = True
    sponsors.add_run(status.lower() if status != "Working paper" else "working paper")
    if view.signatories:
        document.add_paragraph("Signatories: " + ", ".join(s.delegation.name for s in view.signatories))
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading = title.add_run(paper.title)
    heading.bold, heading.font.size = True, Pt(14)
    opening = document.add_paragraph()
    opening.paragraph_format.first_line_indent = INDENT
    opening.add_run(f"The {committee.name},").italic = False
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
