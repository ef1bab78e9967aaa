"""The committee's models: the room (committees, delegations, board, sittings, roll call, journal) and
the one vote machinery every vote of every app runs on."""

from committee.models.room import (
    Attendance,
    Committee,
    Delegation,
    Document,
    ExecutiveRole,
    JournalEntry,
    SignInLink,
    Sitting,
    new_signin_token,
    new_token,
    roman,
)
from committee.models.votes import Ballot, Vote

__all__ = [
    "Attendance",
    "Ballot",
    "Committee",
    "Delegation",
    "Document",
    "ExecutiveRole",
    "JournalEntry",
    "SignInLink",
    "Sitting",
    "Vote",
    "new_signin_token",
    "new_token",
    "roman",
]
