"""Who may do what, as a matrix: every URL and every command of the committee, for each kind of visitor.

The visitors of UNODC's room, and what each may do:
- alice: UNODC's chair. Every page of the chair, every chair's command.
- sam: the secretariat (staff). What the chair may, and the admin.
- Canada's phone: its own page, the documents, the papers; a delegation's commands for Canada.
- Finland's phone: the same for Finland (never Canada's).
- a phone of UNHCR (another committee): nothing of UNODC.
- the projector: what its link shows (the floor and the documents), no command.
- olga, UNHCR's chair: nothing of UNODC.
- an anonymous visitor: nothing but a join or sign-in link.
Refused means refused in words (or sent to sign in), with nothing of the committee's secrets in the
answer and nothing changed: the committee's version and journal stay as they were.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from committee import actions
from committee.access import board_actor
from committee.contract import PARTS
from committee.models import Committee, Delegation, ExecutiveRole, JournalEntry
from tests.conftest import phone_of
from tests.papers import write_paper

VISITORS = ["alice", "sam", "canada", "finland", "unhcr_phone", "projector", "olga", "anonymous"]
BOARD = {"alice", "sam"}
PHONES = {"canada", "finland"}


@pytest.fixture
def unhcr(db):
    committee = Committee.objects.create(
        name="UN Refugee Agency", abbreviation="UNHCR", slug="unhcr", agenda="Refugees"
    )
    Delegation.objects.create(committee=committee, name="Chad")
    olga = get_user_model().objects.create_user("olga", first_name="Olga")
    ExecutiveRole.objects.create(committee=committee, user=olga, role=ExecutiveRole.Role.CHAIR)
    return committee


@pytest.fixture
def visitors(in_session, alice, sam, unhcr) -> dict[str, Client]:
    unodc = in_session
    clients = {}
    for name, user in (("alice", alice), ("sam", sam), ("olga", get_user_model().objects.get(username="olga"))):
        clients[name] = Client()
        clients[name].force_login(user)
    clients["canada"] = phone_of(unodc.delegations.get(name="Canada"))
    clients["finland"] = phone_of(unodc.delegations.get(name="Finland"))
    clients["unhcr_phone"] = phone_of(unhcr.delegations.get(name="Chad"))
    clients["projector"] = Client()
    assert clients["projector"].get(f"/c/unodc/projector/{unodc.projector_token}/").status_code == 200
    clients["anonymous"] = Client()
    return clients


def state_of(committee: Committee) -> tuple[int, int]:
    committee.refresh_from_db()
    return committee.version, JournalEntry.objects.filter(committee=committee).count()


def refused(response) -> bool:
    """Refused for who they are: in words (403, 404), or sent to sign in."""
    if response.status_code == 302:
        return "/admin/login/" in response["Location"]
    return response.status_code in (403, 404)


def shown(response) -> bool:
    """Let in: the page, or a refusal by the rules of the floor (409: only a draft on the floor is
    amended), never one for who they are."""
    return response.status_code in (200, 409)


def secrets_of(committee: Committee) -> list[str]:
    return [committee.projector_token, *committee.delegations.values_list("join_token", flat=True)]


# Each page, and who sees it. The projector's own link is a link: whoever holds it sees the floor.
def pages(unodc: Committee, paper_id: int) -> dict[str, set[str]]:
    canada = unodc.delegations.get(name="Canada")
    members = BOARD | PHONES | {"projector"}
    return {
        "/c/unodc/chair/": BOARD,
        f"/c/unodc/chair/qr/{canada.pk}.svg": BOARD,
        "/c/unodc/chair/join-codes/": BOARD,
        "/c/unodc/delegate/": PHONES,
        f"/c/unodc/docs/{unodc.documents.first().slug}/": members,
        f"/c/unodc/papers/{paper_id}/": members,
        f"/c/unodc/papers/{paper_id}/edit/": BOARD | {"canada"},  # its sponsor
        f"/c/unodc/papers/{paper_id}/amend/": BOARD | PHONES,
        f"/c/unodc/papers/{paper_id}/docx/": BOARD | PHONES,
        "/c/unodc/minutes/": BOARD,
        "/c/unodc/minutes.docx": BOARD,
        "/c/unodc/minutes-speeches.csv": BOARD,
        "/c/unodc/statistics/": BOARD,
        "/c/unodc/marks/": {"alice"},  # a board member of UNODC marks; the secretariat reads the awards
        "/c/unodc/awards/": BOARD,
        "/c/unodc/awards.csv": BOARD,
        f"/conference/{unodc.conference_id}/awards/": {"sam"},
        f"/conference/{unodc.conference_id}/awards.csv": {"sam"},
        "/c/unodc/position-paper/": PHONES,  # each its own
        f"/c/unodc/position-papers/{canada.pk}/": BOARD,
        "/console/": {"sam"},
        "/console/everything.zip": {"sam"},
        "/admin/": {"sam"},
    }


# Each form of the Board's marking and of position papers, and who may send it.
def forms(unodc: Committee) -> dict[str, tuple[set[str], dict]]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from record.marking import award_kinds_of, criteria_of

    canada = unodc.delegations.get(name="Canada")
    research = criteria_of(unodc)[0]
    best = award_kinds_of(unodc)[0]
    pdf = b"%PDF-1.4\n%%EOF\n"
    return {
        "/c/unodc/marks/": ({"alice"}, {"sitting": 1, "delegation": canada.pk, f"score-{research.pk}": 7}),
        "/c/unodc/awards/": ({"alice"}, {f"slot-{best.pk}-1": canada.pk}),
        "/c/unodc/position-paper/": (PHONES, {"paper": lambda: SimpleUploadedFile("p.pdf", pdf)}),
        f"/c/unodc/position-papers/{canada.pk}/": (BOARD, {"paper": lambda: SimpleUploadedFile("p.pdf", pdf)}),
    }


def stored(unodc: Committee) -> tuple:
    """What the forms write: marks, awards, and each paper with who uploaded it."""
    from record.models import Award, Mark, PositionPaper

    papers = sorted(PositionPaper.objects.values_list("delegation__name", "uploaded_by"))
    return Mark.objects.count(), Award.objects.count(), papers


def test_every_form_of_marks_awards_and_papers_refuses_those_it_is_not_for(visitors, in_session):
    unodc = in_session
    for url, (allowed, fields) in forms(unodc).items():
        for name in VISITORS:
            if name in allowed:
                continue
            before = stored(unodc)
            sent = {key: value() if callable(value) else value for key, value in fields.items()}
            response = visitors[name].post(url, sent)
            assert refused(response), (name, url, response.status_code)
            assert stored(unodc) == before, (name, url)
        for name in sorted(allowed):
            before = stored(unodc)
            sent = {key: value() if callable(value) else value for key, value in fields.items()}
            response = visitors[name].post(url, sent)
            assert response.status_code == 302, (name, url, response.status_code)
            assert stored(unodc) != before, (name, url)


def test_every_page_is_shown_to_those_it_is_for_and_refused_in_words_to_the_others(visitors, in_session, alice_actor):
    unodc = in_session
    paper = write_paper(unodc, "Canada")
    matrix = pages(unodc, paper.pk)
    wrong = []
    for url, allowed in matrix.items():
        for name in VISITORS:
            response = visitors[name].get(url)
            if name in allowed:
                if not shown(response):
                    wrong.append(f"{name} {url}: {response.status_code}, should see it")
            elif not refused(response):
                wrong.append(f"{name} {url}: {response.status_code}, should be refused")
            elif response.status_code != 302 and response.get("Content-Type", "").startswith("text/html"):
                body = response.content.decode()
                leaked = [s for s in secrets_of(unodc) if s in body]
                if leaked:
                    wrong.append(f"{name} {url}: a refusal shows a secret link")
    assert wrong == []


def test_a_wrong_projector_link_shows_nothing_to_anyone(visitors, in_session):
    for name in VISITORS:
        assert visitors[name].get("/c/unodc/projector/not-the-token/").status_code == 404, name


def audiences_of(command) -> set[str]:
    allowed = set()
    if "chair" in command.audiences:
        allowed |= BOARD
    if "delegate" in command.audiences:
        allowed |= PHONES
    return allowed


@pytest.mark.parametrize("name", sorted(PARTS.commands))
def test_every_command_refuses_those_it_is_not_for_and_changes_nothing(visitors, in_session, name):
    unodc = in_session
    command = PARTS.command(name)
    allowed = audiences_of(command)
    for visitor in VISITORS:
        if visitor in allowed:
            continue
        before = state_of(unodc)
        response = visitors[visitor].post(f"/c/unodc/do/{name}/", {}, HTTP_HX_REQUEST="true")
        assert response.status_code in (403, 409), (visitor, name, response.status_code)
        body = response.content.decode()
        assert "flash-error" in body and ("not a member" in body or "may not" in body), (visitor, name, body)
        assert state_of(unodc) == before, (visitor, name)


@pytest.mark.parametrize("name", sorted(PARTS.commands))
def test_every_command_is_reached_by_those_it_is_for(visitors, in_session, name):
    """Allowed visitors are never refused for who they are (the rules of the floor may still refuse:
    the fields here are empty)."""
    for visitor in sorted(audiences_of(PARTS.command(name))):
        response = visitors[visitor].post(f"/c/unodc/do/{name}/", {}, HTTP_HX_REQUEST="true")
        assert response.status_code in (200, 409), (visitor, name, response.status_code)
        body = response.content.decode()
        assert "not a member" not in body and "You may not" not in body, (visitor, name, body)


def test_a_phone_acts_only_for_its_own_delegation(visitors, in_session):
    """Finland's phone names Canada in every field that names a delegation: it is Finland that acts,
    or nothing happens; Canada's record never changes."""
    unodc = in_session
    canada = unodc.delegations.get(name="Canada")
    for name, command in sorted(PARTS.commands.items()):
        if "delegate" not in command.audiences:
            continue
        visitors["finland"].post(
            f"/c/unodc/do/{name}/", {"delegation": canada.pk, "delegation_id": canada.pk}, HTTP_HX_REQUEST="true"
        )
    entries = JournalEntry.objects.filter(committee=unodc, delegation__isnull=False)
    assert set(entries.values_list("delegation__name", flat=True)) <= {"Finland"}
    assert not JournalEntry.objects.filter(committee=unodc, subject=canada, delegation__name="Finland").exists()


@pytest.mark.django_db(transaction=True)  # the sockets' database thread sees the test's rows
def test_nothing_of_unodc_is_reached_from_another_committee_by_socket(visitors, in_session, sockets):
    from tests.conftest import cookie_of

    unodc = in_session
    before = state_of(unodc)
    chad = sockets("/ws/c/unodc/delegate/", cookie_of(visitors["unhcr_phone"]))
    assert "not joined to a delegation" in chad.receive()
    assert chad.receive_output() == {"type": "websocket.close", "code": 4403}
    olga = sockets("/ws/c/unodc/chair/", cookie_of(visitors["olga"]))
    assert "Executive Board" in olga.receive()
    assert olga.receive_output() == {"type": "websocket.close", "code": 4403}
    projector = sockets(f"/ws/c/unodc/projector/{unodc.projector_token}/")
    projector.receive()
    projector.send_json({"command": "rollcall.mark", "delegation": 1, "status": "present"})
    assert "The projector only shows the floor." in projector.receive_until("flash-error")
    assert state_of(unodc) == before


def test_unhcrs_chair_and_phone_are_refused_even_with_unodcs_ids(visitors, in_session, unhcr):
    """Ids of UNODC's rows sent to UNHCR's floor never reach them (no write across committees)."""
    unodc = in_session
    canada = unodc.delegations.get(name="Canada")
    actions.open_sitting(unhcr, board_actor(get_user_model().objects.get(username="olga"), unhcr))
    before = state_of(unodc)
    for name in ("rollcall.mark", "access.reissue", "speakers.add", "vote.cast"):
        visitors["olga"].post(
            f"/c/unhcr/do/{name}/", {"delegation": canada.pk, "status": "present"}, HTTP_HX_REQUEST="true"
        )
    assert state_of(unodc) == before
    assert Delegation.objects.get(pk=canada.pk).join_token == canada.join_token
