"""The committee's own commands: sittings, the roll call, join links, the rules, and ballots and the
closing of any vote. Each declares who may send it and its typed fields (committee/fields.py); the
chair's forms and the phones' socket messages both come through `parts.run_command`, so a delegate's
phone can never reach a chair's action by any route."""

from __future__ import annotations

from committee import actions
from committee.access import CHAIR, DELEGATE
from committee.contract import CommandSet
from committee.fields import Choice, Count, Flag, Id, Text, Whole
from committee.models import Attendance
from committee.models.votes import ANSWER_LABELS
from committee.rules import PROFILES

COMMANDS = CommandSet()
DELEGATION = Id("Delegation", required=True, key="delegation")

COMMANDS.expose("sitting.open", {CHAIR}, "open a sitting", actions.open_sitting)
COMMANDS.expose("sitting.close", {CHAIR}, "close the sitting", actions.close_sitting)
COMMANDS.expose("rollcall.close", {CHAIR}, "close the roll call", actions.close_roll_call)
COMMANDS.expose(
    "rollcall.mark",
    {CHAIR},
    "take the roll call",
    actions.mark_attendance,
    delegation_id=DELEGATION,
    status=Choice(
        "Answer",
        required=True,
        values=tuple(Attendance.Status.values),
        message="Answer with present, present and voting, or absent.",
    ),
)
COMMANDS.expose(
    "rollcall.party",
    {CHAIR},
    "mark a party to the dispute",
    actions.mark_party_to_dispute,
    delegation_id=DELEGATION,
    party=Flag("Party to the dispute", required=True),
)
COMMANDS.expose(
    "undo",
    {CHAIR},
    "undo the last action",
    actions.undo_last,
    version=Id("The action to undo"),
)
COMMANDS.expose("rollcall.arrived", {DELEGATE}, "announce an arrival", actions.note_arrival)
COMMANDS.expose("access.reissue", {CHAIR}, "replace a join link", actions.reissue_join_link, delegation_id=DELEGATION)
COMMANDS.expose("access.projector_reissue", {CHAIR}, "replace the projector link", actions.reissue_projector_link)


@COMMANDS.add(
    "rules.set",
    {CHAIR},
    "change the rules of procedure",
    profile=Choice("Profile", required=True, values=tuple(PROFILES), message="Choose one of the rules profiles."),
    quorum_to_open=Text("Quorum to open debate", max_length=12),
    quorum_to_vote=Text("Quorum to vote", max_length=12),
    simple_majority=Text("Simple majority", max_length=12),
    two_thirds=Text("Two thirds", max_length=12),
    observers_vote_procedural=Flag("Observers vote on procedure"),
    ngos_vote=Flag("NGOs vote"),
    default_speaking_time=Whole("The default speaking time (whole seconds)"),
    timer_warnings=Text("Timer warnings", max_length=20),
)
def _set_rules(committee, actor, profile, **rules):
    return actions.set_rules(committee, actor, profile, rules)


COMMANDS.expose(
    "vote.cast",
    {CHAIR, DELEGATE},
    "vote",
    actions.cast_ballot,
    done={DELEGATE: "Your vote is in.", CHAIR: "The delegation's ballot is in."},
    answer=Choice(
        "Vote",
        required=True,
        key="choice",
        values=tuple(ANSWER_LABELS),
        message="Vote yes or no (or abstain, where you may).",
    ),
    delegation_id=Id("Delegation", key="delegation"),
    # The vote the ballot was pressed for: a ballot that arrives after it closed (kept on a phone
    # through a Wi-Fi drop) is refused, never counted in the next vote.
    vote_id=Id("Vote", key="vote"),
)
COMMANDS.expose(
    "vote.close",
    {CHAIR},
    "close a vote",
    actions.close_vote,
    yes=Count("Placards for"),
    no=Count("Placards against"),
    abstain=Count("Abstentions"),
)
