"""The dashboard, a target page, the unit comparison and the region view in a real browser, in both
languages: no console error (CSP violations included), figures as in the database, screenshots saved."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from nqtrack.assessments.region import Comparison, region_comparison, region_load
from nqtrack.assessments.selectors import programme_overview
from nqtrack.assessments.units import unit_comparison
from nqtrack.domain.vnnumbers import format_en_number, format_vn_number
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Indicator, Programme
from tests.conftest import save_screenshot
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS
from tests.web.district_figures import DISTRICT_ROWS, HEADER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["vi", "en"]


@pytest.fixture
def loaded(programme: Programme, tmp_path: Path) -> Programme:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    path = tmp_path / "districts.csv"
    path.write_text(HEADER + "\n".join(DISTRICT_ROWS) + "\n", encoding="utf-8")
    observations_import_file(path=path, programme=programme)
    return programme


def open_in(page: Page, url: str, language: str) -> None:
    """Open ``url``; for English, press the language switch as a user would. Every request must stay on
    this server (no CDN, no remote font): the page records the others in ``page.external``."""
    origin = url.split("/", 3)[:3]
    external: list[str] = []
    page.on("request", lambda r: None if r.url.split("/", 3)[:3] == origin else external.append(r.url))
    page.external = external  # type: ignore[attr-defined]
    page.goto(url)
    if language == "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state("load")
    expect(page.locator("html")).to_have_attribute("lang", language)


def figure(value: float | str, language: str, decimals: int) -> str:
    return (format_en_number if language == "en" else format_vn_number)(float(value), decimals)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_dashboard(page: Page, live_server: object, loaded: Programme, language: str) -> None:
    open_in(page, f"{live_server}{seed_url('/')}", language)
    assert page.locator("section.group").count() == 12
    assert page.locator("tr[data-target]").count() == 29
    overview = programme_overview(programme=loaded)
    for row in (r for g in overview.groups for r in g.targets):
        cell = page.locator(f'tr[data-target="{row.target.code}"] td.latest')
        if row.latest is None:
            expect(cell.locator(".nodata")).to_have_text(
                "no figure yet" if language == "en" else "chưa có số liệu"
            )
        else:
            decimals = len(row.latest.value_text.split(".")[1]) if "." in row.latest.value_text else 0
            expect(cell.locator(".value")).to_have_text(figure(row.latest.value_text, language, decimals))
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]  # type: ignore[index]
    save_screenshot(page, f"dashboard-{language}")
    # keyboard only: Tab to the status filter, arrow down to the first status; htmx swaps the dashboard
    # in place, keeps the address shareable and gives the focus back to the filter
    for _ in range(40):
        if page.evaluate("document.activeElement && document.activeElement.id") == "f-trang-thai":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-trang-thai"
    page.keyboard.press("ArrowDown")
    expect(page.locator("tr[data-target]")).to_have_count(1)  # the seed's one achieved target
    expect(page).to_have_url(re.compile(r"trang-thai=achieved"))
    expect(page.locator("#f-trang-thai")).to_have_value("achieved")
    expect(page.locator("#f-trang-thai")).to_be_focused()
    save_screenshot(page, f"dashboard-achieved-{language}")
    assert page.console_errors == []  # type: ignore[attr-defined]
    assert page.external == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_target_page(page: Page, live_server: object, loaded: Programme, language: str) -> None:
    open_in(page, f"{live_server}{seed_url('/chi-tieu/grdp_growth_2021_2030/')}", language)
    chart = page.locator(".chart svg.marks")
    expect(chart).to_be_visible()
    # the drawn chart: one point per figure used (2016–2025), a legend naming the lines
    overview = programme_overview(programme=loaded)
    row = next(r for g in overview.groups for r in g.targets if r.target.code == "grdp_growth_2021_2030")
    assert page.locator(".chart svg g.mark-symbol.role-mark path").count() == len(row.series)
    legend = " ".join(page.locator(".chart svg .role-legend").all_text_contents())
    assert ("Needed from now on" if language == "en" else "Mức cần đạt từ nay") in legend
    a = row.assessment
    assert a.ratio is not None
    assert a.achieved_average is not None
    expect(page.locator('dd[data-number="ratio"]')).to_have_text(figure(a.ratio, language, 4))
    per_year = "%/year" if language == "en" else "%/năm"
    expect(page.locator('dd[data-number="average"]')).to_have_text(
        figure(a.achieved_average, language, 2) + per_year
    )
    assert page.locator("table.values tbody tr").count() == 14
    save_screenshot(page, f"target-{language}")
    assert page.console_errors == []  # type: ignore[attr-defined]
    assert page.external == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_unit_comparison(page: Page, live_server: object, loaded: Programme, language: str) -> None:
    open_in(page, f"{live_server}{seed_url('/so-sanh-don-vi/?chi-tieu=poverty_rate&nam=2022')}", language)
    comparison = unit_comparison(indicator=Indicator.objects.get(code="poverty_rate"), year=2022)
    rows = page.locator("table.units tbody tr")
    assert rows.count() == len(comparison.figures)
    for index, shown in enumerate(comparison.figures):
        expect(rows.nth(index).locator("td.value")).to_have_text(
            figure(shown.observation.value_text, language, 2)
        )
        expect(rows.nth(index).locator("th")).to_have_text(shown.unit.name)
    expect(page.locator(".chart svg.marks")).to_be_visible()
    circles = page.locator(".chart svg g.mark-symbol.role-mark path")
    # the mapped units (with a figure and a centroid), then the grey dots of the others
    assert circles.count() >= len(comparison.mapped)
    save_screenshot(page, f"units-{language}")
    assert page.console_errors == []  # type: ignore[attr-defined]
    assert page.external == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_region_view(page: Page, live_server: object, loaded: Programme, language: str) -> None:
    open_in(page, f"{live_server}{seed_url('/vung/')}", language)
    rows = region_comparison(programme=loaded, region=region_load())
    assert page.locator("table.region tbody tr").count() == len(rows)
    below = sorted(r.region.indicator_code for r in rows if r.comparison == Comparison.BELOW)
    shown = page.locator("table.region tbody tr.cmp-below")
    assert sorted(shown.nth(i).get_attribute("data-indicator") or "" for i in range(shown.count())) == below
    words = "The province aims lower than the region" if language == "en" else "Tỉnh đặt thấp hơn vùng"
    expect(shown.first.locator("td.comparison")).to_have_text(f"▼ {words}")
    save_screenshot(page, f"region-{language}")
    assert page.console_errors == []  # type: ignore[attr-defined]
    assert page.external == []  # type: ignore[attr-defined]
