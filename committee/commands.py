"""The committee's own commands: sittings, the roll call, join links, the rules, and ballots and the
closing of any vote. Each declares who may send it and its typed fields (committee/fields.py); the
chair's forms and the phones' socket messages both come through `parts.run_command`, so a delegate's
phone can never reach a chair's action by any route."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from committee import actions
from committee.access import CHAIR, DELEGATE
from committee.contract import CommandSet
from committee.fields import Choice, Count, Flag, Id, Text, Whole
from committee.models import Attendance
from committee.models.votes import ANSWER_LABELS
from committee.rules import PROFILES

COMMANDS = CommandSet()
DELEGATION = Id(gettext_lazy("Delegation"), required=True, key="delegation")

COMMANDS.expose("sitting.open", {CHAIR}, gettext_lazy("open a sitting"), actions.open_sitting)
COMMANDS.expose("sitting.close", {CHAIR}, gettext_lazy("close the sitting"), actions.close_sitting)
COMMANDS.expose("rollcall.close", {CHAIR}, gettext_lazy("close the roll call"), actions.close_roll_call)
COMMANDS.expose(
    "rollcall.mark",
    {CHAIR},
    gettext_lazy("take the roll call"),
    actions.mark_attendance,
    delegation_id=DELEGATION,
    status=Choice(
        gettext_lazy("Answer"),
        required=True,
        values=tuple(Attendance.Status.values),
        message=gettext_lazy("Answer with present, present and voting, or absent."),
    ),
)
COMMANDS.expose(
    "rollcall.party",
    {CHAIR},
    gettext_lazy("mark a party to the dispute"),
    actions.mark_party_to_dispute,
    delegation_id=DELEGATION,
    party=Flag(gettext_lazy("Party to the dispute"), required=True),
)
COMMANDS.expose(
    "undo",
    {CHAIR},
    gettext_lazy("undo the last action"),
    actions.undo_last,
    version=Id(gettext_lazy("The action to undo")),
)
COMMANDS.expose("rollcall.arrived", {DELEGATE}, gettext_lazy("announce an arrival"), actions.note_arrival)
COMMANDS.expose(
    "access.reissue", {CHAIR}, gettext_lazy("replace a join link"), actions.reissue_join_link, delegation_id=DELEGATION
)
COMMANDS.expose(
    "access.projector_reissue", {CHAIR}, gettext_lazy("replace the projector link"), actions.reissue_projector_link
)


@COMMANDS.add(
    "rules.set",
    {CHAIR},
    gettext_lazy("change the rules of procedure"),
    profile=Choice(
        gettext_lazy("Profile"),
        required=True,
        values=tuple(PROFILES),
        message=gettext_lazy("Choose one of the rules profiles."),
    ),
    quorum_to_open=Text(gettext_lazy("Quorum to open debate"), max_length=12),
    quorum_to_vote=Text(gettext_lazy("Quorum to vote"), max_length=12),
    simple_majority=Text(gettext_lazy("Simple majority"), max_length=12),
    two_thirds=Text(gettext_lazy("Two thirds"), max_length=12),
    observers_vote_procedural=Flag(gettext_lazy("Observers vote on procedure")),
    ngos_vote=Flag(gettext_lazy("NGOs vote")),
    default_speaking_time=Whole(gettext_lazy("The default speaking time (whole seconds)")),
    timer_warnings=Text(gettext_lazy("Timer warnings"), max_length=20),
)
def _set_rules(committee, actor, profile, **rules):
    return actions.set_rules(committee, actor, profile, rules)


COMMANDS.expose(
    "vote.cast",
    {CHAIR, DELEGATE},
    gettext_lazy("vote"),
    actions.cast_ballot,
    done={DELEGATE: gettext_lazy("Your vote is in."), CHAIR: gettext_lazy("The delegation's ballot is in.")},
    answer=Choice(
        gettext_lazy("Vote"),
        required=True,
        key="choice",
        values=tuple(ANSWER_LABELS),
        message=gettext_lazy("Vote yes or no (or abstain, where you may)."),
    ),
    delegation_id=Id(gettext_lazy("Delegation"), key="delegation"),
    # The vote the ballot was pressed for: a ballot that arrives after it closed (kept on a phone
    # through a Wi-Fi drop) is refused, never counted in the next vote.
    vote_id=Id(gettext_lazy("Vote"), key="vote"),
)
COMMANDS.expose(
    "vote.close",
    {CHAIR},
    gettext_lazy("close a vote"),
    actions.close_vote,
    yes=Count(gettext_lazy("Placards for")),
    no=Count(gettext_lazy("Placards against")),
    abstain=Count(gettext_lazy("Abstentions")),
)
