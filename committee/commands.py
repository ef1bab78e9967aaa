"""The commands a screen may send, by name: who may send each, and the action it runs.

The chair's and delegates' HTTP forms and WebSocket messages both come through `run_command`, so a
delegate's phone can never reach a chair's action by any route.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from committee import actions
from committee.access import CHAIR, DELEGATE, Actor
from committee.actions import ActionError
from committee.models import Committee


@dataclass(frozen=True)
class Command:
    name: str
    audiences: frozenset[str]
    run: Callable[[Committee, Actor, dict[str, Any]], Any]
    label: str


COMMANDS: dict[str, Command] = {}


def register(name: str, audiences: set[str], label: str):
    def decorator(function: Callable[[Committee, Actor, dict[str, Any]], Any]):
        COMMANDS[name] = Command(name, frozenset(audiences), function, label)
        return function

    return decorator


def run_command(committee: Committee, actor: Actor, name: str, params: dict[str, Any]) -> Any:
    command = COMMANDS.get(name) if isinstance(name, str) else None
    if command is None:
        raise ActionError(f"Unknown command {str(name)[:40]!r}.")
    if actor.audience not in command.audiences:
        who = "the Executive Board" if CHAIR in command.audiences else "a delegation"
        raise ActionError(f"You may not {command.label}: only {who} can.")
    return command.run(committee, actor, params)


@register("sitting.open", {CHAIR}, "open a sitting")
def _open_sitting(committee, actor, params):
    return actions.open_sitting(committee, actor)


@register("sitting.close", {CHAIR}, "close the sitting")
def _close_sitting(committee, actor, params):
    return actions.close_sitting(committee, actor)


@register("rollcall.close", {CHAIR}, "close the roll call")
def _close_roll_call(committee, actor, params):
    return actions.close_roll_call(committee, actor)


@register("rollcall.mark", {CHAIR}, "take the roll call")
def _mark(committee, actor, params):
    return actions.mark_attendance(committee, actor, params.get("delegation"), params.get("status"))


@register("rollcall.arrived", {DELEGATE}, "announce an arrival")
def _arrived(committee, actor, params):
    return actions.note_arrival(committee, actor)


@register("access.reissue", {CHAIR}, "replace a join link")
def _reissue(committee, actor, params):
    return actions.reissue_join_link(committee, actor, params.get("delegation"))


@register("rules.set", {CHAIR}, "change the rules of procedure")
def _set_rules(committee, actor, params):
    return actions.set_rules(committee, actor, params.get("profile"), params)
