"""The languages a committee's screens speak: the UN's six.

Each phone and each chair's laptop speaks its person's language (the browser's, or the one chosen on
the screen: Django's language cookie). The projector and the minutes speak the committee's language.
A broadcast renders every region once per language the committee's screens use (`Committee.
screen_languages`, noted when a screen of a new language opens), so an English room renders once.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from django.conf import settings
from django.db import transaction
from django.utils import translation

from committee.models import Committee


def codes() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


def supported(code: str | None) -> str | None:
    """The language of ours this code names ("fr-CA" is French, "zh-hans" Chinese), or None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code.lower())
    except LookupError:
        return None


def screen_language(scope: dict) -> str:
    """The language of a screen's socket: the one its page named in the socket's address (`?lang=`,
    committee_tags.socket_url), if it is one of ours, else the default."""
    asked = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang", [""])[0]
    return supported(asked) or settings.LANGUAGE_CODE


def warm() -> None:
    """Read each language's catalogues and CLDR's country names once, when the server starts: the
    first vote after a start words its title in all six, and would read them all in the chair's press."""
    from committee.countries import country_name

    for code in codes():
        with translation.override(code):
            translation.gettext("Yes")
            country_name("Canada")


def note_screen_language(committee_id: int, code: str) -> None:
    """A screen of this committee opened in `code`: from now on every broadcast renders it too. Read
    and written under the committee's row lock, so two new languages at once both stay."""
    with transaction.atomic():
        known = Committee.objects.select_for_update().filter(pk=committee_id).values_list("screen_languages", flat=True)
        for languages in known:
            if code not in languages:
                Committee.objects.filter(pk=committee_id).update(screen_languages=[*languages, code])
