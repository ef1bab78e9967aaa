"""The debate's floor part: what it adds to the committee's screens, and when each piece re-renders."""

from __future__ import annotations

from committee.access import CHAIR, CONSOLE, DELEGATE, PROJECTOR
from committee.contract import Change, Extension, FloorPart, Region
from debate import motion_set
from debate.actions.effects import EFFECTS, close_the_floor, doors_closed
from debate.actions.undo import take_back_decision, take_back_grant
from debate.actions.votes import SUBJECT, decide_motion
from debate.commands import COMMANDS
from debate.journal import KINDS
from debate.rules import PROFILES
from debate.state import load_debate, my_floor

SPEECH, TIMER, SPEAKERS, MOTIONS, POINTS, PHASE, QUESTIONS, CHITS, CHIT_PAUSE, NOTE = (
    f"debate.{name}"
    for name in (
        "speech", "timer", "speakers", "motions", "points", "phase", "questions", "chits", "chit_pause", "note"
    )
)  # fmt: skip
_CHITS = "debate/chits.html#"
SITTING, ROLL, VOTE = "committee.sitting", "committee.roll", "committee.vote"
_CHAIR, _PHONE, _PROJECTOR = "debate/chair.html#", "debate/delegate.html#", "debate/projector.html#"

PART = FloorPart(
    name="debate",
    load=load_debate,
    changes=(
        Change("speech", "who has the floor, and their yield"),
        Change("timer", "a timer started, paused or extended (the speech's, the caucus's, the suspension's)"),
        Change("speakers", "the speakers' lists and the requests to speak"),
        Change("motions", "the motions on the floor and their fate"),
        Change("points", "the points raised and answered"),
        Change("phase", "formal debate, a caucus, a suspension, voting procedure...", every_phone=True),
        Change("chits", "a chit sent, passed or marked: the Board's queue, its sender's and addressees' phones"),
        Change("chit_pause", "chits paused or resumed: every phone's form says so", every_phone=True),
        Change("note", "the Board's note of what a delegation said (the Board's screens only)"),
        Change(
            "questions",
            "a speaker took questions, or stopped: every phone offers its question, or not",
            every_phone=True,
        ),
    ),
    regions={
        CHAIR: (
            Region(_CHAIR + "phase", on=(PHASE, SITTING)),
            # Also on the roll call: the yield's choices are the delegations present, and the quorum
            # decides which motions the chair's menu offers.
            Region(_CHAIR + "urgent", on=(POINTS, PHASE, SITTING)),
            Region(_CHAIR + "now", on=(SPEECH, TIMER, POINTS, PHASE, SITTING, ROLL)),
            # Not on a timer's tick: a note being typed is not wiped while the speaker speaks.
            Region(_CHAIR + "note", on=(NOTE, SPEECH, SITTING)),
            # The Add and yield choices list the delegations present.
            Region(_CHAIR + "speakers", on=(SPEAKERS, PHASE, SITTING, ROLL)),
            Region(_CHAIR + "motions", on=(MOTIONS, VOTE, PHASE, SITTING)),
            Region(_CHAIR + "points", on=(POINTS, PHASE, SITTING)),
            # The Board's chits (read only when they change: not on every change of phase).
            Region(_CHITS + "queue", on=(CHITS, CHIT_PAUSE, SITTING)),
        ),
        DELEGATE: (
            # Also on the roll call: the quorum decides which motions its menu offers.
            Region(_PHONE + "floor", on=(SPEECH, TIMER, SPEAKERS, PHASE, SITTING, ROLL)),
            Region(_PHONE + "motions", on=(MOTIONS, VOTE, PHASE, SITTING)),
            # Every phone's form to write a chit. Its addressees (those present) are loaded when it is
            # opened (debate/views.py): not re-sent to every phone on each mark of the roll call.
            Region(_CHITS + "phone-form", on=(CHIT_PAUSE, PHASE, SITTING)),
        ),
        PROJECTOR: (
            # "Roll call" until the floor is in use (a speech, a motion decided, another phase).
            Region(_PROJECTOR + "phase", on=(SPEECH, PHASE, SITTING, MOTIONS, VOTE)),
            Region(_PROJECTOR + "stage", on=(SPEECH, TIMER, SPEAKERS, PHASE, SITTING, MOTIONS, VOTE)),
        ),
    },
    own=(
        # One rendering for all the phones with the same card (most of the room when the phase changes).
        Region(
            _PHONE + "mine", on=(SPEAKERS, POINTS, MOTIONS, SPEECH, PHASE, QUESTIONS, SITTING, ROLL), shown_by=my_floor
        ),
        # A phone's own chits: sent (where they stand) and forwarded to it; never on the projector.
        Region(_CHITS + "phone-mine", on=(CHITS, SITTING)),
    ),
    sections={
        CHAIR: {"header": (_CHAIR + "phase",), "floor": ("debate/chair.html",), "side": (_CHITS + "queue",)},
        DELEGATE: {
            "main": ("debate/delegate.html", _CHITS + "phone-mine", _CHITS + "phone-form"),
            "away": (_PHONE + "mine",),
        },
        PROJECTOR: {
            "header": (_PROJECTOR + "phase",),
            "stage": ("debate/projector.html",),
            "result": (_PROJECTOR + "result-clock",),
        },
        CONSOLE: {
            "phase": ("debate/console.html#phase",),
            "card": ("debate/console.html#card",),
            "alerts": ("debate/console.html#alerts",),
        },
    },
    commands=COMMANDS,
    journal=KINDS,
    vote_subjects={SUBJECT.split(".", 1)[1]: decide_motion},
    undo={"motion.granted": take_back_grant},
    undo_decisions={SUBJECT.split(".", 1)[1]: take_back_decision},
    on_sitting_closed=close_the_floor,
    roll_call_refusal=doors_closed,
    # Higher parts add their motions, the effects they name and the conditions they need.
    extensions=(Extension(motion_set.NAME, motion_set.OwnMotions(PROFILES, EFFECTS), motion_set.merge),),
)
