"""The motions that belong to drafts, added to the debate's motions through the floor parts' contract
(`MOTIONS_ADDED`, declared by resolutions/part.py; debate/motion_set.py seals it): introduce a working
paper or an amendment (the chair grants them), divide the question and ask for a roll-call vote (in
voting procedure), and reconsider a decision (two thirds, moved by the winning side)."""

from __future__ import annotations

import re
from datetime import datetime

from django.utils.translation import gettext_lazy, gettext_noop

from committee.errors import ActionError, LazyMessage
from committee.fields import Ref, Text
from committee.models import Ballot, Vote
from debate.actions.effects import Outcome
from debate.motion_set import MotionsAdded
from debate.rules import FLOOR_OPEN, VOTING, Condition, MotionRule
from resolutions.actions.amendments import introduce_amendment, require_amendment_support
from resolutions.actions.base import paper_step_of
from resolutions.actions.drafts import introduce, require_ready
from resolutions.actions.voting import reopen
from resolutions.models import Amendment, DraftDebate, Paper, Part, Sponsorship
from resolutions.text import flatten, lay_out


def _papers(state, *statuses: str) -> list:
    part = state.parts.get("resolutions")
    return [view for view in part.papers if view.paper.status in statuses] if part else []


PAPER = Ref(
    gettext_lazy("Working paper"),
    required=True,
    options=lambda state: [
        (v.paper.pk, f"{v.paper.title} ({v.support} of {v.needed})") for v in _papers(state, "working")
    ],
)
DRAFT = Ref(
    gettext_lazy("Draft resolution"),
    required=True,
    options=lambda state: [(v.paper.pk, f"{v.paper.symbol}: {v.paper.title}") for v in _papers(state, "introduced")],
)
DECIDED = Ref(
    gettext_lazy("Decision"),
    required=True,
    options=lambda state: [
        (v.paper.pk, f"{v.paper.symbol} ({v.paper.get_status_display().lower()})")
        for v in _papers(state, "adopted", "rejected")
    ],
)
AMENDMENT = Ref(
    gettext_lazy("Amendment"),
    required=True,
    options=lambda state: [
        (a.amendment.pk, f"{v.paper.symbol}: {a.amendment.get_action_display().lower()}, {a.label}")
        for v in _papers(state, "introduced")
        for a in v.amendments
        if a.amendment.status == "proposed"
    ],
)
CLAUSES = Text(gettext_lazy("Clauses voted separately (e.g. 2, 4(b))"), required=True)


# ---- checks when a motion is moved (prepare) --------------------------------------------------------------


def _paper(step, paper_id: int, *statuses: str) -> Paper:
    return paper_step_of(step).paper(paper_id, *statuses)


def _prepare_introduction(step, values: dict) -> dict:
    paper = _paper(step, values["paper"], Paper.Status.WORKING)
    require_ready(paper_step_of(step), paper)
    return {**values, "title": paper.title}


def _prepare_amendment(step, values: dict) -> dict:
    amendment = paper_step_of(step).amendment(values["amendment"])
    if amendment.status != Amendment.Status.PROPOSED:
        raise ActionError(gettext_lazy("That amendment is not waiting to be introduced."))
    if amendment.amends_id is None:
        require_amendment_support(paper_step_of(step), amendment)
    return {**values, "symbol": amendment.paper.symbol, "action": amendment.get_action_display().lower()}


def _prepare_division(step, values: dict) -> dict:
    paper = _paper(step, values["draft"], Paper.Status.INTRODUCED)
    if paper.parts.exists():
        raise ActionError(LazyMessage(gettext_noop("%(symbol)s has been divided already."), {"symbol": paper.symbol}))
    lines = flatten(lay_out(paper.clauses.all())[1])
    named = _clauses_named(values.get("clauses", ""), lines)
    if len([line for line in lines if line.depth == 0]) < 2:
        raise ActionError(
            LazyMessage(
                gettext_noop("%(symbol)s has a single operative clause: there is nothing to divide."),
                {"symbol": paper.symbol},
            )
        )
    if not named:
        raise ActionError(gettext_lazy("Name the operative clauses to vote separately, such as 2, 4(b)."))
    return {**values, "symbol": paper.symbol, "parts": [[line.clause_id, label] for line, label in named]}


def _clauses_named(text: str, lines) -> list:
    """'2, 4(b)' -> the lines of operative clause 2 and of its sub-clause 4 (b), with their labels."""
    found = []
    for item in re.split(r"[,;\s]+", re.sub(r"\s+\(", "(", text.strip())):
        match = re.fullmatch(r"(\d+)\s*(?:\(?([a-z])\)?)?", item.strip().lower())
        if not match:
            if item.strip():
                raise ActionError(
                    LazyMessage(
                        gettext_noop("“%(item)s” does not name an operative clause (try 2 or 4(b))."),
                        {"item": item.strip()},
                    )
                )
            continue
        number, sub = int(match[1]), match[2]
        top = [line for line in lines if line.depth == 0]
        if not 1 <= number <= len(top):
            raise ActionError(
                LazyMessage(gettext_noop("%(sub)s does not exist in this draft."), {"sub": paper_label(number, sub)})
            )
        line = top[number - 1]
        if sub:
            children = line.children
            index = ord(sub) - ord("a")
            if not 0 <= index < len(children):
                raise ActionError(
                    LazyMessage(
                        gettext_noop("%(sub)s does not exist in this draft."), {"sub": paper_label(number, sub)}
                    )
                )
            line = children[index]
        found.append((line, paper_label(number, sub)))
    return found


def paper_label(number: int, sub: str | None) -> str:
    return f"operative clause {number}" + (f" ({sub})" if sub else "")


def _prepare_roll_call(step, values: dict) -> dict:
    paper = _paper(step, values["draft"], Paper.Status.INTRODUCED)
    return {**values, "symbol": paper.symbol}


def _prepare_reconsideration(step, values: dict) -> dict:
    paper = _paper(step, values["decided"], Paper.Status.ADOPTED, Paper.Status.REJECTED)
    if paper.consensus or paper.vote_id is None:
        raise ActionError(
            LazyMessage(
                gettext_noop("%(symbol)s was adopted without a vote: there is no vote to reconsider."),
                {"symbol": paper.symbol},
            )
        )
    mover = step.actor.delegation
    winning = "yes" if paper.status == Paper.Status.ADOPTED else "no"
    if paper.vote.method == Vote.Method.PLACARD:
        # Placards leave no names: the chair confirms the mover raised its placard with the winners.
        return {**values, "symbol": paper.symbol, "confirm": " (the chair confirms it voted with the winners)"}
    ballot = Ballot.objects.filter(vote_id=paper.vote_id, delegation=mover).first() if mover else None
    if ballot is None or ballot.choice != winning:
        raise ActionError(
            LazyMessage(
                gettext_noop(
                    "A motion to reconsider is moved by a delegation that voted %(winning)s on %(symbol)s, the "
                    "winning side."
                ),
                {"winning": winning, "symbol": paper.symbol},
            )
        )
    return {**values, "symbol": paper.symbol, "confirm": ""}


# ---- what they do when they pass (effects) --------------------------------------------------------------


def _introduce_draft(step, values: dict, now: datetime) -> Outcome:
    paper = introduce(paper_step_of(step), _paper(step, values["paper"], Paper.Status.WORKING))
    facts = {"paper": paper.pk, "symbol": paper.symbol, "title": paper.title}
    return Outcome(frozenset({"resolutions.papers", "resolutions.debate"}), facts)


def _introduce_amendment(step, values: dict, now: datetime) -> Outcome:
    amendment = introduce_amendment(paper_step_of(step), paper_step_of(step).amendment(values["amendment"]))
    facts = {"amendment": amendment.pk, "paper": amendment.paper_id, "symbol": amendment.paper.symbol}
    return Outcome(frozenset({"resolutions.amendments", "resolutions.papers"}), facts)


def _divide(step, values: dict, now: datetime) -> Outcome:
    paper = _paper(step, values["draft"], Paper.Status.INTRODUCED)
    for position, (clause_id, label) in enumerate(values["parts"], start=1):
        Part.objects.create(paper=paper, clause_id=clause_id, label=label, position=position)
    facts = {"paper": paper.pk, "symbol": paper.symbol, "parts": [label for _, label in values["parts"]]}
    return Outcome(frozenset({"resolutions.papers"}), facts)


def _roll_call(step, values: dict, now: datetime) -> Outcome:
    paper = _paper(step, values["draft"], Paper.Status.INTRODUCED)
    paper.by_roll_call = True
    paper.save(update_fields=["by_roll_call"])
    return Outcome(frozenset({"resolutions.papers"}), {"paper": paper.pk, "symbol": paper.symbol})


def _reconsider(step, values: dict, now: datetime) -> Outcome:
    paper = _paper(step, values["decided"], Paper.Status.ADOPTED, Paper.Status.REJECTED)
    reopen(paper_step_of(step), paper)
    return Outcome(frozenset({"resolutions.papers", "resolutions.text"}), {"paper": paper.pk, "symbol": paper.symbol})


# ---- what the chair's undo takes back (a motion granted by mistake) -------------------------------------


def _undo_introduce_draft(step, values: dict, outcome: dict) -> set[str]:
    """The draft is a working paper again, unnumbered; the draft debated before it is debated again."""
    paper = _paper(step, values["paper"], Paper.Status.INTRODUCED)
    paper.status, paper.number, paper.series, paper.introduced_at = Paper.Status.WORKING, None, "", None
    paper.save(update_fields=["status", "number", "series", "introduced_at"])
    before = Paper.objects.filter(committee=step.committee, status=Paper.Status.INTRODUCED).order_by("-introduced_at")
    DraftDebate.objects.filter(committee=step.committee, paper=paper).update(paper=before.first())
    return {"resolutions.papers", "resolutions.debate"}


def _undo_introduce_amendment(step, values: dict, outcome: dict) -> set[str]:
    amendment = paper_step_of(step).amendment(values["amendment"])
    amendment.status, amendment.introduced_at = Amendment.Status.PROPOSED, None
    amendment.save(update_fields=["status", "introduced_at"])
    return {"resolutions.amendments", "resolutions.papers"}


def _undo_roll_call(step, values: dict, outcome: dict) -> set[str]:
    paper = _paper(step, values["draft"], Paper.Status.INTRODUCED)
    paper.by_roll_call = False
    paper.save(update_fields=["by_roll_call"])
    return {"resolutions.papers"}


# ---- conditions ----------------------------------------------------------------------------------------


# Where the screens ask (the state loaded for a broadcast), the resolutions' state answers; a step
# under way asks the database.


def _loaded(where):
    return getattr(where, "parts", {}).get("resolutions")


def _draft_on_floor(where) -> bool:
    if (loaded := _loaded(where)) is not None:
        return bool(loaded.drafts)
    return Paper.objects.filter(committee_id=where.floor.committee_id, status=Paper.Status.INTRODUCED).exists()


def _paper_has_support(where) -> bool:
    if (loaded := _loaded(where)) is not None:
        return any(view.sponsors for view in loaded.working)
    return Sponsorship.objects.filter(
        paper__committee_id=where.floor.committee_id, paper__status=Paper.Status.WORKING
    ).exists()


MOTIONS = (
    MotionRule(
        "introduce_draft",
        gettext_lazy("Introduce a working paper"),
        8,
        {"paper": PAPER},
        threshold=None,
        requires=("paper_with_support",),
        effect="introduce_draft",
        text=gettext_lazy("introduce “{title}” as a draft resolution"),
        prepare=_prepare_introduction,
    ),
    MotionRule(
        "introduce_amendment",
        gettext_lazy("Introduce an amendment"),
        9,
        {"amendment": AMENDMENT},
        threshold=None,
        requires=("draft_on_floor",),
        effect="introduce_amendment",
        text=gettext_lazy("introduce an amendment to {symbol} ({action})"),
        prepare=_prepare_amendment,
    ),
    MotionRule(
        "divide_question",
        gettext_lazy("Divide the question"),
        21,
        {"draft": DRAFT, "clauses": CLAUSES},
        speakers_for=2,
        speakers_against=2,
        phases=(VOTING,),
        effect="divide_question",
        text=gettext_lazy("divide {symbol}: vote {clauses} separately"),
        prepare=_prepare_division,
    ),
    MotionRule(
        "roll_call_vote",
        gettext_lazy("Roll-call vote"),
        22,
        {"draft": DRAFT},
        threshold=None,
        phases=(VOTING,),
        effect="roll_call_vote",
        text=gettext_lazy("a roll-call vote on {symbol}"),
        prepare=_prepare_roll_call,
    ),
    MotionRule(
        "reconsider",
        gettext_lazy("Reconsider"),
        23,
        {"decided": DECIDED},
        threshold="two_thirds",
        speakers_against=2,
        phases=(*FLOOR_OPEN, VOTING),
        effect="reconsider",
        text=gettext_lazy("reconsider the vote on {symbol}{confirm}"),
        prepare=_prepare_reconsideration,
    ),
)


MOTIONS_ADDED = MotionsAdded(
    motions=MOTIONS,
    per_profile={
        # Where the chair introduces a paper that has its support, no motion is needed.
        "unga": {"introduce_draft": None},
        "thimun": {"introduce_draft": None},
    },
    effects={
        "introduce_draft": _introduce_draft,
        "introduce_amendment": _introduce_amendment,
        "divide_question": _divide,
        "roll_call_vote": _roll_call,
        "reconsider": _reconsider,
    },
    undo_effects={
        "introduce_draft": _undo_introduce_draft,
        "introduce_amendment": _undo_introduce_amendment,
        "roll_call_vote": _undo_roll_call,
    },
    conditions={
        "draft_on_floor": Condition(_draft_on_floor, gettext_lazy("No draft resolution is on the floor.")),
        "paper_with_support": Condition(
            _paper_has_support, gettext_lazy("No working paper is waiting to be introduced.")
        ),
    },
)
