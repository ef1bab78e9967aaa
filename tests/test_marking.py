"""The Board's marks (issue 26): Lena's chair alice and her vice-chair victor each mark UNODC's
delegations for a sitting, beside what the record shows each did; they see their totals, the ranking
and how far they agree; each sees and changes only their own marks. Bad marks are refused in words and
change nothing. The criteria, their weights and scales are the committee's."""

from __future__ import annotations

import pytest
from django.test import Client

from record.marking import CRITERIA, criteria_of, standings
from record.models import Criterion, Mark, MarkingNote
from tests.conftest import phone_of
from tests.papers import script_session_i


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def sitting_i(unodc, alice_actor):
    script_session_i(unodc, alice_actor)
    return unodc.sittings.get(number=1)


def marks_of(unodc, scores: dict[str, int | str]) -> dict[str, str]:
    """The marks form's fields: each criterion's score, by its name."""
    by_name = {c.name: c.pk for c in criteria_of(unodc)}
    return {f"score-{by_name[name]}": str(score) for name, score in scores.items()}


def mark(client: Client, unodc, delegation: str, scores: dict, note: str = "", sitting: int = 1):
    pk = unodc.delegations.get(name=delegation).pk
    fields = {"sitting": sitting, "delegation": pk, "note": note, **marks_of(unodc, scores)}
    return client.post("/c/unodc/marks/", fields)


def test_the_chair_marks_canada_beside_what_canada_did(unodc, alice, sitting_i):
    lena = signed_in(alice)
    canada = unodc.delegations.get(name="Canada")
    page = lena.get(f"/c/unodc/marks/?delegation={canada.pk}").content.decode()
    # The evidence of session I: Canada spoke once for 1:24, moved one motion and carried it, sponsored
    # its draft; it answered the roll call present and voting.
    assert "Speeches</th><td>1 · 1:24</td>" in page
    assert "Motions (carried)</th><td>1 (1)</td>" in page
    assert 'Papers sponsored · signed</th><td colspan="2">1 · 0</td>' in page
    assert "present and voting" in page
    assert [line for line in CRITERIA if f"{line} <span" in page] == CRITERIA  # the seven, in order

    response = mark(lena, unodc, "Canada", {"Research": 8, "Diplomacy": 9}, note="Strong opening speech")
    assert response.status_code == 302
    saved = {m.criterion.name: m.score for m in Mark.objects.filter(delegation=canada, marker=alice)}
    assert saved == {"Research": 8, "Diplomacy": 9}
    assert MarkingNote.objects.get(delegation=canada, marker=alice).text == "Strong opening speech"
    page = lena.get(response["Location"]).content.decode()
    assert "Saved: your marks of Canada for Session I." in page
    assert 'value="8"' in page and "Strong opening speech" in page
    # Clearing a mark takes it back.
    mark(lena, unodc, "Canada", {"Research": "", "Diplomacy": 9}, note="Strong opening speech")
    assert set(Mark.objects.filter(delegation=canada).values_list("criterion__name", flat=True)) == {"Diplomacy"}


def test_each_board_member_sees_only_their_own_marks_and_notes(unodc, alice, victor, sitting_i):
    mark(signed_in(alice), unodc, "Finland", {"Research": 3}, note="Lena's private note")
    rahul = signed_in(victor)
    page = rahul.get(f"/c/unodc/marks/?delegation={unodc.delegations.get(name='Finland').pk}").content.decode()
    assert "Lena&#x27;s private note" not in page and "Lena's private note" not in page
    assert 'value="3"' not in page
    mark(rahul, unodc, "Finland", {"Research": 7})
    finland = unodc.delegations.get(name="Finland")
    assert sorted(Mark.objects.filter(delegation=finland).values_list("score", flat=True)) == [3, 7]


@pytest.mark.parametrize(
    "scores, note, words",
    [
        ({"Research": 11}, "", "Research is marked from 0 to 10: '11' is not on that scale. Nothing was saved."),
        ({"Research": -1}, "", "'-1' is not on that scale"),
        ({"Research": "nine"}, "", "'nine' is not on that scale"),
        ({"Research": "7.5"}, "", "'7.5' is not on that scale"),
        ({"Research": 5}, "x" * 2001, "A note holds 2000 characters at most"),
    ],
)
def test_a_mark_off_the_scale_is_refused_in_words_and_nothing_is_saved(unodc, alice, sitting_i, scores, note, words):
    lena = signed_in(alice)
    mark(lena, unodc, "Canada", {"Diplomacy": 6})
    response = mark(lena, unodc, "Canada", {**scores, "Diplomacy": 2}, note=note)
    assert response.status_code == 400
    assert words in response.content.decode().replace("&#x27;", "'")
    assert list(Mark.objects.values_list("criterion__name", "score")) == [("Diplomacy", 6)]
    assert not MarkingNote.objects.exclude(text="").exists()


def test_a_delegation_or_sitting_of_no_such_kind_is_refused(unodc, alice, sitting_i):
    from tests.test_authorization import Committee, Delegation

    other = Committee.objects.create(name="UN Refugee Agency", abbreviation="UNHCR", slug="unhcr", agenda="Refugees")
    chad = Delegation.objects.create(committee=other, name="Chad")
    lena = signed_in(alice)
    response = lena.post("/c/unodc/marks/", {"sitting": 1, "delegation": chad.pk, **marks_of(unodc, {"Research": 5})})
    assert response.status_code == 404 and "marks its own delegations only" in response.content.decode()
    response = lena.get("/c/unodc/marks/?sitting=7")
    assert response.status_code == 404 and "no sitting" in response.content.decode()
    assert not Mark.objects.exists()


def test_marks_are_for_the_board_of_the_committee_alone(unodc, alice, sam, eve, sitting_i):
    secretariat, stranger, canada = signed_in(sam), signed_in(eve), phone_of(unodc.delegations.get(name="Canada"))
    for client, words in (
        (secretariat, "the secretariat reads them on the awards page"),
        (stranger, "sign in first"),
        (canada, "Marks are for the Executive Board."),
        (Client(), "sign in first"),
    ):
        for response in (client.get("/c/unodc/marks/"), mark(client, unodc, "Canada", {"Research": 9})):
            assert response.status_code == 403 and words in response.content.decode().replace("&#x27;", "'")
    assert not Mark.objects.exists()


def test_a_committee_that_has_not_met_has_nothing_to_mark(unodc, alice):
    response = signed_in(alice).get("/c/unodc/marks/")
    assert response.status_code == 404 and "has not met yet" in response.content.decode()


def test_totals_weigh_the_criteria_and_scales_of_the_committee(unodc, alice, victor, sitting_i):
    """Research weighs 3 and is out of 20; Diplomacy weighs 1 out of 10. Lena gives Canada 10/20 and
    10/10: (3 × 0.5 + 1 × 1.0) / 4 = 62.5. Rahul gives it 20/20 only: 100. Canada's total is their
    mean, 81.25; Finland (Lena 5/10 Diplomacy only: 50) ranks second."""
    criteria_of(unodc)
    Criterion.objects.filter(committee=unodc, name="Research").update(weight=3, out_of=20)
    lena, rahul = signed_in(alice), signed_in(victor)
    mark(lena, unodc, "Canada", {"Research": 10, "Diplomacy": 10})
    mark(rahul, unodc, "Canada", {"Research": 20})
    mark(lena, unodc, "Finland", {"Diplomacy": 5})
    ranked = standings(unodc)
    canada, finland = ranked[0], ranked[1]
    assert canada.delegation.name == "Canada" and canada.by_marker == {alice.pk: 62.5, victor.pk: 100.0}
    assert canada.total == 81.25 and canada.rank == 1 and canada.to_discuss  # 37.5 points apart
    assert finland.delegation.name == "Finland" and finland.total == 50.0 and finland.rank == 2
    assert all(s.total is None and s.rank is None for s in ranked[2:])


def test_marks_of_two_sittings_are_averaged_for_each_marker(unodc, alice, alice_actor, sitting_i):
    from committee import actions

    actions.open_sitting(unodc, alice_actor)  # session I closed at the end of its script
    lena = signed_in(alice)
    mark(lena, unodc, "Canada", {"Research": 4}, sitting=1)
    mark(lena, unodc, "Canada", {"Research": 8}, sitting=2)
    assert standings(unodc)[0].total == 60.0  # (0.4 + 0.8) / 2
    page = lena.get("/c/unodc/marks/").content.decode()
    assert "Marks of UNODC · Session II" in page  # the latest sitting, unless another is chosen
