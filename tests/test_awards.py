"""Awards (issue 26): the ranking suggests UNODC's awards (Best Delegate, High Commendation, Special
Mention, two Verbal Mentions, as the conference says), Lena's Board changes or confirms them, and the
list goes out as CSV, in the minutes' zip and on the secretariat's closing-ceremony page, with the Best
Delegation found among the schools from their award points across UNODC and the Security Council."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from committee.demo.load import load_security_council
from committee.models import Conference, ExecutiveRole
from record.awards import best_delegation
from record.marking import award_kinds_of
from record.models import Award, AwardKind
from tests.conftest import phone_of
from tests.test_marking import mark, signed_in


@pytest.fixture
def ranked(unodc, alice, victor, alice_actor):
    """Session I held; Lena and Rahul have marked five delegations: Canada first, then Brazil,
    Finland, Mexico and Japan, Rahul a little harder on Finland."""
    from tests.papers import script_session_i

    script_session_i(unodc, alice_actor)
    lena, rahul = signed_in(alice), signed_in(victor)
    for name, score in (("Canada", 9), ("Brazil", 8), ("Finland", 7), ("Mexico", 6), ("Japan", 5)):
        mark(lena, unodc, name, {"Research": score, "Diplomacy": score})
        mark(rahul, unodc, name, {"Research": score - (2 if name == "Finland" else 0), "Diplomacy": score})
    return unodc


def slot_fields(unodc, chosen: list[str]) -> dict[str, str]:
    """The award form, each slot in order given to the delegation named ('' for none)."""
    fields = {}
    slots = [(kind, n + 1) for kind in award_kinds_of(unodc) for n in range(kind.per_committee)]
    for (kind, number), name in zip(slots, chosen, strict=False):
        fields[f"slot-{kind.pk}-{number}"] = str(unodc.delegations.get(name=name).pk) if name else ""
    return fields


def test_the_ranking_suggests_the_awards_and_the_markers_see_their_agreement(ranked, alice):
    page = signed_in(alice).get("/c/unodc/awards/").content.decode()
    table = page.split('data-testid="standings"')[1].split("</table>")[0]
    order = [row.split("</th>")[0].split(">")[-1] for row in table.split('<th scope="row">')[1:]]
    assert order == ["Canada", "Brazil", "Finland", "Mexico", "Japan"]
    assert '<th scope="col">Alice</th><th scope="col">Victor</th>' in page
    # Finland: Lena 70, Rahul 60 — 10 points apart, not enough to call for a talk.
    assert "Alice and Victor, over 5 delegations: totals 2.0 points apart on average; rankings agree" in page
    form = page.split('data-testid="award-form"')[1]
    selected = [option.split(">")[1].split("<")[0] for option in form.split(" selected")[1:]]
    # Best Delegate, High Commendation, Special Mention, Verbal Mention ×2: the first five in order.
    assert [s for s in form.split("<span>")[1:]][0].startswith("Best Delegate")
    assert [s.split("<")[0] for s in selected] == ["Canada", "Brazil", "Finland", "Mexico", "Japan"]


def test_the_board_confirms_its_own_choice_and_it_is_exported(ranked, alice):
    lena = signed_in(alice)
    response = lena.post("/c/unodc/awards/", slot_fields(ranked, ["Brazil", "Canada", "Finland", "Mexico", ""]))
    assert response.status_code == 302
    given = [(a.kind.name, a.delegation.name) for a in Award.objects.order_by("kind__position")]
    assert given == [
        ("Best Delegate", "Brazil"),
        ("High Commendation", "Canada"),
        ("Special Mention", "Finland"),
        ("Verbal Mention", "Mexico"),
    ]
    page = lena.get("/c/unodc/awards/").content.decode()
    assert "The awards of UNODC are confirmed." in page
    assert "<b>Best Delegate</b>: Brazil" in page
    rows = list(csv.reader(io.StringIO(lena.get("/c/unodc/awards.csv").content.decode())))
    assert rows[0] == ["committee", "award", "delegation", "team", "confirmed by", "confirmed at"]
    assert rows[1][:5] == ["UNODC", "Best Delegate", "Brazil", "Colegio Santiago", "Alice"]
    assert len(rows) == 5


@pytest.mark.parametrize(
    "chosen, words",
    [
        (["Canada", "Canada"], "Canada is given two awards: a delegation receives one at most. Nothing was confirmed."),
        (["Canada", "not-a-delegation"], "An award may go only to a delegation of this committee."),
    ],
)
def test_a_wrong_choice_is_refused_in_words_and_nothing_is_confirmed(ranked, alice, chosen, words):
    lena = signed_in(alice)
    lena.post("/c/unodc/awards/", slot_fields(ranked, ["Japan"]))
    fields = slot_fields(ranked, chosen[:1])
    first_kind = award_kinds_of(ranked)[1]
    fields[f"slot-{first_kind.pk}-1"] = (
        str(ranked.delegations.get(name=chosen[1]).pk) if chosen[1] != "not-a-delegation" else "999999"
    )
    response = lena.post("/c/unodc/awards/", fields)
    assert response.status_code == 400 and words in response.content.decode()
    assert [a.delegation.name for a in Award.objects.all()] == ["Japan"]  # as before


def test_the_secretariat_reads_the_awards_and_only_the_board_confirms(ranked, sam, eve):
    secretariat = signed_in(sam)
    assert secretariat.get("/c/unodc/awards/").status_code == 200
    response = secretariat.post("/c/unodc/awards/", slot_fields(ranked, ["Canada"]))
    assert response.status_code == 403 and not Award.objects.exists()
    for client in (signed_in(eve), phone_of(ranked.delegations.get(name="Canada")), Client()):
        for url in ("/c/unodc/awards/", "/c/unodc/awards.csv"):
            response = client.get(url)
            assert response.status_code == 403 and "Executive Board and the secretariat" in response.content.decode()
        assert client.post("/c/unodc/awards/", slot_fields(ranked, ["Canada"])).status_code == 403
    assert not Award.objects.exists()


def test_the_conference_sets_the_awards_and_their_counts(ranked, alice):
    kinds = award_kinds_of(ranked)
    assert [(k.name, k.per_committee, k.points) for k in kinds] == [
        ("Best Delegate", 1, 3),
        ("High Commendation", 1, 2),
        ("Special Mention", 1, 1),
        ("Verbal Mention", 2, 0),
    ]
    AwardKind.objects.filter(name="Verbal Mention").update(per_committee=0)
    AwardKind.objects.filter(name="High Commendation").update(per_committee=2)
    page = signed_in(alice).get("/c/unodc/awards/").content.decode()
    assert "<span>High Commendation 2</span>" in page and "Verbal Mention" not in page


def test_the_best_delegation_across_committees(ranked, alice, sam):
    """Vienna International School: Canada (UNODC) Best Delegate 3 + France (SC) Special Mention 1 = 4
    points over 2 delegations; Colegio Santiago: Brazil High Commendation 2, over 2. Per delegate: 2.0
    and 1.0; added up: 4 and 2, same order. The ceremony page is the secretariat's."""
    council = load_security_council()
    sofia = get_user_model().objects.get(username="president")
    signed_in(alice).post("/c/unodc/awards/", slot_fields(ranked, ["Canada", "Brazil", "", "", ""]))
    Award.objects.create(
        committee=council,
        kind=AwardKind.objects.get(name="Special Mention"),
        delegation=council.delegations.get(name="France"),
        confirmed_by=sofia,
    )
    conference = ranked.conference
    teams = best_delegation(conference)
    assert [(t.name, t.points, t.delegations, t.score, t.rank) for t in teams] == [
        ("Vienna International School", 4, 2, 2.0, 1),
        ("Colegio Santiago", 2, 2, 1.0, 2),
    ]
    Conference.objects.filter(pk=conference.pk).update(best_delegation=Conference.BestDelegation.TOTAL)
    conference.refresh_from_db()
    assert [(t.name, t.score) for t in best_delegation(conference)] == [
        ("Vienna International School", 4),
        ("Colegio Santiago", 2),
    ]
    page = signed_in(sam).get(f"/conference/{conference.pk}/awards/").content.decode()
    assert "<b>Best Delegate</b>: Canada — Vienna International School" in page
    assert "<b>Special Mention</b>: France — Vienna International School" in page
    assert "<b>Vienna International School</b>: 4.00 (4 points, 2 delegations)" in page
    rows = list(csv.reader(io.StringIO(signed_in(sam).get(f"/conference/{conference.pk}/awards.csv").content.decode())))
    assert [r[:3] for r in rows[1:]] == [
        ["SC", "Special Mention", "France"],
        ["UNODC", "Best Delegate", "Canada"],
        ["UNODC", "High Commendation", "Brazil"],
    ]
    for user in (alice, sofia):  # a committee's board does not read every committee's awards
        assert signed_in(user).get(f"/conference/{conference.pk}/awards/").status_code == 403


def test_the_awards_go_out_with_every_committees_minutes(ranked, alice, tmp_path):
    signed_in(alice).post("/c/unodc/awards/", slot_fields(ranked, ["Canada"]))
    out = tmp_path / "all.zip"
    call_command("export_minutes", all=True, out=str(out), stdout=io.StringIO())
    with zipfile.ZipFile(out) as archive:
        assert "unodc/unodc-awards.csv" in archive.namelist()
        assert "UNODC,Best Delegate,Canada" in archive.read("unodc/unodc-awards.csv").decode()


def test_a_committee_of_no_conference_gives_no_awards_but_is_ranked(ranked, alice):
    ranked.conference = None
    ranked.save()
    assert ExecutiveRole.objects.filter(committee=ranked).exists()
    lena = signed_in(alice)
    page = lena.get("/c/unodc/awards/").content.decode()
    assert "belongs to no conference" in page and 'data-testid="standings"' in page
    response = lena.post("/c/unodc/awards/", {})
    assert response.status_code == 409 and not Award.objects.exists()


def test_the_awards_page_reads_what_it_shows_once(ranked, alice, django_assert_num_queries):
    """Alice opens the awards page again: the committee, her account and role, the delegations, the
    criteria, the marks, the conference's awards (looked for, then read), the confirmed awards, the
    markers' names, whether she may confirm, and the awards list; the conference itself is never read."""
    board = signed_in(alice)
    board.get("/c/unodc/awards/")
    with django_assert_num_queries(14) as queries:
        assert board.get("/c/unodc/awards/").status_code == 200
    assert not [q for q in queries.captured_queries if 'FROM "committee_conference"' in q["sql"]]
