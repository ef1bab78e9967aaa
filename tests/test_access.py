"""Who may see and do what: board members sign in, phones join by link, the projector reads only.

Every refusal is checked for what the person would read, and for the floor being unchanged.
"""

import re
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone

from committee import actions
from committee.models import Attendance, JournalEntry, SignInLink
from committee.state import load_floor
from tests.conftest import delegate_of, phone_of


def journal_size():
    return JournalEntry.objects.count()


def test_a_phone_that_opens_canadas_link_speaks_for_canada(unodc, canada, canada_phone):
    page = canada_phone.get("/c/unodc/delegate/")
    assert page.status_code == 200
    assert "<h1>Canada</h1>" in page.content.decode()
    assert delegate_of(canada_phone, unodc).delegation == canada


def test_canadas_phone_reads_its_session_from_the_cache(unodc, canada, canada_phone):
    """Every request reads its session: from the cache, not a query each time (the database keeps it
    for a restart)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    canada_phone.get("/c/unodc/delegate/")
    with CaptureQueriesContext(connection) as queries:
        assert canada_phone.get("/c/unodc/delegate/").status_code == 200
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"]]


def test_alice_signs_out_of_a_borrowed_laptop_and_its_cookie_opens_nothing(unodc, alice):
    """The dashboard's Sign out: back to the home page, signed out; a copy of the laptop's session
    cookie (kept by whoever borrows the laptop next) no longer opens the dashboard."""
    laptop = Client()
    laptop.force_login(alice)
    copied = Client()
    copied.cookies.load({"sessionid": laptop.cookies["sessionid"].value})
    page = laptop.get("/c/unodc/chair/").content.decode()
    assert 'data-testid="sign-out"' in page and 'action="/signout/"' in page
    assert copied.get("/c/unodc/chair/").status_code == 200

    answer = laptop.post("/signout/", follow=True)
    assert answer.redirect_chain == [("/", 302)]
    home = answer.content.decode()
    assert "Signed out: this laptop opens no dashboard until someone signs in again." in home
    assert 'data-testid="sign-out"' not in home  # nobody to sign out any more
    for client in (laptop, copied):
        assert client.get("/c/unodc/chair/").status_code == 302  # to the sign-in page


def test_signing_out_is_a_post(unodc, alice_client):
    assert alice_client.get("/signout/").status_code == 405
    assert alice_client.get("/c/unodc/chair/").status_code == 200  # still signed in


def test_an_unknown_join_link_says_so_and_binds_nothing(unodc):
    phone = Client()
    page = phone.get("/join/not-a-real-token/")
    assert page.status_code == 404
    assert "This join link is not valid" in page.content.decode()
    assert phone.get("/c/unodc/delegate/").status_code == 403


def test_a_replaced_link_signs_the_lost_phone_out(unodc, alice_actor, canada, canada_phone):
    old_token = canada.join_token
    actions.reissue_join_link(unodc, alice_actor, canada.pk)
    page = canada_phone.get("/c/unodc/delegate/")
    assert page.status_code == 403
    assert "join link was replaced" in page.content.decode()
    assert Client().get(f"/join/{old_token}/").status_code == 404
    canada.refresh_from_db()
    assert delegate_of(phone_of(canada), unodc).delegation == canada  # the new link works


def test_alice_reaches_the_dashboard_and_eve_does_not(unodc, alice_client, eve):
    assert alice_client.get("/c/unodc/chair/").status_code == 200
    eve_client = Client()
    eve_client.force_login(eve)
    page = eve_client.get("/c/unodc/chair/")
    assert page.status_code == 403
    assert "not as a member of this committee's Executive Board" in unescape(page.content.decode())
    assert Client().get("/c/unodc/chair/").status_code == 302  # to the sign-in page


def test_the_secretariat_sees_every_committee(unodc, sam):
    client = Client()
    client.force_login(sam)
    assert client.get("/c/unodc/chair/").status_code == 200


def test_a_sign_in_link_signs_the_chair_in(unodc, alice):
    link = SignInLink.issue(alice, "/c/unodc/chair/")
    client = Client()
    response = client.get(f"/signin/{link.token}/")
    assert response.status_code == 302 and response["Location"] == "/c/unodc/chair/"
    assert client.get("/c/unodc/chair/").status_code == 200


def test_a_sign_in_link_signs_in_once_and_a_newer_one_replaces_it(unodc, alice):
    """A link printed by `make run` is seen on a screen, in a terminal's history: it must not work again."""
    link = SignInLink.issue(alice, "/c/unodc/chair/")
    first = Client()
    assert first.get(f"/signin/{link.token}/").status_code == 302
    first.logout()
    again = Client()
    page = again.get(f"/signin/{link.token}/")
    assert page.status_code == 404
    assert "This sign-in link has been used already: a link signs in once." in unescape(page.content.decode())
    assert again.get("/c/unodc/chair/").status_code == 302  # not signed in
    older = SignInLink.issue(alice, "/c/unodc/chair/")
    newer = SignInLink.issue(alice, "/c/unodc/chair/")
    assert Client().get(f"/signin/{older.token}/").status_code == 404  # the newer link replaced it
    assert Client().get(f"/signin/{newer.token}/").status_code == 302
    assert 3500 < (newer.expires_at - timezone.now()).total_seconds() <= 3600  # and lives an hour


def test_an_expired_sign_in_link_signs_nobody_in(unodc, alice):
    link = SignInLink.issue(alice, "/c/unodc/chair/", minutes=-1)
    client = Client()
    assert client.get(f"/signin/{link.token}/").status_code == 404
    assert client.get("/c/unodc/chair/").status_code == 302


def test_alice_marks_canada_present_with_a_plain_form(unodc, alice_client, sitting, canada):
    response = alice_client.post(
        "/c/unodc/do/rollcall.mark/",
        {"delegation": canada.pk, "status": "present"},
        HTTP_REFERER="/c/unodc/chair/",
    )
    assert response.status_code == 302
    assert load_floor(unodc.pk).row_for(canada.pk).status == Attendance.Status.PRESENT


# Transactional: the broadcast runs when the action commits, inside the request, as in production.
@pytest.mark.django_db(transaction=True)
def test_alice_marks_canada_present_from_the_dashboard_and_gets_the_changed_regions(
    unodc, alice_client, sitting, canada, finland
):
    response = alice_client.post(
        "/c/unodc/do/rollcall.mark/", {"delegation": canada.pk, "status": "present"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(rf'<li id="row-{canada.pk}" class="rc-row is-present"', html)
    assert re.search(r'id="status" class="bar-status" data-v="\d+" hx-swap-oob="true"', html)
    assert f'id="row-{finland.pk}"' not in html  # only what changed, not the whole roll


def test_canadas_phone_cannot_take_the_roll_call(unodc, sitting, canada_phone, finland):
    before = journal_size()
    response = canada_phone.post(
        "/c/unodc/do/rollcall.mark/", {"delegation": finland.pk, "status": "present"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    assert "You may not take the roll call: only the Executive Board can." in response.content.decode()
    assert journal_size() == before
    assert load_floor(unodc.pk).row_for(finland.pk).status == Attendance.Status.ABSENT


@pytest.mark.parametrize("command", ["sitting.open", "sitting.close", "rollcall.close", "access.reissue"])
def test_a_phone_reaches_no_chair_action(unodc, sitting, canada_phone, canada, command):
    before = journal_size()
    response = canada_phone.post(f"/c/unodc/do/{command}/", {"delegation": canada.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert "only the Executive Board can" in response.content.decode()
    assert journal_size() == before


def test_a_stranger_reaches_nothing(unodc, sitting, canada, eve):
    before = journal_size()
    for client in (Client(), Client()):
        response = client.post(
            "/c/unodc/do/rollcall.mark/",
            {"delegation": canada.pk, "status": "present"},
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 403
        assert "not a member of this committee" in response.content.decode()
        client.force_login(eve)
    assert journal_size() == before


def test_a_post_without_its_csrf_token_is_refused(unodc, alice, sitting, canada):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/c/unodc/do/rollcall.mark/", {"delegation": canada.pk, "status": "present"})
    assert response.status_code == 403
    assert load_floor(unodc.pk).row_for(canada.pk).status == Attendance.Status.ABSENT


def test_an_unknown_command_is_refused_by_name(unodc, alice_client):
    response = alice_client.post("/c/unodc/do/floor.delete/", HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert "Unknown command 'floor.delete'" in unescape(response.content.decode())


def test_a_malformed_form_changes_nothing(unodc, alice_client, sitting):
    before = journal_size()
    response = alice_client.post(
        "/c/unodc/do/rollcall.mark/", {"delegation": "'; DROP TABLE", "status": "x"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    assert journal_size() == before


@pytest.mark.django_db(transaction=True)
def test_canada_tells_the_chair_it_has_arrived(unodc, sitting, canada_phone, alice_client):
    response = canada_phone.post("/c/unodc/do/rollcall.arrived/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "The chair knows you are here" in response.content.decode()
    dashboard = alice_client.get("/c/unodc/chair/").content.decode()
    assert "Arrived, waiting to be marked: <b>Canada</b>" in dashboard


def test_the_projector_link_shows_the_floor_and_a_wrong_one_does_not(unodc, sitting):
    assert Client().get(f"/c/unodc/projector/{unodc.projector_token}/").status_code == 200
    page = Client().get("/c/unodc/projector/guessed/")
    assert page.status_code == 404
    assert "This projector link is not valid." in page.content.decode()


def test_the_background_guide_is_readable_from_every_screen(unodc, alice_client, canada_phone):
    projector = Client()
    projector.get(f"/c/unodc/projector/{unodc.projector_token}/")
    for client in (alice_client, canada_phone, projector):
        page = client.get("/c/unodc/docs/introduction/")
        assert page.status_code == 200
        assert "Cross-border crime cooperation plays a crucial role" in page.content.decode()
    assert Client().get("/c/unodc/docs/introduction/").status_code == 403


def test_the_chair_gets_each_delegations_qr_code_and_nobody_else_does(unodc, alice_client, canada, canada_phone):
    response = alice_client.get(f"/c/unodc/chair/qr/{canada.pk}.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')  # else <img> shows nothing
    assert canada_phone.get(f"/c/unodc/chair/qr/{canada.pk}.svg").status_code == 404


def test_the_qr_code_points_phones_at_the_laptops_lan_address(unodc, alice_client, canada, monkeypatch):
    import committee.network as links

    monkeypatch.setattr(links, "lan_address", lambda: "192.168.1.20")
    monkeypatch.setenv("PORT", "8000")
    assert links.public_base_url() == "http://192.168.1.20:8000"

    class Request:
        scheme = "http"

        def __init__(self, host):
            self.host = host

        def get_host(self):
            return self.host

    assert links.public_base_url(Request("localhost:8123")) == "http://192.168.1.20:8123"
    assert links.public_base_url(Request("10.0.0.5:8000")) == "http://10.0.0.5:8000"


def test_the_join_codes_load_when_the_chair_opens_them_and_only_for_the_chair(
    unodc, alice_client, canada, canada_phone
):
    dashboard = alice_client.get("/c/unodc/chair/").content.decode()
    assert canada.join_token not in dashboard  # not sent until the panel is opened
    codes = alice_client.get("/c/unodc/chair/join-codes/").content.decode()
    assert f"/join/{canada.join_token}/" in codes and 'id="card-' in codes
    assert canada_phone.get("/c/unodc/chair/join-codes/").status_code == 404
