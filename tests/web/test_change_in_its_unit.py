"""An annual-change target on a count (poor households falling by at least 1.200 a year) is said in
households on the target page, in the report's goal and "needed" phrase and on the chart's axis; only a
rate in percent changes by "điểm"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from nqtrack.assessments.charts import target_chart_data
from nqtrack.assessments.selectors import target_row
from nqtrack.domain.report_content import ReportKind
from nqtrack.observations.models import Observation, ReviewState
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes.models import Programme, Target
from nqtrack.reports.content import report_content_build
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS
from tests.web.page_text import page_text

pytestmark = pytest.mark.django_db

CODE = "poverty_rate_reduction_2021_2030"


@pytest.fixture
def households(programme: Programme) -> Target:
    """The poverty target rewritten as a fall of poor households, with two province figures."""
    target = Target.objects.select_related("indicator").get(code=CODE)
    indicator = target.indicator
    indicator.unit = "households"
    indicator.save(update_fields=["unit"])
    Target.objects.filter(pk=target.pk).update(
        unit="",
        comparator="at_least",
        low=1200.0,
        high=None,
        period_start=2021,
        period_end=2030,
        series_break=None,
        base_year=2020,
    )
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    published = Observation.objects.filter(indicator=indicator)
    first = published.first()
    assert first is not None
    province = first.unit  # the province as the published poverty rates name it
    published.delete()
    for year, value in ((2020, "20000"), (2023, "17000")):
        Observation.objects.create(
            indicator=indicator,
            unit=province,
            year=year,
            period=str(year),
            value=Decimal(value),
            value_text=value,
            measure_unit="households",
            status="official",
            review_state=ReviewState.APPROVED,
        )
    return Target.objects.select_related("indicator").get(pk=target.pk)


SENTENCE = (
    "Cần đẩy nhanh: từ năm 2020 (20.000 hộ) đến năm 2023 (17.000 hộ) bình quân mỗi năm giảm 1.000 hộ, "
    "mục tiêu giảm từ 1.200 hộ trở lên/năm đến năm 2030; những năm còn lại mỗi năm cần giảm 1.286 hộ."
)


def test_the_target_page_says_households_not_points(client: Client, households: Target) -> None:
    text = page_text(client.get(seed_url(f"/chi-tieu/{CODE}/")).content.decode())
    assert "Mục tiêu: ≥ 1.200 hộ mỗi năm, thời kỳ 2021–2030" in text
    assert f"Từ nay cần giảm 1.286 hộ/năm {SENTENCE}" in text
    assert "Tốc độ thực tế 1.000 hộ/năm Tốc độ cần thiết 1.200 hộ/năm" in text
    assert "tính bằng đơn vị của chỉ tiêu" in text
    assert "điểm" not in text


def test_the_report_and_the_chart_say_households(households: Target) -> None:
    content = report_content_build(
        user=None, programme=households.indicator.programme, as_of=date(2024, 12, 31), kind=ReportKind.SO_KET
    )
    [line] = [line for line in content.targets if line.code == CODE]
    assert (line.goal, line.needed, line.unit, line.explanation) == (
        "giảm từ 1.200 hộ/năm trở lên (bình quân 2021–2030)",
        "cần giảm 1.286 hộ/năm",
        "hộ",
        SENTENCE.removeprefix("Cần đẩy nhanh: "),
    )
    row, _values = target_row(target=households)
    assert target_chart_data(target=households, series=row.series, assessment=row.assessment).unit == "hộ/năm"


def test_a_rate_in_percent_still_changes_by_points(programme: Programme) -> None:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    target = Target.objects.select_related("indicator").get(code=CODE)
    row, _values = target_row(target=target)
    assert target_chart_data(target=target, series=row.series, assessment=row.assessment).unit == "điểm %/năm"
    content = report_content_build(
        user=None, programme=programme, as_of=date(2024, 12, 31), kind=ReportKind.SO_KET
    )
    [line] = [line for line in content.targets if line.code == CODE]
    assert (line.goal, line.needed) == (
        "giảm 1–1,5 điểm %/năm (bình quân 2021–2030)",
        "cần giảm 0,29 điểm/năm",
    )
