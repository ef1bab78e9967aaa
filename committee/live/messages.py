"""What a screen's socket says and is told: a message checked before it is parsed, and the notices
sent back (as the page's #flash fragment)."""

from __future__ import annotations

import json

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy

from committee.access import CHAIR, DELEGATE, PROJECTOR

# Whole-message limits, checked before parsing: a screen sends commands of a few hundred bytes.
MAX_MESSAGE_BYTES = 16 * 1024
MAX_DEPTH = 8

REFUSALS = {
    CHAIR: gettext_lazy("Sign in as a member of the Executive Board first."),
    DELEGATE: gettext_lazy("This phone is not joined to a delegation, or its link was replaced. Ask the chair."),
    PROJECTOR: gettext_lazy("This projector link is not valid."),
}
GONE = {
    CHAIR: gettext_lazy("You are no longer on this committee's Executive Board: this screen has stopped."),
    PROJECTOR: gettext_lazy("This projector link was replaced: open the new one."),
    DELEGATE: REFUSALS[DELEGATE],
}
FLOODING = gettext_lazy("This screen sent far more messages than a page does: it reconnects in half a minute.")


def too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether JSON text nests objects or arrays deeper than `limit` (strings are skipped), without
    parsing it: deep nesting would exhaust the parser's recursion."""
    if text.count("{") + text.count("[") <= limit:
        return False
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def read_message(text_data: str | None) -> dict | str:
    """The message as a dict, or the sentence that says why it could not be read."""
    if text_data is None:
        return "That message could not be read (send text, not binary)."
    if len(text_data) > MAX_MESSAGE_BYTES:
        return "That message could not be read (it is too long)."
    if too_deep(text_data):
        return "That message could not be read (it is nested too deeply)."
    try:
        message = json.loads(text_data)
    except (ValueError, RecursionError):
        return "That message could not be read (it is not JSON)."
    if not isinstance(message, dict):
        return "That message could not be read (expected an object)."
    return message


def notice(message: str, *, kind: str = "error") -> str:
    return render_to_string("committee/_flash.html", {"message": message, "kind": kind, "oob": True})
