"""Shared fixtures: the real shipped data, loaded through the same services `make run` uses."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import settings as hypothesis_settings
from playwright.sync_api import Browser, Page, sync_playwright
from pytest_django.fixtures import Settings

from nqtrack.accounts.models import Role
from nqtrack.assessments.models import StoredAssessment
from nqtrack.assessments.selectors import Overview, programme_overview
from nqtrack.places.services import units_load_history
from nqtrack.programmes.models import IndicatorGroup, Organisation, Programme
from nqtrack.programmes.services import programme_load_file
from tests.accounts.conftest import DEPARTMENT, DEPARTMENT_GROUP, Cast, make_user, unit
from tests.seed import SEED_PROGRAMME, SEED_UNITS

# The property tests (tests/web/test_fuzz.py, tests/api/test_schema.py) draw fresh examples on each local
# run, to keep exploring; CI (HYPOTHESIS_PROFILE=ci, set by .ci/run) draws the same ones every time, so a
# failure there is reproducible and a change never lands or fails by luck.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Every test starts and ends in the site's language: a test that switches to English (the language
    cookie, ``translation.activate``) must not leave it active for the next one in the thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_page_cache() -> Iterator[None]:
    """Every test starts with an empty cache (nqtrack.core.pagecache): the database of each test starts
    anew, with ids an earlier test's cached pages may have used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def units(db: None) -> None:
    """The administrative units of Bắc Giang with their history."""
    units_load_history(csv_path=SEED_UNITS)


@pytest.fixture
def programme(units: None) -> Programme:
    """The seed programme, loaded."""
    return programme_load_file(path=SEED_PROGRAMME).programme


@pytest.fixture
def live_overview(db: None) -> Callable[..., Overview]:
    """``programme_overview`` with every assessment computed by the engine, none read from the store: the
    stored rows are deleted in a savepoint that is rolled back, so the store is left as it was."""

    def overview(**kwargs: Any) -> Overview:
        with transaction.atomic():
            StoredAssessment.objects.all().delete()
            found = programme_overview(**kwargs)
            transaction.set_rollback(True)
        return found

    return overview


@pytest.fixture
def cast(programme: Programme, settings: Settings, tmp_path: Path) -> Cast:
    """The cast of the permission tests (tests/accounts/conftest.py): one user per role and scope."""
    settings.MEDIA_ROOT = tmp_path / "media"  # the sample uploads (evidence files) stay out of var/
    department = Organisation.objects.get(programme=programme, code=DEPARTMENT)
    group = IndicatorGroup.objects.get(programme=programme, number=DEPARTMENT_GROUP)
    province = unit("24")
    admin = make_user("admin", Role.ADMINISTRATOR)
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    return Cast(
        programme=programme,
        commune_reporter=make_user("xa_tu_lan", Role.REPORTER, capture_units=[unit("07774")]),
        district_reporter=make_user("huyen_viet_yen", Role.REPORTER, capture_units=[unit("222")]),
        province_reviewer=make_user("duyet_tinh", Role.REVIEWER, capture_units=[province]),
        department_reporter=make_user(
            "ban_tuyen_giao",
            Role.REPORTER,
            capture_units=[province],
            capture_organisations=[department],
            capture_indicator_groups=[group],
        ),
        viewer=make_user(
            "lanh_dao",
            Role.VIEWER,
            view_units=[province],
            view_organisations=list(Organisation.objects.filter(programme=programme, parent=None)),
        ),
        manager=make_user("quan_ly", Role.PROGRAMME_MANAGER),
        admin=admin,
        admin_device=device,
    )


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
