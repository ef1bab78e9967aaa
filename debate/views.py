"""The debate's one page of its own: the addressees a phone's chit may go to, loaded when the phone
opens "Write a chit" (not sent to every phone on each mark of the roll call, and not swapped under a
delegate who is writing).

Changes are not made here: the chit form posts to the committee's one command path."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from committee.state import load_floor
from committee.visits import as_phone, refuse, visit


@never_cache
@require_GET
def chit_addressees(request: HttpRequest, slug: str) -> HttpResponse:
    """The delegations present now, the phone's own left out, as ticks of the chit form."""
    committee, actor = visit(request, slug, as_phone)
    if actor is None:
        return refuse(request, _("Chits are written on a delegation's phone: join with your delegation's link first."))
    state = load_floor(committee.pk, parts=())
    own = actor.delegation.pk
    present = [row.delegation for row in state.rows if row.present and row.delegation.pk != own]
    return render(request, "debate/chits.html#addressees", {"present": present})
