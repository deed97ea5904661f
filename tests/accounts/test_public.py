"""The public transparency page: published (approved) figures and target statuses only."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nqtrack.observations.models import Observation, Origin, ReviewState, Status
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme, Target
from tests.accounts.conftest import make_user, unit
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db
FOREST = "Tỷ lệ che phủ rừng đạt 37%"


def row_text(html: str, code: str) -> str:
    match = re.search(rf'<tr data-target="{re.escape(code)}">(.*?)</tr>', html, re.S)
    assert match is not None, code
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


def reported(target: Target, year: int, value: str, state: ReviewState, author: User) -> Observation:
    return Observation.objects.create(
        indicator=target.indicator,
        unit=unit("24"),
        period=str(year),
        year=year,
        value=Decimal(value),
        value_text=value,
        measure_unit="percent",
        status=Status.OFFICIAL,
        origin=Origin.REPORTED,
        review_state=state,
        comment="Ghi chú nội bộ: chưa khớp số liệu kiểm lâm",
        created_by=author,
    )


def test_it_shows_published_figures_and_statuses_without_drafts_or_people(
    client: Client, programme: Programme
) -> None:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    forest = Target.objects.get(source_text=FOREST)
    author = make_user("can_bo_kiem_lam", None)
    reported(forest, 2024, "12.4", ReviewState.DRAFT, author)
    reported(forest, 2025, "11.3", ReviewState.SUBMITTED, author)
    response = client.get("/cong-khai/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<tr data-target=") == 29
    assert row_text(html, forest.code) == (
        "Tỷ lệ che phủ rừng “Tỷ lệ che phủ rừng đạt 37%” ≥ 37 37,8 năm 2023 · chính thức ✔ Đã đạt"
    )
    for secret in ("12,4", "11,3", "Ghi chú nội bộ", "can_bo_kiem_lam", "bac-giang-statistics.csv", "@"):
        assert secret not in html, secret


def test_an_approved_reported_figure_is_published(client: Client, programme: Programme) -> None:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    forest = Target.objects.get(source_text=FOREST)
    reported(forest, 2024, "36.1", ReviewState.APPROVED, make_user("can_bo", None))
    html = client.get("/cong-khai/").content.decode()
    assert row_text(html, forest.code).startswith(
        "Tỷ lệ che phủ rừng “Tỷ lệ che phủ rừng đạt 37%” ≥ 37 36,1 năm 2024 · chính thức"
    )
    assert "Ghi chú nội bộ" not in html


def test_without_a_programme_it_says_so(client: Client, db: None) -> None:
    response = client.get("/cong-khai/")
    assert response.status_code == 200
    assert "Chưa có chương trình nào được công bố." in response.content.decode()
