"""The record's floor part: a panel on the chair's dashboard (the exports, the marks and awards, and
the statistics loaded when opened), on a delegation's phone the way to its position paper, and on
the secretariat's console the exports of every committee at once. It
renders no live region: the record is read when asked for, never per broadcast."""

from __future__ import annotations

from committee.access import CHAIR, CONSOLE, DELEGATE
from committee.contract import FloorPart

PART = FloorPart(
    name="record",
    sections={
        CHAIR: {"side": ("record/chair.html",)},
        DELEGATE: {"main": ("record/delegate.html",)},
        CONSOLE: {"conference": ("record/console.html#conference",), "links": ("record/console.html#links",)},
    },
)
