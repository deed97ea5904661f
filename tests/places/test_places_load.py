"""Loading the unit history from the real CSV and vietnamadminunits: counts, dates, sources, idempotency."""

from __future__ import annotations

from collections import Counter
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from nqtrack.places.models import AdminUnit, UnitSuccession
from nqtrack.places.selectors import unit_version_on, units_valid_on
from nqtrack.places.services import UnitsLoadSummary, units_load_history

pytestmark = pytest.mark.django_db


def province_counts(on: date) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """(units by level, units by (level, type)) under province 24 valid on ``on``."""
    province = unit_version_on(code="24", on=on)
    assert province is not None
    units = list(units_valid_on(on=on, under=province))
    return Counter(u.level for u in units), Counter((u.level, u.unit_type) for u in units)


def test_2022_10_01_matches_the_gso_list(loaded: UnitsLoadSummary) -> None:
    on = date(2022, 10, 1)
    by_level, by_type = province_counts(on)
    assert by_level == {"district": 10, "commune": 209}
    assert by_type == {
        ("district", "Thành phố"): 1,
        ("district", "Huyện"): 9,
        ("commune", "Phường"): 10,
        ("commune", "Xã"): 182,
        ("commune", "Thị trấn"): 17,
    }
    assert units_valid_on(on=on, level="province").get().name == "Tỉnh Bắc Giang"
    assert units_valid_on(on=on).count() == 1 + 10 + 209


def test_2025_01_01_matches_the_gso_list_with_195_communes(loaded: UnitsLoadSummary) -> None:
    by_level, by_type = province_counts(date(2025, 1, 1))
    assert by_level == {"district": 10, "commune": 195}
    assert by_type == {
        ("district", "Thành phố"): 1,
        ("district", "Thị xã"): 2,
        ("district", "Huyện"): 7,
        ("commune", "Phường"): 35,
        ("commune", "Xã"): 146,
        ("commune", "Thị trấn"): 14,
    }


def test_viet_yen_became_a_thi_xa_on_2024_02_01(loaded: UnitsLoadSummary) -> None:
    before = unit_version_on(code="222", on=date(2024, 1, 15))
    after = unit_version_on(code="222", on=date(2024, 3, 1))
    assert before is not None
    assert after is not None
    assert (before.name, before.unit_type, before.valid_to) == ("Huyện Việt Yên", "Huyện", date(2024, 2, 1))
    assert (after.name, after.unit_type, after.valid_from) == ("Thị Xã Việt Yên", "Thị xã", date(2024, 2, 1))
    assert UnitSuccession.objects.filter(predecessor=before, successor=after, kind="changed").exists()
    # Its wards were created with the thị xã (same date); they are phường on 2024-03-01, xã before.
    wards_after = units_valid_on(on=date(2024, 3, 1), under=after, level="commune")
    assert Counter(u.unit_type for u in wards_after) == {"Phường": 9, "Xã": 8}
    wards_before = units_valid_on(on=date(2024, 1, 15), under=before, level="commune")
    assert "Phường" not in {u.unit_type for u in wards_before}


def test_yen_dung_ends_on_2025_01_01_merged_into_bac_giang_city(loaded: UnitsLoadSummary) -> None:
    yen_dung = unit_version_on(code="221", on=date(2024, 12, 31))
    assert yen_dung is not None
    assert yen_dung.name == "Huyện Yên Dũng"
    assert unit_version_on(code="221", on=date(2025, 1, 1)) is None
    edge = UnitSuccession.objects.get(predecessor=yen_dung)
    assert (edge.successor.code, edge.kind, edge.date) == ("213", "merged", date(2025, 1, 1))


def test_thi_xa_chu_split_from_luc_ngan(loaded: UnitsLoadSummary) -> None:
    chu = unit_version_on(code="224", on=date(2025, 1, 1))
    assert chu is not None
    assert chu.valid_from == date(2025, 1, 1)
    assert unit_version_on(code="224", on=date(2024, 12, 31)) is None
    edge = UnitSuccession.objects.get(successor=chu)
    assert (edge.predecessor.code, edge.kind) == ("219", "split")
    assert "Phường Chũ" in {u.name for u in units_valid_on(on=date(2025, 3, 1), under=chu)}


def test_on_2025_07_01_bac_giang_is_gone_and_the_new_bac_ninh_holds_99_communes(
    loaded: UnitsLoadSummary,
) -> None:
    on = date(2025, 7, 1)
    assert not units_valid_on(on=on, level="district").exists()
    province = units_valid_on(on=on, level="province").get()
    assert (province.code, province.name, province.valid_from) == ("24", "Tỉnh Bắc Ninh", on)
    assert province.latitude is not None
    assert province.longitude is not None
    old = AdminUnit.objects.get(code="24", valid_from=None)
    assert (old.name, old.valid_to) == ("Tỉnh Bắc Giang", on)
    assert UnitSuccession.objects.filter(predecessor=old, successor=province, kind="merged").exists()
    communes = units_valid_on(on=on, under=province)
    assert communes.count() == 99
    assert {u.level for u in communes} == {"commune"}
    assert {u.parent_id for u in communes} == {province.pk}
    assert not communes.filter(latitude__isnull=True).exists()
    # Every unit of the old structure ends by the merger.
    assert not AdminUnit.objects.filter(valid_from__lt=on, valid_to__isnull=True).exists()
    assert not AdminUnit.objects.filter(valid_from__isnull=True, valid_to__isnull=True).exists()
    assert (loaded.new_communes, loaded.new_communes_with_old_territory) == (99, 58)
    assert loaded.old_communes_without_successor == ()


def test_versions_of_a_code_never_overlap_and_every_version_has_a_source(loaded: UnitsLoadSummary) -> None:
    by_code: dict[str, list[AdminUnit]] = {}
    for unit in AdminUnit.objects.order_by("code", "valid_from"):
        by_code.setdefault(unit.code, []).append(unit)
        assert unit.source
        assert len(unit.source) <= 300
    for versions in by_code.values():
        versions.sort(key=lambda u: u.valid_from or date.min)
        for earlier, later in zip(versions, versions[1:], strict=False):
            assert earlier.valid_to is not None
            assert later.valid_from is not None
            assert earlier.valid_to <= later.valid_from
    assert all(e.source for e in UnitSuccession.objects.all())


def test_the_three_suspicious_2025_rows_are_kept_and_flagged(loaded: UnitsLoadSummary) -> None:
    flagged = AdminUnit.objects.filter(source__contains="NGHI LÀ DÒNG THỪA")
    assert sorted(flagged.values_list("code", "name")) == [
        ("07693", "Xã Tân An"),
        ("07732", "Xã Nham Sơn"),
        ("07744", "Xã Thắng Cương"),
    ]
    assert {u.valid_from for u in flagged} == {date(2025, 1, 1)}


def test_changes_without_a_documented_date_say_so(loaded: UnitsLoadSummary) -> None:
    renamed = AdminUnit.objects.get(code="07315", valid_from=date(2025, 1, 1))  # Quang Tiến → Quang Trung
    assert renamed.name == "Xã Quang Trung"
    assert "ngày đổi không rõ" in renamed.source
    moved = AdminUnit.objects.get(code="07702", valid_from=date(2025, 1, 1))  # from Yên Dũng to the city
    assert "Yên Dũng" in moved.source
    assert "ngày đổi không rõ" not in moved.source


def test_loading_twice_changes_nothing(units_csv: Path) -> None:
    first = units_load_history(csv_path=units_csv)
    units = sorted(
        AdminUnit.objects.values_list("id", "code", "valid_from", "valid_to", "parent_id", "source")
    )
    edges = sorted(UnitSuccession.objects.values_list("id", "predecessor_id", "successor_id", "kind", "date"))
    second = units_load_history(csv_path=units_csv)
    assert first.changed
    assert not second.changed
    assert second.units.unchanged == first.units.created == len(units)
    assert second.successions.unchanged == first.successions.created == len(edges)
    assert (
        sorted(AdminUnit.objects.values_list("id", "code", "valid_from", "valid_to", "parent_id", "source"))
        == units
    )
    assert (
        sorted(UnitSuccession.objects.values_list("id", "predecessor_id", "successor_id", "kind", "date"))
        == edges
    )


def test_reloading_removes_a_version_the_history_does_not_hold(
    loaded: UnitsLoadSummary, units_csv: Path
) -> None:
    stray = AdminUnit.objects.create(
        code="221", name="Huyện Yên Dũng", unit_type="Huyện", level="district", valid_from=date(2030, 1, 1)
    )
    summary = units_load_history(csv_path=units_csv)
    assert summary.units.removed == 1
    assert not AdminUnit.objects.filter(pk=stray.pk).exists()


def test_load_units_command_prints_a_vietnamese_summary(units_csv: Path) -> None:
    out = StringIO()
    call_command("load_units", str(units_csv), stdout=out)
    text = out.getvalue()
    assert "Đã nạp lịch sử đơn vị hành chính" in text
    assert "Tỉnh Bắc Ninh (24) với 99 xã/phường" in text
    assert "58 xã/phường gồm địa bàn cũ của Tỉnh Bắc Giang" in text
    out = StringIO()
    call_command("load_units", stdout=out)  # default: settings.NQTRACK_SEED_UNITS
    assert "0 thêm mới" in out.getvalue()
