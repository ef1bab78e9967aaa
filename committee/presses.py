"""One press, done once: the page's id for each press (a header of a form's POST, a field of a socket's
message), journalled with the change it made, so that the same press sent again (its answer was lost)
is recognised and not done twice (committee/actions/base.py, `floor_step`)."""

from __future__ import annotations

import contextvars
import re
from typing import Any

_PRESS_ID = re.compile(r"[A-Za-z0-9_-]{8,40}")

# The id of the press being served, set by the command layer (committee/contract.py, run_command).
request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")


def press_id(value: Any) -> str:
    """A page's id for one press, or "" for anything that is not one (it is then done as any other)."""
    return value if isinstance(value, str) and _PRESS_ID.fullmatch(value) else ""
