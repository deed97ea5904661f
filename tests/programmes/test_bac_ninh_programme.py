"""The second shipped programme: the new Bắc Ninh's targets for 2026 and 2026-2030, compiled from the plan
rows of data/bac-giang-statistics-2.csv, judged on the new province's figures and never on Bắc Giang's, and
loaded by the bootstrap beside the seed without changing the seed's assessments."""

from __future__ import annotations

import csv
import re
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from nqtrack.domain.programme import parse_programme
from nqtrack.observations.models import Observation
from nqtrack.observations.selectors import province_series
from nqtrack.observations.services import ImportRejected, observations_import_file
from nqtrack.programmes.models import Indicator, Programme, Target
from nqtrack.programmes.selectors import programme_get, programme_territory
from nqtrack.programmes.services import programme_load_file
from tests.seed import ROOT, SEED_STATISTICS, SEED_STATISTICS_2

pytestmark = pytest.mark.django_db

BAC_NINH = ROOT / "programmes" / "bac-ninh-2026-2030.yaml"
CODE = "bac-ninh-2026-2030"

# code: (kind, comparator, low, high, year, period) as the published plan rows give them.
TARGETS = {
    "bn_grdp_growth_2026": ("average_growth", "range", 12.5, 13.0, None, (2026, 2026)),
    "bn_grdp_growth_2026_2030": ("average_growth", "range", 10.5, 12.5, None, (2026, 2030)),
    "bn_grdp_per_capita_usd_2030": ("level", "at_least", 8500.0, None, 2030, (None, None)),
    "bn_budget_revenue_2030": ("level", "at_least", 88600.0, None, 2030, (None, None)),
    "bn_nrd_communes_share_2030": ("level", "equal", 100.0, None, 2030, (None, None)),
    "bn_nrd_communes_advanced_share_2030": ("level", "more_than", 50.0, None, 2030, (None, None)),
    "bn_nrd_communes_model_share_2030": ("level", "at_least", 30.0, None, 2030, (None, None)),
    "bn_industrial_hazardous_medical_waste_treated_2030": ("level", "equal", 100.0, None, 2030, (None, None)),
    "bn_poor_households_2027": ("level", "equal", 0.0, None, 2027, (None, None)),
    "bn_urbanisation_rate_2030": ("level", "at_least", 65.0, None, 2030, (None, None)),
}

# What `nqtrack assess --programme` says of each target on the new province's 2025 figures: one year of
# figures makes no trend and no growth inside 2026-2030, so nothing is judged yet.
STATUSES = {
    "bn_grdp_growth_2026": ("insufficient_data", "10,27 (2025)"),
    "bn_grdp_growth_2026_2030": ("insufficient_data", "10,27 (2025)"),
    # Three 2025 estimates (5.810 of 2/10, 5.852 of 11/12, "gần 5.600" of 31/12/2025): the latest in use.
    "bn_grdp_per_capita_usd_2030": ("insufficient_data", "5.600 (2025)"),
    "bn_budget_revenue_2030": ("insufficient_data", "72.500 (2025)"),
    "bn_nrd_communes_share_2030": ("insufficient_data", "77,3 (2025)"),
    "bn_nrd_communes_advanced_share_2030": ("insufficient_data", "—"),
    "bn_nrd_communes_model_share_2030": ("insufficient_data", "—"),
    "bn_industrial_hazardous_medical_waste_treated_2030": ("insufficient_data", "—"),
    "bn_poor_households_2027": ("insufficient_data", "—"),
    "bn_urbanisation_rate_2030": ("insufficient_data", "43,5 (2025)"),
}


def _plan_rows() -> list[dict[str, str]]:
    with SEED_STATISTICS_2.open(encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r["unit_name"] == "Tỉnh Bắc Ninh" and r["status"] == "plan"]


def _assess(code: str) -> str:
    out = StringIO()
    call_command("assess", f"--programme={code}", stdout=out)
    return out.getvalue()


def _statuses(output: str) -> dict[str, tuple[str, str]]:
    found = {}
    for line in output.splitlines():
        if m := re.match(r"(bn_\w+)\s+(\w+)\s+(—|[\d.,]+ \(\d{4}\))\s", line):
            found[m.group(1)] = (m.group(2), m.group(3))
    return found


def _import_both(programme: Programme) -> list[tuple[int, int, int]]:
    summaries = [
        observations_import_file(path=path, programme=programme, territory_rows_only=True)
        for path in (SEED_STATISTICS, SEED_STATISTICS_2)
    ]
    return [(s.created, s.unchanged, s.skipped) for s in summaries]


@pytest.fixture
def seed(programme: Programme) -> Programme:
    for path in (SEED_STATISTICS, SEED_STATISTICS_2):
        observations_import_file(path=path, programme=programme)
    return programme


def test_the_file_loads_beside_the_seed_with_every_published_target(programme: Programme) -> None:
    summary = programme_load_file(path=BAC_NINH)
    bac_ninh = summary.programme
    assert (bac_ninh.code, bac_ninh.province_code, bac_ninh.territory_as_of) == (CODE, "24", "2025-07-01")
    assert (bac_ninh.period_start, bac_ninh.period_end, bac_ninh.base_year) == (2026, 2030, 2025)
    # Compiled, not issued: the identity says so and gives no number, date or signatory.
    assert bac_ninh.title.endswith("(tổng hợp từ các báo cáo đã công bố, không phải văn bản chính thức)")
    assert (bac_ninh.issuer, bac_ninh.number, bac_ninh.date) == ("Tổng hợp từ các báo cáo đã công bố", "", "")
    assert (bac_ninh.signed_by_title, bac_ninh.signed_by_name) == ("", "")
    targets = Target.objects.filter(indicator__programme=bac_ninh).order_by("position", "pk")
    assert {
        t.code: (t.kind, t.comparator, t.low, t.high, t.year, (t.period_start, t.period_end)) for t in targets
    } == TARGETS
    assert [t.code for t in targets] == list(TARGETS)
    # The territory is the new province, never Bắc Giang, which carried code 24 until 30/6/2025.
    territory = programme_territory(programme=bac_ninh)
    assert territory is not None
    assert (territory.name, territory.valid_from) == ("Tỉnh Bắc Ninh", date(2025, 7, 1))
    # The seed keeps its own codes and stays the default programme.
    assert not Indicator.objects.filter(programme=programme, code__startswith="bn_").exists()
    assert programme_get().code == "bac-giang-11-nqtw"


def test_each_target_is_a_published_plan_row_of_the_new_province() -> None:
    rows = _plan_rows()
    spec = parse_programme(BAC_NINH.read_text(encoding="utf-8"))
    targets = {t.code: (i, t) for i in spec.indicators() for t in i.targets}
    for code, key, year in [
        ("bn_grdp_growth_2026", "grdp_growth", "2026"),
        ("bn_grdp_growth_2026_2030", "grdp_growth_avg", "2030"),
        ("bn_grdp_per_capita_usd_2030", "grdp_per_capita_usd", "2030"),
        ("bn_budget_revenue_2030", "budget_revenue", "2030"),
        ("bn_nrd_communes_share_2030", "nrd_communes_share", "2030"),
        ("bn_nrd_communes_advanced_share_2030", "nrd_communes_advanced_share", "2030"),
        ("bn_nrd_communes_model_share_2030", "nrd_communes_model_share", "2030"),
        (
            "bn_industrial_hazardous_medical_waste_treated_2030",
            "industrial_hazardous_medical_waste_treated",
            "2030",
        ),
        ("bn_poor_households_2027", "poor_households_zero_target", "2027"),
        ("bn_urbanisation_rate_2030", "urbanisation_rate", "2030"),
    ]:
        _, target = targets[code]
        values = sorted(float(r["value"]) for r in rows if (r["indicator"], r["year"]) == (key, year))
        assert values == [v for v in (target.low, target.high) if v is not None], code
    # Vietnamese quotes are copied verbatim; the English page's targets carry a Vietnamese sentence.
    quotes = {r["quote"] for r in rows}
    assert targets["bn_grdp_growth_2026"][1].source_text in quotes
    assert any(targets["bn_urbanisation_rate_2030"][1].source_text in q for q in quotes)
    # The period total (375.700 tỷ đồng) has no target kind: collected, not judged.
    assert [float(r["value"]) for r in rows if r["indicator"] == "budget_revenue_period_total"] == [375700.0]
    assert all(t.low != 375700 for _, t in targets.values())
    assert {i.code for i in spec.supporting_indicators} >= {"bn_budget_revenue_period_total"}


def test_load_export_load_gives_the_same_programme(programme: Programme, tmp_path: Path) -> None:
    programme_load_file(path=BAC_NINH)
    exported = StringIO()
    call_command("export_programme", CODE, format="yaml", stdout=exported)
    assert parse_programme(exported.getvalue()) == parse_programme(BAC_NINH.read_text(encoding="utf-8"))
    path = tmp_path / "exported.yaml"
    path.write_text(exported.getvalue(), encoding="utf-8")
    again = programme_load_file(path=path)
    assert (again.created, again.updated, again.deleted) == (0, 0, 0)


def test_the_shipped_files_feed_it_the_new_provinces_rows_alone(seed: Programme) -> None:
    bac_ninh = programme_load_file(path=BAC_NINH).programme
    # Whole, the first file is refused: its rows name no unit, which for this programme is the new
    # province, and Bắc Giang's years lie before it (and most of its keys are not this programme's).
    with pytest.raises(ImportRejected):
        observations_import_file(path=SEED_STATISTICS, programme=bac_ninh)
    assert not Observation.objects.filter(indicator__programme=bac_ninh).exists()

    # 144 rows of the first file, none the new province's; 45 of the 180 of the second are.
    assert _import_both(bac_ninh) == [(0, 0, 144), (45, 0, 135)]
    assert _import_both(bac_ninh) == [(0, 0, 144), (0, 45, 135)]  # again: nothing new
    figures = Observation.objects.filter(indicator__programme=bac_ninh)
    assert figures.count() == 45
    assert set(figures.values_list("unit__name", "unit__valid_from")) == {("Tỉnh Bắc Ninh", date(2025, 7, 1))}

    growth = province_series(programme=bac_ninh)[Indicator.objects.get(code="bn_grdp_growth").pk]
    assert list(growth) == [2025]  # no Bắc Giang year (2016-2024, 2025S1 14,01) and no plan (2026)
    in_use = growth[2025]
    # Three 2025 estimates for the year: 10,27 (9/12/2025, vietnam.vn), 10,27 (undated, GSO via nhandan)
    # and 11,5 (undated, earlier provincial estimate). Same status, so the latest publication is in use and
    # an undated page counts as the oldest: the 10,27 of 9/12/2025.
    assert (in_use.value, in_use.status, in_use.published) == (
        Decimal("10.27"),
        "estimate",
        date(2025, 12, 9),
    )
    assert (
        in_use.source_url
        == "https://www.vietnam.vn/en/bac-ninh-tang-truong-kinh-te-nam-2025-dung-thu-5-ca-nuoc"
    )
    rows = figures.filter(indicator__code="bn_grdp_growth", period="2025").values_list(
        "value", "status", "published"
    )
    assert sorted(rows, key=lambda r: (r[0], r[2] or date.min)) == [
        (Decimal("10.27"), "estimate", None),
        (Decimal("10.27"), "estimate", date(2025, 12, 9)),
        (Decimal("11.29"), "plan", None),  # the year's plan of 14/7/2025: never a measurement
        (Decimal("11.5"), "estimate", None),
    ]
    # The seed's series keep Bắc Giang's own figures, its 2025 growth none of the new province's.
    seed_growth = province_series(programme=seed)[Indicator.objects.get(code="grdp_growth").pk]
    assert 2025 not in seed_growth
    assert seed_growth[2024].value == Decimal("13.85")


def test_the_command_says_how_many_rows_it_left_out(seed: Programme) -> None:
    programme_load_file(path=BAC_NINH)
    out = StringIO()
    call_command(
        "import_statistics",
        str(SEED_STATISTICS_2),
        f"--programme={CODE}",
        "--territory-rows-only",
        stdout=out,
    )
    assert out.getvalue() == (
        "bac-giang-statistics-2.csv: Đã thêm 45 giá trị; 0 giá trị đã có, giữ nguyên; "
        "bỏ qua 135 dòng của đơn vị hoặc chỉ tiêu khác.\n"
    )


def test_its_targets_are_judged_on_those_figures_and_the_seeds_stay_as_they_were(seed: Programme) -> None:
    before = _assess("bac-giang-11-nqtw")
    bac_ninh = programme_load_file(path=BAC_NINH).programme
    assert _statuses(_assess(CODE)) == {code: ("insufficient_data", "—") for code in TARGETS}
    _import_both(bac_ninh)
    output = _assess(CODE)
    assert _statuses(output) == STATUSES
    assert "Tổng: 10 chỉ tiêu — Chưa đủ số liệu: 10" in output
    assert "không có tốc độ tăng nào trong thời kỳ 2026-2026" in output
    assert "năm 2025: 77,3%, chưa đạt 100%; chưa đủ số liệu để đánh giá xu hướng" in output
    assert _assess("bac-giang-11-nqtw") == before


def test_the_bootstrap_loads_it_after_the_seed_twice_alike(db: None) -> None:
    call_command("bootstrap", stdout=StringIO())
    bac_ninh = Programme.objects.get(code=CODE)
    assert programme_get().code == "bac-giang-11-nqtw"
    figures = sorted(Observation.objects.filter(indicator__programme=bac_ninh).values_list("pk", flat=True))
    assert len(figures) == 45
    stored = _assess(CODE)
    assert _statuses(stored) == STATUSES

    call_command("bootstrap", stdout=StringIO())

    assert sorted(Observation.objects.filter(indicator__programme=bac_ninh).values_list("pk", flat=True)) == (
        figures
    )
    assert _assess(CODE) == stored
    html = Client().get("/chuong-trinh/").content.decode()
    assert re.findall(r'<tr data-programme="([^"]+)">', html) == ["bac-giang-11-nqtw", CODE]
    assert f'<a href="/ct/{CODE}/">Mục tiêu tỉnh Bắc Ninh 2026-2030 (tổng hợp)</a>' in html
