"""Pictures of the record, drawn on the server with no chart library: SVG for the screens and the
printed page (big, high-contrast, readable on a projector), and plain PNG bars for the DOCX (Word
shows no SVG), each bar a solid rectangle of its own written with zlib."""

from __future__ import annotations

import struct
import textwrap
import zlib
from datetime import datetime

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from committee.times import clock

INK, MUTED, YES, NO, ABSTAIN, BAR = "#111111", "#555555", "#0a7a2f", "#b3261e", "#6b7280", "#0b4f9c"


def _label(text: str, longest: int) -> str:
    """A label that fits its place, cut at a word (never mid-word) and marked "…" when cut; the whole
    text stays in its <title> (read by screen readers, shown on hover)."""
    short = textwrap.shorten(text, longest, placeholder=" …")
    if short == "…":  # one word longer than the place: cut it after all
        short = text[: longest - 1] + "…"
    whole = f"<title>{escape(text)}</title>" if short != text else ""
    return f"{whole}{escape(short)}"


def speaking_time(rows: list[tuple[str, float]], width: int = 640) -> SafeString:
    """Horizontal bars: each delegation's total speaking time, longest first."""
    rows = sorted((r for r in rows if r[1] > 0), key=lambda r: (-r[1], r[0]))
    if not rows:
        return mark_safe("")
    longest = max(seconds for _, seconds in rows)
    label, gap, height = 190, 6, 22
    inner = width - label - 60
    parts = [_svg_head(width, len(rows) * (height + gap) + gap, "Speaking time per delegation")]
    for n, (name, seconds) in enumerate(rows):
        y = gap + n * (height + gap)
        length = max(2, round(inner * seconds / longest))
        parts.append(
            f'<text x="{label - 8}" y="{y + 16}" text-anchor="end" fill="{INK}">{_label(name, 26)}</text>'
            f'<rect x="{label}" y="{y}" width="{length}" height="{height}" fill="{BAR}"/>'
            f'<text x="{label + length + 6}" y="{y + 16}" fill="{INK}">{clock(seconds)}</text>'
        )
    return mark_safe("".join(parts) + "</svg>")


def vote_results(votes, width: int = 640) -> SafeString:
    """One stacked bar per vote: in favour, against, abstaining, each labelled with its count."""
    votes = [v for v in votes if v.yes + v.no + v.abstain]
    if not votes:
        return mark_safe("")
    height, gap, title = 22, 30, 16
    parts = [_svg_head(width, len(votes) * (height + gap) + 8, "Votes: in favour, against, abstaining")]
    for n, vote in enumerate(votes):
        y = 8 + n * (height + gap)
        total = vote.yes + vote.no + vote.abstain
        x = 0.0
        parts.append(f'<text x="0" y="{y + title - 4}" fill="{INK}">{_label(vote.title, 72)}</text>')
        for count, colour in ((vote.yes, YES), (vote.no, NO), (vote.abstain, ABSTAIN)):
            length = width * count / total
            if count:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + title}" width="{length:.1f}" height="{height - 6}" fill="{colour}"/>'
                    f'<text x="{x + 4:.1f}" y="{y + title + 12}" fill="#fff" font-weight="700">{count}</text>'
                )
            x += length
    return mark_safe("".join(parts) + "</svg>")


def attendance(points: list[tuple[datetime, int]], width: int = 640, height: int = 180) -> SafeString:
    """The delegations present over the sitting, as the roll call and late arrivals changed it."""
    if len(points) < 1:
        return mark_safe("")
    top = max(count for _, count in points) or 1
    start, end = points[0][0], points[-1][0]
    span = max((end - start).total_seconds(), 1)
    left, bottom = 40, height - 24

    def xy(at: datetime, count: int) -> tuple[float, float]:
        return left + (width - left - 10) * (at - start).total_seconds() / span, bottom - (bottom - 10) * count / top

    path, previous = [], None
    for at, count in points:
        x, y = xy(at, count)
        if previous is not None:
            path.append(f"L{x:.1f},{previous:.1f}")
        path.append(f"{'M' if not path else 'L'}{x:.1f},{y:.1f}")
        previous = y
    parts = [
        _svg_head(width, height, "Delegations present over the sitting"),
        f'<line x1="{left}" y1="{bottom}" x2="{width}" y2="{bottom}" stroke="{MUTED}"/>',
        f'<text x="{left - 6}" y="16" text-anchor="end" fill="{INK}">{top}</text>',
        f'<text x="{left - 6}" y="{bottom}" text-anchor="end" fill="{INK}">0</text>',
        f'<text x="{left}" y="{height - 6}" fill="{MUTED}">{start:%H:%M}</text>',
        f'<text x="{width}" y="{height - 6}" text-anchor="end" fill="{MUTED}">{end:%H:%M}</text>',
        f'<path d="{" ".join(path)}" fill="none" stroke="{BAR}" stroke-width="3"/>',
    ]
    return mark_safe("".join(parts) + "</svg>")


def _svg_head(width: int, height: int, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" font-family="system-ui, sans-serif" font-size="14">'
        f"<title>{escape(title)}</title>"
    )


def png_bar(width: int, height: int = 14, colour: str = BAR) -> bytes:
    """A solid bar as a PNG (for the DOCX, where each row of a table carries its own bar)."""
    width = max(1, width)
    rgb = bytes(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    row = b"\x00" + rgb * width
    raw = row * height

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def pictures(minutes) -> dict:
    """The record's pictures and figures, as its pages and exports show them."""
    return {
        "speaking_chart": speaking_time([(n, f.spoke) for n, f in minutes.figures.items() if n]),
        "votes_chart": vote_results(minutes.votes),
        "attendance_charts": [(s.title, attendance(s.attendance)) for s in minutes.sittings],
        "figures": sorted(
            ((n, f) for n, f in minutes.figures.items() if n), key=lambda item: (-item[1].spoke, item[0])
        ),
    }
