"""HTTP views: parse and authorise, call one command, answer with the regions that changed."""

from __future__ import annotations

import asyncio
import io

import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.handlers.asgi import ASGIRequest
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from committee import access, languages
from committee.access import CHAIR, CONSOLE, DELEGATE, PROJECTOR, Actor
from committee.contract import PARTS, run_command
from committee.errors import ActionError, AlreadyDone, LinkReplaced
from committee.live import ballot_box, broadcast
from committee.live.console_cards import committees, render_card
from committee.live.daphne_adapter import DETAILS
from committee.live.memory import MEMORY
from committee.live.metrics import METRICS
from committee.live.render import PAGES, committee_group, delegation_group, region_context
from committee.models import Committee, Conference, Delegation, Document, SignInLink
from committee.network import public_base_url
from committee.state import load_floor
from committee.visits import as_board, as_board_or_phone, as_phone, refuse, visit


def _page(request: HttpRequest, state, audience: str, actor: Actor, **extra) -> HttpResponse:
    """A live screen's page, in its person's language (the projector: the committee's), which its
    socket's updates then come in."""
    row = state.row_for(actor.delegation.pk) if actor.delegation else None
    context = region_context(state, audience, oob=False, row=row)
    context.update(actor=actor, public_base=public_base_url(request), **extra)
    language = state.committee.language if audience == PROJECTOR else translation.get_language()
    if language not in state.committee.languages():
        languages.note_screen_language(state.committee.pk, language)
    with translation.override(language):
        return render(request, PAGES[audience], context)


def away_from_the_floor(committee: Committee, actor: Actor | None) -> dict:
    """What a delegate's page away from the floor (a document, a paper, its editor) needs to stay a
    live phone: the header, the vote card and its own line ("You have the floor"), each part's "away"
    section (committee/_away.html), kept current by the page's socket. Nothing for the chair."""
    if actor is None or actor.audience != DELEGATE:
        return {}
    state = load_floor(committee.pk)
    if translation.get_language() not in committee.languages():
        languages.note_screen_language(committee.pk, translation.get_language())
    context = region_context(state, DELEGATE, oob=False, row=state.row_for(actor.delegation.pk))
    return {**context, "away": context["sections"].get("away", [])}


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    committees = []
    for committee in Committee.objects.all():
        committees.append(
            {
                "committee": committee,
                "chair": access.board_actor(request.user, committee) is not None,
                "delegate": access.delegate_actor(request.session, committee) is not None,
            }
        )
    return render(request, "committee/home.html", {"committees": committees})


@never_cache
@require_GET
def console(request: HttpRequest) -> HttpResponse:
    """The secretariat's console: every committee, a card each, live (committee/live/console.py)."""
    if not access.is_secretariat(request.user):
        return refuse(request, _("The console is the secretariat's: sign in as the secretariat first."))
    listed = committees()
    # Each card is a rendered template (its values escaped there): placed in the page as it is.
    language = translation.get_language()
    cards = [(pk, mark_safe(card.html())) for pk, _ in listed if (card := render_card(pk, language)) is not None]
    conferences = list(Conference.objects.order_by("name"))
    context = {
        "cards": cards,
        "conferences": conferences,
        "title": conferences[0].name if len(conferences) == 1 else "The conference",
        "sections": PARTS.sections(CONSOLE),
        "socket": f"{reverse('socket-console', urlconf='committee.live.routing')}?lang={language}",
    }
    return render(request, "committee/console.html", context)


@require_GET
def sign_in(request: HttpRequest, token: str) -> HttpResponse:
    link = SignInLink.objects.select_related("user").filter(token=token).first()
    if link is not None and link.used_at is not None:
        return refuse(
            request,
            _(
                "This sign-in link has been used already: a link signs in once. Run `make links` on the "
                "laptop for a new one, or sign in with your password."
            ),
            status=404,
        )
    if link is None or not link.is_valid() or not link.use():
        return refuse(
            request,
            _(
                "This sign-in link is not valid or has expired. Run `make links` on the laptop for a new "
                "one, or sign in with your password."
            ),
            status=404,
        )
    login(request, link.user, backend="django.contrib.auth.backends.ModelBackend")
    target = link.next_url if url_has_allowed_host_and_scheme(link.next_url, None) else "/"
    return redirect(target)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """A board member's or the secretariat's laptop signs out (a borrowed one): back home, told so."""
    logout(request)
    messages.info(request, _("Signed out: this laptop opens no dashboard until someone signs in again."))
    return redirect("home")


@require_GET
def join(request: HttpRequest, token: str) -> HttpResponse:
    delegation = Delegation.objects.select_related("committee").filter(join_token=token).first()
    if delegation is None:
        return refuse(
            request,
            _(
                "This join link is not valid: it may have been replaced by a new one. Ask the chair for "
                "your delegation's current link or QR code."
            ),
            status=404,
        )
    access.bind_phone(request.session, delegation)
    response = redirect("delegate", slug=delegation.committee.slug)
    access.set_phone_cookie(response, delegation)
    return response


@never_cache
@require_GET
def chair(request: HttpRequest, slug: str) -> HttpResponse:
    committee, actor = visit(request, slug, as_board)
    if actor is None:
        if not request.user.is_authenticated:
            return redirect(f"{reverse('admin:login')}?next={request.path}")
        return refuse(request, _("You are signed in, but not as a member of this committee's Executive Board."))
    return _page(request, load_floor(committee.pk), CHAIR, actor)


@never_cache
@require_GET
def delegate(request: HttpRequest, slug: str) -> HttpResponse:
    committee, actor = visit(request, slug, as_phone)
    if actor is None:
        if access.revoked_binding(request.session, committee):
            access.unbind_phone(request.session, committee)
            response = refuse(
                request,
                _(
                    "Your delegation's join link was replaced (a lost phone?). Scan the new QR code the chair "
                    "gives you."
                ),
            )
        else:
            response = refuse(
                request,
                _(
                    "This phone is not joined to a delegation. Scan your delegation's QR code or open the join "
                    "link the chair gave you."
                ),
            )
        response.delete_cookie(access.phone_cookie_name(committee.pk))
        return response
    response = _page(request, load_floor(committee.pk), DELEGATE, actor)
    # The page's socket shows this signed cookie (a phone joined before it existed gets it here).
    access.set_phone_cookie(response, actor.delegation)
    return response


@never_cache
@require_GET
def projector(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    committee, actor = visit(request, slug, lambda request, committee: access.projector_actor(committee, token))
    if actor is None:
        return refuse(request, _("This projector link is not valid."), status=404)
    request.session[f"projector:{committee.pk}"] = token
    return _page(request, load_floor(committee.pk), PROJECTOR, actor)


@require_GET
def document(request: HttpRequest, slug: str, doc: str) -> HttpResponse:
    committee, actor = visit(request, slug, access.member_actor)
    if actor is None:
        return refuse(request, _("Committee documents are for the committee's members: join first."))
    document = get_object_or_404(Document, committee=committee, slug=doc)
    back = {CHAIR: "chair", DELEGATE: "delegate"}.get(actor.audience)
    context = {
        "committee": committee,
        "document": document,
        "documents": committee.documents.only("title", "slug"),
        "actor": actor,
        "back_url": reverse(back, args=[committee.slug])
        if back
        else reverse("projector", args=[committee.slug, committee.projector_token]),
    }
    return render(request, "committee/document.html", {**away_from_the_floor(committee, actor), **context})


@never_cache
@require_GET
def join_codes(request: HttpRequest, slug: str) -> HttpResponse:
    """The chair's panel of join codes, loaded when it is opened."""
    committee, actor = visit(request, slug, as_board)
    if actor is None:
        raise Http404
    context = region_context(load_floor(committee.pk), CHAIR, oob=False)
    context["public_base"] = public_base_url(request)
    return render(request, "committee/chair.html#access", context)


@require_GET
def join_qr(request: HttpRequest, slug: str, delegation_id: int) -> HttpResponse:
    committee, actor = visit(request, slug, as_board)
    if actor is None:
        raise Http404
    delegation = get_object_or_404(Delegation, committee=committee, pk=delegation_id)
    url = f"{public_base_url(request)}{reverse('join', args=[delegation.join_token])}"
    svg = io.BytesIO()
    # A standalone SVG document (with its namespace): an <img> shows nothing without it.
    segno.make(url, error="m").save(svg, kind="svg", xmldecl=False, scale=4, dark="#000", light="#fff", border=2)
    response = HttpResponse(svg.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"  # the URL carries the token: a new token is a new URL
    return response


def form_fields(request: HttpRequest) -> dict:
    """A form's fields by name: one value, or the list of a field sent several times (a chit's
    addressees, ticked one by one), as a socket's JSON would carry them."""
    return {key: values[0] if len(values) == 1 else values for key, values in request.POST.lists()}


@require_POST
def command(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    back = request.headers.get("Referer") or "/"
    committee, actor = visit(request, slug, as_board_or_phone)
    if actor is None:
        if access.revoked_binding(request.session, committee):
            return _answer(request, None, str(LinkReplaced()), status=403, back=back)
        return _answer(
            request,
            None,
            _("You are not a member of this committee (sign in or join with your delegation's link)."),
            status=403,
            back=back,
        )
    if name == "vote.cast" and actor.delegation is not None and isinstance(request, ASGIRequest):
        return _phone_ballot(request, committee, actor, back)
    try:
        if actor.delegation is not None:
            # Counted before anything is done for it: a flood from one phone costs the room nothing.
            MEMORY.of(committee.pk).presses.require(actor.delegation.pk, actor.delegation.name)
        with broadcast.collect(defer=bool(request.htmx)) as pushed:
            run_command(committee, actor, name, form_fields(request), request.headers.get("X-Request-Id"))
    except ActionError as error:
        return _refused(request, error, back)
    if pushed.failed:
        # The change is made and journalled; only its push failed. The screen resyncs to show it.
        response = _answer(request, None, CAUGHT_UP, status=200, back=back, kind="info")
        response["X-Floor-Resync"] = "1"
        return BroadcastAfter.wrap(response, pushed)
    # The caller's screen gets the regions its audience was sent, whether or not its socket is up.
    language = translation.get_language()
    groups = [committee_group(committee.pk, actor.audience, language)]
    if actor.delegation is not None:
        groups.append(delegation_group(committee.pk, actor.delegation.pk, language))
    # A plain form may say where the person goes once it is done (the amendment page: back to the floor).
    done = request.POST.get("next") or back
    regions = "".join(pushed.html.get(g, "") for g in groups)
    # A merged change (a ballot) comes to every screen a moment later, this one's included: say so.
    said = None if regions else PARTS.command(name).done.get(actor.audience) or None
    response = _answer(request, regions, said, status=200, back=done, kind="info")
    return BroadcastAfter.wrap(response, pushed)


def _phone_ballot(request: HttpRequest, committee: Committee, actor: Actor, back: str) -> HttpResponse:
    """A phone's ballot by POST (its socket is down) goes in the committee's ballot box with the ballots
    of its burst, written in one transaction (committee/live/ballot_box.py); this request's thread
    waits for its answer. Only under the server: its event loop holds the box."""
    loop = MEMORY.serving_loop()
    if loop is None:
        return _refused(request, ActionError(_("The server is not serving ballots now. Try again.")), back)
    try:
        MEMORY.of(committee.pk).presses.require(actor.delegation.pk, actor.delegation.name)
        binding = access.phone_binding(request.session, committee)
        fields, press = request.POST.dict(), request.headers.get("X-Request-Id")
        cast = ballot_box.cast_by_post(committee.pk, binding, fields, press)
        asyncio.run_coroutine_threadsafe(cast, loop).result()
    except ActionError as error:
        return _refused(request, error, back)
    return _answer(request, None, PARTS.command("vote.cast").done[DELEGATE], status=200, back=back, kind="info")


def _refused(request: HttpRequest, error: ActionError, back: str) -> HttpResponse:
    if isinstance(error, AlreadyDone):
        # Its first copy changed the floor, and the page missed the answer: it resyncs to show it.
        response = _answer(request, None, str(error), status=200, back=back, kind="info")
        response["X-Floor-Resync"] = "1"
        return response
    response = _answer(request, None, str(error), status=409, back=back)
    if error.field:
        response["X-Error-Field"] = error.field  # the page shows the message next to that field
    return response


class BroadcastAfter(HttpResponse):
    """The caller's answer first, then the other screens' updates: Django closes a response once it
    has been sent, and this one sends the broadcasts its action deferred when it is closed."""

    pushed: broadcast.Pushed | None = None

    @classmethod
    def wrap(cls, response: HttpResponse, pushed: broadcast.Pushed) -> HttpResponse:
        if not pushed.deferred:
            return response
        if type(response) is not HttpResponse:  # not deferred for any other kind of answer
            pushed.flush()
            return response
        answer = cls(response.content, status=response.status_code)
        for header, value in response.items():
            answer[header] = value
        answer.pushed = pushed
        return answer

    def close(self) -> None:
        try:
            if self.pushed is not None:
                self.pushed.flush()
        finally:
            super().close()


CAUGHT_UP = gettext_lazy("Done. The screens are catching up with it.")


def _answer(
    request, regions: str | None, message: str | None, *, status: int, back: str, kind: str = "error"
) -> HttpResponse:
    """htmx gets the changed regions (and the message); a plain form post goes back to the page."""
    if not request.htmx:
        if message:
            (messages.error if kind == "error" else messages.info)(request, message)
        return redirect(back if url_has_allowed_host_and_scheme(back, {request.get_host()}) else "/")
    html = render_to_string("committee/_flash.html", {"message": message, "kind": kind, "oob": True})
    return HttpResponse(html + (regions or ""), status=status)


@never_cache
@require_GET
def live_metrics(request: HttpRequest) -> JsonResponse:
    """The live path's counts for the secretariat (staff only), as JSON: whether the fast path to the
    sockets is on, how many screens this process serves, and the counts of committee/live/metrics.py."""
    if not access.is_secretariat(request.user):
        raise Http404
    fast_path = {"fast_path": DETAILS.there and not DETAILS.gone_for, "fast_path_off": sorted(DETAILS.gone_for)}
    return JsonResponse({**fast_path, "screens": MEMORY.screens(), **METRICS.as_dict()})
