"""The record's floor part: a panel on the chair's dashboard (the exports, and the statistics loaded
when opened). It renders no live region: the record is read when asked for, never per broadcast."""

from __future__ import annotations

from committee.access import CHAIR
from committee.contract import FloorPart

PART = FloorPart(name="record", sections={CHAIR: {"side": ("record/chair.html",)}})
