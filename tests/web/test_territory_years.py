"""The dashboard's years after the merger: a post-merger year is offered as soon as a commune of the former
territory has an approved figure for it, and the year the communes' sum makes up for the territory is on
the next dashboard (no cached part from before the last approval), with the store's as-of years."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from pytest_django import DjangoCaptureOnCommitCallbacks

from nqtrack.accounts.models import Role
from nqtrack.accounts.services import ScopeSelection
from nqtrack.assessments.models import StoredAssessment
from nqtrack.assessments.selectors import measured_years
from nqtrack.assessments.services import assessments_refresh, dashboard_years
from nqtrack.observations.entries import observations_save_cells
from nqtrack.observations.review import Batch, review_approve, review_submit
from nqtrack.observations.rows import EntryRow
from nqtrack.observations.services import observations_import_file
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Indicator, Programme
from tests.former_territory import TARGET, TOTAL, territory_communes
from tests.grants import grant
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db

# The GRDP target's row on the dashboard begins with its indicator, its words and its goal.
NAME = "Quy mô GRDP (giá hiện hành) “Quy mô GRDP (giá hiện hành) đạt khoảng 640 nghìn tỷ đồng” khoảng 640.000"
SEED_YEARS = [2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017, 2016, 2015, 2010]


@pytest.fixture
def stored(programme: Programme) -> Programme:
    """The seed figures with every assessment stored (what the bootstrap leaves)."""
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    assessments_refresh(programme=programme)
    return programme


def _dashboard(client: Client, query: str = "") -> tuple[list[int], str]:
    """The dashboard's offered years and the words of the GRDP target's row."""
    response = client.get(seed_url(f"/{query}"))
    assert response.status_code == 200
    html = response.content.decode()
    select = re.search(r'<select name="nam".*?</select>', html, re.S)
    row = re.search(rf'<tr data-target="{TARGET}">(.*?)</tr>', html, re.S)
    assert select is not None
    assert row is not None
    years = [int(year) for year in re.findall(r'<option value="(\d{4})"', select.group(0))]
    return years, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row.group(1))).strip()


def _import_communes(programme: Programme, tmp_path: Path, communes: list[AdminUnit]) -> None:
    """The 2026 GRDP of ``communes`` (100 tỷ đồng times its place) through the statistics import."""
    rows = "".join(
        f"grdp_current_prices,2026,{100 * number},billion_vnd,official,https://example.test/{commune.code},"
        f"2026-12-01,,,{commune.code}\n"
        for number, commune in enumerate(communes, start=1)
    )
    csv = tmp_path / "communes.csv"
    csv.write_text(
        "indicator,year,value,unit,status,source_url,published,quote,note,unit_code\n" + rows,
        encoding="utf-8",
    )
    observations_import_file(path=csv, programme=programme)


def test_the_year_the_communes_make_up_is_on_the_next_dashboard(
    client: Client,
    stored: Programme,
    tmp_path: Path,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    communes = territory_communes()
    *first, last = communes
    before_row = f"{NAME} 207.000 năm 2024 · không rõ · nguồn ➚ Cần đẩy nhanh cần tăng 20,70%/năm"
    assert _dashboard(client) == (SEED_YEARS, before_row)
    assert _dashboard(client) == (SEED_YEARS, before_row)  # warm: from the cache

    with django_capture_on_commit_callbacks(execute=True):
        _import_communes(stored, tmp_path, first)  # 57 of the 58 communes
    # The communes' own figures are measured figures: 2026 is offered (a commune of 2026 can be chosen),
    # while the territory has no 2026 value yet.
    assert _dashboard(client) == ([2026, *SEED_YEARS], before_row)
    assert _dashboard(client, "?nam=2026") == ([2026, *SEED_YEARS], before_row)

    provinces = tuple(AdminUnit.objects.filter(parent=None))
    alice = grant(User.objects.create_user("alice"), Role.REPORTER, ScopeSelection(capture_units=provinces))
    bob = grant(User.objects.create_user("bob"), Role.REVIEWER, ScopeSelection(capture_units=provinces))
    grdp = Indicator.objects.get(programme=stored, code="grdp_current_prices")
    cell = EntryRow(1, grdp.code, last.code, "2026", Decimal(100 * 58), "5800", "official", seen_version=0)
    batch = Batch(programme=stored, unit=last, year=2026, group=grdp.group)
    with django_capture_on_commit_callbacks(execute=True):
        observations_save_cells(user=alice, programme=stored, rows=[cell], channel="web")
        review_submit(user=alice, batch=batch, channel="web")
    assert _dashboard(client) == ([2026, *SEED_YEARS], before_row)  # waiting for review: not yet

    with django_capture_on_commit_callbacks(execute=True):
        review_approve(user=bob, batch=batch, channel="web")
    assert f"{TOTAL:,}".replace(",", ".") == "171.100"
    after_row = f"{NAME} 171.100 năm 2026 · chính thức ▽ Tiến triển hạn chế cần tăng 39,07%/năm"
    assert _dashboard(client) == ([2026, *SEED_YEARS], after_row)
    assert _dashboard(client, "?nam=2026") == ([2026, *SEED_YEARS], after_row)
    assert _dashboard(client, "?nam=2025") == ([2026, *SEED_YEARS], before_row)
    # What else reads the measured years: the store's as-of years follow them.
    assert measured_years(programme=stored) == [2026, *SEED_YEARS]
    assert dashboard_years(programme=stored) == (2025, 2026)
    as_of = StoredAssessment.objects.filter(target__code=TARGET, unit_code="24").values_list(
        "as_of", flat=True
    )
    assert sorted(as_of, key=lambda year: year or 0) == [None, 2025, 2026]
