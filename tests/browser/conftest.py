"""Browser tests: Playwright drives Debian's Chromium (no browser download) against a real daphne."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install chromium), "
            "or set CHROMIUM to its path. .ci/run installs it.",
            pytrace=False,
        )
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def room(make_room):
    """The demo committee served by its own daphne, as `make run` serves it."""
    return make_room().prepare().start()


@pytest.fixture
def unstarted_room(make_room):
    """The demo committee, its database ready and its daphne not started yet: a test sets a scene
    from the shell first, then calls `start()`."""
    return make_room().prepare()


@pytest.fixture
def people(browser):
    """Open a browser context per person; screenshots of each land in test-artifacts/."""
    contexts = []

    def open_as(kind: dict):
        context = browser.new_context(**kind)
        context.set_default_timeout(15000)
        contexts.append(context)
        return context.new_page()

    yield open_as
    for context in contexts:
        context.close()


def chair_opens_a_sitting(people, chair_link: str):
    """alice's laptop opens the dashboard by her sign-in link and opens Session I."""
    from playwright.sync_api import expect

    chair = people(LAPTOP)
    chair.goto(chair_link)
    expect(chair.locator("body")).to_have_attribute("data-live", "open")
    expect(chair.locator("#status")).to_contain_text("No sitting open")
    chair.get_by_role("button", name="Open a sitting").click()
    expect(chair.locator("#status")).to_contain_text("Session I")
    return chair


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
