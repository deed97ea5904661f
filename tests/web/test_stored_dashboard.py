"""The dashboard and target pages with a refreshed store of assessments: no engine run, few queries."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoCaptureOnCommitCallbacks

from nqtrack.assessments.selectors import Overview
from nqtrack.assessments.services import assessments_refresh
from nqtrack.domain.progress import Status
from nqtrack.observations.models import Observation, ReviewState
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme, Target
from tests.assessments.engine_spy import spy_on_engine
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db

# What differs between two answers to the same request: the CSRF token and the CSP nonce.
VOLATILE = re.compile(r'(name="csrfmiddlewaretoken" value=|nonce=)"[^"]*"')

# The dashboard's first page: every figure, then 2025 and 2024 for "what changed since last year".
FIRST_PAGE_YEARS = (2024, 2025)


@pytest.fixture
def loaded(programme: Programme) -> Programme:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    return programme


def dashboard_queries(client: Client, path: str = seed_url("/")) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_without_a_store_the_dashboard_assesses_every_target_three_times(
    client: Client, loaded: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = spy_on_engine(monkeypatch)

    client.get(seed_url("/"))

    assert len(engine) == 3 * 29  # every figure, as of 2025 and as of 2024


def test_a_refreshed_store_means_no_assessment_on_the_pages(
    client: Client, loaded: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessments_refresh(programme=loaded, as_of_years=FIRST_PAGE_YEARS)
    engine = spy_on_engine(monkeypatch)

    for path in map(seed_url, ("/", "/?nam=2025", "/?don-vi=215", "/chi-tieu/forest_cover_2030/")):
        assert client.get(path).status_code == 200, path

    assert engine == []
    html = client.get(seed_url("/")).content.decode()
    counts = re.search(r'<ul class="counts"[^>]*>(.*?)</ul>', html, re.S)
    assert counts is not None
    assert re.sub(r"<[^>]+>|\s+", " ", counts.group(1)).split() == (
        "✔ Đã đạt 1 ▲ Đúng hướng, có khả năng đạt 3 ➚ Cần đẩy nhanh 3 ? Chưa đủ số liệu 22".split()
    )


def test_the_dashboard_queries_do_not_grow_with_targets_or_figures(client: Client, loaded: Programme) -> None:
    assessments_refresh(programme=loaded, as_of_years=FIRST_PAGE_YEARS)
    queries, html = dashboard_queries(client)
    assert html.count("<tr data-target=") == 29

    # Twice the targets (a copy of each) and twice the province's yearly figures (a copy 20 years earlier).
    for target in Target.objects.filter(indicator__programme=loaded):
        target.pk = None
        target._state.adding = True
        target.code += "_ban_sao"
        target.save()
    province = Observation.objects.filter(
        indicator__programme=loaded, unit__code="24", review_state=ReviewState.APPROVED, year__isnull=False
    )
    copies = 0
    for obs in province:
        if obs.year is not None and obs.period == str(obs.year):
            obs.pk = None
            obs._state.adding = True
            obs.year -= 20
            obs.period = str(obs.year)
            obs.save()
            copies += 1
    assert copies > 100
    assessments_refresh(programme=loaded, as_of_years=FIRST_PAGE_YEARS)

    more_queries, more_html = dashboard_queries(client)

    assert more_html.count("<tr data-target=") == 58
    assert more_queries == queries
    # Cold (the first page after a change), a fixed list: the programme, its years, the units of the
    # filter, one read of figures, groups, milestones, targets and population for the page and the two years
    # it compares, and three of stored assessments; none once per target or figure. Thirteen more say what
    # happened to the territory: the programme's territory and the unit that took its code (which the
    # figures read leave out), and the crosswalk walk to the communes that now cover it. Two more read the
    # former territory's sums after the merger: the territory, and one read of its communes' figures for
    # every additive indicator (two more per year with such figures; the seed has none). Three more for the
    # statistical territory Bắc Giang (địa bàn cũ): its figures in the series, and the programme's territory
    # and the statistical territory for the unit filter. One more names the default programme for the
    # page's links (kept with the pages afterwards: web/templatetags/programme_urls.py).
    assert queries == 39
    # Warm, every part comes from the page cache: only the session's and the first-run guide's reads.
    warm_queries, warm_html = dashboard_queries(client)
    assert VOLATILE.sub("", warm_html) == VOLATILE.sub("", more_html)
    assert warm_queries == 0


def test_the_target_page_queries_do_not_grow_with_targets(client: Client, loaded: Programme) -> None:
    assessments_refresh(programme=loaded, as_of_years=FIRST_PAGE_YEARS)
    queries, _html = dashboard_queries(client, seed_url("/chi-tieu/forest_cover_2030/"))
    for target in Target.objects.filter(indicator__programme=loaded):
        target.pk = None
        target._state.adding = True
        target.code += "_ban_sao"
        target.save()

    more_queries, _html = dashboard_queries(client, seed_url("/chi-tieu/forest_cover_2030/"))

    assert more_queries == queries


def forest_row_status(html: str) -> str:
    row = re.search(r'<tr data-target="forest_cover_2030">(.*?)</tr>', html, re.S)
    assert row is not None
    [status] = set(re.findall(r'data-status="([a-z_]+)"', row.group(1)))
    return str(status)


def test_an_imported_figure_shows_on_the_dashboard_from_the_store(
    client: Client,
    loaded: Programme,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    live_overview: Callable[..., Overview],
) -> None:
    assessments_refresh(programme=loaded, as_of_years=FIRST_PAGE_YEARS)
    assert forest_row_status(client.get(seed_url("/")).content.decode()) == Status.ACHIEVED
    csv = tmp_path / "rung.csv"
    csv.write_text(
        "indicator,year,value,unit,status,source_url,published,quote,note\n"
        "forest_cover,2024,36.2,percent,official,https://example.test/rung,2025-02-10,,\n",
        encoding="utf-8",
    )

    with django_capture_on_commit_callbacks(execute=True) as refresh:
        summary = observations_import_file(path=csv, programme=loaded)
    engine = spy_on_engine(monkeypatch)
    html = client.get(seed_url("/")).content.decode()

    assert (summary.created, len(refresh)) == (1, 1)
    # 36.2 % in 2024, down from 37.8 % in 2023: below the 37 % target and moving away from it, read from
    # the refreshed store, as the engine says.
    assert forest_row_status(html) == Status.MOVING_AWAY
    assert "36,2 năm 2024 · chính thức" in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert engine == []
    live = live_overview(programme=loaded)
    forest = next(r for g in live.groups for r in g.targets if r.target.code == "forest_cover_2030")
    assert forest.assessment.status == Status.MOVING_AWAY
