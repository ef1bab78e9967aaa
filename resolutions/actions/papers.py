"""Working papers: sponsors write them (from a laptop or a phone, or the chair for a delegation without
one), other delegations sign them, until a paper has the support to be introduced."""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext_lazy, gettext_noop

from committee.access import Actor
from committee.countries import CountryName
from committee.errors import ActionError, LazyMessage
from committee.models import Committee
from resolutions.actions.base import PaperStep, paper_step
from resolutions.models import Clause, Paper, Sponsorship
from resolutions.paste import read_draft
from resolutions.rules import phrase_warning
from resolutions.text import clean, plain, words_of

TEXT_CHANGES = {"resolutions.text", "resolutions.papers"}


def _edited(step: PaperStep, paper: Paper, what: str, delegation) -> None:
    """Every change of a working paper's text: a new revision, journalled in words."""
    paper.revision += 1
    paper.save(update_fields=["revision"])
    step.record(
        "paper.edited",
        changes=TEXT_CHANGES,
        subject=delegation,
        data={"paper": paper.pk, "title": paper.title, "what": what, "revision": paper.revision},
    )


def _depth(clause: Clause) -> int:
    """0 for a clause, 1 for a sub-clause, 2 for a sub-sub-clause."""
    depth = 0
    while clause.parent_id is not None:
        clause, depth = clause.parent, depth + 1
    return depth


def create_paper(committee: Committee, actor: Actor, title: str, delegation_id: int | None = None) -> Paper:
    """A delegation starts a working paper; it is its first sponsor (the main submitter)."""
    title = plain(title)
    if not title:
        raise ActionError(gettext_lazy("Give the working paper a title."))
    with paper_step(committee, actor) as step:
        delegation = step.acting_for(delegation_id)
        paper = Paper.objects.create(committee=step.committee, title=title[:200])
        Sponsorship.objects.create(paper=paper, delegation=delegation, role=Sponsorship.Role.SPONSOR)
        step.record(
            "paper.created",
            changes={"resolutions.papers"},
            subject=delegation,
            data={"paper": paper.pk, "title": paper.title},
        )
        return paper


def rename_paper(committee: Committee, actor: Actor, paper_id: int, title: str, delegation_id: int | None = None):
    title = plain(title)
    if not title:
        raise ActionError(gettext_lazy("Give the working paper a title."))
    with paper_step(committee, actor) as step:
        delegation = step.acting_for(delegation_id)
        paper = step.working_paper(paper_id)
        step.require_sponsor(paper, delegation)
        paper.title = title[:200]
        paper.save(update_fields=["title"])
        _edited(step, paper, "renamed it", delegation)
        return paper


def add_clause(
    committee: Committee,
    actor: Actor,
    paper_id: int,
    kind: str,
    phrase: str,
    text: str,
    parent_id: int | None = None,
    delegation_id: int | None = None,
) -> tuple[Clause, str]:
    """A clause at the end of its part (or a sub-clause of `parent_id`); returns it and a warning when
    its opening phrase is not a usual one (a warning, never a refusal). A sub-clause continues its
    clause's sentence: its opening phrase is optional, and never warned about."""
    if kind not in Clause.Kind.values:
        raise ActionError(gettext_lazy("A clause is preambulatory or operative."))
    phrase, body = plain(phrase), clean(text)
    _require_words(phrase, body, sub_clause=bool(parent_id))
    with paper_step(committee, actor) as step:
        delegation = step.acting_for(delegation_id)
        paper = step.working_paper(paper_id)
        step.require_sponsor(paper, delegation)
        parent = step.clause(parent_id, paper) if parent_id else None
        if parent is not None:
            if parent.kind != Clause.Kind.OPERATIVE:
                raise ActionError(gettext_lazy("Only operative clauses have sub-clauses."))
            if _depth(parent) + 1 >= step.rules.max_depth:
                raise ActionError(
                    LazyMessage(
                        gettext_noop("Sub-clauses go %(max_depth)s levels deep at most."),
                        {"max_depth": step.rules.max_depth},
                    )
                )
            kind = Clause.Kind.OPERATIVE
        last = paper.clauses.filter(parent=parent, kind=kind).aggregate(m=Max("position"))["m"]
        clause = Clause.objects.create(
            paper=paper, kind=kind, parent=parent, position=(last or 0) + 1, phrase=phrase[:80], text=body
        )
        label = Clause.Kind(kind).label.lower()
        what = "a sub-clause" if parent is not None else f"{'an' if kind == 'operative' else 'a'} {label} clause"
        _edited(step, paper, f"added {what}: {clause.phrase or words_of(clause.text)[:40]}", delegation)
        return clause, phrase_warning(kind, phrase) if parent is None else ""


def paste_clauses(
    committee: Committee, actor: Actor, paper_id: int, text: str, delegation_id: int | None = None
) -> int:
    """A draft written elsewhere, pasted whole (resolutions/paste.py reads it): its clauses are added
    after those the paper has, each in its part, in one revision. Returns how many were added."""
    reading = read_draft(text)
    if not reading.count:
        raise ActionError(gettext_lazy("No clause was found in that text: number the operative clauses (1., 2., …)."))
    with paper_step(committee, actor) as step:
        delegation = step.acting_for(delegation_id)
        paper = step.working_paper(paper_id)
        step.require_sponsor(paper, delegation)

        def add(clauses, kind: str, parent: Clause | None) -> None:
            last = paper.clauses.filter(parent=parent, kind=kind).aggregate(m=Max("position"))["m"] or 0
            for position, pasted in enumerate(clauses, start=last + 1):
                clause = Clause.objects.create(
                    paper=paper, kind=kind, parent=parent, position=position, phrase=pasted.phrase, text=pasted.text
                )
                add(pasted.children, kind, clause)

        add(reading.preamble, Clause.Kind.PREAMBULATORY, None)
        add(reading.operative, Clause.Kind.OPERATIVE, None)
        _edited(step, paper, f"pasted {reading.count} clauses", delegation)
        return reading.count


def _require_words(phrase: str, body: str, sub_clause: bool) -> None:
    if not body or not (phrase or sub_clause):
        raise ActionError(
            "A clause needs its opening phrase and its text." if not sub_clause else "A sub-clause needs its text."
        )


def edit_clause(
    committee: Committee, actor: Actor, clause_id: int, phrase: str, text: str, delegation_id: int | None = None
) -> tuple[Clause, str]:
    phrase, body = plain(phrase), clean(text)
    with paper_step(committee, actor) as step:
        delegation = step.acting_for(delegation_id)
        clause = step.clause(clause_id)
        _require_words(phrase, body, sub_clause=clause.parent_id is not None)
        paper = step.working_paper(clause.paper_id)
        step.require_sponsor(paper, delegation)
        clause.phrase, clause.text = phrase[:80], body
        clause.save(update_fields=["phrase", "text"])
        _edited(step, paper, f"changed the clause {clause.phrase or words_of(clause.text)[:40]}", delegation)
        return clause, phrase_warning(clause.kind, phrase) if clause.parent_id is None else ""


def remove_clause(committee: Committee, actor: Actor, clause_id: int, delegation_id: int | None = None) -> None:
    with paper_step(committee, actor) as step:
        delegation = step.acting_for(delegation_id)
        clause = step.clause(clause_id)
        paper = step.working_paper(clause.paper_id)
        step.require_sponsor(paper, delegation)
        phrase = clause.phrase
        clause.delete()
        _edited(step, paper, f"removed the clause {phrase}", delegation)


def move_clause(
    committee: Committee, actor: Actor, clause_id: int, direction: str, delegation_id: int | None = None
) -> None:
    if direction not in ("up", "down"):
        raise ActionError(gettext_lazy("Move a clause up or down."))
    with paper_step(committee, actor) as step:
        delegation = step.acting_for(delegation_id)
        clause = step.clause(clause_id)
        paper = step.working_paper(clause.paper_id)
        step.require_sponsor(paper, delegation)
        siblings = list(paper.clauses.filter(parent=clause.parent_id, kind=clause.kind))
        index = next(i for i, c in enumerate(siblings) if c.pk == clause.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(siblings):
            return
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings, start=1):
            if sibling.position != position:
                sibling.position = position
                sibling.save(update_fields=["position"])
        _edited(step, paper, f"moved the clause {clause.phrase} {direction}", delegation)


def add_sponsor(
    committee: Committee, actor: Actor, paper_id: int, sponsor_id: int, delegation_id: int | None = None
) -> Sponsorship:
    """A sponsor adds a co-sponsor (who may then edit too)."""
    with paper_step(committee, actor) as step:
        delegation = step.acting_for(delegation_id)
        paper = step.working_paper(paper_id)
        step.require_sponsor(paper, delegation)
        sponsor = step.delegation(sponsor_id)
        if sponsor.kind != "member":
            raise ActionError(gettext_lazy("Only member states sponsor a draft resolution."))
        backing, _created = Sponsorship.objects.update_or_create(
            paper=paper, delegation=sponsor, defaults={"role": Sponsorship.Role.SPONSOR}
        )
        step.record(
            "paper.sponsor_added",
            changes={"resolutions.papers"},
            subject=sponsor,
            delegations=[delegation.pk],
            data={"paper": paper.pk, "title": paper.title, "by": delegation.name},
        )
        return backing


def sign_paper(committee: Committee, actor: Actor, paper_id: int, delegation_id: int | None = None) -> Sponsorship:
    """A delegation signs a working paper: it wants it debated (without endorsing it)."""
    with paper_step(committee, actor, sitting=True) as step:
        delegation = step.acting_for(delegation_id)
        step.require_present(
            delegation,
            LazyMessage(
                gettext_noop("%(name)s is not marked present: it cannot sign now."),
                {"name": CountryName(delegation.name)},
            ),
        )
        paper = step.paper(paper_id)
        if paper.status != Paper.Status.WORKING:
            raise ActionError(
                LazyMessage(
                    gettext_noop("%(symbol)s has been introduced: signatures are closed."), {"symbol": paper.symbol}
                )
            )
        role = step.role(paper, delegation)
        if role == Sponsorship.Role.SPONSOR:
            raise ActionError(
                LazyMessage(
                    gettext_noop("%(name)s sponsors this paper already."), {"name": CountryName(delegation.name)}
                )
            )
        if role == Sponsorship.Role.SIGNATORY:
            return Sponsorship.objects.get(paper=paper, delegation=delegation)  # signed twice: one signature
        signature = Sponsorship.objects.create(paper=paper, delegation=delegation, role=Sponsorship.Role.SIGNATORY)
        step.record(
            "paper.signed",
            changes={"resolutions.papers"},
            subject=delegation,
            data={"paper": paper.pk, "title": paper.title},
        )
        return signature


def unsign_paper(committee: Committee, actor: Actor, paper_id: int, delegation_id: int | None = None) -> None:
    """A signatory withdraws its signature, until the paper is introduced."""
    with paper_step(committee, actor) as step:
        delegation = step.acting_for(delegation_id)
        paper = step.paper(paper_id)
        if paper.status != Paper.Status.WORKING:
            raise ActionError(
                LazyMessage(
                    gettext_noop("%(symbol)s has been introduced: a signature can no longer be withdrawn."),
                    {"symbol": paper.symbol},
                )
            )
        signature = Sponsorship.objects.filter(
            paper=paper, delegation=delegation, role=Sponsorship.Role.SIGNATORY
        ).first()
        if signature is None:
            raise ActionError(
                LazyMessage(gettext_noop("%(name)s has not signed this paper."), {"name": CountryName(delegation.name)})
            )
        signature.delete()
        step.record(
            "paper.unsigned",
            changes={"resolutions.papers"},
            subject=delegation,
            data={"paper": paper.pk, "title": paper.title},
        )


def withdraw_paper(committee: Committee, actor: Actor, paper_id: int, delegation_id: int | None = None) -> Paper:
    with paper_step(committee, actor) as step:
        delegation = step.acting_for(delegation_id)
        paper = step.paper(paper_id, Paper.Status.WORKING)
        step.require_sponsor(paper, delegation)
        paper.status = Paper.Status.WITHDRAWN
        paper.save(update_fields=["status"])
        step.record(
            "paper.withdrawn",
            changes={"resolutions.papers"},
            subject=delegation,
            data={"paper": paper.pk, "title": paper.title},
        )
        return paper
