"""Selectors over the loaded history: trees by date, versions for periods, the crosswalk."""

from __future__ import annotations

from datetime import date

import pytest
from pytest_django import DjangoAssertNumQueries

from nqtrack.places.models import AdminUnit
from nqtrack.places.selectors import (
    former_territory_units,
    unit_for_period,
    unit_predecessors,
    unit_successors,
    unit_version_on,
    units_valid_on,
)
from nqtrack.places.services import UnitsLoadSummary

pytestmark = pytest.mark.django_db


def version(code: str, on: date) -> AdminUnit:
    unit = unit_version_on(code=code, on=on)
    assert unit is not None, f"no version of {code} on {on}"
    return unit


def test_communes_under_bac_giang_city_on_2025_03_01_include_former_yen_dung(
    loaded: UnitsLoadSummary, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    city = version("213", date(2025, 3, 1))
    with django_assert_max_num_queries(3):
        communes = list(units_valid_on(on=date(2025, 3, 1), under=city, level="commune"))
    names = {u.name for u in communes}
    assert len(communes) == 34
    assert {"Xã Quỳnh Sơn", "Phường Nội Hoàng", "Phường Tân An"} <= names  # from Yên Dũng
    assert "Phường Thọ Xương" in names


def test_under_a_unit_not_valid_on_the_date_follows_its_territory(loaded: UnitsLoadSummary) -> None:
    """Yên Dũng asked after it was merged: its former communes, not the whole city."""
    yen_dung = version("221", date(2024, 12, 31))
    on = date(2025, 3, 1)
    communes = units_valid_on(on=on, under=yen_dung, level="commune")
    assert communes.count() == 17  # 18 communes in 2022, Lão Hộ merged into Tân An
    assert {u.parent.code for u in communes if u.parent} == {"213"}
    assert "Xã Quỳnh Sơn" in {u.name for u in communes}
    assert "Phường Thọ Xương" not in {u.name for u in communes}
    assert [u.code for u in units_valid_on(on=on, under=yen_dung, level="district")] == ["213"]
    assert set(former_territory_units(code="221", on=on)) == set(communes)
    # Backwards: the territory of Thị xã Chũ on 2022-10-01 is communes of Lục Ngạn.
    chu = version("224", date(2025, 1, 1))
    before = units_valid_on(on=date(2022, 10, 1), under=chu, level="commune")
    assert before.count() == 10
    assert "Thị trấn Chũ" in {u.name for u in before}
    assert [u.code for u in units_valid_on(on=date(2022, 10, 1), under=chu, level="district")] == ["219"]


def test_tree_follows_versions_of_the_parent(loaded: UnitsLoadSummary) -> None:
    """A commune with one version sits under both versions of Việt Yên."""
    huyen = version("222", date(2023, 1, 1))
    thi_xa = version("222", date(2025, 1, 1))
    assert "Xã Vân Hà" in {u.name for u in units_valid_on(on=date(2023, 1, 1), under=huyen)}
    assert "Xã Vân Hà" in {u.name for u in units_valid_on(on=date(2025, 1, 1), under=thi_xa)}


def test_unit_for_period_puts_2025_on_bac_giang(loaded: UnitsLoadSummary) -> None:
    def name(code: str, year: int) -> str | None:
        unit = unit_for_period(code=code, year=year)
        return unit.name if unit else None

    assert name("24", 2025) == "Tỉnh Bắc Giang"
    assert name("24", 2026) == "Tỉnh Bắc Ninh"
    assert name("222", 2024) == "Huyện Việt Yên"  # thị xã from February
    assert name("222", 2025) == "Thị Xã Việt Yên"
    assert name("224", 2024) is None
    assert name("224", 2025) == "Thị xã Chũ"  # from 1 January 2025
    assert name("09187", 2025) == "Phường Kinh Bắc"  # created 1 July 2025: valid on 31 December
    assert name("09187", 2024) is None
    assert name("221", 2025) is None


def test_crosswalk_from_2022_communes_to_the_new_communes(
    loaded: UnitsLoadSummary, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    lao_ho = AdminUnit.objects.get(code="07684", valid_from=None)
    assert lao_ho.name == "Xã Lão Hộ"
    assert [u.name for u in unit_successors(unit=lao_ho, on=date(2025, 3, 1))] == ["Phường Tân An"]
    with django_assert_max_num_queries(3):
        reached = unit_successors(unit=lao_ho, on=date(2025, 7, 1))
    assert [(u.code, u.name, u.valid_from) for u in reached] == [("07682", "Phường Tân An", date(2025, 7, 1))]

    quang_tien = AdminUnit.objects.get(code="07315", valid_from=None)
    assert quang_tien.name == "Xã Quang Tiến"
    assert [u.name for u in unit_successors(unit=quang_tien, on=date(2025, 8, 1))] == ["Xã Quang Trung"]

    que_nham = AdminUnit.objects.get(name="Xã Quế Nham")
    assert [u.name for u in unit_successors(unit=que_nham, on=date(2025, 7, 1))] == ["Phường Đa Mai"]


def test_crosswalk_agrees_with_the_package_converter(loaded: UnitsLoadSummary) -> None:
    from vietnamadminunits import convert_address

    for address, code in [
        ("Xã Quế Nham, Huyện Tân Yên, Tỉnh Bắc Giang", "07366"),
        ("Xã Cẩm Lý, Huyện Lục Nam, Tỉnh Bắc Giang", "07519"),
    ]:
        old = version(code, date(2025, 6, 30))
        ours = unit_successors(unit=old, on=date(2025, 7, 1))
        converted = convert_address(address)
        assert [(u.code, u.name) for u in ours] == [(converted.ward_code, converted.ward)]


def test_predecessors_of_phuong_bac_giang(loaded: UnitsLoadSummary) -> None:
    bac_giang = version("07210", date(2025, 7, 1))
    assert bac_giang.name == "Phường Bắc Giang"
    on_2025 = {u.name for u in unit_predecessors(unit=bac_giang, on=date(2025, 1, 1))}
    assert on_2025 == {
        "Phường Thọ Xương",
        "Phường Ngô Quyền",
        "Phường Hoàng Văn Thụ",
        "Phường Trần Phú",
        "Phường Xương Giang",
        "Phường Dĩnh Kế",
        "Phường Dĩnh Trì",
    }
    on_2022 = {u.name for u in unit_predecessors(unit=bac_giang, on=date(2022, 10, 1))}
    assert on_2022 == on_2025 - {"Phường Dĩnh Trì"} | {
        "Xã Dĩnh Trì",
        "Phường Trần Nguyên Hãn",
        "Phường Lê Lợi",
    }


def test_successors_and_predecessors_of_a_unit_valid_on_the_date_are_itself(loaded: UnitsLoadSummary) -> None:
    luc_ngan = version("219", date(2025, 3, 1))
    assert unit_successors(unit=luc_ngan, on=date(2025, 3, 1)) == [luc_ngan]
    assert unit_predecessors(unit=luc_ngan, on=date(2022, 10, 1)) == [luc_ngan]
    assert unit_successors(unit=version("224", date(2025, 1, 1)), on=date(2022, 10, 1)) == []


def test_former_bac_giang_territory_after_the_merger(
    loaded: UnitsLoadSummary, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    on = date(2025, 8, 1)
    with django_assert_max_num_queries(10):
        communes = list(former_territory_units(code="24", on=on))
    assert len(communes) == 58
    assert {"Phường Bắc Giang", "Phường Chũ", "Xã Sơn Động"} <= {u.name for u in communes}
    assert "Phường Kinh Bắc" not in {u.name for u in communes}  # former Bắc Ninh
    assert [u.name for u in former_territory_units(code="24", on=on, level="province")] == ["Tỉnh Bắc Ninh"]
    # Before the merger province 24 is simply itself.
    assert [u.name for u in former_territory_units(code="24", on=date(2025, 3, 1))] == ["Tỉnh Bắc Giang"]
    with pytest.raises(AdminUnit.DoesNotExist):
        former_territory_units(code="99999", on=on)


def test_unknown_level_is_refused(loaded: UnitsLoadSummary) -> None:
    with pytest.raises(ValueError, match="unknown level"):
        units_valid_on(on=date(2025, 1, 1), level="ward")
