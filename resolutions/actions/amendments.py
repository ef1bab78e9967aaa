"""Amendments: any delegation proposes to add, strike or change an operative clause of a draft.
Friendly when every sponsor consents (on their phones): incorporated at once, without a vote.
Otherwise unfriendly: with the signatories the profile asks for, it is introduced, debated, and voted
before its draft. A second-degree amendment (where the profile allows) changes a first-degree one."""

from __future__ import annotations

from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from committee.access import Actor
from committee.errors import ActionError, LazyMessage
from committee.models import Committee, Delegation
from debate.models import Floor
from resolutions.actions.base import PaperStep, paper_step
from resolutions.models import Amendment, Backing, Clause, Paper
from resolutions.text import clean, flatten, label_of, lay_out, plain, words_of

CHANGES = {"resolutions.amendments", "resolutions.papers"}
OPEN = (Amendment.Status.PROPOSED, Amendment.Status.INTRODUCED)


def _words(clause: Clause) -> str:
    """The clause as it reads now, for the amendment's before/after."""
    preamble, operative = lay_out(clause.paper.clauses.all())
    line = next((line for line in flatten(preamble + operative) if line.clause_id == clause.id), None)
    return line.words if line else ""


def propose_amendment(
    committee: Committee,
    actor: Actor,
    paper_id: int,
    action: str,
    target_id: int | None = None,
    phrase: str = "",
    text: str = "",
    as_sub_clause: bool = False,
    amends_id: int | None = None,
    delegation_id: int | None = None,
) -> Amendment:
    if action not in Amendment.Action.values:
        raise ActionError(gettext_lazy("An amendment adds, strikes or changes an operative clause."))
    phrase, body = plain(phrase), clean(text)
    with paper_step(committee, actor, sitting=True) as step:
        mover = step.acting_for(delegation_id)
        step.require_present(mover)
        paper = step.paper(paper_id, Paper.Status.INTRODUCED)
        if Floor.objects.filter(committee=step.committee, phase="voting").exists():
            raise ActionError(gettext_lazy("Debate is closed: amendments are proposed before voting procedure."))
        debate = step.draft_debate()
        if step.rules.thimun_debate and debate.side != "open":
            raise ActionError(gettext_lazy("Amendments are taken in open debate: the chair opens it first."))
        amends = None
        if amends_id:
            if step.rules.amendment_degrees < 2:
                raise ActionError(
                    LazyMessage(
                        gettext_noop("These rules (%(rules)s) take amendments of the first degree only."),
                        {"rules": step.committee.rules.name},
                    )
                )
            amends = step.amendment(amends_id)
            if amends.paper_id != paper.pk or amends.status != Amendment.Status.INTRODUCED or amends.amends_id:
                raise ActionError(gettext_lazy("A second-degree amendment amends a first-degree one on the floor."))
            action = Amendment.Action.CHANGE  # it changes the words the first-degree amendment proposes
        target = step.clause(target_id, paper) if target_id else None
        if amends is None:
            if action in (Amendment.Action.STRIKE, Amendment.Action.CHANGE) and target is None:
                raise ActionError(gettext_lazy("Say which clause the amendment strikes or changes."))
            if target is not None and target.kind != Clause.Kind.OPERATIVE:
                raise ActionError(gettext_lazy("Amendments add, strike or change operative clauses only."))
            if target is not None and target.struck:
                raise ActionError(gettext_lazy("That clause is no longer in the text."))
        if action != Amendment.Action.STRIKE and not (phrase and body):
            raise ActionError(gettext_lazy("Give the clause's opening phrase and its text."))
        amendment = Amendment.objects.create(
            paper=paper,
            amends=amends,
            mover=mover,
            action=action,
            target=target,
            as_sub_clause=bool(as_sub_clause and target is not None and action == Amendment.Action.ADD),
            phrase=phrase[:80],
            text=body,
            before=(f"{amends.phrase} {words_of(amends.text)}" if amends else _words(target) if target else ""),
        )
        sponsors = step.sponsors(paper)
        if mover.pk in sponsors:
            Backing.objects.create(amendment=amendment, delegation=mover, kind=Backing.Kind.CONSENT)
        clause = _clause_label(amendment)  # named before a friendly one changes the numbering
        incorporated = _incorporate_if_friendly(step, amendment, sponsors)
        step.record(
            "amendment.proposed",
            changes=CHANGES | ({"resolutions.text"} if incorporated else set()),
            subject=mover,
            delegations=sponsors,  # their phones ask for their consent
            data={
                "paper": paper.pk,
                "symbol": paper.symbol,
                "amendment": amendment.pk,
                "action": amendment.get_action_display().lower(),
                "clause": clause,
                "friendly": incorporated,
            },
        )
        return amendment


def _clause_label(amendment: Amendment) -> str:
    """The clause an amendment concerns, as the minutes name it ("operative clause 2")."""
    if amendment.amends_id:
        return "an amendment on the floor"
    if amendment.target is None:
        return "at the end of the operative part"
    preamble, operative = lay_out(amendment.paper.clauses.all())
    return label_of(amendment.target, preamble, operative)


def _incorporate_if_friendly(step: PaperStep, amendment: Amendment, sponsors: list[int]) -> bool:
    consents = set(amendment.backings.filter(kind=Backing.Kind.CONSENT).values_list("delegation_id", flat=True))
    if amendment.amends_id or not sponsors or not set(sponsors) <= consents:
        return False
    apply_amendment(amendment)
    amendment.status = Amendment.Status.INCORPORATED
    amendment.save(update_fields=["status"])
    return True


def apply_amendment(amendment: Amendment) -> list[int]:
    """Write an amendment into its draft (friendly, or adopted); a second-degree one into its amendment.
    Returns the amendments that fell without a vote (those to a clause it struck out)."""
    if amendment.amends_id:
        parent = amendment.amends
        parent.phrase, parent.text = amendment.phrase, amendment.text
        parent.save(update_fields=["phrase", "text"])
        return []
    paper, target = amendment.paper, amendment.target
    fell: list[int] = []
    if amendment.action == Amendment.Action.STRIKE and target is not None:
        fell = _clause_struck(amendment, target)
        target.delete()
    elif amendment.action == Amendment.Action.CHANGE and target is not None:
        target.phrase, target.text = amendment.phrase, amendment.text
        target.save(update_fields=["phrase", "text"])
    elif amendment.action == Amendment.Action.ADD:
        parent = target if amendment.as_sub_clause else (target.parent if target else None)
        siblings = paper.clauses.filter(parent=parent, kind=Clause.Kind.OPERATIVE)
        if target is not None and not amendment.as_sub_clause:
            after = target.position
            siblings.filter(position__gt=after).update(position=F("position") + 1)
            position = after + 1
        else:
            position = (siblings.aggregate(m=Max("position"))["m"] or 0) + 1
        Clause.objects.create(
            paper=paper,
            kind=Clause.Kind.OPERATIVE,
            parent=parent,
            position=position,
            phrase=amendment.phrase,
            text=amendment.text,
        )
    paper.revision += 1
    paper.save(update_fields=["revision"])
    return fell


def _clause_struck(amendment: Amendment, struck: Clause) -> list[int]:
    """An amendment to a clause struck out (or to one of its sub-clauses) falls without a vote
    (procedure.md), and so does one that amends it; a clause to be added after it is added where it
    stood, after the clause before it (with no clause before it, it falls too)."""
    gone, level = [struck.pk], [struck.pk]
    while level:
        level = list(Clause.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        gone += level
    waiting = amendment.paper.amendments.filter(status__in=["proposed", "introduced"]).exclude(pk=amendment.pk)
    before = (
        Clause.objects.filter(paper=struck.paper, parent=struck.parent, kind=struck.kind, position__lt=struck.position)
        .order_by("-position")
        .first()
    )
    if before is not None:
        waiting.filter(action=Amendment.Action.ADD, as_sub_clause=False, target=struck).update(target=before)
    fell = list(waiting.filter(target_id__in=gone).values_list("pk", flat=True))
    fell += list(waiting.filter(amends_id__in=fell).values_list("pk", flat=True))
    Amendment.objects.filter(pk__in=fell).update(status=Amendment.Status.FELL)
    return fell


def _sponsor_answering(
    step: PaperStep, amendment_id: int, delegation_id: int | None, waiting_for: str
) -> tuple[Delegation, Amendment]:
    """The sponsor answering a first-degree amendment still waiting for its sponsors' `waiting_for`."""
    sponsor = step.acting_for(delegation_id)
    amendment = step.amendment(amendment_id)
    if amendment.status != Amendment.Status.PROPOSED or amendment.amends_id:
        raise ActionError(
            LazyMessage(
                gettext_noop("That amendment is no longer waiting for the sponsors' %(waiting_for)s."),
                {"waiting_for": waiting_for},
            )
        )
    step.require_sponsor(amendment.paper, sponsor)
    return sponsor, amendment


def consent(committee: Committee, actor: Actor, amendment_id: int, delegation_id: int | None = None) -> Amendment:
    """A sponsor consents to an amendment; with every sponsor's consent it is friendly and incorporated."""
    with paper_step(committee, actor, sitting=True) as step:
        sponsor, amendment = _sponsor_answering(step, amendment_id, delegation_id, "consent")
        # A sponsor that found it not friendly may change its mind.
        Backing.objects.filter(amendment=amendment, delegation=sponsor, kind=Backing.Kind.DECLINED).delete()
        Backing.objects.get_or_create(amendment=amendment, delegation=sponsor, kind=Backing.Kind.CONSENT)
        incorporated = _incorporate_if_friendly(step, amendment, step.sponsors(amendment.paper))
        step.record(
            "amendment.consented",
            changes=CHANGES | ({"resolutions.text"} if incorporated else set()),
            subject=sponsor,
            delegations=[amendment.mover_id],
            data={
                "amendment": amendment.pk,
                "paper": amendment.paper_id,
                "symbol": amendment.paper.symbol,
                "incorporated": incorporated,
            },
        )
        return amendment


def decline(committee: Committee, actor: Actor, amendment_id: int, delegation_id: int | None = None) -> Amendment:
    """A sponsor answers that an amendment is not friendly: it is not incorporated; with its signatories
    it may be introduced and voted."""
    with paper_step(committee, actor, sitting=True) as step:
        sponsor, amendment = _sponsor_answering(step, amendment_id, delegation_id, "answer")
        if sponsor.pk == amendment.mover_id:
            raise ActionError(gettext_lazy("A sponsor's own amendment is friendly to it: withdraw it instead."))
        answers = Backing.objects.filter(amendment=amendment, delegation=sponsor)
        if answers.filter(kind=Backing.Kind.DECLINED).exists():
            return amendment  # answered twice: nothing changes
        answers.filter(kind=Backing.Kind.CONSENT).delete()
        Backing.objects.create(amendment=amendment, delegation=sponsor, kind=Backing.Kind.DECLINED)
        step.record(
            "amendment.declined",
            changes=CHANGES,
            subject=sponsor,
            delegations=[amendment.mover_id],
            data={"amendment": amendment.pk, "paper": amendment.paper_id, "symbol": amendment.paper.symbol},
        )
        return amendment


def sign_amendment(committee: Committee, actor: Actor, amendment_id: int, delegation_id: int | None = None) -> None:
    """A delegation signs an unfriendly amendment, so that it may be introduced."""
    with paper_step(committee, actor, sitting=True) as step:
        delegation = step.acting_for(delegation_id)
        step.require_present(delegation)
        amendment = step.amendment(amendment_id)
        if amendment.status != Amendment.Status.PROPOSED:
            raise ActionError(gettext_lazy("That amendment is no longer gathering signatures."))
        if delegation.pk == amendment.mover_id:
            raise ActionError(gettext_lazy("The mover's own signature counts already."))
        _backing, created = Backing.objects.get_or_create(
            amendment=amendment, delegation=delegation, kind=Backing.Kind.SIGNATURE
        )
        if not created:
            return  # signed twice: one signature
        step.record(
            "amendment.signed",
            changes={"resolutions.amendments"},
            subject=delegation,
            data={"amendment": amendment.pk, "paper": amendment.paper_id, "symbol": amendment.paper.symbol},
        )


def require_amendment_support(step: PaperStep, amendment: Amendment) -> None:
    signatures = amendment.backings.filter(kind=Backing.Kind.SIGNATURE).count() + 1  # and its mover
    needed = step.rules.amendment_support.needed(step.present())
    if signatures < needed:
        raise ActionError(
            LazyMessage(
                gettext_noop(
                    "The amendment has %(signatures)s %(signatories)s with its mover; it needs %(needed)s (%(label)s)."
                ),
                {
                    "signatures": signatures,
                    "signatories": "signatory" if signatures == 1 else "signatories",
                    "needed": needed,
                    "label": step.rules.amendment_support.label(),
                },
            )
        )


def introduce_amendment(step: PaperStep, amendment: Amendment) -> Amendment:
    """An unfriendly amendment with its signatories goes on the floor, to be voted before its draft."""
    if amendment.status != Amendment.Status.PROPOSED:
        raise ActionError(gettext_lazy("That amendment is not waiting to be introduced."))
    if amendment.amends_id is None:
        require_amendment_support(step, amendment)
    amendment.status = Amendment.Status.INTRODUCED
    amendment.introduced_at = timezone.now()
    amendment.save(update_fields=["status", "introduced_at"])
    return amendment


def withdraw_amendment(
    committee: Committee, actor: Actor, amendment_id: int, delegation_id: int | None = None
) -> Amendment:
    with paper_step(committee, actor) as step:
        mover: Delegation = step.acting_for(delegation_id)
        amendment = step.amendment(amendment_id)
        if amendment.mover_id != mover.pk:
            raise ActionError(gettext_lazy("Only its mover withdraws an amendment."))
        if amendment.status not in OPEN:
            raise ActionError(gettext_lazy("That amendment is no longer on the floor."))
        amendment.status = Amendment.Status.WITHDRAWN
        amendment.save(update_fields=["status"])
        step.record(
            "amendment.withdrawn",
            changes={"resolutions.amendments"},
            subject=mover,
            data={"amendment": amendment.pk, "paper": amendment.paper_id, "symbol": amendment.paper.symbol},
        )
        return amendment
