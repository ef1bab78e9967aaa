"""The resolutions' opening step: the committee's, with the rules for papers and a few lookups."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils.translation import gettext_lazy, gettext_noop

from committee.access import Actor
from committee.actions import Step, floor_step
from committee.countries import CountryName
from committee.errors import ActionError, LazyMessage
from committee.models import Attendance, Committee, Delegation
from resolutions.models import Amendment, Clause, DraftDebate, Paper, Sponsorship
from resolutions.rules import ResolutionRules, resolution_rules


@dataclass
class PaperStep(Step):
    rules: ResolutionRules | None = None

    def paper(self, paper_id: int | None, *statuses: str) -> Paper:
        paper = Paper.objects.filter(pk=paper_id, committee=self.committee).first() if paper_id else None
        if paper is None or paper.status == Paper.Status.WITHDRAWN:
            raise ActionError(gettext_lazy("There is no such paper."))
        if statuses and paper.status not in statuses:
            if paper.status == Paper.Status.WORKING:
                raise ActionError(
                    LazyMessage(
                        gettext_noop("“%(paper)s” is still a working paper: that waits until it is introduced."),
                        {"paper": paper.title},
                    )
                )
            raise ActionError(
                LazyMessage(
                    gettext_noop("%(symbol)s is %(standing)s: that is not possible now."),
                    {"symbol": paper.symbol, "standing": paper.standing},
                )
            )
        return paper

    def working_paper(self, paper_id: int | None) -> Paper:
        paper = self.paper(paper_id)
        if paper.status != Paper.Status.WORKING:
            raise ActionError(
                LazyMessage(
                    gettext_noop("%(symbol)s has been introduced: its text now changes only by amendment."),
                    {"symbol": paper.symbol},
                )
            )
        return paper

    def clause(self, clause_id: int | None, paper: Paper | None = None) -> Clause:
        clause = Clause.objects.select_related("paper").filter(pk=clause_id, paper__committee=self.committee).first()
        if clause is None or (paper is not None and clause.paper_id != paper.pk):
            raise ActionError(gettext_lazy("There is no such clause in this paper."))
        return clause

    def amendment(self, amendment_id: int | None) -> Amendment:
        amendment = (
            Amendment.objects.select_related("paper", "mover", "target")
            .filter(pk=amendment_id, paper__committee=self.committee)
            .first()
        )
        if amendment is None:
            raise ActionError(gettext_lazy("There is no such amendment."))
        return amendment

    def role(self, paper: Paper, delegation: Delegation) -> str | None:
        return Sponsorship.objects.filter(paper=paper, delegation=delegation).values_list("role", flat=True).first()

    def require_sponsor(self, paper: Paper, delegation: Delegation) -> None:
        if self.role(paper, delegation) != Sponsorship.Role.SPONSOR:
            raise ActionError(
                LazyMessage(
                    gettext_noop("Only the sponsors of %(paper)s can do that; %(name)s is not one."),
                    {"paper": paper.name, "name": CountryName(delegation.name)},
                )
            )

    def sponsors(self, paper: Paper) -> list[int]:
        return list(
            Sponsorship.objects.filter(paper=paper, role=Sponsorship.Role.SPONSOR).values_list(
                "delegation_id", flat=True
            )
        )

    def present(self) -> int:
        """Delegations present: the base of the support a paper or an amendment needs."""
        if self.sitting is None:
            return 0
        return Attendance.objects.present().filter(sitting=self.sitting).count()

    def draft_debate(self) -> DraftDebate:
        debate, _ = DraftDebate.objects.get_or_create(committee=self.committee)
        return debate


def paper_step_of(step: Step) -> PaperStep:
    return PaperStep(
        committee=step.committee,
        actor=step.actor,
        sitting=step.sitting,
        rules=resolution_rules(step.committee.rules),
    )


@contextmanager
def paper_step(
    committee: Committee, actor: Actor, *, board: bool = False, sitting: bool = False
) -> Iterator[PaperStep]:
    with floor_step(committee, actor, board=board, sitting=sitting) as step:
        yield paper_step_of(step)
