"""The secretariat keeps the committee's data in the Django admin; the floor's history stays read-only."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from committee import actions


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
        "/admin/debate/proceduralvote/",
        "/admin/debate/ballot/",
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
