"""Shared fixtures: the real shipped data, loaded through the same services `make run` uses."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from nqtrack.places.services import units_load_history
from nqtrack.programmes.models import Programme
from nqtrack.programmes.services import programme_load_file
from tests.seed import SEED_PROGRAMME, SEED_UNITS


@pytest.fixture
def units(db: None) -> None:
    """The administrative units of Bắc Giang with their history."""
    units_load_history(csv_path=SEED_UNITS)


@pytest.fixture
def programme(units: None) -> Programme:
    """The seed programme, loaded."""
    return programme_load_file(path=SEED_PROGRAMME).programme


# -- browser tests: Debian's Chromium driven by Playwright -----------------------------------------------

ARTEFACTS = Path(__file__).resolve().parent.parent / "var" / "test-artefacts"
CHROMIUM = "/usr/bin/chromium"
# Chromium flags for a closed network and a root user (see the machine notes in the README).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """A headless Chromium for the session (Playwright's sync API in the main thread)."""
    # Playwright runs an event loop in this thread; Django's ORM, used by the tests themselves, refuses
    # to run inside one unless told it is safe, which it is here (a single test thread).
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    """A fresh page that records console errors in ``page.console_errors`` (tests assert it stays empty)."""
    context = chromium.new_context(locale="vi-VN")
    new_page = context.new_page()
    errors: list[str] = []
    new_page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    new_page.on("pageerror", lambda error: errors.append(str(error)))
    new_page.console_errors = errors  # type: ignore[attr-defined]
    yield new_page
    context.close()


def save_screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as a test artefact under var/test-artefacts/."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
