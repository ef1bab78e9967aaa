"""Every change of the committee's floor: check the rules, write the state and the journal, broadcast.

One module per topic; each action opens with `floor_step` (who may, transaction, lock, fresh state)
and closes with `Step.record` (version, journal entry, broadcast after commit).
"""

from committee.actions.base import Step, floor_step, lock_committee, require_board
from committee.actions.links import reissue_join_link, reissue_projector_link
from committee.actions.procedure import set_rules
from committee.actions.rollcall import mark_attendance, mark_party_to_dispute, note_arrival
from committee.actions.setup import journal_setup_change, refuse_during_sitting
from committee.actions.sittings import close_roll_call, close_sitting, open_sitting
from committee.actions.undo import undo_last
from committee.actions.votes import Decision, begin_vote, cast_ballot, close_vote, vote_opened_data
from committee.errors import ActionError

__all__ = [
    "ActionError",
    "Decision",
    "Step",
    "begin_vote",
    "cast_ballot",
    "close_roll_call",
    "close_sitting",
    "close_vote",
    "floor_step",
    "lock_committee",
    "mark_attendance",
    "mark_party_to_dispute",
    "note_arrival",
    "open_sitting",
    "journal_setup_change",
    "refuse_during_sitting",
    "reissue_join_link",
    "reissue_projector_link",
    "require_board",
    "set_rules",
    "undo_last",
    "vote_opened_data",
]
