"""Importing published figures: every row with its source, all or nothing, the best value chosen."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from nqtrack.observations.models import Observation
from nqtrack.observations.selectors import best_by_year, observations_for
from nqtrack.observations.services import ImportRejected, observations_import_file
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Indicator, Programme
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db
HEADER = "indicator,year,value,unit,status,source_url,published,quote,note\r\n"


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "figures.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def province_values(code: str) -> dict[int, str]:
    indicator = Indicator.objects.get(code=code)
    chosen = best_by_year(
        list(observations_for(indicator=indicator, units=list(AdminUnit.objects.filter(code="24"))))
    )
    return {year: obs.value_text for year, obs in chosen.items()}


def test_it_imports_every_published_row_with_its_source(programme: Programme) -> None:
    summary = observations_import_file(path=SEED_STATISTICS, programme=programme)
    assert (summary.created, summary.unchanged, summary.errors) == (144, 0, [])
    assert Observation.objects.count() == 144
    row = Observation.objects.get(statistics_key="forest_cover", year=2023)
    assert (row.value, row.status, row.unit.code) == (Decimal("37.8"), "official", "24")
    assert row.quote != ""
    assert row.source_url.startswith("http")
    assert row.imported_row is not None
    son_dong = Observation.objects.get(statistics_key="forest_cover_district", value_text="71.8")
    assert son_dong.unit.code == "220"


def test_importing_again_changes_nothing(programme: Programme) -> None:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    ids = set(Observation.objects.values_list("id", flat=True))
    summary = observations_import_file(path=SEED_STATISTICS, programme=programme)
    assert (summary.created, summary.unchanged) == (0, 144)
    assert set(Observation.objects.values_list("id", flat=True)) == ids


def test_the_best_status_then_the_latest_publication_wins_and_the_rest_stay(programme: Programme) -> None:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    growth = province_values("grdp_growth")
    # 2024: estimate 13.87 (11/2024) and 13.85 of unstated status (01/2025): the later, firmer figure
    assert growth[2024] == "13.85"
    assert Observation.objects.filter(statistics_key="grdp_growth", year=2024).count() == 2
    # 2025 has only a Q1 figure and plans: no annual value is used
    assert 2025 not in growth
    # 2022 poverty: preliminary 3.86 ranks above 3.81 of unstated status
    poverty = province_values("poverty_rate")
    assert poverty[2022] == "3.86"


def test_dry_run_writes_nothing(programme: Programme) -> None:
    summary = observations_import_file(path=SEED_STATISTICS, programme=programme, dry_run=True)
    assert (summary.created, summary.dry_run) == (144, True)
    assert Observation.objects.count() == 0


def test_bad_rows_are_all_reported_and_nothing_is_written(programme: Programme, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "forest_cover,2023,37.8,percent,official,http://a,2024-01-05,,\r\n"
        "forest_cover,2023,abc,percent,official,http://a,2024-01-05,,\r\n"
        "no_such_indicator,2023,1,percent,official,http://a,2024-01-05,,\r\n"
        "forest_cover,2023,37.8,percent,official,http://a,2024-01-05,,District: X (district code 999)\r\n"
        "forest_cover,2023,38.1,percent,official,http://a,2024-01-05,,\r\n",
    )
    with pytest.raises(ImportRejected) as caught:
        observations_import_file(path=path, programme=programme)
    assert [str(e) for e in caught.value.summary.errors] == [
        "dòng 3, cột 'value': 'abc' không phải là số",
        "dòng 4, cột 'indicator': mã chỉ tiêu 'no_such_indicator' không có trong chương trình",
        "dòng 5, cột 'unit_code': mã đơn vị hành chính '999' không tồn tại",
        "dòng 6, cột 'value': trùng với dòng 2 (cùng chỉ tiêu, đơn vị, kỳ, trạng thái, ngày công bố "
        "và nguồn) nhưng khác giá trị: 38.1 ≠ 37.8",
    ]
    assert Observation.objects.count() == 0


def test_a_different_value_for_a_stored_figure_is_rejected(programme: Programme, tmp_path: Path) -> None:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    before = list(Observation.objects.order_by("id").values_list("id", "value"))
    stored = Observation.objects.get(statistics_key="forest_cover", year=2023)
    path = write(
        tmp_path,
        "forest_cover,2024,38.0,percent,official,http://new,2025-01-05,,\r\n"
        f"forest_cover,2023,37.9,percent,official,{stored.source_url},{stored.published or ''},,\r\n",
    )
    with pytest.raises(ImportRejected) as caught:
        observations_import_file(path=path, programme=programme)
    [error] = caught.value.summary.errors
    assert (error.row, error.column) == (3, "value")
    assert error.message.startswith("đã có giá trị 37.8 cho cùng chỉ tiêu")
    assert list(Observation.objects.order_by("id").values_list("id", "value")) == before


def test_the_command_prints_a_summary_and_fails_with_row_messages(
    programme: Programme, tmp_path: Path
) -> None:
    out = StringIO()
    call_command("import_statistics", str(SEED_STATISTICS), stdout=out)
    assert out.getvalue() == "bac-giang-statistics.csv: Đã thêm 144 giá trị; 0 giá trị đã có, giữ nguyên.\n"
    bad = write(tmp_path, "forest_cover,2023,x,percent,official,http://a,,,\r\n")
    with pytest.raises(CommandError) as caught:
        call_command("import_statistics", str(bad))
    assert str(caught.value) == (
        "figures.csv: 1 lỗi, không ghi dòng nào\n  figures.csv, dòng 2, cột 'value': 'x' không phải là số"
    )
    assert Observation.objects.count() == 144
