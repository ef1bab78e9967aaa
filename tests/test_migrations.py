"""Records written by earlier versions still read after an upgrade.

A committee that voted on a motion under the previous version (debate's own ProceduralVote) keeps the
vote, its figures and its ballots on the committee's one vote machinery.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("committee", "0001_initial"), ("debate", "0002_caucus_speeches_and_default_speaking_time")]
AFTER = [("committee", "0002_shared_votes"), ("debate", "0003_votes_on_the_shared_machinery")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest():
    yield
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_a_procedural_vote_of_the_previous_version_moves_to_the_shared_machinery(back_to_latest):
    old = migrate(BEFORE)
    committee = old.get_model("committee", "Committee").objects.create(
        name="Old committee", abbreviation="OLD", slug="old", agenda="Upgrades"
    )
    Delegation = old.get_model("committee", "Delegation")
    canada = Delegation.objects.create(committee=committee, name="Canada")
    finland = Delegation.objects.create(committee=committee, name="Finland")
    old.get_model("committee", "Sitting").objects.create(committee=committee, number=1)
    motion = old.get_model("debate", "Motion").objects.create(
        committee=committee, kind="adjourn_meeting", delegation=canada, status="passed"
    )
    vote = old.get_model("debate", "ProceduralVote").objects.create(
        motion=motion, method="phones", base=2, needed=2, yes=2, no=0, closed_at=timezone.now()
    )
    for delegation in (canada, finland):
        old.get_model("debate", "Ballot").objects.create(vote=vote, delegation=delegation, choice="yes")

    new = migrate(AFTER)
    moved = new.get_model("committee", "Vote").objects.get()
    assert (moved.subject, moved.subject_id, moved.question) == ("debate.motion", motion.pk, "procedural")
    assert (moved.base, moved.needed, moved.yes, moved.no, moved.passed) == (2, 2, 2, 0, True)
    assert sorted(moved.electorate) == sorted([canada.pk, finland.pk])
    assert new.get_model("committee", "Ballot").objects.filter(vote=moved).count() == 2
    assert new.get_model("debate", "Motion").objects.get(pk=motion.pk).vote_id == moved.pk
