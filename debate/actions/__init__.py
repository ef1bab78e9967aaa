"""Every change of the debate floor, by topic: speakers' lists, speeches (timers and yields), points,
motions, motions put to the vote, and what a passed motion does. Each opens with `debate_step`
(the committee's one opening step, with the floor loaded) and closes with `Step.record`."""

from debate.actions.chits import decide_chit, mark_chit, pause_chits, send_chit
from debate.actions.effects import end_caucus, resume
from debate.actions.motions import grant_motion, raise_motion, rule_out_of_order, withdraw_motion
from debate.actions.points import raise_point, resolve_point
from debate.actions.speakers import (
    add_speaker,
    ask_to_speak,
    move_speaker,
    remove_speaker,
    set_requests,
    withdraw_request,
)
from debate.actions.speeches import control_timer, next_speaker, note_speech, yield_speech
from debate.actions.votes import decide_motion, open_vote

__all__ = [
    "decide_chit",
    "mark_chit",
    "pause_chits",
    "send_chit",
    "add_speaker",
    "ask_to_speak",
    "control_timer",
    "decide_motion",
    "end_caucus",
    "grant_motion",
    "move_speaker",
    "next_speaker",
    "open_vote",
    "raise_motion",
    "raise_point",
    "remove_speaker",
    "resolve_point",
    "resume",
    "rule_out_of_order",
    "set_requests",
    "withdraw_motion",
    "withdraw_request",
    "yield_speech",
    "note_speech",
]
