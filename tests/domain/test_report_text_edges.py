"""The report's phrases at their edges: whole headings, missing bounds, marked places, refusals."""

from __future__ import annotations

from datetime import date

import pytest

from nqtrack.domain.report_content import Header, ReportKind
from nqtrack.domain.report_text import (
    ReportInputError,
    figures_unit_text,
    goal_text,
    number_text,
    programme_reference,
    report_period,
    state_header,
    unit_text,
    vn_short_date,
)
from nqtrack.domain.targets import Comparator, Direction, TargetKind


def test_the_whole_state_heading() -> None:
    assert state_header(issuer="HĐND tỉnh Bắc Giang", day=date(2025, 6, 3)) == Header(
        party=False,
        organ_parent="",
        organ="HỘI ĐỒNG NHÂN DÂN TỈNH BẮC GIANG",
        organ_mark="",
        number="Số: …/BC-HĐND",
        reference="Báo cáo số …/BC-HĐND ngày 03/06/2025",
        national="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        motto="Độc lập - Tự do - Hạnh phúc",
        place_date="Bắc Giang, ngày 03 tháng 6 năm 2025",
    )
    assert state_header(issuer="Sở Tài chính", day=date(2025, 1, 2)).number == "Số: …/BC-…"
    assert (
        state_header(issuer="Sở Tài chính", day=date(2025, 1, 2)).place_date == "…, ngày 02 tháng 01 năm 2025"
    )


def test_numbers_and_units_in_words() -> None:
    assert number_text(15.989) == "15,99"
    assert number_text(37.0) == "37"
    assert number_text(1234.5678, 3) == "1.234,568"
    assert unit_text("rank") == ""
    assert unit_text("billion_vnd") == "tỷ đồng"
    assert unit_text("percent") == "%"
    assert vn_short_date(date(2019, 1, 2)) == "02/01/2019"


def test_a_missing_bound_is_shown_as_a_question_mark() -> None:
    words = {"kind": TargetKind.LEVEL, "unit": "percent", "direction": Direction.HIGHER, "period": None}
    assert goal_text(comparator=Comparator.AT_LEAST, low=None, high=None, year=2030, **words) == (  # type: ignore[arg-type]
        "từ ?% trở lên (năm 2030)"
    )
    assert goal_text(comparator=Comparator.AT_MOST, low=None, high=None, year=2030, **words) == (  # type: ignore[arg-type]
        "không quá ?% (năm 2030)"
    )
    assert goal_text(comparator=Comparator.RANGE, low=None, high=16.0, year=None, **words) == "?–16%"  # type: ignore[arg-type]
    assert goal_text(comparator=Comparator.ABOUT, low=15.0, high=None, year=None, **words) == "khoảng 15%"  # type: ignore[arg-type]


def test_the_programme_reference_marks_what_is_missing() -> None:
    title = "Chương trình hành động thực hiện Nghị quyết số 11-NQ/TW"
    issuer = "Ban Thường vụ Tỉnh ủy Bắc Giang"
    assert programme_reference(title=title, issuer=issuer, number="17-CTr/TU", day="05/5/2022") == (
        "Chương trình hành động số 17-CTr/TU ngày 05/5/2022 của Ban Thường vụ Tỉnh ủy Bắc Giang thực hiện "
        "Nghị quyết số 11-NQ/TW"
    )
    assert programme_reference(title=title, issuer=issuer, number="17-CTr/TU") == (
        "Chương trình hành động số 17-CTr/TU ngày [Cần bổ sung: ngày ban hành Chương trình] của Ban Thường "
        "vụ Tỉnh ủy Bắc Giang thực hiện Nghị quyết số 11-NQ/TW"
    )
    assert programme_reference(title="Kế hoạch", issuer=issuer, day="05/5/2022") == (
        "Kế hoạch [Cần bổ sung: số, ngày ban hành Chương trình] của Ban Thường vụ Tỉnh ủy Bắc Giang"
    )


@pytest.mark.parametrize(
    ("kind", "words"), [(ReportKind.SO_KET, "sơ kết"), (ReportKind.TONG_KET, "tổng kết")]
)
def test_a_review_of_no_full_year_is_refused_with_its_kind(kind: ReportKind, words: str) -> None:
    with pytest.raises(ReportInputError) as caught:
        report_period(kind=kind, as_of=date(2025, 12, 31), first_year=2025)
    assert str(caught.value) == (
        f"Báo cáo {words} cần ít nhất một năm thực hiện: năm bắt đầu 2025, ngày số liệu 31/12/2025."
    )


def test_an_annex_row_names_the_unit_its_figures_are_in() -> None:
    assert figures_unit_text(None, "districts") == "huyện"  # no figure: the target's unit
    assert figures_unit_text("percent", "percent") == "%"
    assert figures_unit_text("count", "districts") == "đơn vị cấp huyện"
    assert figures_unit_text("billion_vnd", "percent") == "tỷ đồng"
    assert figures_unit_text("unknown_unit", "percent") == "đơn vị khác"


def test_an_annual_change_goal_is_a_yearly_amount_in_its_unit() -> None:
    def goal(unit: str) -> str:
        return goal_text(
            kind=TargetKind.ANNUAL_CHANGE,
            comparator=Comparator.AT_LEAST,
            low=1200.0,
            high=None,
            unit=unit,
            direction=Direction.LOWER,
            year=None,
            period=(2021, 2025),
        )

    assert goal("households") == "giảm từ 1.200 hộ/năm trở lên (bình quân 2021–2025)"
    assert goal("percent") == "giảm từ 1.200 điểm %/năm trở lên (bình quân 2021–2025)"
    assert goal("percentage_points_per_year") == "giảm từ 1.200 điểm %/năm trở lên (bình quân 2021–2025)"
