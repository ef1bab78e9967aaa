"""The resolutions' floor part: what they add to the committee's screens, and when each piece re-renders."""

from __future__ import annotations

from committee.access import CHAIR, CONSOLE, DELEGATE, PROJECTOR
from committee.contract import Change, FloorPart, Region
from resolutions.actions.voting import decide_amendment, decide_draft, decide_part, take_back_amendment, take_back_draft
from resolutions.commands import COMMANDS
from resolutions.journal import KINDS
from resolutions.motions import MOTIONS_ADDED
from resolutions.state import load_resolutions

PAPERS, TEXT, AMENDMENTS, DEBATE, EXPLANATIONS, PROJECTOR_PAGE = (
    f"resolutions.{name}" for name in ("papers", "text", "amendments", "debate", "explanations", "projector")
)
SITTING, ROLL, PHASE = "committee.sitting", "committee.roll", "debate.phase"
_CHAIR, _PHONE, _PROJECTOR = "resolutions/chair.html#", "resolutions/delegate.html#", "resolutions/projector.html#"
# An open vote hides the chair's "vote on it" buttons and the projector's draft by style alone (the
# vote's own region says whether it is open), so no region of the drafts re-renders on a ballot.
EVERYTHING = (PAPERS, TEXT, AMENDMENTS, DEBATE, EXPLANATIONS, SITTING, PHASE)

PART = FloorPart(
    name="resolutions",
    load=load_resolutions,
    needs=("debate",),  # voting procedure is a phase of the debate
    changes=(
        Change("papers", "the papers, their sponsors and signatories, and what became of them"),
        Change("text", "a paper's text (a clause written, an amendment incorporated)"),
        Change("amendments", "amendments proposed, consented to, signed, introduced"),
        Change("debate", "the draft the committee debates, and THIMUN's time for and against"),
        Change("explanations", "who explains a vote cast with rights, and who has the floor to"),
        Change("projector", "where the projector stands in the draft on it (the chair pages it)"),
    ),
    regions={
        # The support a paper needs follows the delegations present.
        CHAIR: (
            Region(_CHAIR + "drafts", on=(*EVERYTHING, ROLL, PROJECTOR_PAGE)),
            Region(_CHAIR + "voting", on=EVERYTHING),
        ),
        # One rendering for every phone: each shows its own buttons (the phone's role, data-roles).
        DELEGATE: (Region(_PHONE + "drafts", on=(*EVERYTHING, ROLL)),),
        PROJECTOR: (Region(_PROJECTOR + "draft-stage", on=(*EVERYTHING, PROJECTOR_PAGE)),),
    },
    sections={
        CHAIR: {"floor": (_CHAIR + "voting",), "side": (_CHAIR + "drafts", _CHAIR + "start")},
        DELEGATE: {"main": ("resolutions/delegate.html",)},
        PROJECTOR: {"stage": (_PROJECTOR + "draft-stage",), "scripts": (_PROJECTOR + "scripts",)},
        CONSOLE: {"card": ("resolutions/console.html#card",)},
    },
    commands=COMMANDS,
    journal=KINDS,
    vote_subjects={"draft": decide_draft, "amendment": decide_amendment, "part": decide_part},
    # A vote closed too soon and reopened (the chair's undo): the draft's result, or an amendment's
    # rejection, taken back; an amendment adopted or a part voted has changed the text, and stands.
    undo_decisions={"draft": take_back_draft, "amendment": take_back_amendment},
    # The drafts' motions (introduce a paper or an amendment, divide the question, a roll-call vote,
    # reconsider), their effects and conditions, added to the debate's.
    adds={"debate.motions": MOTIONS_ADDED},
)
