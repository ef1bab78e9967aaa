"""The debate's commands, added to the committee's table: who may send each, and the action it runs."""

from __future__ import annotations

from committee.access import CHAIR, DELEGATE
from committee.commands import register
from debate import actions

_FIELDS = ("duration", "topic", "total", "speaking_time")


@register("speakers.ask", {DELEGATE}, "ask to speak")
def _ask(committee, actor, params):
    return actions.ask_to_speak(committee, actor)


@register("speakers.withdraw", {DELEGATE}, "withdraw a request to speak")
def _withdraw(committee, actor, params):
    return actions.withdraw_request(committee, actor)


@register("speakers.add", {CHAIR}, "add speakers")
def _add(committee, actor, params):
    return actions.add_speaker(committee, actor, params.get("delegation"))


@register("speakers.remove", {CHAIR}, "remove speakers")
def _remove(committee, actor, params):
    return actions.remove_speaker(committee, actor, params.get("delegation"))


@register("speakers.move", {CHAIR}, "reorder the speakers' list")
def _move(committee, actor, params):
    return actions.move_speaker(committee, actor, params.get("delegation"), params.get("direction"))


@register("speakers.next", {CHAIR}, "call the next speaker")
def _next(committee, actor, params):
    return actions.next_speaker(committee, actor, params.get("current"))


@register("speakers.requests", {CHAIR}, "open or close requests from phones")
def _requests(committee, actor, params):
    return actions.set_requests(committee, actor, params.get("allowed"))


@register("timer", {CHAIR}, "run the timers")
def _timer(committee, actor, params):
    return actions.control_timer(committee, actor, params.get("which"), params.get("operation"), params.get("seconds"))


@register("speech.yield", {CHAIR}, "record a yield")
def _yield(committee, actor, params):
    return actions.yield_speech(committee, actor, params.get("kind"), params.get("delegation"))


@register("point.raise", {CHAIR, DELEGATE}, "raise a point")
def _point(committee, actor, params):
    return actions.raise_point(committee, actor, params.get("kind"), params.get("text", ""), params)


@register("point.resolve", {CHAIR}, "rule on points")
def _resolve(committee, actor, params):
    return actions.resolve_point(committee, actor, params.get("point"), params.get("outcome"))


@register("motion.raise", {CHAIR, DELEGATE}, "raise a motion")
def _motion(committee, actor, params):
    values = {name: params[name] for name in _FIELDS if name in params}
    return actions.raise_motion(committee, actor, params.get("kind"), values, params)


@register("motion.withdraw", {CHAIR, DELEGATE}, "withdraw a motion")
def _withdraw_motion(committee, actor, params):
    return actions.withdraw_motion(committee, actor, params.get("motion"))


@register("motion.rule_out", {CHAIR}, "rule a motion out of order")
def _rule_out(committee, actor, params):
    return actions.rule_out_of_order(committee, actor, params.get("motion"), params.get("reason", ""))


@register("vote.open", {CHAIR}, "open a vote")
def _open_vote(committee, actor, params):
    return actions.open_vote(committee, actor, params.get("method"))


@register("vote.cast", {CHAIR, DELEGATE}, "vote")
def _cast(committee, actor, params):
    return actions.cast_ballot(committee, actor, params.get("choice"), params)


@register("vote.close", {CHAIR}, "close a vote")
def _close(committee, actor, params):
    return actions.close_vote(committee, actor, params.get("yes"), params.get("no"))


@register("caucus.end", {CHAIR}, "end a caucus")
def _end_caucus(committee, actor, params):
    return actions.end_caucus(committee, actor)


@register("floor.resume", {CHAIR}, "resume debate")
def _resume(committee, actor, params):
    return actions.resume(committee, actor)
