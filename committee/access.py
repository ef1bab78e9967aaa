"""Who is asking: a board member, a delegation's phone, the projector, or nobody.

Every HTTP view and every WebSocket message resolves its actor here, on the server, from the user and
the session. A hidden button is not a permission.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import import_module
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user
from django.core import signing

from committee.compiled import Compiled
from committee.models import Committee, Delegation, ExecutiveRole

CHAIR = "chair"  # chair, vice-chair, rapporteur and secretariat run the floor from the laptop
DELEGATE = "delegate"
PROJECTOR = "projector"
AUDIENCES = (CHAIR, DELEGATE, PROJECTOR)
CONSOLE = "console"  # the secretariat's console: every committee, a card each (parts add sections to it)


@dataclass(frozen=True)
class Actor:
    audience: str  # which screen this actor sees: chair, delegate or projector
    label: str  # how the minutes name them
    user: object | None = None
    delegation: Delegation | None = None

    @property
    def is_board(self) -> bool:
        return self.audience == CHAIR


def _session_key(committee: Committee) -> str:
    return f"delegation:{committee.pk}"


def bind_phone(session, delegation: Delegation) -> None:
    """Remember on this phone which delegation it speaks for, with the token that proved it."""
    session[_session_key(delegation.committee)] = {"id": delegation.pk, "token": delegation.join_token}


def unbind_phone(session, committee: Committee) -> None:
    session.pop(_session_key(committee), None)


def phone_binding(session, committee: Committee) -> dict | None:
    return session.get(_session_key(committee))


def session_user(scope):
    """The user of a socket's session cookie, read from the session store now (a thread's work: the
    chair's screens and the console check it at every heartbeat)."""
    key = (scope.get("cookies") or {}).get(settings.SESSION_COOKIE_NAME)
    session = import_module(settings.SESSION_ENGINE).SessionStore(key)
    return get_user(SimpleNamespace(session=session))


def is_secretariat(user) -> bool:
    """A signed-in, active staff account: the secretariat, which sees every committee."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


# Read on every press, compiled once (committee/compiled.py).
ROLE = Compiled(
    "a board member's role",
    ExecutiveRole,
    lambda committee, user: ExecutiveRole.objects.filter(committee_id=committee, user_id=user).order_by("pk")[:1],
)
DELEGATION = Compiled(
    "a delegation of the committee",
    Delegation,
    lambda committee, delegation: Delegation.objects.filter(committee_id=committee, pk=delegation),
)


def board_actor(user, committee: Committee) -> Actor | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    name = user.get_full_name() or user.get_username()
    if user.is_staff:
        return Actor(CHAIR, f"Secretariat ({name})", user=user)
    role = ROLE.first(committee=committee.pk, user=user.pk)
    if role is None:
        return None
    return Actor(CHAIR, f"{role.get_role_display()} ({name})", user=user)


def delegate_actor(session, committee: Committee) -> Actor | None:
    """The delegation this phone was bound to, unless its link has since been revoked."""
    return _bound_actor(phone_binding(session, committee), committee)


def _bound_actor(binding, committee: Committee) -> Actor | None:
    if not isinstance(binding, dict):
        return None
    bound = binding.get("id")
    delegation = DELEGATION.first(committee=committee.pk, delegation=bound) if type(bound) is int else None
    return bound_actor(binding, {delegation.pk: delegation} if delegation else {})


def bound_actor(binding, delegations: Mapping[int, Delegation]) -> Actor | None:
    """The delegation a phone's binding speaks for, among the committee's delegations (read once for
    a burst by the ballot box), unless its link has since been replaced."""
    if not isinstance(binding, dict):
        return None
    delegation = delegations.get(binding.get("id"))
    if delegation is None or not _same_token(delegation.join_token, binding):
        return None
    return Actor(DELEGATE, delegation.name, delegation=delegation)


def _same_token(join_token: str, binding: dict) -> bool:
    # The session keeps the token itself; the signed cookie only its digest.
    if "token" in binding:
        return binding["token"] == join_token
    return binding.get("digest") == token_digest(join_token)


# ---- the phone's signed cookie: who it is, checked by a socket without reading the session ----------
# A phone's socket is opened again at every reconnection: hundreds at once after a Wi-Fi blip. The
# session (a database row) says which delegation a phone speaks for; the same binding, signed with the
# secret key, rides in a cookie of its own, so a socket checks it against the committee's current
# join links (held in memory per committee version) without a database round trip per socket.

PHONE_SALT = "committee.phone"


def token_digest(join_token: str) -> str:
    return hashlib.sha256(join_token.encode()).hexdigest()[:24]


def phone_cookie_name(committee_id: int) -> str:
    return f"phone-{committee_id}"


def phone_cookie_value(delegation: Delegation) -> str:
    return signing.dumps({"id": delegation.pk, "digest": token_digest(delegation.join_token)}, salt=PHONE_SALT)


def set_phone_cookie(response, delegation: Delegation) -> None:
    response.set_cookie(
        phone_cookie_name(delegation.committee_id),
        phone_cookie_value(delegation),
        max_age=settings.SESSION_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def phone_cookie_binding(cookies: Mapping[str, str], committee_id: int) -> dict | None:
    """The binding a socket's signed cookie carries: {"id": delegation id, "digest": ...}, or None."""
    value = cookies.get(phone_cookie_name(committee_id))
    if not value:
        return None
    try:
        binding = signing.loads(value, salt=PHONE_SALT, max_age=settings.SESSION_COOKIE_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(binding, dict) or not isinstance(binding.get("id"), int):
        return None
    return binding


def cookie_actor(cookies: Mapping[str, str], committee: Committee) -> Actor | None:
    """The phone's delegation from its signed cookie, checked against the database (a command)."""
    return _bound_actor(phone_cookie_binding(cookies, committee.pk), committee)


def projector_actor(committee: Committee, token: str | None) -> Actor | None:
    if token and token == committee.projector_token:
        return Actor(PROJECTOR, "Projector")
    return None


def member_actor(request, committee: Committee) -> Actor | None:
    """Anyone of the committee's room, on any page: a board member, a phone bound to one of its
    delegations, or the projector (its link, kept in the session)."""
    return (
        board_actor(request.user, committee)
        or delegate_actor(request.session, committee)
        or projector_actor(committee, request.session.get(f"projector:{committee.pk}"))
    )


def revoked_binding(session, committee: Committee) -> bool:
    """True when this phone was bound once but its link has been replaced (a lost phone)."""
    binding = phone_binding(session, committee)
    return isinstance(binding, dict) and delegate_actor(session, committee) is None
