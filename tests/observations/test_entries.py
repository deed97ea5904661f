"""Writing reported figures: create, update, unchanged, delete; locks, closed years, rules, concurrency."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from nqtrack.observations.entries import (
    Action,
    EntriesRejected,
    EntrySummary,
    observations_import_entries,
    observations_save_cells,
)
from nqtrack.observations.models import AuditEntry, Observation, Origin, ReviewState, YearClosure
from nqtrack.observations.review import Batch, review_approve, review_submit
from nqtrack.observations.rows import EntryRead, EntryRow, RowError
from nqtrack.places.selectors import unit_for_period
from nqtrack.programmes.models import Programme
from tests.observations.conftest import record, state

pytestmark = pytest.mark.django_db


def row(
    n: int, indicator: str, value: str | None, *, period: str = "2024", unit: str = "24", **extra: object
) -> EntryRow:
    number = Decimal(value) if value is not None else None
    return EntryRow(n, indicator, unit, period, number, value or "", **extra)  # type: ignore[arg-type]


def load(
    programme: Programme,
    user: User,
    rows: list[EntryRow],
    *,
    dry_run: bool = False,
    name: str = "so-lieu.csv",
) -> EntrySummary:
    return observations_import_entries(
        user=user,
        programme=programme,
        read=EntryRead(rows=rows),
        channel="file",
        filename=name,
        dry_run=dry_run,
    )


def reported(indicator: str, period: str = "2024", unit: str = "24") -> Observation:
    return Observation.objects.get(
        origin=Origin.REPORTED, indicator__code=indicator, unit__code=unit, period=period
    )


def test_a_new_figure_is_a_draft_with_its_audit_record(figures: Programme, alice: User) -> None:
    summary = load(
        figures,
        alice,
        [row(2, "forest_cover", "38.1", status="Chính thức", source="Cục Thống kê", comment="")],
    )
    assert summary.counts[Action.CREATE] == 1
    obs = reported("forest_cover")
    assert (obs.value, obs.status, obs.review_state, obs.version, obs.unit.name) == (
        Decimal("38.1"),
        "official",
        ReviewState.DRAFT,
        1,
        "Tỉnh Bắc Giang",
    )
    assert (obs.source_document, obs.created_by, obs.imported_from) == (
        "Cục Thống kê",
        alice,
        "so-lieu.csv, dòng 2",
    )
    [entry] = AuditEntry.objects.filter(observation_id=obs.pk)
    assert (
        entry.action,
        entry.channel,
        entry.actor,
        entry.old,
        record(entry.new)["value"],
        entry.source,
    ) == (
        "create",
        "file",
        "alice",
        None,
        "38.1",
        "so-lieu.csv, dòng 2",
    )


def test_the_same_file_again_changes_nothing_and_an_edited_row_updates(
    figures: Programme, alice: User
) -> None:
    rows = [row(2, "forest_cover", "38.1", status="official", comment="")]
    load(figures, alice, rows)
    again = load(figures, alice, rows)
    assert (again.counts[Action.UNCHANGED], again.counts[Action.CREATE], again.counts[Action.UPDATE]) == (
        1,
        0,
        0,
    )
    edited = load(
        figures, alice, [row(2, "forest_cover", "38.3", status="official", comment="sửa theo niên giám")]
    )
    assert edited.counts[Action.UPDATE] == 1
    obs = reported("forest_cover")
    assert (obs.value, obs.version, obs.comment) == (Decimal("38.3"), 2, "sửa theo niên giám")
    update = AuditEntry.objects.get(observation_id=obs.pk, action="update")
    assert (
        record(update.old)["value"],
        record(update.new)["value"],
        record(update.old)["version"],
        record(update.new)["version"],
    ) == (
        "38.1",
        "38.3",
        1,
        2,
    )


def test_a_row_equal_to_the_published_figure_adds_nothing(figures: Programme, alice: User) -> None:
    before = state()
    summary = load(figures, alice, [row(2, "forest_cover", "37.80", period="2023", status="Chính thức")])
    assert summary.counts[Action.UNCHANGED] == 1
    assert state() == before


def test_an_empty_value_is_skipped(figures: Programme, alice: User) -> None:
    before = state()
    summary = load(figures, alice, [row(2, "forest_cover", None)])
    assert summary.counts[Action.SKIP] == 1
    assert state() == before


def test_units_and_indicators_may_be_named_instead_of_coded(figures: Programme, alice: User) -> None:
    summary = load(
        figures,
        alice,
        [
            row(2, "Tỷ lệ che phủ rừng", "71.9", unit="Huyện Sơn Động", period="2023"),
            row(3, "forest_cover", "40", unit="Sơn Động"),
        ],
    )
    assert summary.counts[Action.CREATE] == 2
    assert reported("forest_cover", "2023", "220").value == Decimal("71.9")
    assert reported("forest_cover", "2024", "220").value == Decimal("40")


def test_a_name_that_fits_two_units_is_refused(figures: Programme, alice: User) -> None:
    before = state()
    with pytest.raises(EntriesRejected) as caught:
        load(figures, alice, [row(2, "forest_cover", "40", unit="Bắc Giang", period="2023")])
    assert caught.value.summary.errors == [
        RowError(
            2,
            "unit",
            "tên đơn vị 'Bắc Giang' trùng với nhiều đơn vị năm 2023: Thành phố Bắc Giang (213), Tỉnh "
            "Bắc Giang (24); "
            "hãy ghi mã",
            "E7612",
        )
    ]
    assert state() == before


def test_every_bad_row_is_reported_and_nothing_is_written(figures: Programme, alice: User) -> None:
    before = state()
    rows = [
        row(2, "forest_cover", "38.1"),
        row(3, "no_such_indicator", "1"),
        row(4, "forest_cover", "38", unit="999"),
        row(5, "forest_cover", "38", period="2024Q5"),
        row(6, "forest_cover", "38.9"),
        row(7, "forest_cover", "138", period="2022"),
        row(8, "forest_cover", "38", period="2021", status="final"),
    ]
    with pytest.raises(EntriesRejected) as caught:
        load(figures, alice, rows)
    assert [(e.row, e.column, e.message) for e in caught.value.summary.errors] == [
        (3, "indicator", "mã chỉ tiêu 'no_such_indicator' không có trong chương trình"),
        (4, "unit", "mã đơn vị hành chính '999' không tồn tại"),
        (5, "period", "kỳ '2024Q5' không tồn tại: quý phải từ Q1 đến Q4"),
        (6, "value", "trùng với dòng 2 (cùng chỉ tiêu, đơn vị và kỳ) nhưng khác giá trị: 38.9 ≠ 38.1"),
        (7, "value", "Giá trị 138 lớn hơn mức cao nhất cho phép (100) của “Tỷ lệ che phủ rừng”."),
        (8, "status", "trạng thái 'final' không hợp lệ; cho phép Kế hoạch, Ước, Sơ bộ, Chính thức, Không rõ"),
    ]
    assert state() == before


def test_a_rule_needing_a_comment_passes_with_one_and_a_jump_is_flagged(
    figures: Programme, alice: User
) -> None:
    # 2022 published shares: industry-construction 62.3, agriculture 14.9, services 20.7, product taxes 2.1.
    before = state()
    with pytest.raises(EntriesRejected) as caught:
        load(figures, alice, [row(2, "share_industry_construction", "60", period="2022")])
    [error] = caught.value.summary.errors
    assert error.message.startswith(
        "Tổng tỷ trọng năm 2022 (Tỷ trọng công nghiệp - xây dựng trong cơ cấu kinh tế, "
    )
    assert error.message.endswith(
        "là 97,7%, lệch 2,3 điểm % so với 100% (cho phép ±1). Ghi chú giải trình để lưu."
    )
    assert state() == before
    explained = load(
        figures,
        alice,
        [row(2, "share_industry_construction", "60", period="2022", comment="số liệu sơ bộ mới")],
    )
    assert explained.counts[Action.CREATE] == 1
    jump = load(figures, alice, [row(2, "forest_cover", "49", period="2024")])
    assert [w.message for w in jump.warnings] == [
        "Giá trị 49 năm 2024 thay đổi 11,2 điểm % so với năm 2023 (37,8), vượt ngưỡng 10 điểm %: cần "
        "kiểm tra lại."
    ]
    assert reported("forest_cover").followup is True


def test_a_submitted_or_approved_batch_and_a_closed_year_cannot_change(
    figures: Programme, alice: User, bob: User
) -> None:
    load(figures, alice, [row(2, "forest_cover", "38.1")])
    unit = unit_for_period(code="24", year=2024)
    assert unit is not None
    batch = Batch(programme=figures, unit=unit, year=2024, group=reported("forest_cover").indicator.group)
    review_submit(user=alice, batch=batch, channel="web")
    before = state()
    with pytest.raises(EntriesRejected) as submitted:
        load(figures, alice, [row(2, "forest_cover", "38.2")])
    assert submitted.value.summary.errors[0].message == (
        "số liệu năm 2024 của nhóm chỉ tiêu (12), Tỉnh Bắc Giang đang chờ duyệt; người duyệt cần trả "
        "lại trước khi sửa"
    )
    review_approve(user=bob, batch=batch, channel="web")
    with pytest.raises(EntriesRejected) as approved:
        load(figures, alice, [row(2, "forest_cover", "38.2")])
    assert approved.value.summary.errors[0].code == "E7642"
    assert (
        "đã được duyệt và bị khoá; cần mở khoá (ghi rõ lý do) trước khi sửa"
        in approved.value.summary.errors[0].message
    )
    YearClosure.objects.create(programme=figures, year=2023, closes_on=date(2024, 1, 15))
    before = state()
    with pytest.raises(EntriesRejected) as closed:
        load(figures, alice, [row(2, "forest_cover", "38", period="2023")])
    assert closed.value.summary.errors == [
        RowError(
            2,
            "period",
            "năm 2023 đã khoá sổ từ ngày 15/01/2024; không nhập thêm hay sửa số liệu năm này được",
            "E7643",
        )
    ]
    assert state() == before


def test_the_second_saver_is_told_the_value_changed_under_them(
    figures: Programme, alice: User, carol: User
) -> None:
    """Optimistic locking: both read version 1; Carol saves first; Alice's save is refused, nothing lost."""
    load(figures, alice, [row(2, "forest_cover", "38.1")])
    seen = reported("forest_cover").version
    first = observations_save_cells(
        user=carol, programme=figures, rows=[row(1, "forest_cover", "38.2", seen_version=seen)], channel="web"
    )
    assert first.counts[Action.UPDATE] == 1
    before = state()
    second = observations_save_cells(
        user=alice, programme=figures, rows=[row(1, "forest_cover", "38.3", seen_version=seen)], channel="web"
    )
    [error] = second.errors
    assert error.code == "NQ001"
    assert error.message.startswith("Ô này vừa được carol sửa lúc ")
    assert error.message.endswith(
        "thành 38,2; giá trị bạn nhập (38,3) chưa được lưu. Xem lại rồi lưu lần nữa nếu vẫn muốn thay."
    )
    assert state() == before
    assert reported("forest_cover").value == Decimal("38.2")


def test_the_grid_saves_good_cells_and_reports_bad_ones(figures: Programme, alice: User) -> None:
    summary = observations_save_cells(
        user=alice,
        programme=figures,
        rows=[
            row(1, "forest_cover", "38.1", seen_version=0),
            row(2, "urbanisation_rate", "120", seen_version=0),
        ],
        channel="web",
    )
    assert [o.action for o in summary.outcomes] == [Action.CREATE, Action.REJECT]
    assert Observation.objects.filter(origin=Origin.REPORTED).count() == 1


def test_clearing_a_cell_deletes_the_figure_and_records_it(figures: Programme, alice: User) -> None:
    load(figures, alice, [row(2, "forest_cover", "38.1")])
    obs = reported("forest_cover")
    summary = observations_save_cells(
        user=alice,
        programme=figures,
        rows=[row(1, "forest_cover", None, delete=True, seen_version=1)],
        channel="web",
    )
    assert summary.counts[Action.DELETE] == 1
    assert not Observation.objects.filter(pk=obs.pk).exists()
    deleted = AuditEntry.objects.get(observation_id=obs.pk, action="delete")
    assert (record(deleted.old)["value"], deleted.new, deleted.channel) == ("38.1", None, "web")
