"""The one vote machinery every app's votes run on.

A vote is begun inside the action of the app whose question it is (`begin_vote`, within that
action's step: a motion put to the vote, a draft, an amendment). Who may vote, who may not abstain,
the threshold and, for a procedural vote, the yes votes needed are frozen from the roll call and the
profile when it opens. Ballots come from phones, from the chair for a delegation, or in a roll call in
turn; placard counts are typed by the chair. Closing decides it by the profile's one definition of a
majority and hands the result to the subject's owner, which says what it changed.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy, gettext_noop

from committee import languages
from committee.access import Actor
from committee.actions.base import Step, floor_step
from committee.contract import PARTS
from committee.countries import CountryName
from committee.errors import ActionError, LazyMessage
from committee.models import Attendance, Ballot, Committee, Delegation, Vote
from committee.models.votes import ANSWER_LABELS, NO_WITH_RIGHTS, YES_WITH_RIGHTS
from committee.rules import PROCEDURAL, SUBSTANTIVE, THRESHOLD_NAMES, passes


@dataclass(frozen=True)
class Decision:
    """What the subject's owner did with a result: the changes it made, and facts for the journal."""

    changes: frozenset[str] = frozenset()
    data: Mapping[str, Any] = field(default_factory=dict)


def begin_vote(
    step: Step,
    *,
    subject: str,
    subject_id: int,
    title: str | Callable[[], str],
    question: str,
    threshold: str,
    method: str,
) -> Vote:
    """Open a vote within the caller's step; the caller records the journal entry ("vote.opened").
    `title` words what is voted on, in the active language when it is a function: it is kept in each of
    the six (the screens and the minutes show it in theirs)."""
    if method not in Vote.Method.values:
        raise ActionError(gettext_lazy("Vote by phones, by placards or by roll call."))
    if threshold not in THRESHOLD_NAMES:
        raise ActionError(gettext_lazy("That question needs no vote: the chair decides."))
    sitting = step.require_sitting()
    committee = step.committee
    if committee.votes.filter(closed_at__isnull=True).exists():
        raise ActionError(gettext_lazy("A vote is already open: close it first."))
    rules = committee.rules
    # The Security Council on substance: a permanent member's "no" is a veto, so every vote is known by
    # name; counted placards cannot say whose "no" it was.
    council = question == SUBSTANTIVE and rules.permanent_members_veto
    if council and method == Vote.Method.PLACARD:
        raise ActionError(
            gettext_lazy(
                "In the Security Council a permanent member's no is a veto: take this vote by name, on the "
                "phones (enter each raised hand for its member) or by roll call."
            )
        )
    present = list(
        Attendance.objects.present()
        .filter(sitting=sitting)
        .values_list(
            "delegation_id",
            "delegation__name",
            "delegation__kind",
            "status",
            "delegation__permanent",
            "delegation__party_to_dispute",
        )
    )
    if question == SUBSTANTIVE:
        step.require_quorum(
            committee.rules.quorum_to_vote,
            "for a substantive vote",
            "Take the roll call again, or suspend the meeting.",
        )
    # Alphabetical: the order of a roll call, and of every list of voters the screens show.
    voters = sorted((name, pk, status) for pk, name, kind, status, _, _ in present if rules.may_vote(question, kind))
    if not voters:
        raise ActionError(gettext_lazy("Nobody present may vote: take the roll call first."))
    electorate = [pk for _, pk, _ in voters]
    no_abstention = [
        pk
        for _, pk, status in voters
        if not rules.may_abstain(question, status == Attendance.Status.PRESENT_AND_VOTING)
    ]
    permanent = [pk for pk, *_, is_permanent, _ in present if council and is_permanent and pk in electorate]
    must_abstain = [
        pk
        for pk, *_, is_party in present
        if council and rules.parties_to_dispute_abstain and is_party and pk in electorate
    ]
    roll_order: list[int] = []
    if method == Vote.Method.ROLL_CALL:
        # In alphabetical order; where the profile says so, as at the UN, from a delegation drawn by lot.
        first = secrets.randbelow(len(electorate)) if rules.roll_call_by_lot else 0
        roll_order = electorate[first:] + electorate[:first]
    rule = rules.threshold(threshold)
    titles = {}
    for code in languages.codes():
        with translation.override(code):
            titles[code] = str(title() if callable(title) else title)[:300]
    return Vote.objects.create(
        committee=committee,
        sitting=sitting,
        subject=subject,
        subject_id=subject_id,
        title=titles[settings.LANGUAGE_CODE],
        titles=titles,
        question=question,
        method=method,
        threshold=rule.to_text(),
        threshold_name=threshold,
        electorate=electorate,
        no_abstention=no_abstention,
        council=council,
        permanent=permanent,
        must_abstain=must_abstain,
        roll_order=roll_order,
        base=len(electorate),
        needed=rule.needed(len(electorate)) if question == PROCEDURAL else None,
    )


def vote_facts(vote: Vote) -> dict[str, Any]:
    """What the journal keeps of a vote: what it was on, how it was taken, and what it needed."""
    return {
        "vote": vote.pk,
        "subject": vote.subject,
        "subject_id": vote.subject_id,
        "title": vote.title,
        "titles": vote.titles,
        "question": vote.question,
        "method": vote.method,
        "threshold": vote.threshold,
        "base": vote.base,
        "needed": vote.needed,
    }


def vote_opened_data(vote: Vote, **extra: Any) -> dict[str, Any]:
    """The journal's facts of a vote that opened (the subject's owner adds its own)."""
    return {**vote_facts(vote), **({"about": extra} if extra else {})}


class NoVoteOpen(ActionError):
    pass


# Said on the phone that pressed, in its language (evaluated when the refusal is shown).
CLOSED_BEFORE = gettext_lazy("That vote closed before your ballot arrived: it was not counted.")
NONE_OPEN = gettext_lazy("No vote is open.")


def open_vote_in(step: Step) -> Vote:
    vote = step.committee.votes.filter(closed_at__isnull=True).first()
    if vote is None:
        raise NoVoteOpen(NONE_OPEN)
    return vote


def check_pressed_for(vote: Vote, vote_id: int | None) -> None:
    """A ballot pressed for another vote than the open one (kept on a phone while its vote closed)."""
    if vote_id is not None and vote_id != vote.pk:
        raise ActionError(CLOSED_BEFORE)


def _refusal(vote: Vote, delegation: Delegation, answer: str, ballots: dict[int, Ballot]) -> str:
    """Why this answer is not taken now, in words for the delegate or the chair."""
    name = delegation.name
    if delegation.pk in vote.must_abstain and answer != Ballot.Choice.ABSTAIN:
        return LazyMessage(
            gettext_noop("%(name)s is a party to the dispute: it abstains (Charter, Article 27(3))."), {"name": name}
        )
    if vote.method == Vote.Method.ROLL_CALL:
        turn = vote.turn(ballots)
        if turn is None:
            return "Every delegation has answered the roll call: the chair closes the vote."
        if turn != delegation.pk:
            called = Delegation.objects.filter(pk=turn).values_list("name", flat=True).first()
            return LazyMessage(
                gettext_noop("It is not %(name)s's turn: the roll call is at %(called)s."),
                {"name": name, "called": called},
            )
        if delegation.pk in ballots and answer not in (Ballot.Choice.YES, Ballot.Choice.NO):
            return LazyMessage(gettext_noop("%(name)s passed once: now it answers yes or no."), {"name": name})
    elif delegation.pk in ballots:
        return LazyMessage(gettext_noop("%(name)s has already voted."), {"name": name})
    if answer == Ballot.Choice.ABSTAIN:
        if vote.procedural:
            return "Vote yes or no: procedural votes take no abstentions."
        return LazyMessage(
            gettext_noop("%(name)s answered the roll call present and voting: it may not abstain."), {"name": name}
        )
    if answer in (Ballot.Choice.PASS, YES_WITH_RIGHTS, NO_WITH_RIGHTS):
        return "Passing and voting with rights are for roll-call votes on substance."
    return LazyMessage(gettext_noop("%(name)s may not answer that now."), {"name": name})


def cast_ballot(
    committee: Committee, actor: Actor, answer: str, *, delegation_id: int | None = None, vote_id: int | None = None
) -> Ballot:
    """One ballot per delegation: from its phone, or entered by the chair for it. In a roll call, only
    the delegation called may answer; one that passed answers again, yes or no, at the end. A ballot
    pressed for a vote that has closed (`vote_id`) is refused, whatever vote is open now."""
    if answer not in ANSWER_LABELS:
        raise ActionError(gettext_lazy("Vote yes or no (or abstain, where you may)."))
    with floor_step(committee, actor) as step:
        try:
            vote = open_vote_in(step)
        except NoVoteOpen:
            raise ActionError(CLOSED_BEFORE if vote_id is not None else NONE_OPEN) from None
        check_pressed_for(vote, vote_id)
        ballots = {b.delegation_id: b for b in vote.ballots.all()}
        return take_ballot(step, vote, ballots, step.acting_for(delegation_id), answer)


def take_ballot(step: Step, vote: Vote, ballots: dict[int, Ballot], delegation: Delegation, answer: str) -> Ballot:
    """Check one ballot against the open vote and the ballots cast so far, write it and journal it
    (`ballots` then holds it too). A step that gathers its journal entries (`Step.journal`, the ballot
    box's) leaves the ballot to its caller too, which writes a burst's ballots together."""
    if vote.method == Vote.Method.PLACARD:
        raise ActionError(gettext_lazy("This vote is by placards: raise yours; the chair counts."))
    if delegation.pk not in vote.electorate:
        raise ActionError(
            LazyMessage(
                gettext_noop(
                    "%(name)s may not vote on this (not present when the vote opened, or not a voting delegation)."
                ),
                {"name": CountryName(delegation.name)},
            )
        )
    if answer not in vote.choices_for(delegation.pk, ballots):
        raise ActionError(_refusal(vote, delegation, answer, ballots))
    choice = {YES_WITH_RIGHTS: Ballot.Choice.YES, NO_WITH_RIGHTS: Ballot.Choice.NO}.get(answer, answer)
    with_rights = answer in (YES_WITH_RIGHTS, NO_WITH_RIGHTS)
    ballot = ballots.get(delegation.pk) or Ballot(vote=vote, delegation=delegation)
    ballot.choice, ballot.with_rights = choice, with_rights
    ballot.by_chair = step.actor.delegation is None
    ballot.cast_at = timezone.now()
    if step.journal is None:
        ballot.save()
    # In a roll call, the phone of the delegation called next is told it is its turn.
    called = vote.turn({**ballots, delegation.pk: ballot}) if vote.method == Vote.Method.ROLL_CALL else None
    step.record(
        "vote.ballot",
        changes={"committee.ballot"},
        subject=delegation,
        delegations=[called] if called else [],
        data={"vote": vote.pk, "choice": choice, "with_rights": with_rights},
    )
    ballots[delegation.pk] = ballot
    return ballot


def close_vote(
    committee: Committee, actor: Actor, yes: int | None = None, no: int | None = None, abstain: int | None = None
) -> Vote:
    """Count the vote (the ballots; or the placards the chair counted) and decide it. The subject's
    owner carries the result out (a passed motion takes effect, a draft is adopted) in the same step."""
    with floor_step(committee, actor, board=True) as step:
        vote = open_vote_in(step)
        ballots: list[Ballot] = []
        if vote.method == Vote.Method.PLACARD:
            vote.yes, vote.no, vote.abstain = _placards(vote, yes, no, abstain)
        else:
            ballots = list(vote.ballots.all())
            if vote.method == Vote.Method.ROLL_CALL and vote.turn({b.delegation_id: b for b in ballots}) is not None:
                raise ActionError(gettext_lazy("The roll call is not finished: every delegation called answers first."))
            vote.yes, vote.no, vote.abstain = Vote.tally(ballots)
        vote.passed = passes(vote.question, vote.rule, vote.yes, vote.no, vote.base)
        vote.needed = vote.rule.needed(vote.majority_base)
        if vote.council:
            _name_the_council_votes(vote, ballots)
        vote.closed_at = timezone.now()
        vote.save()
        decision: Decision = PARTS.vote_subject(vote.subject)(step, vote)
        records = {}  # the result as the UN records it, in each language (the minutes take theirs)
        for code in languages.codes():
            with translation.override(code):
                records[code] = vote.record_text()
        step.record(
            "vote.closed",
            changes={"committee.vote", *decision.changes},
            data={
                **vote_facts(vote),
                "yes": vote.yes,
                "no": vote.no,
                "abstain": vote.abstain,
                "passed": vote.passed,
                "record": records[settings.LANGUAGE_CODE],
                "records": records,
                **({"vetoed_by": vote.vetoed_by} if vote.vetoed_by else {}),
                # A recorded vote keeps the names under each answer (the minutes print them).
                **{
                    {"In favour": "in_favour", "Against": "against", "Abstaining": "abstaining"}[head]: names
                    for head, names in vote.recorded_names()
                },
                **({"decision": dict(decision.data)} if decision.data else {}),
            },
        )
        return vote


def _name_the_council_votes(vote: Vote, ballots: list[Ballot]) -> None:
    """The Security Council's record names who abstained; a permanent member's "no" defeats a question
    that had its nine votes (the veto: Charter, Article 27(3)), and is named as such."""
    names = dict(Delegation.objects.filter(pk__in=[b.delegation_id for b in ballots]).values_list("pk", "name"))
    vote.abstaining_names = sorted(names[b.delegation_id] for b in ballots if b.choice == Ballot.Choice.ABSTAIN)
    against = sorted(
        names[b.delegation_id] for b in ballots if b.choice == Ballot.Choice.NO and b.delegation_id in vote.permanent
    )
    if vote.passed and against:
        vote.passed, vote.vetoed_by = False, against


def _placards(vote: Vote, yes: int | None, no: int | None, abstain: int | None) -> tuple[int, int, int]:
    if yes is None or no is None:
        raise ActionError(gettext_lazy("Type the number of placards for and against."))
    abstain = abstain or 0
    if min(yes, no, abstain) < 0:
        raise ActionError(gettext_lazy("Counts cannot be negative."))
    if abstain and vote.procedural:
        raise ActionError(gettext_lazy("Procedural votes take no abstentions: count for and against only."))
    if yes + no + abstain > vote.base:
        raise ActionError(
            LazyMessage(
                gettext_noop("%(abstain)s votes, but only %(base)s delegations may vote."),
                {"abstain": yes + no + abstain, "base": vote.base},
            )
        )
    # Those present and voting may not abstain: only the others' placards can be abstentions.
    may_abstain = vote.base - len(vote.no_abstention)
    if abstain > may_abstain:
        raise ActionError(
            LazyMessage(
                gettext_noop(
                    "%(abstain)s abstentions, but only %(may_abstain)s of the %(base)s may abstain: "
                    "%(no_abstention)s answered the roll call present and voting."
                ),
                {
                    "abstain": abstain,
                    "may_abstain": may_abstain,
                    "base": vote.base,
                    "no_abstention": len(vote.no_abstention),
                },
            )
        )
    return yes, no, abstain
