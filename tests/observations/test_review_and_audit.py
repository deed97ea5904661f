"""Review states, locks, closing a year, what the public sees, and the append-only audit log."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from nqtrack.observations.entries import observations_import_entries
from nqtrack.observations.models import AuditEntry, ImportBatch, Observation, Origin, YearClosure
from nqtrack.observations.review import (
    Batch,
    ReviewRefused,
    review_approve,
    review_return,
    review_submit,
    review_unlock,
    year_close,
    year_reopen,
)
from nqtrack.observations.rows import EntryRead, EntryRow
from nqtrack.observations.selectors import province_series
from nqtrack.places.selectors import unit_for_period
from nqtrack.programmes.models import Indicator, Programme
from tests.observations.conftest import record, state

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(figures: Programme, alice: User) -> Batch:
    """Alice's draft of forest cover 2024 for the province (group 12)."""
    rows = [EntryRow(2, "forest_cover", "24", "2024", Decimal("38.1"), "38.1", "official")]
    observations_import_entries(
        user=alice, programme=figures, read=EntryRead(rows=rows), channel="file", filename="f.csv"
    )
    unit = unit_for_period(code="24", year=2024)
    assert unit is not None
    return Batch(
        programme=figures, unit=unit, year=2024, group=Indicator.objects.get(code="forest_cover").group
    )


def states() -> list[tuple[str, int]]:
    return list(Observation.objects.filter(origin=Origin.REPORTED).values_list("review_state", "version"))


def forest_2024(programme: Programme, *, include_drafts: bool) -> str | None:
    series = province_series(programme=programme, include_drafts=include_drafts)
    chosen = series[Indicator.objects.get(code="forest_cover").pk].get(2024)
    return chosen.value_text if chosen else None


def test_draft_to_submitted_to_approved_and_only_approved_is_public(
    batch: Batch, alice: User, bob: User
) -> None:
    programme = batch.programme
    assert (forest_2024(programme, include_drafts=False), forest_2024(programme, include_drafts=True)) == (
        None,
        "38.1",
    )
    assert review_submit(user=alice, batch=batch, channel="web") == 1
    assert states() == [("submitted", 2)]
    assert forest_2024(programme, include_drafts=False) is None
    assert review_approve(user=bob, batch=batch, channel="web") == 1
    assert states() == [("approved", 3)]
    assert forest_2024(programme, include_drafts=False) == "38.1"
    mine = AuditEntry.objects.filter(indicator__code="forest_cover", period="2024", channel="web")
    actions = list(mine.order_by("id").values_list("action", "actor"))
    assert actions == [("submit", "alice"), ("approve", "bob")]
    created = AuditEntry.objects.get(indicator__code="forest_cover", period="2024", action="create")
    assert (created.actor, created.channel) == ("alice", "file")
    approve = AuditEntry.objects.get(action="approve")
    assert (
        record(approve.old)["review_state"],
        record(approve.new)["review_state"],
        approve.group_number,
    ) == (
        "submitted",
        "approved",
        12,
    )


def test_a_reporter_cannot_approve_and_nothing_changes(batch: Batch, alice: User) -> None:
    review_submit(user=alice, batch=batch, channel="web")
    before = state()
    with pytest.raises(PermissionDenied) as caught:
        review_approve(user=alice, batch=batch, channel="web")
    assert str(caught.value) == "Bạn không có quyền duyệt số liệu."
    assert state() == before


def test_returning_and_unlocking_need_a_reason_which_is_recorded(
    batch: Batch, alice: User, bob: User
) -> None:
    review_submit(user=alice, batch=batch, channel="web")
    before = state()
    with pytest.raises(ReviewRefused) as caught:
        review_return(user=bob, batch=batch, reason="  ", channel="web")
    assert caught.value.message == "Cần ghi lý do trả lại (ít nhất 5 ký tự)."
    assert state() == before
    review_return(user=bob, batch=batch, reason="Thiếu nguồn số liệu", channel="web")
    assert states() == [("draft", 3)]
    review_submit(user=alice, batch=batch, channel="web")
    review_approve(user=bob, batch=batch, channel="web")
    with pytest.raises(ReviewRefused) as again:
        review_approve(user=bob, batch=batch, channel="web")
    assert again.value.message == (
        "Không duyệt được nhóm chỉ tiêu (12), Tỉnh Bắc Giang, năm 2024: số liệu đang ở trạng thái Đã duyệt, "
        "cần ở trạng thái Chờ duyệt."
    )
    review_unlock(user=bob, batch=batch, reason="Cục Thống kê sửa số liệu", channel="cli")
    assert states() == [("draft", 6)]
    unlock = AuditEntry.objects.get(action="unlock")
    assert (unlock.reason, unlock.channel, unlock.actor) == ("Cục Thống kê sửa số liệu", "cli", "bob")
    assert list(AuditEntry.objects.filter(action="return").values_list("reason", flat=True)) == [
        "Thiếu nguồn số liệu"
    ]


def test_an_empty_batch_cannot_be_submitted(figures: Programme, alice: User) -> None:
    unit = unit_for_period(code="24", year=2024)
    assert unit is not None
    empty = Batch(programme=figures, unit=unit, year=2024, group=None)
    with pytest.raises(ReviewRefused) as caught:
        review_submit(user=alice, batch=empty, channel="web")
    assert (
        caught.value.message
        == "Không gửi duyệt được: các chỉ tiêu bổ trợ, Tỉnh Bắc Giang, năm 2024 chưa có số liệu nào."
    )


def test_closing_and_reopening_a_year_is_recorded(figures: Programme, alice: User, bob: User) -> None:
    with pytest.raises(PermissionDenied):
        year_close(user=alice, programme=figures, year=2024, channel="web")
    assert not YearClosure.objects.exists()
    closure = year_close(user=bob, programme=figures, year=2024, channel="web", closes_on=date(2025, 1, 15))
    assert (closure.year, closure.closes_on, closure.closed_by) == (2024, date(2025, 1, 15), bob)
    year_reopen(user=bob, programme=figures, year=2024, reason="Bổ sung số liệu chính thức", channel="web")
    assert not YearClosure.objects.exists()
    assert list(
        AuditEntry.objects.filter(year=2024, indicator=None).order_by("id").values_list("action", "reason")
    ) == [
        ("close_year", ""),
        ("reopen_year", "Bổ sung số liệu chính thức"),
    ]


def test_the_audit_log_cannot_be_changed_or_deleted(batch: Batch) -> None:
    entry = AuditEntry.objects.get(action="create", actor="alice")
    entry.reason = "sửa lén"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).reason == ""


def test_published_figures_are_imported_approved_with_an_audit_record(figures: Programme) -> None:
    published = Observation.objects.filter(origin=Origin.PUBLISHED)
    assert published.count() == 144
    assert set(published.values_list("review_state", flat=True)) == {"approved"}
    # The import is audited by its batch (one row for the file), not by an entry per figure.
    [batch] = ImportBatch.objects.all()
    assert (batch.channel, batch.filename, batch.created, batch.unchanged) == (
        "cli",
        "bac-giang-statistics.csv",
        144,
        0,
    )
    assert set(published.values_list("import_batch", flat=True)) == {batch.pk}
    assert AuditEntry.objects.filter(action="create", channel="cli").count() == 0
