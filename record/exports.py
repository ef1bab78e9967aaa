"""The minutes as files a secretariat signs and sends: a DOCX laid out as a UN summary record (the
symbol and masthead, the meeting in numbered paragraphs, the signature block, the tables as annexes;
A4 or US Letter as the committee says, a page number in every footer), and CSV tables of speeches,
motions and votes for a spreadsheet. Both read the same Minutes as the printable page."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from django.utils.translation import gettext, gettext_lazy
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from committee.documents import masthead, page, plain_styles, rule, text_width
from committee.times import clock
from record.charts import png_bar
from record.minutes import Minutes
from record.tables import Sitting
from record.words import ordinal

CSV_TABLES = {
    "speeches": ["date", "time", "sitting", "delegation", "list", "spoke", "allotted", "yield", "note"],
    "motions": ["date", "time", "sitting", "mover", "motion", "outcome", "vote"],
    "votes": ["date", "time", "sitting", "on", "question", "method", "in favour", "against", "abstaining", "result",
              "record"],
}  # fmt: skip


def csv_table(minutes: Minutes, table: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_TABLES[table])
    for sitting in minutes.sittings:
        rows = {"speeches": sitting.speeches, "motions": sitting.motions, "votes": sitting.votes}[table]
        for row in rows:
            # The local date, and the time with its offset (ISO 8601), where the page says "19:30".
            stamp = row.at.isoformat(timespec="seconds")
            note = [row.note] if table == "speeches" else []
            writer.writerow([row.at.date().isoformat(), stamp, sitting.title, *row.row[1:], *note])
    return out.getvalue()


# ---- the document ---------------------------------------------------------------------------------


def minutes_docx(minutes: Minutes) -> bytes:
    document = Document()
    plain_styles(document)
    first = minutes.sittings[0]
    _properties(document, minutes, first)
    for index, sitting in enumerate(minutes.sittings):
        section = document.sections[0] if index == 0 else document.add_section(WD_SECTION.NEW_PAGE)
        page(section, minutes.committee.paper, sitting.symbol)
        _masthead(document, minutes, sitting)
        _summary(document, sitting)
        _signatures(document, sitting)
    _annexes(document, minutes)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _properties(document, minutes: Minutes, first: Sitting) -> None:
    committee = minutes.committee
    properties = document.core_properties
    properties.author = properties.last_modified_by = (
        committee.conference.name if committee.conference_id else committee.name
    )
    one = len(minutes.sittings) == 1
    properties.title = (
        gettext("%(name)s: summary record of the %(meeting)s meeting")
        % {"name": committee.name, "meeting": ordinal(first.number)}
        if one
        else gettext("%(name)s: summary records") % {"name": committee.name}
    )
    properties.subject = committee.agenda[:250]
    properties.keywords = "; ".join(s.symbol for s in minutes.sittings if s.symbol)
    properties.comments = gettext("Made from the committee's journal.")
    opened = first.opened_at or datetime.now(minutes.zone)
    properties.created = opened
    properties.modified = datetime.now(minutes.zone)
    properties.revision = 1


def _masthead(document, minutes: Minutes, sitting: Sitting) -> None:
    """As a UN summary record opens: who issues it and its symbol, distribution, date and language;
    the body, the meeting, when and where it was held, and who presided."""
    committee = minutes.committee
    issuer = committee.conference.name if committee.conference_id else committee.name
    masthead(document, issuer, sitting.symbol, minutes.issued, text_width(document))

    document.add_paragraph(committee.name).runs[0].bold = True
    title = document.add_paragraph()
    run = title.add_run(gettext("Summary record of the %(meeting)s meeting") % {"meeting": ordinal(sitting.number)})
    run.bold, run.font.size = True, Pt(13)
    document.add_paragraph(sitting.held)
    for role, name in sitting.board_people:
        line = document.add_paragraph()
        line.add_run(f"{role or gettext('Board')}:\t").italic = True
        line.add_run(name)
        line.paragraph_format.space_after = Pt(0)
        line.paragraph_format.tab_stops.add_tab_stop(Cm(3.0))
    document.add_paragraph()
    heading = document.add_paragraph()
    heading.add_run(gettext("Contents")).bold = True
    document.add_paragraph(f"{gettext('Agenda:')} {sitting.agenda or gettext('as adopted')}")
    rule(document)


def _summary(document, sitting: Sitting) -> None:
    if sitting.opened_at:
        document.add_paragraph(
            gettext("The meeting was called to order at %(time)s.") % {"time": f"{sitting.opened_at:%H:%M}"}
        )
    for number, paragraph in enumerate(sitting.summary, start=1):
        line = document.add_paragraph(f"{number}.\t{paragraph.text}")
        form = line.paragraph_format
        form.left_indent, form.first_line_indent = Cm(1.0), Cm(-1.0)
        form.tab_stops.add_tab_stop(Cm(1.0))
        form.space_after = Pt(6)
        line.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.add_paragraph(
        gettext("The meeting rose at %(time)s.") % {"time": f"{sitting.closed_at:%H:%M}"}
        if sitting.closed_at
        else gettext("The meeting was still in session when this record was made.")
    )


def _signatures(document, sitting: Sitting) -> None:
    """Lines for the Chair and the Rapporteur to sign (a Board without a rapporteur: a line to name one)."""
    signers = sitting.signers
    document.add_paragraph()
    table = document.add_table(rows=3, cols=len(signers))
    for column, (role, name) in enumerate(signers):
        cells = [table.rows[row].cells[column] for row in range(3)]
        cells[0].text = "\n\n______________________________"
        cells[1].text = name or " "
        cells[2].text = role
        cells[2].paragraphs[0].runs[0].italic = True


# ---- the annexes: the tables of the meeting, the papers, the statistics ----------------------------------


def _annexes(document, minutes: Minutes) -> None:
    """After the record, on a page of their own and one after the other: the tables, the papers, the
    statistics."""
    numerals = iter(("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"))
    width = text_width(document)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for sitting in minutes.sittings:
        heads = {
            word: gettext(word)
            for word in (
                "Time",
                "Delegation",
                "List",
                "Spoke",
                "Allotted",
                "Yield",
                "Point",
                "Note",
                "Outcome",
                "Mover",
                "Motion",
                "Vote",
            )
        }
        tables = [
            (gettext("Speeches, %(sitting)s"),
             [heads[w] for w in ("Time", "Delegation", "List", "Spoke", "Allotted", "Yield")],
             [s.row for s in sitting.speeches], (0.09, 0.2, 0.3, 0.09, 0.1, 0.22)),
            (gettext("Points, %(sitting)s"), [heads[w] for w in ("Time", "Delegation", "Point", "Note", "Outcome")],
             [[p.at.strftime("%H:%M"), p.delegation, str(p.kind), p.text, p.outcome_words] for p in sitting.points],
             (0.09, 0.2, 0.18, 0.33, 0.2)),
            (gettext("Motions, %(sitting)s"), [heads[w] for w in ("Time", "Mover", "Motion", "Outcome", "Vote")],
             [m.row for m in sitting.motions], (0.09, 0.17, 0.38, 0.2, 0.16)),
        ]  # fmt: skip
        for name, head, rows, shares in tables:
            if not rows:
                continue
            _annex_heading(document, next(numerals, ""), name % {"sitting": sitting.title})
            _table(document, head, rows, [width * share for share in shares])
        if sitting.votes:
            _annex_heading(document, next(numerals, ""), gettext("Votes, %(sitting)s") % {"sitting": sitting.title})
            for vote in sitting.votes:
                paragraph = document.add_paragraph()
                paragraph.add_run(f"{vote.at:%H:%M} {vote.title}: ").bold = True
                paragraph.add_run(f"{vote.record}.")
                for head, names in vote.names:
                    line = document.add_paragraph()
                    line.add_run(f"{head}: ").italic = True
                    line.add_run(", ".join(names) + ".")
    if minutes.papers:
        _annex_heading(document, next(numerals, ""), gettext("Working papers, draft resolutions and amendments"))
        for paper in minutes.papers:
            document.add_heading(paper.heading, level=3)
            if paper.resolution:
                document.add_paragraph(gettext("Adopted as resolution %(number)s.") % {"number": paper.resolution})
            document.add_paragraph(f"{gettext('Sponsors:')} {', '.join(paper.sponsors) or '—'}")
            if paper.signatories:
                document.add_paragraph(f"{gettext('Signatories:')} {', '.join(paper.signatories)}")
            for amendment in paper.amendments.values():
                words = {
                    "mover": amendment.mover,
                    "action": amendment.action,
                    "clause": amendment.clause,
                    "signatories": ", ".join(amendment.signatories),
                    "fate": amendment.fate_words,
                }
                said = (
                    gettext("Amendment by %(mover)s (%(action)s, %(clause)s; signed by %(signatories)s): %(fate)s.")
                    if amendment.signatories
                    else gettext("Amendment by %(mover)s (%(action)s, %(clause)s): %(fate)s.")
                )
                document.add_paragraph(said % words, style="List Bullet")
            for part in paper.parts:
                document.add_paragraph(part, style="List Bullet")
            outcome = document.add_paragraph()
            fate = paper.fate_words
            outcome.add_run(f"{fate[:1].upper()}{fate[1:]}.").italic = True
            for head, names in paper.names:
                line = document.add_paragraph()
                line.add_run(f"{head}: ").italic = True
                line.add_run(", ".join(names) + ".")
    _annex_heading(document, next(numerals, ""), gettext("Statistics"))
    _statistics(document, minutes, width)


def _annex_heading(document, numeral: str, title: str) -> None:
    annex = gettext("Annex %(numeral)s: %(title)s") % {"numeral": numeral, "title": title}
    document.add_heading(annex if numeral else title, level=2)


def _table(document, head: list[str], rows: list[list[str]], widths: list[float]) -> None:
    """A table that fits the page: its columns as wide as their content needs, its header row
    repeated on every page it runs over."""
    table = document.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # LibreOffice reads the grid's widths, Word the cells'
    for values in [head, *rows]:
        cells = table.rows[0].cells if values is head else table.add_row().cells
        for cell, text, width in zip(cells, values, widths, strict=True):
            cell.width = Cm(width)
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.font.size, run.bold = Pt(9), values is head
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)


STATISTICS = (  # the statistics' columns: heading, share of the text's width
    (gettext_lazy("Delegation"), 0.2), (gettext_lazy("Time"), 0.08), (gettext_lazy("Speaking time"), 0.18),
    (gettext_lazy("Speeches"), 0.11), (gettext_lazy("Points"), 0.08), (gettext_lazy("Motions (carried)"), 0.12),
    (gettext_lazy("Sponsored / signed"), 0.12), (gettext_lazy("Amendments"), 0.11),
)  # fmt: skip


def _statistics(document, minutes: Minutes, width: float) -> None:
    rows = [(name, figures) for name, figures in minutes.figures.items() if name]
    rows.sort(key=lambda r: (-r[1].spoke, r[0]))
    longest = max((figures.spoke for _, figures in rows), default=0) or 1
    widths = [width * share for _, share in STATISTICS]
    lines = [
        [
            name,
            clock(f.spoke),
            "",
            str(f.speeches),
            str(f.points),
            f"{f.motions} ({f.carried})",
            f"{f.sponsored} / {f.signed}",
            str(f.amendments),
        ]  # fmt: skip
        for name, f in rows
    ]
    _table(document, [str(head) for head, _ in STATISTICS], lines, widths)
    table = document.tables[-1]
    bar_cm = widths[2] - 0.4
    for (_, f), row in zip(rows, table.rows[1:], strict=True):
        if f.spoke:
            length = bar_cm * f.spoke / longest
            picture = io.BytesIO(png_bar(max(1, round(100 * length)), 12))
            row.cells[2].paragraphs[0].add_run().add_picture(picture, width=Cm(length), height=Cm(0.3))
    if minutes.not_spoken:
        document.add_paragraph(f"{gettext('Present, not yet heard:')} {', '.join(minutes.not_spoken)}.")
