from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from committee.rules import THRESHOLD_NAMES
from committee.templatetags.committee_tags import offered_delegations, options_html
from committee.times import format_seconds
from debate.motion_set import describe_motion
from debate.state import my_floor

register = template.Library()


def _ms(moment) -> int:
    return int(moment.timestamp() * 1000)


@register.simple_tag(takes_context=True)
def timer(context, timer, now, css: str = ""):
    """A countdown the browser runs by itself: the server sends the deadline (or the time left while
    paused) and its own clock, never a ticking value. It warns at the profile's seconds left."""
    if timer is None:
        return ""
    warnings = context["state"].rules.timer_warnings
    warn = f"{warnings[0]},{warnings[1]}"
    remaining = timer.remaining_at(now)
    ends_at = timer.ends_at()
    return format_html(
        '<span class="timer {}{}" data-timer data-now="{}" data-remaining="{}"{} data-warn="{}" '
        'role="timer" aria-live="off">{}</span>',
        css,
        " running" if timer.running else " paused",
        _ms(now),
        int(remaining * 1000),
        format_html(' data-ends-at="{}"', _ms(ends_at)) if ends_at else "",
        warn,
        format_seconds(int(remaining + 0.999)),
    )


@register.filter
def clock(seconds) -> str:
    try:
        return format_seconds(int(seconds))
    except (TypeError, ValueError):
        return ""


@register.filter
def motion_text(motion) -> str:
    return describe_motion(motion.kind, motion.values)


@register.filter
def threshold_name(name: str | None) -> str:
    return THRESHOLD_NAMES.get(name or "", "no vote: the chair decides")


@register.filter
def field_options(field, state) -> list[tuple[int, str]]:
    """A choice field's options now (a higher app's papers, say), from the floor state."""
    return field.options(state) if getattr(field, "options", None) is not None else []


@register.simple_tag
def speaker_choices(state, debate) -> SafeString:
    """The delegations present, as the options of the chair's "Add a speaker": those not yet heard in
    this sitting first (a fairness rule chairs follow), then those heard (committee_tags'
    delegation_options says why these are built here)."""
    present = offered_delegations(state, among="present")
    not_yet = [(d.pk, d.name, False) for d in present if d.pk not in debate.spoken_ids]
    html = format_html('<optgroup label="{}">{}</optgroup>', gettext("Not yet heard"), options_html(not_yet))
    if debate.spoken_ids:
        heard = [(d.pk, d.name, False) for d in present if d.pk in debate.spoken_ids]
        html += format_html('<optgroup label="{}">{}</optgroup>', gettext("Heard this sitting"), options_html(heard))
    return html


# A phone's own floor card, from what it shows of the delegation (debate/state.py).
register.filter("my_floor", my_floor)


@register.filter
def addressees(chit, state) -> str:
    """A chit's addressees by name (from the roll call the screen already holds)."""
    names = [row.delegation.name for row in map(state.row_for, chit.recipients) if row is not None]
    return ", ".join(names) or "a delegation"


@register.filter
def chits_for(debate, delegation_id) -> dict:
    """A delegation's own chits: those it sent (newest first) and those forwarded to it."""
    chits = debate.chits if debate else []
    return {
        "sent": [c for c in reversed(chits) if c.sender_id == delegation_id][:8],
        "received": [c for c in reversed(chits) if c.status == "forwarded" and delegation_id in c.recipients][:8],
    }
