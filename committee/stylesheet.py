"""The room's stylesheet, carried inside each page rather than fetched beside it (and the
documents' one, carried inside the printable minutes, a document that stands alone once saved).

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
DOCUMENT = "css/document.css"  # the printable documents only: every phone's page stays as small as it was


@lru_cache(maxsize=2)
def _read(name: str = NAME) -> tuple[SafeString, str]:
    path = finders.find(name)
    if path is None:
        raise FileNotFoundError(f"no static file {name}")
    text = Path(path).read_text(encoding="utf-8")
    if "</" in text:  # would end the <style> element early
        raise ValueError(f"{path} holds '</', which cannot be carried inside a <style> element")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return mark_safe(f"<style>{text}</style>"), f"'sha256-{digest}'"


def source() -> str:
    """The policy's names for the inline styles allowed: the stylesheets' hashes."""
    return f"{_read(NAME)[1]} {_read(DOCUMENT)[1]}"


def element(name: str = NAME) -> SafeString:
    """The `<style>` element of a page, exactly the bytes the hash was taken of."""
    return _read(name)[0]
