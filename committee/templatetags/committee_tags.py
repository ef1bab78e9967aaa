"""Template tags of the committee's screens: a region's attributes, a screen's socket, the stylesheet,
and a vote as one delegation sees it."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, json_script
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from committee import stylesheet as app_stylesheet
from committee.countries import country_name
from committee.models.votes import ANSWER_LABELS
from committee.state import ballot_card

register = template.Library()


@register.simple_tag(takes_context=True)
def region(context) -> str:
    """The attributes of a region's root element: the version of the state it shows (a page never
    swaps in a region older than the one it has), and the out-of-band marker when it is pushed."""
    state = context.get("state")
    attributes = f' data-v="{int(state.version)}"' if state is not None else ""
    if context.get("oob"):
        attributes += ' hx-swap-oob="true"'
    return mark_safe(attributes)


@register.simple_tag
def socket_url(audience: str, committee) -> str:
    """The address of a screen's socket (committee/live/routing.py), as {% url %} gives a page's."""
    args = [committee.slug] + ([committee.projector_token] if audience == "projector" else [])
    path = reverse(f"socket-{audience}", urlconf="committee.live.routing", args=args)
    # Its updates come in the language this page is rendered in (committee/languages.py).
    return f"{path}?lang={translation.get_language()}"


def screen_words() -> dict[str, str]:
    """What the page's scripts say themselves (static/js/live/), in the page's language."""
    return {
        "reconnecting": _("Reconnecting… the screen updates by itself when the connection is back."),
        "flooding": _("Disconnected for sending too much: reconnecting in half a minute."),
        "no_access": _("Disconnected: this screen no longer has access. Reload after fixing the link."),
        "server_failed": _(
            "The server failed while doing that. If the screen shows the change, it was made; "
            "pressing again will not make it twice."
        ),
        "no_answer": _(
            "No answer from the server (the Wi-Fi?). It is sent again when the connection is back; "
            "if it was done already, it will not be done twice."
        ),
        "waiting_to_send": _("Waiting to send:"),
        "not_sent": _("Not sent, after two minutes without a connection:"),
        "press_again": _("Press again if it still makes sense."),
        "keys_rollcall": _("P present · V present and voting · A absent · ↑ ↓ move · Esc back to the floor keys"),
        "keys_rollcall_head": _("Keys: roll call"),
        "keys_floor": _(
            "Keys: floor — N next speaker · Space start / pause · + add 30 s · O open the vote · "
            "R accept a request · E end the caucus · / find a delegation"
        ),
    }


@register.simple_tag
def screen_words_json() -> str:
    return json_script(screen_words(), "screen-words")


@register.filter
def country(name: str) -> str:
    """A delegation's name in the page's language (committee/countries.py)."""
    return country_name(name)


# Which delegations a select offers (delegation_options' `among`).
_OFFERED = {
    "": lambda row: True,
    "present": lambda row: row.present,
    "members": lambda row: row.delegation.kind == "member",
}


@register.simple_tag
def delegation_options(state, among: str = "", but=None, selected=None) -> SafeString:
    """The <option>s of a select of delegations, from the roll call the screen holds, each named in the
    page's language: every delegation, or those `among` the "present" or the "members"; `but` one left out,
    `selected` one chosen. Built here, not by a loop in the template: the chair's panels show these
    selects and are rendered again on every change of the roll call or the speaker (docs/performance.md)."""
    return options_html((d.pk, d.name, d.pk == selected) for d in offered_delegations(state, among, but))


def offered_delegations(state, among: str = "", but=None) -> list:
    """The delegations a select offers, in the roll call's order: every one, or those `among` the
    "present" or the "members"; `but` one left out."""
    offered = _OFFERED[among]
    return [row.delegation for row in state.rows if offered(row) and row.delegation.pk != but]


def options_html(choices) -> SafeString:
    """<option>s of (delegation id, name as kept, chosen) in order, each name in the page's language."""
    return mark_safe(
        "".join(
            f'<option value="{int(pk)}"{" selected" if chosen else ""}>{escape(country_name(name))}</option>'
            for pk, name, chosen in choices
        )
    )


# A phone's ballot card, from what it shows of the delegation (committee/state.py).
register.filter("ballot_card", ballot_card)


@register.filter
def answer_name(answer: str) -> str:
    """An answer's name: "Yes", "Abstain", "Yes, with rights"..."""
    return ANSWER_LABELS[answer]


@register.filter
def answer_label(ballot) -> str:
    """A ballot's answer, as said in a sentence ("yes, with rights"): a Ballot, or a phone's card."""
    if ballot is None or not ballot.choice:
        return ""
    label = ANSWER_LABELS[ballot.choice].lower()
    return _("%(answer)s, with rights") % {"answer": label} if ballot.with_rights else label


@register.filter
def percent(part, whole) -> int:
    try:
        return max(0, min(100, round(100 * int(part) / int(whole)))) if int(whole) else 0
    except (TypeError, ValueError):
        return 0


@register.filter
def epoch_ms(moment) -> int:
    """A moment as the page's clock reads it (milliseconds since the epoch, server time)."""
    return int(moment.timestamp() * 1000) if moment else 0


@register.simple_tag
def stylesheet(name: str = app_stylesheet.NAME):
    """The page's stylesheet, inline: the floor paints with the page's first response."""
    return app_stylesheet.element(name)


@register.filter
def seconds_since(moment, now) -> int:
    """Whole seconds from `moment` to `now` (0 when either is missing): how long something has waited."""
    if moment is None or now is None:
        return 0
    return max(0, int((now - moment).total_seconds()))


@register.filter
def minutes(seconds) -> str:
    """Seconds as whole minutes, in words: "5 minutes", "1 minute"."""
    count = int(seconds) // 60
    return ngettext("%(count)s minute", "%(count)s minutes", count) % {"count": count}
