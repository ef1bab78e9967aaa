"""The two setups the suite runs on: the embedded default (SQLite, the in-memory channel layer) and the
multi-process one (PostgreSQL and Redis, which this machine and CI run on localhost).

`make test` runs the whole suite on the embedded setup, then the database, channel-layer and live
tests again with MUN_SETUP=services, DATABASE_URL and REDIS_URL pointing at the local servers. With
CI=true a missing server fails the run; on a developer's laptop without them it says so and skips.

    python -m tests.services      # exit 0: both reachable; 3: not here (skip); 1: not here in CI
"""

from __future__ import annotations

import os
import secrets
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

PG = os.environ.get("TEST_PG", "postgresql://postgres@127.0.0.1:5432")
REDIS = os.environ.get("TEST_REDIS", "redis://127.0.0.1:6379/1")
SKIP = 3


def services_setup() -> bool:
    """True in the second run of `make test`: the tests' own databases and layers are the servers'."""
    return os.environ.get("MUN_SETUP") == "services"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def problems() -> list[str]:
    found = []
    for name, url, port in (("PostgreSQL", PG, 5432), ("Redis", REDIS, 6379)):
        parts = urlsplit(url)
        try:
            with socket.create_connection((parts.hostname, parts.port or port), timeout=3):
                pass
        except OSError as error:
            found.append(f"{name} is not reachable at {parts.hostname}:{parts.port or port} ({error})")
    return found


@contextmanager
def fresh_database() -> Iterator[str]:
    """A PostgreSQL database of its own for one server under test, dropped afterwards."""
    import psycopg

    name = f"mun_test_{secrets.token_hex(4)}"
    try:
        admin = psycopg.connect(f"{PG}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        raise RuntimeError(f"PostgreSQL is not reachable ({error}); .ci/run starts it") from error
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def services_env(database_url: str) -> dict[str, str]:
    """What a server process of the multi-process setup is started with."""
    return {
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS,
        "REDIS_PREFIX": f"mun-test-{secrets.token_hex(4)}",
        "SECRET_KEY": secrets.token_urlsafe(50),  # every process of one deployment shares it (sessions, signed values)
    }


def main() -> int:
    found = problems()
    if not found:
        return 0
    for problem in found:
        print(f"tests.services: {problem}", file=sys.stderr)
    if in_ci():
        print("tests.services: CI=true, so a missing server fails the run (.ci/run starts them).", file=sys.stderr)
        return 1
    print("tests.services: the PostgreSQL + Redis run of the suite is SKIPPED on this machine.", file=sys.stderr)
    return SKIP


if __name__ == "__main__":
    sys.exit(main())
