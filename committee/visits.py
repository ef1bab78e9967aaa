"""Who opens a committee's page, and the page that refuses them in words.

Every app's pages start the same way: the committee of the link (404 if there is none), then who is
asking (the Executive Board signed in, or a delegation's phone), then a refusal that says what to do
instead. This module is that start, so each page says only what it refuses and why.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from committee import access
from committee.access import Actor
from committee.compiled import Compiled
from committee.models import Committee

# Read by every press (compiled once: committee/compiled.py).
BY_SLUG = Compiled("the committee of a link", Committee, lambda slug: Committee.objects.filter(slug=slug))


def refuse(request: HttpRequest, message: str, status: int = 403) -> HttpResponse:
    """The page saying, in words, what is refused and what to do instead."""
    return render(request, "committee/refused.html", {"message": message}, status=status)


def as_board(request: HttpRequest, committee: Committee) -> Actor | None:
    """The Executive Board member (or the secretariat) signed in, for this committee."""
    return access.board_actor(request.user, committee)


def as_phone(request: HttpRequest, committee: Committee) -> Actor | None:
    """The delegation this phone joined, unless its link was replaced since."""
    return access.delegate_actor(request.session, committee)


def as_board_or_phone(request: HttpRequest, committee: Committee) -> Actor | None:
    """The Executive Board signed in, or else the delegation of this phone: who may press a command or
    propose an amendment (the projector only shows)."""
    return as_board(request, committee) or as_phone(request, committee)


def visit(request: HttpRequest, slug: str, who: Callable[[HttpRequest, Committee], Actor | None]):
    """The committee of the link (404 if none), and who is asking as `who` sees them (None: nobody
    it admits)."""
    committee = BY_SLUG.first(slug=slug)
    if committee is None:
        raise Http404("No such committee.")
    return committee, who(request, committee)
