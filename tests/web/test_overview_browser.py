"""The overview in a real browser, on a phone-sized screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme
from tests.conftest import save_screenshot
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_overview_reads_on_a_phone(page: Page, live_server: object, programme: Programme) -> None:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}{seed_url('/')}")
    assert page.locator("section.group").count() == 12
    assert page.locator("tr[data-target]").count() == 29
    forest = page.locator('tr[data-target="forest_cover_2030"] td.latest .value')
    assert forest.inner_text() == "37,8"
    # nothing wider than the screen: no sideways scrolling on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.console_errors == []  # type: ignore[attr-defined]
    save_screenshot(page, "overview-phone")
