"""Voting procedure on drafts (procedure.md): for each draft in the order of introduction, its
unfriendly amendments (the furthest removed first), then the parts of a divided question, then the
draft as a whole, each a substantive vote on the committee's one vote machinery (by placards, on the
phones, or by roll call). A draft adopted sets the others of its agenda item aside where the profile
says so; a part rejected leaves the text. The chair may declare a draft adopted without a vote when
nobody objects."""

from __future__ import annotations

from django.utils.translation import gettext_lazy, gettext_noop

from committee.access import Actor
from committee.actions import Decision, Step, begin_vote, vote_opened_data
from committee.errors import ActionError, LazyMessage
from committee.models import Committee, Vote
from committee.rules import SUBSTANTIVE
from debate.models import Floor
from resolutions.actions.amendments import apply_amendment
from resolutions.actions.base import PaperStep, paper_step, paper_step_of
from resolutions.actions.explanations import list_explanations
from resolutions.models import Amendment, Explanation, Paper, Part
from resolutions.state import PaperView, amendment_order, voting_queue

DRAFT, AMENDMENT, PART = "resolutions.draft", "resolutions.amendment", "resolutions.part"
QUEUE_CHANGES = {"resolutions.papers", "resolutions.amendments", "resolutions.text", "resolutions.debate"}


def _require_voting_procedure(step: PaperStep) -> None:
    floor = Floor.objects.filter(committee=step.committee).only("phase").first()
    if floor is None or floor.phase != "voting":
        raise ActionError(gettext_lazy("Drafts are voted in voting procedure: a motion to close debate comes first."))


def _queue(step: PaperStep) -> list[tuple[str, object, PaperView]]:
    drafts = [
        PaperView(paper, step.rules, step.present())
        for paper in Paper.objects.filter(committee=step.committee, status=Paper.Status.INTRODUCED)
    ]
    return voting_queue(drafts)


def _vote_title(kind: str, item, paper) -> str:
    """What the next vote of voting procedure is on, in the active language."""
    if kind == "amendment":
        return LazyMessage(
            gettext_noop("%(symbol)s: amendment to %(label)s (%(action)s)"),
            {
                "symbol": paper.symbol,
                "label": item.label,
                "action": item.amendment.get_action_display().lower(),
            },
        )
    if kind == "part":
        return LazyMessage(
            gettext_noop("%(symbol)s: %(label)s, voted separately"), {"symbol": paper.symbol, "label": item.label}
        )
    if paper.important:
        return LazyMessage(
            gettext_noop("%(symbol)s: %(title)s, as a whole (an important question)"),
            {
                "symbol": paper.symbol,
                "title": paper.title,
            },
        )
    return LazyMessage(
        gettext_noop("%(symbol)s: %(title)s, as a whole"), {"symbol": paper.symbol, "title": paper.title}
    )


def vote_next(committee: Committee, actor: Actor, method: str) -> Vote:
    """Put the next item of voting procedure to a substantive vote."""
    with paper_step(committee, actor, board=True, sitting=True) as step:
        _require_voting_procedure(step)
        queue = _queue(step)
        if not queue:
            raise ActionError(gettext_lazy("Nothing is left to vote on: every draft has been decided."))
        kind, item, view = queue[0]
        paper = view.paper
        if kind == "draft" and paper.by_roll_call:
            method = Vote.Method.ROLL_CALL  # a motion for a roll-call vote was granted
        if kind == "amendment":
            subject, subject_id, threshold = AMENDMENT, item.amendment.pk, "simple"
        elif kind == "part":
            subject, subject_id, threshold = PART, item.pk, "simple"
        else:
            threshold = "two_thirds" if paper.important else step.rules.draft_threshold
            subject, subject_id = DRAFT, paper.pk
        vote = begin_vote(
            step,
            subject=subject,
            subject_id=subject_id,
            title=lambda: _vote_title(kind, item, paper),
            question=SUBSTANTIVE,
            threshold=threshold,
            method=method,
        )
        target = item.amendment if kind == "amendment" else item
        target.vote = vote
        target.save(update_fields=["vote"])
        step.record(
            "vote.opened",
            changes={"committee.vote", "resolutions.papers"},
            data=vote_opened_data(vote, symbol=paper.symbol),
        )
        return vote


def _changes(step: Step, vote: Vote) -> frozenset[str]:
    """What a decision changed; after a roll call, the list of explanations of vote too."""
    explained = list_explanations(step, vote)
    return frozenset(QUEUE_CHANGES | ({"resolutions.explanations"} if explained else set()))


def decide_draft(step: Step, vote: Vote) -> Decision:
    paper = Paper.objects.get(pk=vote.subject_id, committee=step.committee)
    paper.status = Paper.Status.ADOPTED if vote.passed else Paper.Status.REJECTED
    paper.save(update_fields=["status"])
    facts = {"symbol": paper.symbol, "title": paper.title}
    if vote.passed:
        facts["set_aside"] = _set_others_aside(paper_step_of(step), paper)
    return Decision(_changes(step, vote), facts)


def _set_others_aside(step: PaperStep, adopted: Paper) -> list[str]:
    if not step.rules.one_per_agenda_item:
        return []
    others = list(
        Paper.objects.filter(
            committee=step.committee, agenda_item=adopted.agenda_item, status=Paper.Status.INTRODUCED
        ).exclude(pk=adopted.pk)
    )
    for other in others:
        other.status = Paper.Status.SET_ASIDE
        other.save(update_fields=["status"])
        other.amendments.filter(status__in=["proposed", "introduced"]).update(status=Amendment.Status.LAPSED)
    return [other.symbol for other in others]


def decide_amendment(step: Step, vote: Vote) -> Decision:
    amendment = Amendment.objects.select_related("paper", "target", "amends").get(
        pk=vote.subject_id, paper__committee=step.committee
    )
    amendment.status = Amendment.Status.ADOPTED if vote.passed else Amendment.Status.REJECTED
    amendment.save(update_fields=["status"])
    fell = apply_amendment(amendment) if vote.passed else []
    facts = {"symbol": amendment.paper.symbol, "amendment": amendment.pk, "fell": fell}
    return Decision(_changes(step, vote), facts)


def take_back_draft(step: Step, vote: Vote, facts: dict) -> set[str]:
    """The vote on a draft reopened: it is introduced again, and the drafts it set aside come back with
    their amendments."""
    paper = Paper.objects.get(pk=vote.subject_id, committee=step.committee)
    paper.status = Paper.Status.INTRODUCED
    paper.save(update_fields=["status"])
    set_aside = facts.get("set_aside", [])
    others = [
        other.pk
        for other in Paper.objects.filter(
            committee=step.committee, agenda_item=paper.agenda_item, status=Paper.Status.SET_ASIDE
        )
        if other.symbol in set_aside
    ]
    Paper.objects.filter(pk__in=others).update(status=Paper.Status.INTRODUCED)
    lapsed = Amendment.objects.filter(paper_id__in=others, status=Amendment.Status.LAPSED)
    lapsed.filter(introduced_at__isnull=False).update(status=Amendment.Status.INTRODUCED)
    lapsed.filter(introduced_at__isnull=True).update(status=Amendment.Status.PROPOSED)
    return _unlist_explanations(vote)


def take_back_amendment(step: Step, vote: Vote, facts: dict) -> set[str]:
    """The vote on an amendment reopened: a rejection is taken back; an adoption has changed the draft's
    text (and may have made others fall), and stands."""
    amendment = Amendment.objects.select_related("paper").get(pk=vote.subject_id, paper__committee=step.committee)
    if amendment.status != Amendment.Status.REJECTED:
        raise ActionError(
            LazyMessage(
                gettext_noop(
                    "The amendment is in the text of %(symbol)s now: it cannot be undone. A new amendment corrects it."
                ),
                {"symbol": amendment.paper.symbol},
            )
        )
    amendment.status = Amendment.Status.INTRODUCED
    amendment.save(update_fields=["status"])
    return _unlist_explanations(vote)


def _unlist_explanations(vote: Vote) -> set[str]:
    """A roll call reopened: its explanations of vote, listed when it closed, wait for it to close again."""
    Explanation.objects.filter(vote=vote).delete()
    return set(QUEUE_CHANGES) | {"resolutions.explanations"}


def mark_important(committee: Committee, actor: Actor, paper_id: int, important: bool) -> Paper:
    """UNGA-faithful: the chair marks a draft an important question (UN Charter, Article 18: peace and
    security, elections, admission, the budget...), adopted by two thirds of those present and voting;
    before voting procedure reaches it."""
    with paper_step(committee, actor, board=True, sitting=True) as step:
        if not step.rules.important_questions:
            raise ActionError(
                gettext_lazy(
                    "These rules of procedure have no important questions: every draft needs the same majority."
                )
            )
        paper = step.paper(paper_id, Paper.Status.INTRODUCED)
        if paper.vote_id is not None:  # vote_next links the draft to its vote as it opens
            raise ActionError(
                LazyMessage(
                    gettext_noop("%(symbol)s is being voted on: its majority stands."), {"symbol": paper.symbol}
                )
            )
        paper.important = important
        paper.save(update_fields=["important"])
        step.record(
            "draft.important",
            changes={"resolutions.papers"},
            data={"paper": paper.pk, "symbol": paper.symbol, "title": paper.title, "important": important},
        )
        return paper


def move_amendment(committee: Committee, actor: Actor, amendment_id: int, direction: str) -> Amendment:
    """The chair judges which amendment is furthest removed from the original: before the first vote
    on a draft's amendments she moves one up or down the order the app proposed."""
    if direction not in ("up", "down"):
        raise ActionError(gettext_lazy("Move it up or down."))
    with paper_step(committee, actor, board=True, sitting=True) as step:
        amendment = step.amendment(amendment_id)
        if amendment.status != Amendment.Status.INTRODUCED:
            raise ActionError(gettext_lazy("Only an amendment on the floor waiting for its vote is put in order."))
        paper = amendment.paper
        view = PaperView(paper, step.rules, step.present())
        if not view.amendments_unvoted:
            raise ActionError(
                LazyMessage(
                    gettext_noop("The votes on the amendments to %(symbol)s have begun: their order stands."),
                    {"symbol": paper.symbol},
                )
            )
        order = [
            a.amendment for a in amendment_order([a for a in view.amendments if a.amendment.status == "introduced"])
        ]
        index = next(i for i, a in enumerate(order) if a.pk == amendment.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(order):
            return amendment  # first already (or last): nothing moves
        order[index], order[other] = order[other], order[index]
        for position, each in enumerate(order, start=1):
            each.vote_order = position
        Amendment.objects.bulk_update(order, ["vote_order"])
        step.record(
            "amendment.moved",
            changes={"resolutions.amendments"},
            subject=amendment.mover,
            data={"amendment": amendment.pk, "paper": paper.pk, "symbol": paper.symbol, "direction": direction},
        )
        return amendment


def decide_part(step: Step, vote: Vote) -> Decision:
    """A part kept stays in the text; a part rejected leaves it (the remaining text is voted as a whole)."""
    part = Part.objects.select_related("paper", "clause").get(pk=vote.subject_id, paper__committee=step.committee)
    part.kept = bool(vote.passed)
    part.save(update_fields=["kept"])
    if not part.kept:
        part.clause.struck = True
        part.clause.save(update_fields=["struck"])
        part.paper.revision += 1
        part.paper.save(update_fields=["revision"])
    return Decision(_changes(step, vote), {"symbol": part.paper.symbol, "part": part.label, "kept": part.kept})


def adopt_without_a_vote(committee: Committee, actor: Actor, paper_id: int) -> Paper:
    """The chair asks whether any delegation objects; none does: the draft is adopted without a vote."""
    with paper_step(committee, actor, board=True, sitting=True) as step:
        _require_voting_procedure(step)
        paper = step.paper(paper_id, Paper.Status.INTRODUCED)
        if step.committee.votes.filter(closed_at__isnull=True).exists():
            raise ActionError(gettext_lazy("A vote is open: close it first."))
        queue = _queue(step)
        if not queue or queue[0][0] != "draft" or queue[0][1].pk != paper.pk:
            raise ActionError(
                LazyMessage(
                    gettext_noop("%(symbol)s is not next: its amendments and parts are voted first."),
                    {"symbol": paper.symbol},
                )
            )
        step.require_quorum(
            step.committee.rules.quorum_to_vote, "for a decision on a draft", "Take the roll call again."
        )
        paper.status, paper.consensus = Paper.Status.ADOPTED, True
        paper.save(update_fields=["status", "consensus"])
        set_aside = _set_others_aside(step, paper)
        step.record(
            "draft.adopted_without_vote",
            changes=QUEUE_CHANGES,
            data={"paper": paper.pk, "symbol": paper.symbol, "title": paper.title, "set_aside": set_aside},
        )
        return paper


def reopen(step: PaperStep, paper: Paper) -> None:
    """Reconsideration carried: the decision on the draft is undone and it is voted again."""
    paper.status, paper.consensus, paper.vote = Paper.Status.INTRODUCED, False, None
    paper.save(update_fields=["status", "consensus", "vote"])
    Paper.objects.filter(committee=step.committee, status=Paper.Status.SET_ASIDE, agenda_item=paper.agenda_item).update(
        status=Paper.Status.INTRODUCED
    )
