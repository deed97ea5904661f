"""Reads behind the dashboard: years, units to filter by, linked tasks, warnings per target."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from nqtrack.assessments.dashboard import (
    dashboard_units,
    indicator_subject,
    linked_tasks,
    target_warnings,
)
from nqtrack.assessments.selectors import measured_years, programme_overview
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme, Target
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(programme: Programme) -> Programme:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    return programme


def test_years_to_judge_are_measured_ones_up_to_this_year(loaded: Programme) -> None:
    years = measured_years(programme=loaded, today=date(2026, 6, 1))
    assert years[0] == 2025
    assert years[-1] == 2010
    assert 2030 not in years  # 2030 rows are plans (health insurance coverage goals)
    assert measured_years(programme=loaded, today=date(2023, 6, 1))[0] == 2023


def test_units_to_filter_by_follow_the_frame_of_the_year(loaded: Programme, tmp_path: Path) -> None:
    units = dashboard_units(programme=loaded, year=2023)
    assert [u.level for u in units[:1]] == ["province"]
    assert units[0].name == "Tỉnh Bắc Giang"
    districts = [u for u in units if u.level == "district"]
    assert len(districts) == 10  # 1 city + 9 districts in the 2022 frame
    assert not [u for u in units if u.level == "commune"]  # no commune has a figure yet
    csv = tmp_path / "commune.csv"
    csv.write_text(
        "indicator,year,value,unit,status,source_url,published,quote,note,unit_code\n"
        "poverty_rate,2023,0.40,percent,official,https://example.test/x,2024-01-05,,,07210\n",
        encoding="utf-8",
    )
    observations_import_file(path=csv, programme=loaded)
    communes = [u for u in dashboard_units(programme=loaded, year=2023) if u.level == "commune"]
    assert [(u.code, u.name) for u in communes] == [("07210", "Phường Hoàng Văn Thụ")]
    # after the 2025-01-01 merger Yên Dũng is gone from the district list
    names_2025 = {u.name for u in dashboard_units(programme=loaded, year=2025)}
    assert "Huyện Yên Dũng" not in names_2025
    assert "Huyện Yên Dũng" in {u.name for u in districts}


@pytest.mark.parametrize(
    ("name", "subject"),
    [
        ("Tỷ lệ che phủ rừng", "che phủ rừng"),
        ("Số giường bệnh/vạn dân", "giường bệnh"),
        ("Tốc độ tăng trưởng kinh tế (GRDP)", "tăng trưởng kinh tế"),
        ("Quy mô GRDP (giá hiện hành)", "grdp"),
    ],
)
def test_the_subject_of_an_indicator_drops_generic_words(name: str, subject: str) -> None:
    assert indicator_subject(name) == subject


def test_tasks_link_to_the_targets_they_name(loaded: Programme) -> None:
    growth = Target.objects.get(code="grdp_growth_2021_2030")
    assert [t.code for t in linked_tasks(target=growth)] == ["III.3.1", "III.3.2"]
    assert linked_tasks(target=Target.objects.get(code="forest_cover_2030")) == []


def test_warnings_go_to_the_targets_they_concern(loaded: Programme) -> None:
    warnings = programme_overview(programme=loaded).warnings
    assert {w.code for w in warnings} == {"grdp_per_head_mismatch"}
    per_head = Target.objects.get(code="grdp_per_capita_2030")
    gdp = Target.objects.get(code="grdp_current_prices_2030")
    forest = Target.objects.get(code="forest_cover_2030")
    assert [w.code for w in target_warnings(target=per_head, warnings=warnings)] == ["grdp_per_head_mismatch"]
    assert [w.code for w in target_warnings(target=gdp, warnings=warnings)] == ["grdp_per_head_mismatch"]
    assert target_warnings(target=forest, warnings=warnings) == []
