"""The debate's floor part: what it adds to the committee's screens, and when each piece re-renders."""

from __future__ import annotations

from committee.access import CHAIR, DELEGATE, PROJECTOR
from committee.journal import JournalKind
from committee.parts import Change, FloorPart, Region
from debate.actions.effects import close_the_floor, doors_closed
from debate.actions.votes import SUBJECT, decide_motion
from debate.commands import COMMANDS
from debate.state import load_debate

SPEECH, TIMER, SPEAKERS, MOTIONS, POINTS, PHASE = (
    f"debate.{name}" for name in ("speech", "timer", "speakers", "motions", "points", "phase")
)
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
    ),
    regions={
        CHAIR: (
            Region(_CHAIR + "phase", on=(PHASE, SITTING)),
            # Also on the roll call: the yield's choices are the delegations present, and the quorum
            # decides which motions the chair's menu offers.
            Region(_CHAIR + "urgent", on=(POINTS, PHASE, SITTING)),
            Region(_CHAIR + "now", on=(SPEECH, TIMER, POINTS, PHASE, SITTING, ROLL)),
            # The Add and yield choices list the delegations present.
            Region(_CHAIR + "speakers", on=(SPEAKERS, PHASE, SITTING, ROLL)),
            Region(_CHAIR + "motions", on=(MOTIONS, VOTE, PHASE, SITTING)),
            Region(_CHAIR + "points", on=(POINTS, PHASE, SITTING)),
        ),
        DELEGATE: (
            # Also on the roll call: the quorum decides which motions its menu offers.
            Region(_PHONE + "floor", on=(SPEECH, TIMER, SPEAKERS, PHASE, SITTING, ROLL)),
            Region(_PHONE + "motions", on=(MOTIONS, VOTE, PHASE, SITTING)),
        ),
        PROJECTOR: (
            # "Roll call" until the floor is in use (a speech, a motion decided, another phase).
            Region(_PROJECTOR + "phase", on=(SPEECH, PHASE, SITTING, MOTIONS, VOTE)),
            Region(_PROJECTOR + "stage", on=(SPEECH, TIMER, SPEAKERS, PHASE, SITTING, MOTIONS, VOTE)),
        ),
    },
    own=(Region(_PHONE + "mine", on=(SPEAKERS, POINTS, MOTIONS, SPEECH, PHASE, SITTING, ROLL)),),
    sections={
        CHAIR: {"header": (_CHAIR + "phase",), "floor": ("debate/chair.html",)},
        DELEGATE: {"main": ("debate/delegate.html",)},
        PROJECTOR: {"header": (_PROJECTOR + "phase",), "stage": ("debate/projector.html",)},
    },
    commands=COMMANDS,
    journal=(
        JournalKind("speakers.requested", "{delegation} asked to speak."),
        JournalKind("speakers.withdrawn", "{delegation} withdrew from the speakers' list."),
        JournalKind("speakers.added", "{actor} added {delegation} to the speakers' list."),
        JournalKind("speakers.removed", "{actor} removed {delegation} from the speakers' list."),
        JournalKind("speakers.moved", "{actor} moved {delegation} {direction} the speakers' list."),
        JournalKind("speakers.requests", "{actor} set requests to speak from phones: {open}."),
        JournalKind("speech.next", "{actor} called {next} (after {ended})."),
        JournalKind("speech.yield", "{delegation} yielded to {to}."),
        JournalKind("timer.start", "{actor} started the {timer} timer."),
        JournalKind("timer.pause", "{actor} paused the {timer} timer."),
        JournalKind("timer.extend", "{actor} extended the {timer} timer to {seconds} seconds."),
        JournalKind("point.raised", "{delegation} raised a point ({kind})."),
        JournalKind("point.answered", "{actor} answered the point of {delegation} ({kind})."),
        JournalKind("point.ruled", "{actor} ruled the point of {delegation} out of order ({kind})."),
        JournalKind("motion.raised", "{delegation} moved to {text}."),
        JournalKind("motion.withdrawn", "{delegation} withdrew its motion ({kind})."),
        JournalKind("motion.out_of_order", "{actor} ruled the motion of {delegation} out of order: {reason}."),
        JournalKind("motion.granted", "{actor} granted the motion of {delegation} to {text}."),
        JournalKind("motion.refused", "{actor} did not grant the motion of {delegation} to {text}."),
        JournalKind("caucus.ended", "{actor} ended the caucus on {topic}."),
        JournalKind("floor.resumed", "{actor} resumed formal debate."),
    ),
    vote_subjects={SUBJECT.split(".", 1)[1]: decide_motion},
    on_sitting_closed=close_the_floor,
    roll_call_refusal=doors_closed,
)
