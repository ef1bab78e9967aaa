"""The committee's models: the committee and its delegations, board and documents; its sittings and
roll calls; the journal; and the one vote machinery every vote of every app runs on."""

from committee.models.committee import (
    Committee,
    Delegation,
    Document,
    ExecutiveRole,
    SignInLink,
    new_signin_token,
    new_token,
    roman,
)
from committee.models.conference import Conference, Team
from committee.models.journal import JournalEntry
from committee.models.sittings import Attendance, Sitting, current_sitting
from committee.models.votes import Ballot, Vote

__all__ = [
    "Attendance",
    "Ballot",
    "Committee",
    "Conference",
    "Delegation",
    "Document",
    "ExecutiveRole",
    "JournalEntry",
    "SignInLink",
    "Sitting",
    "Team",
    "Vote",
    "current_sitting",
    "new_signin_token",
    "new_token",
    "roman",
]
