"""The synthetic nationwide data set: its shape, its determinism, and that the real loaders take it.

Small samples only: the benchmarks themselves never run in the test suite (`make bench`).
"""

from __future__ import annotations

from collections import Counter
from itertools import islice
from pathlib import Path

import pytest
import yaml

from bench import nationwide
from nqtrack.observations.models import Observation
from nqtrack.observations.services import observations_import_file
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Target
from nqtrack.programmes.services import programme_load_file


def test_the_country_has_34_provinces_and_3321_communes_under_them() -> None:
    units = nationwide.units()
    levels = Counter(u.level for u in units)
    provinces = {u.code for u in units if u.level == "province"}

    assert levels == {"province": 34, "commune": 3321}
    assert len({u.code for u in units}) == 3355
    assert all(u.code.startswith("9") for u in units)
    assert {u.parent_code for u in units if u.level == "commune"} == provinces
    # Spread as evenly as the counts allow: 3321 = 34 × 97 + 23.
    assert (
        sorted(Counter(u.parent_code for u in units if u.level == "commune").values())
        == [97] * 11 + [98] * 23
    )


def test_there_are_50_indicators_of_five_kinds() -> None:
    indicators = nationwide.indicators()

    assert len({i.code for i in indicators}) == 50
    assert Counter(i.kind.target["kind"] for i in indicators) == {
        "level": 30,
        "annual_change": 10,
        "average_growth": 10,
    }


def test_the_values_are_the_same_on_every_run_and_change_with_the_seed() -> None:
    first = list(nationwide.values(limit=3000))

    assert list(nationwide.values(limit=3000)) == first
    assert first[:3] == [
        nationwide.SyntheticValue("bench_indicator_00", "900", 2015, 67.69, "official"),
        nationwide.SyntheticValue("bench_indicator_00", "900", 2017, 66.59, "official"),
        nationwide.SyntheticValue("bench_indicator_00", "900", 2018, 65.92, "official"),
    ]
    assert list(nationwide.values(seed=1, limit=3000)) != first


def test_a_unit_s_values_do_not_depend_on_the_limit() -> None:
    assert list(nationwide.values(limit=1000)) == list(islice(nationwide.values(limit=5000), 1000))


def test_values_come_province_first_with_gaps_estimates_and_plans() -> None:
    values = list(nationwide.values(limit=5000))
    province = [v for v in values if v.unit_code == nationwide.PROVINCE_CODE]
    per_series = Counter((v.unit_code, v.indicator) for v in province)

    assert values[: len(province)] == province  # the programme's own province comes first
    assert len(per_series) == 50
    assert max(per_series.values()) <= 16
    assert sum(per_series.values()) < 50 * 16
    assert {v.status for v in values if v.year < 2025} == {"official"}
    assert {v.status for v in values if v.year == 2025} == {"estimate"}
    assert {v.status for v in values if v.year > 2025} == {"plan"}
    rates = [v.value for v in values if v.indicator == "bench_indicator_00"]
    assert 0 <= min(rates)
    assert max(rates) <= 100


def test_the_csv_files_hold_the_first_values_in_the_statistics_format(tmp_path: Path) -> None:
    paths = nationwide.write_csv_files(tmp_path, limit=250, rows_per_file=100)

    assert [p.name for p in paths] == ["values-0001.csv", "values-0002.csv", "values-0003.csv"]
    lines = paths[0].read_text(encoding="utf-8").splitlines()
    assert lines[0] == "indicator,year,value,unit,status,source_url,published,quote,note,unit_code"
    assert lines[1] == (
        "bench_indicator_00,2015,67.69,percent,official,https://example.invalid/nien-giam-thong-ke-mau,"
        "2016-06-30,,Số liệu mẫu cho đo hiệu năng,900"
    )
    assert sum(len(p.read_text(encoding="utf-8").splitlines()) - 1 for p in paths) == 250


@pytest.mark.django_db
def test_the_programme_and_values_load_through_the_real_services(tmp_path: Path) -> None:
    AdminUnit.objects.bulk_create(
        AdminUnit(code=u.code, name=u.name, unit_type="Tỉnh", level=u.level)
        for u in nationwide.units()
        if u.level == "province"
    )
    programme_file = tmp_path / "national.yaml"
    programme_file.write_text(
        yaml.safe_dump(nationwide.programme_document(), allow_unicode=True), encoding="utf-8"
    )
    programme = programme_load_file(path=programme_file).programme
    [path] = nationwide.write_csv_files(tmp_path / "csv", limit=300, rows_per_file=1000)

    summary = observations_import_file(path=path, programme=programme)

    assert (programme.code, programme.province_code) == ("bench-quoc-gia", "900")
    assert Target.objects.filter(indicator__programme=programme).count() == 50
    assert (summary.created, summary.errors) == (300, [])
    assert Observation.objects.filter(indicator__programme=programme, unit__code="900").count() == 300
