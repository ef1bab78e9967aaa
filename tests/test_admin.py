"""The secretariat keeps the committee's data in the Django admin; the floor's history stays read-only."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from committee import actions
from committee.models import Attendance, Committee


@pytest.fixture
def sam_client(sam):
    sam.is_superuser = True
    sam.save()
    client = Client()
    client.force_login(sam)
    return client


@pytest.mark.parametrize(
    "page",
    [
        "/admin/committee/committee/",
        "/admin/committee/delegation/",
        "/admin/committee/sitting/",
        "/admin/committee/attendance/",
        "/admin/committee/journalentry/",
        "/admin/committee/executiverole/",
        "/admin/committee/document/",
        "/admin/debate/floor/",
        "/admin/debate/speakerentry/",
        "/admin/debate/speech/",
        "/admin/debate/point/",
        "/admin/debate/motion/",
        "/admin/committee/vote/",
        "/admin/committee/ballot/",
    ],
)
def test_sam_opens_every_list_of_the_admin(in_session, sam_client, page):
    from debate import actions as debate_actions
    from tests.conftest import actor_for

    debate_actions.raise_motion(in_session, actor_for(in_session, "Canada"), "adjourn_meeting", {})
    assert sam_client.get(page).status_code == 200


def test_sam_edits_the_committee_with_its_delegations(unodc, sam_client):
    assert sam_client.get(f"/admin/committee/committee/{unodc.pk}/change/").status_code == 200


def test_the_journal_cannot_be_rewritten_from_the_admin(unodc, alice_actor, sam_client):
    actions.open_sitting(unodc, alice_actor)
    entry = unodc.journal.get()
    assert sam_client.get("/admin/committee/journalentry/add/").status_code == 403
    assert sam_client.post(f"/admin/committee/journalentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert unodc.journal.count() == 1


def test_a_bad_rules_override_is_refused_with_its_reason(unodc):
    # The admin's form validates the model, so this message is what the secretariat reads.
    unodc.rules_overrides = {"quorum_to_open": "7/3"}
    with pytest.raises(ValidationError, match="at most 1"):
        unodc.full_clean()


# ---- no side door: the admin edits setup between sittings, through the one path ------------------


def change_form_data(client, url: str) -> dict:
    """What the admin's change form would post back unchanged (fields and inline formsets)."""
    page = client.get(url)
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = field.prepare_value(value) if value is not None else ""
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for sub in formset.forms:
            for name, field in sub.fields.items():
                value = sub.initial.get(name, field.initial)
                if hasattr(value, "pk"):
                    value = value.pk
                data[f"{sub.prefix}-{name}"] = "" if value is None else field.prepare_value(value)
    return {k: v for k, v in data.items() if v is not False}


def test_during_a_sitting_the_committee_is_read_only_in_the_admin(in_session, sam_client):
    url = f"/admin/committee/committee/{in_session.pk}/change/"
    data = change_form_data(sam_client, url)
    data["rules_profile"] = "thimun"
    sam_client.post(url, data)
    in_session.refresh_from_db()
    assert in_session.rules_profile == "una-usa"
    assert not in_session.journal.filter(kind="committee.setup").exists()
    page = sam_client.get(url).content.decode()
    assert 'name="rules_profile"' not in page  # shown, not editable


def test_between_sittings_an_admin_edit_is_journalled_and_pushed(
    unodc, sam_client, monkeypatch, django_capture_on_commit_callbacks
):

    from committee.live import broadcast

    pushed = []
    monkeypatch.setattr(broadcast, "_send", lambda group, message: pushed.append(group))
    url = f"/admin/committee/committee/{unodc.pk}/change/"
    data = change_form_data(sam_client, url)
    data["rules_overrides"] = '{"quorum_to_open": "1/4"}'
    version = unodc.version
    with django_capture_on_commit_callbacks(execute=True):
        response = sam_client.post(url, data)
    assert response.status_code == 302
    unodc.refresh_from_db()
    assert unodc.rules.quorum_to_open.label() == "at least one quarter"
    entry = unodc.journal.get(kind="committee.setup")
    assert entry.version == unodc.version == version + 1
    assert "rules_overrides" in entry.data["changed"] and entry.actor == "Secretariat (Sam)"
    assert f"committee.{unodc.pk}.chair.en-gb" in pushed and f"committee.{unodc.pk}.projector.en-gb" in pushed


def test_live_state_cannot_be_added_changed_or_deleted_in_the_admin(in_session, sam_client):
    sitting = in_session.sittings.get()
    row = Attendance.objects.filter(sitting=sitting).first()
    assert sam_client.get("/admin/committee/attendance/add/").status_code == 403
    assert sam_client.post(f"/admin/committee/attendance/{row.pk}/delete/", {"post": "yes"}).status_code == 403
    assert sam_client.post(f"/admin/committee/sitting/{sitting.pk}/delete/", {"post": "yes"}).status_code == 403
    sam_client.post(f"/admin/committee/sitting/{sitting.pk}/change/", {"number": 7})
    sitting.refresh_from_db()
    assert sitting.number == 1 and sitting.closed_at is None
    assert Attendance.objects.filter(pk=row.pk).exists()


def test_a_committee_with_a_journal_cannot_be_deleted(unodc, alice_actor, sam_client):
    actions.open_sitting(unodc, alice_actor)
    actions.close_sitting(unodc, alice_actor)
    assert sam_client.post(f"/admin/committee/committee/{unodc.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Committee.objects.filter(pk=unodc.pk).exists()
    assert "delete_selected" not in sam_client.get("/admin/committee/committee/").content.decode()


def test_a_delegation_with_a_record_is_not_deleted_inline(unodc, alice_actor, sam_client):
    canada = unodc.delegations.get(name="Canada")
    actions.open_sitting(unodc, alice_actor)
    actions.mark_attendance(unodc, alice_actor, canada.pk, "present")
    actions.close_sitting(unodc, alice_actor)
    url = f"/admin/committee/committee/{unodc.pk}/change/"
    data = change_form_data(sam_client, url)
    index = next(
        k.split("-")[1] for k, v in data.items() if k.endswith("-id") and v == canada.pk and "delegations" in k
    )
    data[f"delegations-{index}-DELETE"] = "on"
    page = sam_client.post(url, data).content.decode()
    assert "has a record in this committee" in page
    assert unodc.delegations.filter(pk=canada.pk).exists()
    assert sam_client.post(f"/admin/committee/delegation/{canada.pk}/delete/", {"post": "yes"}).status_code == 403


def test_a_new_delegation_without_a_record_can_still_go(unodc, sam_client):
    spare = unodc.delegations.create(name="Atlantis")
    assert sam_client.post(f"/admin/committee/delegation/{spare.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not unodc.delegations.filter(pk=spare.pk).exists()
    assert unodc.journal.get(kind="committee.setup").data["changed"] == "delegation Atlantis deleted"
