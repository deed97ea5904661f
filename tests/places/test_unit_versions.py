"""A figure's period decides its unit version; versions are named with their dates."""

from __future__ import annotations

from datetime import date

import pytest

from nqtrack.places.models import AdminUnit
from nqtrack.places.services import UnitsLoadSummary
from nqtrack.places.versions import (
    VersionError,
    split_version_key,
    unit_version_for,
    version_key,
    version_label,
)

pytestmark = pytest.mark.django_db


def _24(valid_from: date | None) -> AdminUnit:
    return AdminUnit.objects.get(code="24", valid_from=valid_from)


def test_the_two_versions_of_24_are_named_with_their_dates(loaded: UnitsLoadSummary) -> None:
    assert version_label(_24(None)) == "Tỉnh Bắc Giang (đến 30/6/2025)"
    assert version_label(_24(date(2025, 7, 1))) == "Tỉnh Bắc Ninh (từ 1/7/2025)"
    assert version_label(AdminUnit.objects.get(code="222", valid_from=date(2024, 2, 1))) == (
        "Thị Xã Việt Yên (1/2/2024–30/6/2025)"
    )
    assert version_key(_24(date(2025, 7, 1))) == "24@2025-07-01"
    assert split_version_key("24@2025-07-01") == ("24", date(2025, 7, 1))
    assert split_version_key("24") == ("24", None)
    assert split_version_key("24@hôm qua") is None


@pytest.mark.parametrize(
    ("period", "valid_from"),
    [
        ("2024", None),
        ("2025S1", None),
        ("202506", None),
        ("2025", date(2025, 7, 1)),  # the new province covers the year: formed by the merger
        ("2025Q3", date(2025, 7, 1)),
        ("2026", date(2025, 7, 1)),
    ],
)
def test_the_period_decides_the_version_of_24(
    loaded: UnitsLoadSummary, period: str, valid_from: date | None
) -> None:
    assert unit_version_for(code="24", period=period) == _24(valid_from)


def test_a_half_year_figure_named_for_bac_giang_sits_on_bac_giang(loaded: UnitsLoadSummary) -> None:
    assert unit_version_for(code="24", period="2025S1", name="Tỉnh Bắc Giang") == _24(None)
    assert unit_version_for(code="24", period="2025", name="Tỉnh Bắc Ninh") == _24(date(2025, 7, 1))


def test_a_year_2025_figure_named_for_bac_giang_is_refused(loaded: UnitsLoadSummary) -> None:
    with pytest.raises(VersionError) as refused:
        unit_version_for(code="24", period="2025", name="Tỉnh Bắc Giang")
    assert str(refused.value) == (
        "kỳ 2025 (1/1/2025–31/12/2025) vượt quá thời gian tồn tại của Tỉnh Bắc Giang (đến 30/6/2025); "
        "hãy ghi số liệu cho kỳ nằm trọn trong thời gian đó (ví dụ 6 tháng đầu năm) hoặc cho đơn vị kế tiếp"
    )


def test_a_plan_named_for_bac_giang_keeps_its_version(loaded: UnitsLoadSummary) -> None:
    assert unit_version_for(code="24", period="2030", name="Tỉnh Bắc Giang", plan=True) == _24(None)


def test_a_name_that_is_not_the_codes_is_refused(loaded: UnitsLoadSummary) -> None:
    with pytest.raises(VersionError) as refused:
        unit_version_for(code="24", period="2024", name="Tỉnh Lạng Sơn")
    assert str(refused.value) == (
        "tên đơn vị 'Tỉnh Lạng Sơn' không khớp với mã 24 "
        "(mã này là: Tỉnh Bắc Giang (đến 30/6/2025), Tỉnh Bắc Ninh (từ 1/7/2025))"
    )


@pytest.mark.parametrize("period", ["2025Q4", "202512"])
def test_a_figure_after_a_commune_ceased_is_refused(loaded: UnitsLoadSummary, period: str) -> None:
    # 07339 was Thị trấn Cao Thượng until 30/6/2025; the new Xã Tân Yên carries the code since.
    assert unit_version_for(code="07339", period=period).name == "Xã Tân Yên"
    with pytest.raises(VersionError) as refused:
        unit_version_for(code="07339", period=period, name="Thị trấn Cao Thượng")
    span = "1/10/2025–31/12/2025" if period == "2025Q4" else "1/12/2025–31/12/2025"
    assert str(refused.value) == (
        f"Thị trấn Cao Thượng (đến 30/6/2025) đã thôi tồn tại từ 1/7/2025; kỳ {period} ({span}) sau ngày "
        "đó không thể ghi cho đơn vị này"
    )


def test_a_ceased_communes_full_year_straddles_its_end(loaded: UnitsLoadSummary) -> None:
    with pytest.raises(VersionError, match=r"^kỳ 2025 \(1/1/2025–31/12/2025\) vượt quá"):
        unit_version_for(code="07339", period="2025", name="Cao Thượng")
    assert unit_version_for(code="07339", period="2025S1").name == "Thị trấn Cao Thượng"
    assert unit_version_for(code="07339", period="2025").name == "Xã Tân Yên"


def test_a_renamed_district_keeps_its_territory(loaded: UnitsLoadSummary) -> None:
    town = AdminUnit.objects.get(code="222", valid_from=date(2024, 2, 1))
    assert unit_version_for(code="222", period="2024") == town
    assert unit_version_for(code="222", period="2024", name="Huyện Việt Yên") == town
    assert unit_version_for(code="222", period="2023", name="Huyện Việt Yên").valid_from is None


def test_an_unknown_code_is_refused(loaded: UnitsLoadSummary) -> None:
    with pytest.raises(VersionError, match="^mã đơn vị hành chính '99' không tồn tại$"):
        unit_version_for(code="99", period="2024")
