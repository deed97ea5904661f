"""The dashboard at `/`: the 12 groups, each target with its figures or what is missing, filters, changes."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from nqtrack.assessments.dashboard import changes_since_last_year
from nqtrack.assessments.selectors import programme_overview, unit_series
from nqtrack.domain.progress import Status
from nqtrack.observations.models import Observation
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme, Target
from nqtrack.web.templatetags.vn import vn_number
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def target_cell(html: str, code: str) -> str:
    match = re.search(rf'<tr data-target="{re.escape(code)}">(.*?)</tr>', html, re.S)
    assert match is not None, code
    return text(match.group(1))


@pytest.fixture
def loaded(programme: Programme) -> Programme:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    return programme


def test_it_shows_every_group_and_target_with_its_latest_value(client: Client, loaded: Programme) -> None:
    response = client.get(seed_url("/"))
    assert response.status_code == 200
    html = response.content.decode()
    assert [int(n) for n in re.findall(r'<section class="group" id="nhom-(\d+)">', html)] == list(
        range(1, 13)
    )
    assert html.count("<tr data-target=") == 29
    forest = Target.objects.get(source_text="Tỷ lệ che phủ rừng đạt 37%")
    assert target_cell(html, forest.code) == (
        "Tỷ lệ che phủ rừng “Tỷ lệ che phủ rừng đạt 37%” ≥ 37 37,8 năm 2023 · chính thức · nguồn ✔ Đã đạt"
    )
    gdp = Target.objects.get(indicator__code="grdp_current_prices")
    # 2024: 207.000 (01/2025, unstated status) replaces the 209.150 estimate; thousands dot
    assert "207.000 năm 2024 · không rõ" in target_cell(html, gdp.code)
    beds = Target.objects.get(source_text__startswith="Đạt 40 giường bệnh")
    assert target_cell(html, beds.code).endswith(
        "chưa có số liệu ? Chưa đủ số liệu Cần số liệu năm gốc 2020 và ít nhất một năm sau đó (đến 2030)."
    )
    growth = Target.objects.get(indicator__code="grdp_growth")
    assert target_cell(html, growth.code).endswith("➚ Cần đẩy nhanh cần tăng 15,99–17,67%/năm")
    poverty = Target.objects.get(indicator__code="poverty_rate")
    assert target_cell(html, poverty.code).endswith("▲ Đúng hướng, có khả năng đạt cần giảm 0,29 điểm/năm")
    # counts per status, each with icon and words, never colour alone
    counts = re.search(r'<ul class="counts"[^>]*>(.*?)</ul>', html, re.S)
    assert counts is not None
    assert text(counts.group(1)).split() == (
        "✔ Đã đạt 1 ▲ Đúng hướng, có khả năng đạt 3 ➚ Cần đẩy nhanh 3 ? Chưa đủ số liệu 22".split()
    )


def test_every_target_shows_its_figure_or_what_is_missing(client: Client, loaded: Programme) -> None:
    html = client.get(seed_url("/")).content.decode()
    overview = programme_overview(programme=loaded)
    rows = [row for group in overview.groups for row in group.targets]
    assert len(rows) == 29
    for row in rows:
        cell = target_cell(html, row.target.code)
        latest = row.latest
        if latest is None:
            assert "chưa có số liệu" in cell, row.target.code
            assert "Cần số liệu năm gốc 2020 và ít nhất một năm sau đó" in cell, row.target.code
        else:
            assert f"{vn_number(latest.value_text)} năm {latest.year}" in cell, row.target.code
        if row.assessment.status == Status.INSUFFICIENT_DATA and latest is not None:
            assert row.assessment.reason, row.target.code
            assert row.assessment.reason in cell, row.target.code
    single = next(r for r in rows if r.assessment.reason_code == "single_year")
    assert target_cell(html, single.target.code).endswith(single.assessment.reason or "?")


def test_a_trend_line_is_drawn_from_two_figures_on(client: Client, loaded: Programme) -> None:
    html = client.get(seed_url("/")).content.decode()
    row = re.search(r'<tr data-target="forest_cover_2030">(.*?)</tr>', html, re.S)
    assert row is not None
    svg = re.search(r'<svg class="spark"[^>]*aria-label="([^"]*)"[^>]*>(.*?)</svg>', row.group(1), re.S)
    assert svg is not None
    assert svg.group(1) == "Xu hướng 2018–2023: 36,44 → 37,8"
    # 2018, 2020, 2023: no two consecutive years, so no line joins them (a missing year is never
    # bridged), each is a dot. Over a 96 px box (3 px padding): x = 3 + (year − 2018)/5 × 90; the lowest
    # figure (36,44) at the bottom (y = 25), the highest (38,0) at the top (y = 3).
    assert "<polyline" not in svg.group(2)
    dots = re.findall(r'<circle cx="([^"]*)" cy="([^"]*)" r="1.5"', svg.group(2))
    assert [(float(x), float(y)) for x, y in dots][:2] == [(3.0, 25.0), (39.0, 3.0)]
    assert [float(x) for x, _y in dots] == [3.0, 39.0, 93.0]
    # GRDP growth: yearly rates 2016–2019 and 2021–2024, no 2020: two lines, not one across the gap.
    growth = re.search(r'<tr data-target="grdp_growth_2021_2030">(.*?)</tr>', html, re.S)
    assert growth is not None
    assert len(re.findall(r"<polyline ", growth.group(1))) >= 2
    beds = re.search(r'<tr data-target="hospital_beds_per_10000_2030">(.*?)</tr>', html, re.S)
    assert beds is not None
    assert "<svg" not in beds.group(1)


def test_without_a_programme_it_says_how_to_load_one(client: Client, db: None) -> None:
    response = client.get("/")  # no programme to redirect to: the short URL answers itself
    assert response.status_code == 200
    assert "nqtrack bootstrap" in response.content.decode()


def test_the_as_of_year_assesses_on_earlier_figures(client: Client, loaded: Programme) -> None:
    html = client.get(seed_url("/?nam=2022")).content.decode()
    forest = Target.objects.get(source_text="Tỷ lệ che phủ rừng đạt 37%")
    assert "38,0 năm 2020 · không rõ" in target_cell(html, forest.code)
    assert "số liệu đến năm 2022" in html


def test_the_status_filter_keeps_only_that_status(client: Client, loaded: Programme) -> None:
    html = client.get(seed_url("/?trang-thai=achieved")).content.decode()
    shown = re.findall(r'<tr data-target="([^"]+)">', html)
    overview = programme_overview(programme=loaded)
    expected = [
        row.target.code
        for group in overview.groups
        for row in group.targets
        if row.assessment.status == Status.ACHIEVED
    ]
    assert len(expected) == 1  # forest cover; the one-figure product-tax share is not judged
    assert shown == expected
    assert html.count('<section class="group"') == 12  # every group stays, saying when none matches
    assert html.count("Không có chỉ tiêu nào ở trạng thái đã chọn.") == 12 - len(
        {
            r.target.indicator.group_id
            for group in overview.groups
            for r in group.targets
            if r.target.code in expected
        }
    )


def test_a_district_shows_its_own_figures_and_is_not_judged_on_province_totals(
    client: Client, loaded: Programme
) -> None:
    html = client.get(seed_url("/?don-vi=220")).content.decode()  # Sơn Động
    assert "Chỉ tiêu cụ thể đến năm 2030 · Huyện Sơn Động" in html
    poverty = Target.objects.get(code="poverty_rate_reduction_2021_2030")
    series = unit_series(programme=loaded, code="220")[poverty.indicator_id]
    assert sorted(series) == [2016, 2017, 2018, 2019, 2020]  # published for Sơn Động: the old standard
    latest = series[2020]
    assert f"{vn_number(latest.value_text)} năm 2020" in target_cell(html, poverty.code)
    assert "37,8" not in target_cell(html, "forest_cover_2030")  # the province's figure is not shown
    assert target_cell(html, "grdp_current_prices_2030").endswith(
        "Chỉ tiêu là tổng của cả tỉnh: không đánh giá cho một huyện hay xã."
    )


def test_bad_filters_are_reported_and_ignored(client: Client, loaded: Programme) -> None:
    before = Observation.objects.count()
    html = client.get(seed_url("/?nam=19x&don-vi=999&trang-thai=tot")).content.decode()
    problems = re.search(r'<div class="problems" role="alert">(.*?)</div>', html, re.S)
    assert problems is not None
    assert text(problems.group(1)) == (
        "Năm “19x” không dùng được: chọn một năm từ 2010 đến 2025. "
        "Không có đơn vị hành chính mã “999” trong danh sách. "
        "Không có trạng thái “tot”."
    )
    assert html.count("<tr data-target=") == 29  # the whole programme, as if unfiltered
    assert Observation.objects.count() == before


def test_htmx_gets_only_the_dashboard_part(client: Client, loaded: Programme) -> None:
    response = client.get(seed_url("/?trang-thai=on_track"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="dashboard">')
    assert "<html" not in html
    assert len(re.findall(r'<tr data-target="', html)) == 3


def test_the_change_strip_lists_targets_whose_status_moved(client: Client, loaded: Programme) -> None:
    changes = changes_since_last_year(programme=loaded, year=2023)
    assert changes, "the real figures move some status between 2022 and 2023"
    before = programme_overview(programme=loaded, as_of=2022)
    after = programme_overview(programme=loaded, as_of=2023)
    status_then = {r.target.code: r.assessment.status for g in before.groups for r in g.targets}
    status_now = {r.target.code: r.assessment.status for g in after.groups for r in g.targets}
    moved = {code for code in status_now if status_now[code] != status_then[code]}
    assert {c.row.target.code for c in changes} == moved
    html = client.get(seed_url("/?nam=2023")).content.decode()
    assert "Thay đổi so với năm trước (2022 → 2023)" in html
    shown = re.findall(r'<li data-change="([^"]+)"', html)
    assert sorted(shown) == sorted(moved)
    first = changes[0]
    item = re.search(rf'<li data-change="{first.row.target.code}"[^>]*>(.*?)</li>', html, re.S)
    assert item is not None
    words = {s: w for s, w in (("before", first.before), ("after", first.after))}
    assert f'data-status="{words["before"]}"' in item.group(1)
    assert f'data-status="{words["after"]}"' in item.group(1)
