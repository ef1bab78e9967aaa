"""Who is asking: a board member, a delegation's phone, the projector, or nobody.

Every HTTP view and every WebSocket message resolves its actor here, on the server, from the user and
the session. A hidden button is not a permission.
"""

from __future__ import annotations

from dataclasses import dataclass

from committee.models import Committee, Delegation, ExecutiveRole

CHAIR = "chair"  # chair, vice-chair, rapporteur and secretariat run the floor from the laptop
DELEGATE = "delegate"
PROJECTOR = "projector"
AUDIENCES = (CHAIR, DELEGATE, PROJECTOR)


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


def board_actor(user, committee: Committee) -> Actor | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    name = user.get_full_name() or user.get_username()
    if user.is_staff:
        return Actor(CHAIR, f"Secretariat ({name})", user=user)
    role = ExecutiveRole.objects.filter(committee=committee, user=user).first()
    if role is None:
        return None
    return Actor(CHAIR, f"{role.get_role_display()} ({name})", user=user)


def delegate_actor(session, committee: Committee) -> Actor | None:
    """The delegation this phone was bound to, unless its link has since been revoked."""
    binding = phone_binding(session, committee)
    if not isinstance(binding, dict):
        return None
    delegation = Delegation.objects.filter(pk=binding.get("id"), committee=committee).first()
    if delegation is None or delegation.join_token != binding.get("token"):
        return None
    return Actor(DELEGATE, delegation.name, delegation=delegation)


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
