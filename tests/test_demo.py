"""The demo committee made from the UNODC background guide, and the links `make run` prints."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

from committee.demo.load import load_demo
from committee.models import Committee, Delegation, Document, ExecutiveRole, JournalEntry


def test_it_is_the_unodc_committee_of_the_guide(unodc):
    assert unodc.abbreviation == "UNODC"
    assert "cross-border crimes" in unodc.agenda
    assert "cooperation among member states' law enforcement" in unodc.agenda
    assert unodc.rules.key == "una-usa"


def test_its_matrix_has_the_guides_case_studies_and_observers(unodc):
    members = set(unodc.delegations.filter(kind=Delegation.Kind.MEMBER).values_list("name", flat=True))
    assert len(members) >= 30
    assert {"United States of America", "Canada", "Finland", "Russian Federation", "Estonia"} <= members
    assert unodc.delegations.filter(kind=Delegation.Kind.OBSERVER).count() >= 2
    assert unodc.delegations.filter(kind=Delegation.Kind.NGO).exists()


def test_the_guides_sections_are_committee_documents(unodc):
    titles = list(unodc.documents.values_list("title", flat=True))
    assert titles == [
        "Background guide: Letter from the Executive Board",
        "Background guide: Introduction",
        "Background guide: Success stories and Best Practices in Cross Border Crime Cooperation",
        "Background guide: Technology and Innovation",
    ]
    cases = unodc.documents.get(slug__startswith="success-stories").body
    assert "The Canada-United States border faced a significant challenge in March 2020" in cases
    assert "Vaalimaa border crossing" in cases


def test_the_board_is_there_by_role_without_the_guides_contact_details(unodc):
    roles = set(ExecutiveRole.objects.filter(committee=unodc).values_list("role", flat=True))
    assert roles == {"chair", "vice_chair"}
    everything = " ".join(Document.objects.values_list("body", flat=True))
    assert "@" not in everything
    assert "Akshit" not in everything and "Madhavi" not in everything


def test_loading_it_twice_changes_nothing(unodc):
    def snapshot():
        return (
            list(Committee.objects.values_list("slug", "name", "agenda", "projector_token", "version")),
            list(Delegation.objects.values_list("name", "kind", "join_token")),
            list(Document.objects.values_list("slug", "title", "body", "position")),
            list(ExecutiveRole.objects.values_list("user__username", "role")),
            JournalEntry.objects.count(),
        )

    before = snapshot()
    load_demo()
    assert snapshot() == before


@pytest.mark.django_db
def test_the_links_name_the_chair_the_projector_and_every_delegation(unodc):
    out = StringIO()
    call_command("links", "unodc", "--base", "http://192.168.1.20:8000", stdout=out)
    lines = out.getvalue().splitlines()
    assert re.fullmatch(r"chair: http://192\.168\.1\.20:8000/signin/[-\w]+/", lines[0])
    assert lines[1] == f"projector: http://192.168.1.20:8000/c/unodc/projector/{unodc.projector_token}/"
    canada = unodc.delegations.get(name="Canada")
    assert f"delegate Canada: http://192.168.1.20:8000/join/{canada.join_token}/" in lines
    assert sum(line.startswith("delegate ") for line in lines) == unodc.delegations.count()


def test_a_conference_adds_its_own_board_member(unodc):
    out = StringIO()
    call_command(
        "add_board_member", "unodc", "rapporteur1", "rapporteur", "--name", "Ravi",
        "--affiliation", "University of Lagos", stdout=out,
    )  # fmt: skip
    assert "rapporteur1 is Rapporteur of UNODC." in out.getvalue()
    assert "sign-in link (works once, for 60 minutes): http" in out.getvalue()  # as long as it lasts (issue 28)
    role = ExecutiveRole.objects.get(user__username="rapporteur1")
    assert (role.role, role.affiliation) == ("rapporteur", "University of Lagos")  # the minutes' masthead


def test_make_run_never_loads_the_demo_over_the_secretariats_edits(unodc):
    """`make run` calls load_demo at every start: a committee edited in the admin stays as edited."""
    Committee.objects.filter(pk=unodc.pk).update(agenda="Maritime piracy in the Gulf of Guinea")
    unodc.documents.filter(position=1).update(title="Our own letter", body="Welcome, delegates.")
    unodc.delegations.get(name="Holy See").delete()
    unodc.board.filter(role="vice_chair").delete()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "kept as it is" in out.getvalue()
    unodc.refresh_from_db()
    assert unodc.agenda == "Maritime piracy in the Gulf of Guinea"
    assert unodc.documents.get(position=1).title == "Our own letter"
    assert not unodc.delegations.filter(name="Holy See").exists()
    assert not unodc.board.filter(role="vice_chair").exists()
