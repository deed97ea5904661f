"""The refusals of a write or a review step are in the active language: Vietnamese unless English is on.

Each test sets the language it means (None: translation deactivated, the msgids): a test that went
through LocaleMiddleware may have left another one active in this thread.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from nqtrack.observations.entries import (
    Action,
    EntriesRejected,
    observations_import_entries,
    observations_save_cells,
)
from nqtrack.observations.models import YearClosure
from nqtrack.observations.review import Batch, ReviewRefused, review_submit, year_reopen
from nqtrack.observations.rows import EntryRead, EntryRow
from nqtrack.places.selectors import unit_for_period
from nqtrack.programmes.models import Indicator, Programme

pytestmark = pytest.mark.django_db


def row(n: int, value: str, *, period: str = "2024", **extra: object) -> EntryRow:
    return EntryRow(n, "forest_cover", "24", period, Decimal(value), value, **extra)  # type: ignore[arg-type]


ROWS = [
    row(2, "38.1"),
    row(3, "38.9"),  # the same figure as row 2, another value
    row(4, "38", period="2021", status="final"),
    row(5, "38", period="2022", measure_unit="ha"),
    row(6, "38", period="2023"),  # the year is closed
    EntryRow(7, "forest_cover", "24", "", Decimal("1"), "1"),  # no period
]

VIETNAMESE = [
    (3, "value", "trùng với dòng 2 (cùng chỉ tiêu, đơn vị và kỳ) nhưng khác giá trị: 38.9 ≠ 38.1"),
    (4, "status", "trạng thái 'final' không hợp lệ; cho phép Kế hoạch, Ước, Sơ bộ, Chính thức, Không rõ"),
    (5, "measure_unit", "đơn vị tính 'ha' khác đơn vị của chỉ tiêu (percent)"),
    (6, "period", "năm 2023 đã khoá sổ từ ngày 15/01/2024; không nhập thêm hay sửa số liệu năm này được"),
    (7, "period", "thiếu kỳ (năm)"),
]

ENGLISH = [
    (3, "value", "repeats row 2 (same indicator, unit and period) with a different value: 38.9 ≠ 38.1"),
    (4, "status", "the status 'final' is not valid; allowed: Kế hoạch, Ước, Sơ bộ, Chính thức, Không rõ"),
    (5, "measure_unit", "the unit of measure 'ha' differs from the indicator's unit (percent)"),
    (
        6,
        "period",
        "the year 2023 has been closed for entry since 15/01/2024; its figures can no longer be added "
        "or changed",
    ),
    (7, "period", "the period (year) is missing"),
]


def refused(programme: Programme, user: User) -> EntriesRejected:
    YearClosure.objects.create(programme=programme, year=2023, closes_on=date(2024, 1, 15))
    with pytest.raises(EntriesRejected) as caught:
        observations_import_entries(
            user=user, programme=programme, read=EntryRead(rows=ROWS), channel="file", filename="so-lieu.csv"
        )
    return caught.value


@pytest.mark.parametrize(
    ("code", "expected", "said"),
    [
        (None, VIETNAMESE, "so-lieu.csv: 5 lỗi, không ghi dòng nào"),
        ("vi", VIETNAMESE, "so-lieu.csv: 5 lỗi, không ghi dòng nào"),
        ("en", ENGLISH, "so-lieu.csv: 5 errors, no row written"),
    ],
)
def test_a_refused_row_is_told_in_the_active_language(
    figures: Programme, alice: User, code: str | None, expected: list[tuple[int, str, str]], said: str
) -> None:
    with translation.override(code):
        rejected = refused(figures, alice)
    assert [(e.row, e.column, e.message) for e in rejected.summary.errors] == expected
    assert str(rejected) == said


def test_the_labels_of_the_actions_are_translated_when_shown(figures: Programme, alice: User) -> None:
    with translation.override("en"):
        rejected = refused(figures, alice)
    outcomes = {o.row: o for o in rejected.summary.outcomes}
    assert (outcomes[2].action, outcomes[3].action) == (Action.CREATE, Action.REJECT)
    with translation.override("vi"):
        assert (outcomes[2].label, outcomes[3].label) == ("Thêm", "Từ chối")
    with translation.override("en"):
        assert (outcomes[2].label, outcomes[3].label) == ("Add", "Refused")


@pytest.mark.parametrize(
    ("code", "empty", "reason"),
    [
        (
            "vi",
            "Không gửi duyệt được: nhóm chỉ tiêu (12), Tỉnh Bắc Giang, năm 2024 chưa có số liệu nào.",
            "Cần ghi lý do mở lại năm (ít nhất 5 ký tự).",
        ),
        (
            "en",
            "Cannot submit: indicator group (12), Tỉnh Bắc Giang, year 2024 has no figures yet.",
            "Give a reason to reopen the year (at least 5 characters).",
        ),
    ],
)
def test_a_refused_review_step_is_told_in_the_active_language(
    figures: Programme, alice: User, code: str, empty: str, reason: str
) -> None:
    unit = unit_for_period(code="24", year=2024)
    assert unit is not None
    group = Indicator.objects.get(programme=figures, code="forest_cover").group
    batch = Batch(programme=figures, unit=unit, year=2024, group=group)
    with translation.override(code):
        with pytest.raises(ReviewRefused) as nothing:
            review_submit(user=alice, batch=batch, channel="web")
        with pytest.raises(ReviewRefused) as short:
            year_reopen(user=None, programme=figures, year=2023, reason="vì", channel="web")
    assert (nothing.value.message, short.value.message) == (empty, reason)


SHARES = (
    "Tỷ trọng công nghiệp - xây dựng trong cơ cấu kinh tế, Tỷ trọng nông, lâm nghiệp và thủy sản trong "
    "cơ cấu kinh tế, Tỷ trọng dịch vụ trong cơ cấu kinh tế, Tỷ trọng thuế sản phẩm trong cơ cấu kinh tế"
)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (
            "vi",
            f"Tổng tỷ trọng năm 2022 ({SHARES}) là 97,7%, lệch 2,3 điểm % so với 100% (cho phép ±1). "
            "Ghi chú giải trình để lưu.",
        ),
        (
            "en",
            f"The shares of 2022 ({SHARES}) add up to 97.7%, 2.3 points from 100% (±1 allowed). "
            "Add an explanatory note to save it.",
        ),
    ],
)
def test_a_rule_refusal_is_told_in_the_active_language(
    figures: Programme, alice: User, code: str, expected: str
) -> None:
    """The rule's own words (the domain has both languages), then what to do, in the same language."""
    # 2022 published shares: industry-construction 62.3, agriculture 14.9, services 20.7, product taxes 2.1.
    share = EntryRow(2, "share_industry_construction", "24", "2022", Decimal("60"), "60")
    with translation.override(code), pytest.raises(EntriesRejected) as caught:
        observations_import_entries(
            user=alice,
            programme=figures,
            read=EntryRead(rows=[share]),
            channel="file",
            filename="so-lieu.csv",
        )
    assert [e.message for e in caught.value.summary.errors] == [expected]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (
            "vi",
            [
                "Thêm",
                "Từ chối",
                "Giá trị: Ô này vừa bị người khác xoá; giá trị bạn nhập (38,2) chưa được lưu.",
            ],
        ),
        (
            "en",
            [
                "Add",
                "Refused",
                "Value: Someone else has just deleted this cell; the value you entered (38,2) was not saved.",
            ],
        ),
    ],
)
def test_the_grid_says_its_columns_and_outcomes_in_the_active_language(
    figures: Programme, alice: User, code: str, expected: list[str]
) -> None:
    """The second cell was seen holding a figure (version 5) that is no longer there."""
    cells = [row(1, "38.1", seen_version=0), row(2, "38.2", period="2023", seen_version=5)]
    with translation.override(code):
        summary = observations_save_cells(user=alice, programme=figures, rows=cells, channel="web")
        said = [o.label for o in summary.outcomes] + [f"{e.column}: {e.message}" for e in summary.errors]
    assert said == expected
