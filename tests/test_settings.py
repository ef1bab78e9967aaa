"""Settings come from the environment and a bad value stops the start with a message saying which."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def start_with(tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY"}}
    clean.update({"VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings", **env})
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CHANNEL_LAYERS['default']['BACKEND'], s.DEBUG)"
    )
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60)


def test_the_embedded_default_is_sqlite_and_the_in_memory_layer(tmp_path):
    result = start_with(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "committee.live.layer.RoomChannelLayer",
        "False",
    ]
    assert (tmp_path / "secret_key").exists()  # kept, so sessions survive a restart of the laptop


def test_database_and_redis_urls_switch_to_the_multi_process_setup(tmp_path):
    result = start_with(
        tmp_path,
        DATABASE_URL="postgresql://postgres@127.0.0.1:5432/test",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == [
        "django.db.backends.postgresql",
        "channels_redis.pubsub.RedisPubSubChannelLayer",
    ]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe'"),
        ({"DATABASE_URL": "mysql://root@localhost/mun"}, "scheme 'mysql' is not supported"),
        ({"REDIS_URL": "http://127.0.0.1:6379"}, "REDIS_URL"),
        ({"TIME_ZONE": "Mars/Olympus_Mons"}, "not a known time zone"),
        ({"SECRET_KEY": "short"}, "at least 50 characters"),
        ({"SECRET_KEY": "k" * 60}, "at least 5 different"),
        ({"CSRF_TRUSTED_ORIGINS": "mun.example.org"}, "must start with http"),
    ],
)
def test_a_bad_value_stops_the_start_and_names_itself(tmp_path, env, message):
    result = start_with(tmp_path, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_this_run_of_the_suite_is_on_the_setup_it_says(db):
    """`make test` runs twice; the second run must really talk to PostgreSQL and Redis, not fall back."""
    from channels.layers import get_channel_layer
    from django.db import connection

    from tests.services import services_setup

    layer = type(get_channel_layer()).__name__
    if services_setup():
        assert (connection.vendor, layer) == ("postgresql", "RedisPubSubChannelLayer")
    else:
        assert (connection.vendor, layer) == ("sqlite", "RoomChannelLayer")
