"""Regions rendered for the screens: the same template partial serves the page, the answer to a press
and the broadcast. Each region is a partial with an id of its own (`<app>/<screen>.html#<partial>`),
declared by its floor part (committee/contract.py); htmx swaps it in by that id.

A screen's snapshot is every region it shows: what a (re)connecting screen is sent.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.template.loader import render_to_string
from django.utils import translation

from committee.access import CHAIR, DELEGATE, PROJECTOR
from committee.contract import PARTS, Placed
from committee.live.metrics import METRICS
from committee.network import public_base_url
from committee.rules import PROFILE_CHOICES
from committee.state import FloorState, RollCallRow

PAGES = {
    CHAIR: "committee/chair.html",
    DELEGATE: "committee/delegate.html",
    PROJECTOR: "committee/projector.html",
}


def committee_group(committee_id: int, audience: str, language: str) -> str:
    """The channel-layer group of one screen's kind of a committee (its chairs, phones, projectors)
    that speak one language."""
    return f"committee.{committee_id}.{audience}.{language}"


def committee_of_group(group: str) -> tuple[int, str] | None:
    """(committee id, audience) of a screen kind's group; None for any other group."""
    parts = group.split(".")
    if len(parts) == 4 and parts[0] == "committee" and parts[1].isdigit():
        return int(parts[1]), parts[2]
    return None


def delegation_group(committee_id: int, delegation_id: int, language: str) -> str:
    """The channel-layer group of one delegation's phones (their own regions) in one language."""
    return f"committee.{committee_id}.delegation.{delegation_id}.{language}"


def region_context(state: FloorState, audience: str, *, row: RollCallRow | None = None, oob: bool) -> dict:
    return {
        "state": state,
        "committee": state.committee,
        "audience": audience,
        "row": row,
        "you": row,
        "oob": oob,
        "public_base": public_base_url(),
        "rule_profiles": PROFILE_CHOICES,
        # What each part adds inside a region of a lower one (the new phase's clock under a result).
        "sections": PARTS.sections(audience),
    }


def render_regions(
    state: FloorState, audience: str, regions: Iterable[Placed], *, row: RollCallRow | None = None
) -> str:
    """HTML fragments for `regions`, each marked for an out-of-band swap by its id."""
    return "".join(html for _, html in render_each(state, audience, regions, row=row))


def render_each(
    state: FloorState, audience: str, regions: Iterable[Placed], *, row: RollCallRow | None = None
) -> list[tuple[str, str]]:
    """As render_regions, one (template, HTML) per region, each region once, in order, in the language
    active in this thread."""
    context = region_context(state, audience, row=row, oob=True)
    rendered = []
    for template in dict.fromkeys(p.region.template for p in regions):
        METRICS.region_renders += 1
        rendered.append((template, render_to_string(template, context)))
    return rendered


def shared_snapshot(state: FloorState, audience: str, language: str) -> str:
    """Every region one kind of screen shows, the same for each of its screens of that language."""
    with translation.override(language):
        return render_regions(state, audience, PARTS.snapshot(audience))


def own_snapshot(state: FloorState, delegation_id: int, language: str) -> str:
    """A phone's own regions: what only its delegation's phones are shown."""
    with translation.override(language):
        return render_regions(state, DELEGATE, PARTS.own_regions(), row=state.row_for(delegation_id))


def whole_screen(
    state: FloorState, audience: str, delegation_id: int | None = None, *, language: str | None = None
) -> str:
    """A screen's snapshot: every region it shows (a phone's own regions too), in the committee's
    language unless another is named."""
    language = language or state.committee.language
    html = shared_snapshot(state, audience, language)
    if audience == DELEGATE and delegation_id is not None:
        html += own_snapshot(state, delegation_id, language)
    return html
