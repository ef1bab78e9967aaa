"""The minutes as files a secretariat uses: DOCX (python-docx: headings, tables, the UN-style recorded
votes, the statistics with a bar per delegation), and CSV tables of speeches, motions and votes for a
spreadsheet. Both read the same Minutes as the printable page."""

from __future__ import annotations

import csv
import io

from docx import Document
from docx.shared import Cm, Pt

from committee.times import clock
from record.charts import png_bar
from record.minutes import Minutes
from record.tables import Sitting

CSV_TABLES = {
    "speeches": ["sitting", "time", "delegation", "list", "spoke", "allotted", "yield"],
    "motions": ["sitting", "time", "mover", "motion", "outcome", "vote"],
    "votes": ["sitting", "time", "on", "question", "method", "in favour", "against", "abstaining", "result", "record"],
}


def csv_table(minutes: Minutes, table: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_TABLES[table])
    for sitting in minutes.sittings:
        rows = {"speeches": sitting.speeches, "motions": sitting.motions, "votes": sitting.votes}[table]
        for row in rows:
            # The date and time with its offset (ISO 8601), where the page and the DOCX say "19:30".
            writer.writerow([sitting.title, row.at.isoformat(timespec="seconds"), *row.row[1:]])
    return out.getvalue()


def _table(document, head: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def _sitting(document, sitting: Sitting) -> None:
    document.add_heading(sitting.title, level=1)
    opened = sitting.opened_at.strftime("%A %d %B %Y, %H:%M") if sitting.opened_at else "—"
    closed = f"closed {sitting.closed_at.strftime('%H:%M')}" if sitting.closed_at else "still open"
    document.add_paragraph(
        f"Opened {opened}; {closed}." + (f" Times are local ({sitting.zone})." if sitting.zone else "")
    )
    if sitting.venue:
        document.add_paragraph(f"Place: {sitting.venue}")
    if sitting.board:
        document.add_paragraph("Executive Board: " + "; ".join(sitting.board))
    if sitting.agenda:
        document.add_paragraph(f"Agenda: {sitting.agenda}")

    document.add_heading("Roll call", level=2)
    roll = sitting.roll
    if roll:
        quorum = "met" if roll.get("quorum") else "not met"
        document.add_paragraph(
            f"{roll.get('present')} delegations present; {roll.get('members_present')} of {roll.get('members')} "
            f"member states (quorum {quorum}: {roll.get('quorum_needed')} needed)."
        )
    for label, statuses in (("Present and voting", ("present_voting",)), ("Present", ("present",))):
        names = sitting.answered(*statuses)
        if names:
            document.add_paragraph(f"{label}: " + ", ".join(names) + ".")
    if sitting.absent:
        document.add_paragraph("Absent: " + ", ".join(sitting.absent) + ".")
    for name, at in sitting.late:
        document.add_paragraph(f"{name} arrived late, at {at:%H:%M}.")

    if sitting.speeches:
        document.add_heading("Speeches", level=2)
        _table(
            document, ["Time", "Delegation", "List", "Spoke", "Allotted", "Yield"], [s.row for s in sitting.speeches]
        )
    if sitting.points:
        document.add_heading("Points", level=2)
        _table(
            document,
            ["Time", "Delegation", "Point", "Note", "Outcome"],
            [[p.at.strftime("%H:%M"), p.delegation, p.kind, p.text, p.outcome] for p in sitting.points],
        )
    if sitting.motions:
        document.add_heading("Motions", level=2)
        _table(document, ["Time", "Mover", "Motion", "Outcome", "Vote"], [m.row for m in sitting.motions])
    if sitting.votes:
        document.add_heading("Votes", level=2)
        for vote in sitting.votes:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{vote.at:%H:%M} {vote.title}: ").bold = True
            paragraph.add_run(f"{vote.record}.")
            for head, names in vote.names:
                line = document.add_paragraph()
                line.add_run(f"{head}: ").italic = True
                line.add_run(", ".join(names) + ".")
    document.add_heading("Proceedings", level=2)
    for at, text in sitting.lines:
        document.add_paragraph(f"{at:%H:%M}  {text}")


def minutes_docx(minutes: Minutes) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(11)
    committee = minutes.committee
    document.add_heading(f"{committee.name} ({committee.abbreviation})", level=0)
    scope = minutes.sittings[0].title if len(minutes.sittings) == 1 else "All sittings"
    document.add_paragraph(f"Minutes — {scope}")
    for sitting in minutes.sittings:
        _sitting(document, sitting)
    if minutes.papers:
        document.add_heading("Working papers and draft resolutions", level=1)
        for paper in minutes.papers:
            document.add_heading(paper.heading, level=2)
            document.add_paragraph("Sponsors: " + (", ".join(paper.sponsors) or "—"))
            if paper.signatories:
                document.add_paragraph("Signatories: " + ", ".join(paper.signatories))
            for amendment in paper.amendments.values():
                document.add_paragraph(
                    f"Amendment by {amendment.mover} ({amendment.action}, {amendment.clause}): {amendment.fate}.",
                    style="List Bullet",
                )
            for part in paper.parts:
                document.add_paragraph(part, style="List Bullet")
            outcome = document.add_paragraph()
            outcome.add_run(f"{paper.outcome[:1].upper()}{paper.outcome[1:]}.").italic = True
            for head, names in paper.names:
                line = document.add_paragraph()
                line.add_run(f"{head}: ").italic = True
                line.add_run(", ".join(names) + ".")
    _statistics(document, minutes)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


WIDTHS = (3.4, 1.2, 3.4, 1.7, 1.4, 1.7, 1.9, 1.7)  # cm: the statistics table fits a page's width
BAR_CM = 3.2


def _statistics(document, minutes: Minutes) -> None:
    document.add_heading("Statistics", level=1)
    rows = [(name, figures) for name, figures in minutes.figures.items() if name]
    rows.sort(key=lambda r: (-r[1].spoke, r[0]))
    longest = max((figures.spoke for _, figures in rows), default=0) or 1
    table = document.add_table(rows=1, cols=len(WIDTHS))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS, strict=True):
        column.width = Cm(width)  # Word reads the cells' widths, LibreOffice the grid's
    head = ["Delegation", "Time", "Speaking time", "Speeches", "Points", "Motions (carried)", "Sponsored / signed",
            "Amend­ments"]  # fmt: skip
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
    for values in [head, *lines]:
        cells = table.rows[0].cells if values is head else table.add_row().cells
        for cell, text, width in zip(cells, values, WIDTHS, strict=True):
            cell.width = Cm(width)
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.font.size, run.bold = Pt(9), values is head
    for (_, f), row in zip(rows, table.rows[1:], strict=True):
        if f.spoke:
            length = BAR_CM * f.spoke / longest
            picture = io.BytesIO(png_bar(max(1, round(100 * length)), 12))
            row.cells[2].paragraphs[0].add_run().add_picture(picture, width=Cm(length), height=Cm(0.3))
    if minutes.not_spoken:
        document.add_paragraph("Present but not yet heard: " + ", ".join(minutes.not_spoken) + ".")
