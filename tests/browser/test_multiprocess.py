"""Two server processes behind one committee: PostgreSQL holds the floor, Redis carries the broadcasts.

alice chairs on a laptop served by one daphne; Canada's phone and the projector are served by another.
Uses this machine's real PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379), never a mock.
"""

from __future__ import annotations

import secrets

import psycopg
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, PROJECTOR, chair_opens_a_sitting
from tests.browser.server import RoomServer

pytestmark = pytest.mark.multiprocess

PG = "postgresql://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/0"


@pytest.fixture
def database_url():
    name = f"mun_test_{secrets.token_hex(4)}"
    try:
        admin = psycopg.connect(f"{PG}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        pytest.fail(f"PostgreSQL is not reachable at 127.0.0.1:5432 ({error}); .ci/run starts it.", pytrace=False)
    admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{PG}/{name}"
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.fixture
def two_servers(tmp_path, database_url):
    env = {
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS,
        "REDIS_PREFIX": f"mun-test-{secrets.token_hex(4)}",
    }
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = RoomServer(tmp_path / "a", env={**env, "SECRET_KEY": "k" * 50}).prepare()
    second = RoomServer(tmp_path / "b", env={**env, "SECRET_KEY": "k" * 50})
    second.links = {name: url.replace(first.base, second.base) for name, url in first.links.items()}
    first.start()
    second.start()
    yield first, second
    first.stop()
    second.stop()


def test_the_servers_really_use_postgresql_and_redis(two_servers):
    first, _ = two_servers
    out = first.manage(
        "shell",
        "-c",
        "from django.db import connection; from django.conf import settings; "
        "print(connection.vendor, settings.CHANNEL_LAYERS['default']['BACKEND'])",
    )
    assert out.strip().splitlines()[-1].split() == [
        "postgresql",
        "channels_redis.pubsub.RedisPubSubChannelLayer",
    ]


def test_a_change_made_on_one_server_reaches_screens_on_the_other(two_servers, people):
    first, second = two_servers
    chair = chair_opens_a_sitting(people, first.links["chair"])

    canada = people(PHONE)
    canada.goto(second.links["delegate Canada"])
    projector = people(PROJECTOR)
    projector.goto(second.links["projector"])
    for page in (canada, projector):
        expect(page.locator("body")).to_have_attribute("data-live", "open")
        expect(page.locator("#status")).to_contain_text("Session I")

    chair.locator('li[data-name="canada"] button[value="present_voting"]').click()
    expect(canada.get_by_test_id("my-status")).to_have_text("Present and voting")
    expect(projector.locator('li[data-name="Canada"]')).to_have_attribute("data-status", "present_voting")
