"""Every target of the seed programme assessed on the real published figures."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from nqtrack.assessments.selectors import programme_overview
from nqtrack.domain.progress import Status
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme
from tests.former_territory import MISSING_ONE, TARGET, enter_2026, territory_communes
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS


@pytest.fixture
def loaded(programme: Programme) -> Programme:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    return programme


@pytest.mark.django_db
def test_every_target_gets_a_status_or_a_reason(loaded: Programme) -> None:
    overview = programme_overview(programme=loaded)
    rows = {row.target.code: row.assessment for group in overview.groups for row in group.targets}
    assert len(rows) == 29
    for code, assessment in rows.items():
        if assessment.status == Status.INSUFFICIENT_DATA:
            assert assessment.reason, code
    # One figure is one rule, met or not: the product-tax share (2,1 % in 2022 against 2–3 %) is not
    # "achieved" while the other one-figure shares are "not enough data".
    assert {s: n for s, n in overview.counts.items() if n} == {
        Status.ACHIEVED: 1,
        Status.ON_TRACK: 3,
        Status.NEEDS_ACCELERATION: 3,
        Status.INSUFFICIENT_DATA: 22,
    }
    taxes = rows["share_product_taxes_2030"]
    assert (taxes.status, taxes.reason_code) == (Status.INSUFFICIENT_DATA, "single_year")
    assert taxes.explanation_vi == "Năm 2022: 2,1%, đã đạt 2–3%; chưa đủ số liệu để đánh giá xu hướng."
    # GRDP growth 2021-2024 chained: (1.0782 × 1.193 × 1.1345 × 1.1385)^(1/4) − 1 = 13.53 %/yr.
    # To average 15 % over 2021-2030 the 6 remaining years need (1.15^10 / 1.6614)^(1/6) − 1 = 15.99 %/yr,
    # and for 16 %: (1.16^10 / 1.6614)^(1/6) − 1 = 17.67 %/yr.
    grdp = rows["grdp_growth_2021_2030"]
    assert grdp.status == Status.NEEDS_ACCELERATION
    assert round(grdp.achieved_average or 0, 2) == 13.53
    assert (round(grdp.required_per_year.low or 0, 2), round(grdp.required_per_year.high or 0, 2)) == (
        15.99,
        17.67,
    )
    # Forest cover 2023 is 37.8 % (official) against ≥ 37 %: achieved.
    assert (rows["forest_cover_2030"].status, rows["forest_cover_2030"].latest_value) == (
        Status.ACHIEVED,
        37.8,
    )
    # Poverty, from 2021 (new standard): (5.27 − 1.73) / 3 = 1.18 points a year, within the band 1–1.5.
    poverty = rows["poverty_rate_reduction_2021_2030"]
    assert (poverty.status, poverty.base_year, round(poverty.observed_growth or 0, 2)) == (
        Status.ON_TRACK,
        2021,
        1.18,
    )
    assert rows["hospital_beds_per_10000_2030"].reason == "không có số liệu"


@pytest.mark.django_db
def test_the_overview_warns_where_targets_disagree(loaded: Programme) -> None:
    # 640.000 tỷ đồng / 1.900.000 người (2023) = 336,8 triệu đồng a head, not 275.
    [warning] = programme_overview(programme=loaded).warnings
    assert warning.code == "grdp_per_head_mismatch"
    assert round(warning.numbers["implied_per_head_million_vnd"], 1) == 336.8


@pytest.mark.django_db
def test_assess_programme_prints_a_line_per_target(loaded: Programme) -> None:
    out = StringIO()
    call_command("assess", programme="", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 + 29 + 1
    assert lines[1].split()[:2] == ["grdp_growth_2021_2030", "needs_acceleration"]
    assert lines[-1] == (
        "Tổng: 29 chỉ tiêu — Đã đạt: 1; Đúng hướng, có khả năng đạt: 3; Cần đẩy nhanh: 3; Chưa đủ số liệu: 22"
    )


def test_assess_reads_a_json_document(tmp_path: Path) -> None:
    # Base 2015 (first year): observed (35.5/35)^(1/7) − 1 = 0.2028 %/yr; required (37/35)^(1/15) − 1
    # = 0.3712 %/yr; ratio 0.5465 → limited progress (0 ≤ ratio < 0.6).
    document = {
        "target": {"kind": "level", "comparator": "at_least", "low": 37, "year": 2030, "direction": "higher"},
        "series": {"2015": 35.0, "2022": 35.5},
        "method": "ratio",
    }
    path = tmp_path / "in.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    out = StringIO()
    call_command("assess", input=path, stdout=out)
    result = json.loads(out.getvalue())
    assert (result["status"], round(result["ratio"], 4)) == ("limited_progress", 0.5465)
    assert (result["base_year"], result["latest_year"], result["latest_value"]) == (2015, 2022, 35.5)
    assert round(result["projected_value"], 2) == 36.08


def test_assess_rejects_bad_json_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"target": ', encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("assess", input=path)
    assert str(caught.value).startswith("JSON không hợp lệ ở dòng 1, cột 12")


GAP_2026 = f"Năm 2026 của địa bàn cũ không có giá trị: {MISSING_ONE}."


def _assess_lines(**options: object) -> list[str]:
    out = StringIO()
    call_command("assess", programme="", stdout=out, **options)
    return out.getvalue().splitlines()


@pytest.mark.django_db
def test_assess_programme_says_why_the_communes_make_no_2026_value(loaded: Programme, client: Client) -> None:
    before, before_2025 = _assess_lines(), _assess_lines(as_of=2025)
    enter_2026(loaded, territory_communes()[:-1])  # one commune of the former territory has no figure
    lines = _assess_lines()
    [line] = [line for line in lines if GAP_2026 in line]
    # Said once, on the target's own line, after its explanation: the line is the one before with the
    # sentence the target page shows.
    assert line.startswith(f"{TARGET} ")
    assert line == f"{next(old for old in before if old.startswith(f'{TARGET} '))} {GAP_2026}"
    assert [old for old in lines if old != line] == [
        old for old in before if not old.startswith(f"{TARGET} ")
    ]
    page = client.get(seed_url(f"/chi-tieu/{TARGET}/")).content.decode()
    assert f'<p class="territory-note" role="note">{GAP_2026}</p>' in page
    # As of 2025 the year is not yet asked for: nothing is said.
    assert _assess_lines(as_of=2025) == before_2025


@pytest.mark.django_db
def test_assess_programme_says_nothing_once_every_commune_has_its_figure(loaded: Programme) -> None:
    communes = territory_communes()
    enter_2026(loaded, communes)
    lines = _assess_lines()
    assert not [line for line in lines if "không có giá trị" in line]
    assert "171.100 (2026)" in next(line for line in lines if line.startswith(f"{TARGET} "))
