"""The awards the Boards confirmed, across the conference: each committee's list for the closing
ceremony, and the Best Delegation among the teams from their delegations' award points (added up, or
divided by the team's delegations, as the conference says)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.db.models import Count, Q

from committee.models import Committee, Conference
from record.models import Award


@dataclass
class TeamStanding:
    name: str
    delegations: int  # the team's delegations in all the conference's committees
    points: int = 0
    awards: list[str] = field(default_factory=list)  # "Best Delegate, UNODC (Canada)"
    score: float = 0.0
    rank: int = 0


def committee_awards(committee: Committee) -> list[Award]:
    return list(committee.awards.select_related("kind", "delegation__team").order_by("kind__position", "id"))


def best_delegation(conference: Conference) -> list[TeamStanding]:
    """The teams with award points, best first (equal scores share a rank)."""
    sized = conference.teams.annotate(
        size=Count("delegations", filter=Q(delegations__committee__conference=conference))
    )
    teams = {team.pk: TeamStanding(team.name, team.size) for team in sized}
    awards = Award.objects.filter(committee__conference=conference, delegation__team__isnull=False).select_related(
        "kind", "committee", "delegation"
    )
    for award in awards:
        standing = teams.get(award.delegation.team_id)
        if standing is None:
            continue
        standing.points += award.kind.points
        standing.awards.append(f"{award.kind.name}, {award.committee.abbreviation} ({award.delegation.name})")
    per_delegate = conference.best_delegation == Conference.BestDelegation.PER_DELEGATE
    for standing in teams.values():
        standing.score = (
            standing.points / standing.delegations if per_delegate and standing.delegations else standing.points
        )
    ranked = sorted((t for t in teams.values() if t.points), key=lambda t: (-t.score, t.name))
    for place, standing in enumerate(ranked, start=1):
        same = place > 1 and round(ranked[place - 2].score, 3) == round(standing.score, 3)
        standing.rank = ranked[place - 2].rank if same else place
    return ranked


AWARD_COLUMNS = ["committee", "award", "delegation", "team", "confirmed by", "confirmed at"]


def awards_csv(committees: list[Committee]) -> str:
    """Every confirmed award of these committees, highest first in each, for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(AWARD_COLUMNS)
    for committee in committees:
        for award in committee_awards(committee):
            at = award.confirmed_at.astimezone(committee.zone)
            by = award.confirmed_by.get_full_name() or award.confirmed_by.get_username()
            team = award.delegation.team.name if award.delegation.team_id else ""
            writer.writerow(
                [committee.abbreviation, award.kind.name, award.delegation.name, team, by, f"{at:%Y-%m-%d %H:%M}"]
            )
    return out.getvalue()
