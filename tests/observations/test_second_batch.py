"""The second batch of published figures: each row on the unit version its name and period give."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from nqtrack.observations.models import Observation
from nqtrack.observations.services import ImportRejected, observations_import_file
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Programme
from tests.seed import SEED_STATISTICS, SEED_STATISTICS_2

pytestmark = pytest.mark.django_db
HEADER = "indicator,unit_code,unit_name,year,period,value,unit,status,source_url,published,quote,note\r\n"


def test_every_row_is_imported_with_its_source_quote_and_status(programme: Programme) -> None:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    summary = observations_import_file(path=SEED_STATISTICS_2, programme=programme)
    assert (summary.created, summary.unchanged, summary.errors) == (180, 0, [])
    assert Observation.objects.filter(imported_from="bac-giang-statistics-2.csv").count() == 180
    again = observations_import_file(path=SEED_STATISTICS_2, programme=programme)
    assert (again.created, again.unchanged) == (0, 180)


def test_growth_sits_on_the_version_its_name_and_period_give(programme: Programme) -> None:
    observations_import_file(path=SEED_STATISTICS_2, programme=programme)
    bac_giang = AdminUnit.objects.get(code="24", valid_from=None)
    bac_ninh = AdminUnit.objects.get(code="24", valid_from=date(2025, 7, 1))
    growth = Observation.objects.filter(statistics_key="grdp_growth")
    half = growth.get(period="2025S1", unit=bac_giang)
    assert (half.value, half.status, half.year) == (Decimal("14.01"), "estimate", 2025)
    assert growth.get(period="2025S1", unit=bac_ninh).value == Decimal("10.47")
    year_2025 = growth.filter(period="2025", unit=bac_ninh, status="estimate")
    assert sorted(o.value for o in year_2025) == [Decimal("10.27"), Decimal("10.27"), Decimal("11.5")]
    # No full-year 2025 measurement of Bắc Giang: the year belongs to the new province.
    assert not growth.filter(period="2025", unit=bac_giang).exclude(status="plan").exists()
    statistics_office = year_2025.get(published=date(2025, 12, 9))
    assert statistics_office.quote != ""
    assert statistics_office.source_url.startswith("http")


def test_a_year_figure_named_for_bac_giang_after_its_end_is_refused(
    programme: Programme, tmp_path: Path
) -> None:
    path = tmp_path / "figures.csv"
    path.write_text(
        HEADER + "grdp_growth,24,Tỉnh Bắc Giang,2025,2025,14.1,percent,estimate,https://x.vn/a,,q,\r\n"
        "grdp_growth,07339,Thị trấn Cao Thượng,2025,2025Q4,9,percent,estimate,https://x.vn/a,,q,\r\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected) as rejected:
        observations_import_file(path=path, programme=programme)
    assert [str(e) for e in rejected.value.summary.errors] == [
        "dòng 2, cột 'unit_name': kỳ 2025 (1/1/2025–31/12/2025) vượt quá thời gian tồn tại của Tỉnh Bắc "
        "Giang (đến 30/6/2025); hãy ghi số liệu cho kỳ nằm trọn trong thời gian đó (ví dụ 6 tháng đầu năm) "
        "hoặc cho đơn vị kế tiếp",
        "dòng 3, cột 'unit_name': Thị trấn Cao Thượng (đến 30/6/2025) đã thôi tồn tại từ 1/7/2025; kỳ 2025Q4 "
        "(1/10/2025–31/12/2025) sau ngày đó không thể ghi cho đơn vị này",
    ]
    assert Observation.objects.count() == 0
