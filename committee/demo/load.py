"""The demo committees: UNODC, from the background guide of the seed conference, and a Security
Council on the same agenda (its fifteen members, five permanent).

Made once: `make run` calls it at every start, and a committee that exists is left exactly as the
secretariat made it (its agenda, documents, delegations and board edited in the admin, a delegation
deleted on purpose). To start again from the guide, delete the committee in the admin (possible only
before it has met) or use a fresh database.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from committee.models import Committee, Conference, Delegation, Document, ExecutiveRole, Team

GUIDE = Path(__file__).with_name("unodc-background-guide.txt")
SLUG = "unodc"
AGENDA = "Discussing cross-border crimes, with special emphasis on cooperation among member states' law enforcement"
SECTIONS = [
    "Letter from the Executive Board",
    "Introduction",
    "Success stories and Best Practices in Cross Border Crime Cooperation",
    "Technology and Innovation",
]

# A realistic matrix for a UNODC committee on cross-border crime: the guide's case studies (the United
# States, Canada, Finland, the Russian Federation, Estonia) and the states on the main trafficking
# routes, plus observers who take part without a substantive vote.
MEMBER_STATES = [
    "Afghanistan",
    "Argentina",
    "Australia",
    "Brazil",
    "Canada",
    "China",
    "Colombia",
    "Egypt",
    "Estonia",
    "Finland",
    "France",
    "Germany",
    "India",
    "Indonesia",
    "Islamic Republic of Iran",
    "Italy",
    "Japan",
    "Kenya",
    "Mexico",
    "Myanmar",
    "Netherlands",
    "Nigeria",
    "Norway",
    "Pakistan",
    "Philippines",
    "Poland",
    "Republic of Korea",
    "Russian Federation",
    "Saudi Arabia",
    "Singapore",
    "South Africa",
    "Spain",
    "Thailand",
    "Türkiye",
    "Ukraine",
    "United Arab Emirates",
    "United Kingdom",
    "United States of America",
]
OBSERVERS = ["Holy See", "State of Palestine", "INTERPOL", "European Union"]
NGOS = ["Global Initiative against Transnational Organized Crime"]
# username, full name, role, country or institution (the minutes' masthead names them so)
BOARD = [
    ("chair", "Lena Fischer", ExecutiveRole.Role.CHAIR, "University of Vienna"),
    ("vice-chair", "Rahul Mehta", ExecutiveRole.Role.VICE_CHAIR, "University of Delhi"),
]
SECRETARIAT = "secretariat"

# The seed's background guide was written for Epistemo MUN; the demo's times are the server's zone.
CONFERENCE = "Epistemo MUN"

SC_SLUG = "sc"
SC_AGENDA = (
    "Transnational organized crime and illicit trafficking across borders as threats to international peace "
    "and security"
)
# The Council's five permanent members (Charter, Article 23), named as the UNODC demo names them, and
# the ten members elected for 2026.
PERMANENT_MEMBERS = ["China", "France", "Russian Federation", "United Kingdom", "United States of America"]
ELECTED_MEMBERS = [
    "Bahrain",
    "Colombia",
    "Democratic Republic of the Congo",
    "Denmark",
    "Greece",
    "Latvia",
    "Liberia",
    "Pakistan",
    "Panama",
    "Somalia",
]
SC_BOARD = [("president", "Sofía Álvarez", ExecutiveRole.Role.CHAIR, "University of Chile")]

# The schools whose delegates sit in both committees (the Best Delegation is found among them).
TEAMS = {
    "Vienna International School": {SLUG: "Canada", SC_SLUG: "France"},
    "Delhi Public School": {SLUG: "India", SC_SLUG: "Pakistan"},
    "Colegio Santiago": {SLUG: "Brazil", SC_SLUG: "Colombia"},
    "Nairobi Academy": {SLUG: "Kenya", SC_SLUG: "Somalia"},
}


def guide_sections(text: str) -> list[tuple[str, str]]:
    """Split the guide at its section headings (the index at the top is skipped)."""
    lines = text.splitlines()
    starts = []
    for title in SECTIONS:
        # The body heading is the last line equal to the title; the index repeats it in capitals.
        matches = [i for i, line in enumerate(lines) if line.strip().lower() == title.lower()]
        if not matches:
            raise ValueError(f"background guide: section {title!r} not found")
        starts.append((matches[-1], title))
    starts.sort()
    sections = []
    for n, (start, title) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        body = "\n".join(lines[start + 1 : end])
        body = re.sub(r"\S+@\S+", "", body)  # never copy personal e-mail addresses
        body = re.sub(r"\n\s*\n(\s*\n)+", "\n\n", body).strip()
        sections.append((title, body))
    return sections


@transaction.atomic
def load_demo() -> Committee:
    existing = Committee.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing  # the secretariat's committee now: nothing of it is overwritten
    committee = Committee.objects.create(
        slug=SLUG,
        name="United Nations Office on Drugs and Crime",
        abbreviation="UNODC",
        agenda=AGENDA,
        conference=_conference(),
    )
    _add_the_guide(committee)
    for names, kind in (
        (MEMBER_STATES, Delegation.Kind.MEMBER),
        (OBSERVERS, Delegation.Kind.OBSERVER),
        (NGOS, Delegation.Kind.NGO),
    ):
        for name in names:
            Delegation.objects.get_or_create(committee=committee, name=name, defaults={"kind": kind})
    _add_the_board(committee, BOARD)
    _add_the_teams(committee)
    return committee


@transaction.atomic
def load_security_council() -> Committee:
    """The Security Council on the seed's agenda, under its own rules of procedure; made once, like UNODC."""
    existing = Committee.objects.filter(slug=SC_SLUG).first()
    if existing is not None:
        return existing
    committee = Committee.objects.create(
        slug=SC_SLUG,
        name="Security Council",
        abbreviation="SC",
        agenda=SC_AGENDA,
        rules_profile="security-council",
        conference=_conference(),
    )
    _add_the_guide(committee)
    for name in PERMANENT_MEMBERS + ELECTED_MEMBERS:
        Delegation.objects.create(committee=committee, name=name, permanent=name in PERMANENT_MEMBERS)
    _add_the_board(committee, SC_BOARD)
    _add_the_teams(committee)
    return committee


def _conference() -> Conference:
    conference, _ = Conference.objects.get_or_create(name=CONFERENCE)
    return conference


def _add_the_teams(committee: Committee) -> None:
    for name, members in TEAMS.items():
        team, _ = Team.objects.get_or_create(conference=committee.conference, name=name)
        committee.delegations.filter(name=members.get(committee.slug, "")).update(team=team)


def _add_the_guide(committee: Committee) -> None:
    for position, (title, body) in enumerate(guide_sections(GUIDE.read_text(encoding="utf-8")), start=1):
        Document.objects.create(
            committee=committee,
            slug=slugify(title)[:50],
            title=f"Background guide: {title}",
            body=body,
            position=position,
        )


def _add_the_board(committee: Committee, board) -> None:
    """The committee's board, and the secretariat's account (the demo signs both in with the secret
    links `make run` prints)."""
    User = get_user_model()
    for username, full_name, role, affiliation in board:
        first_name, last_name = full_name.split(" ", 1)
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first_name, "last_name": last_name}
        )
        if created:
            user.set_unusable_password()  # the demo board signs in with the secret link `make run` prints
            user.save()
        ExecutiveRole.objects.get_or_create(
            committee=committee, user=user, defaults={"role": role, "affiliation": affiliation}
        )
    staff, created = User.objects.get_or_create(
        username=SECRETARIAT, defaults={"first_name": "Secretariat", "is_staff": True, "is_superuser": True}
    )
    if created:
        staff.set_unusable_password()
        staff.save()
