"""The room's stylesheet, carried inside each page rather than fetched beside it.

A phone on a slow network paints nothing until its stylesheet arrives: fetched, that is a second round
trip after the page's own, sharing the link with the scripts (docs/performance.md has the figures).
Inlined, the floor paints as soon as the page arrives. The
Content-Security-Policy still allows no inline style but this one: its SHA-256 is in `style-src`, so a
`<style>` or `style=` slipped into a page does not apply.

Read once per process, found where collectstatic finds it (which copies the same bytes under a
hashed name); the element is built once too, not per page."""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.utils.safestring import SafeString, mark_safe

NAME = "css/app.css"


@lru_cache(maxsize=1)
def _read() -> tuple[SafeString, str]:
    path = finders.find(NAME)
    if path is None:
        raise FileNotFoundError(f"no static file {NAME}")
    text = Path(path).read_text(encoding="utf-8")
    if "</" in text:  # would end the <style> element early
        raise ValueError(f"{path} holds '</', which cannot be carried inside a <style> element")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return mark_safe(f"<style>{text}</style>"), f"'sha256-{digest}'"


def source() -> str:
    """The policy's name for the one inline style allowed: the stylesheet's hash."""
    return _read()[1]


def element() -> SafeString:
    """The `<style>` element of every page, exactly the bytes the hash was taken of."""
    return _read()[0]
