"""Template filters of the drafts: clause text is shown only as sanitised (the same rules as on write)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from resolutions.text import clean, strip_end

register = template.Library()


@register.filter
def safe_clause(text: str) -> SafeString:
    """A clause's text as stored is sanitised already; shown, it is sanitised again (never trusted)."""
    return mark_safe(clean(text))  # nh3 leaves only <em>, <strong>, <b>, <i>, <u>, <sup>, <sub>


@register.filter
def clause_body(text: str) -> SafeString:
    """safe_clause without the punctuation it ends with (the clause's place in the text gives that)."""
    return mark_safe(strip_end(clean(text)))


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, "")


@register.filter
def ids(values) -> str:
    """Delegation ids as a data attribute reads them: "3 17 40" (static/js/live/screen.js finds a phone's own there)."""
    if isinstance(values, int):
        return str(values)
    return " ".join(str(value) for value in values or ())
