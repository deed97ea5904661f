"""The report's Vietnamese phrases: dates, headings, periods, goals, figures (pure)."""

from __future__ import annotations

from datetime import date

import pytest

from nqtrack.domain.report_content import ReportKind, ReportPeriod
from nqtrack.domain.report_text import (
    ReportInputError,
    capitalised,
    due_date,
    due_text,
    figure_text,
    goal_text,
    intro_text,
    party_header,
    place_of,
    report_period,
    shorten,
    state_header,
    subject_text,
    to_complete,
    vn_date,
)
from nqtrack.domain.targets import Comparator, Direction, TargetKind


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2025, 1, 5), "ngày 05 tháng 01 năm 2025"),  # Nghị định 30: 0 before days < 10, months 1 and 2
        (date(2025, 2, 28), "ngày 28 tháng 02 năm 2025"),
        (date(2025, 3, 9), "ngày 09 tháng 3 năm 2025"),
        (date(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
    ],
)
def test_vn_date_writes_the_date_line_of_decree_30(day: date, text: str) -> None:
    assert vn_date(day) == text


def test_the_party_heading_follows_guidance_36() -> None:
    header = party_header(issuer="Ban Thường vụ Tỉnh ủy Bắc Giang", day=date(2025, 12, 31))
    assert (header.party, header.organ, header.organ_mark) == (True, "TỈNH ỦY BẮC GIANG", "*")
    assert (header.number, header.national, header.motto) == ("Số …-BC/TU", "ĐẢNG CỘNG SẢN VIỆT NAM", "")
    assert header.place_date == "Bắc Giang, ngày 31 tháng 12 năm 2025"
    assert header.reference == "Báo cáo số …-BC/TU ngày 31/12/2025"


def test_the_state_heading_follows_decree_30() -> None:
    header = state_header(issuer="UBND tỉnh Bắc Giang", day=date(2025, 6, 30))
    assert (header.party, header.organ, header.organ_mark) == (False, "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG", "")
    assert header.number == "Số: …/BC-UBND"
    assert (header.national, header.motto) == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    )
    assert header.place_date == "Bắc Giang, ngày 30 tháng 6 năm 2025"


def test_an_issuer_without_a_place_leaves_the_place_to_fill() -> None:
    assert place_of("Bộ Chính trị") == ""
    assert party_header(issuer="Huyện ủy Sơn Động", day=date(2024, 1, 2)).number == "Số …-BC/HU"
    assert (
        party_header(issuer="Bộ Chính trị", day=date(2024, 1, 2)).place_date == "…, ngày 02 tháng 01 năm 2024"
    )


def test_a_review_runs_from_the_first_year_to_the_as_of_year() -> None:
    period = report_period(kind=ReportKind.SO_KET, as_of=date(2025, 12, 31), first_year=2022)
    assert (period.first_year, period.last_year, period.span, period.label) == (
        2022,
        2025,
        3,
        "sơ kết 3 năm 2022–2025",
    )
    final = report_period(kind=ReportKind.TONG_KET, as_of=date(2030, 12, 31), first_year=2022)
    assert final.label == "tổng kết 2022–2030"
    yearly = report_period(kind=ReportKind.ANNUAL, as_of=date(2025, 12, 31), first_year=2022)
    assert (yearly.first_year, yearly.last_year, yearly.label) == (2025, 2025, "năm 2025")


def test_a_review_needs_at_least_one_year() -> None:
    with pytest.raises(ReportInputError) as caught:
        report_period(kind=ReportKind.SO_KET, as_of=date(2022, 6, 30), first_year=2022)
    assert str(caught.value) == (
        "Báo cáo sơ kết cần ít nhất một năm thực hiện: năm bắt đầu 2022, ngày số liệu 30/06/2022."
    )


def test_subject_and_intro_name_the_period() -> None:
    period = ReportPeriod(kind=ReportKind.SO_KET, first_year=2022, last_year=2025)
    assert (
        subject_text(period, "Chương trình hành động X") == "Sơ kết 3 năm thực hiện Chương trình hành động X"
    )
    title = "Chương trình hành động thực hiện Nghị quyết số 11-NQ/TW"
    assert intro_text(period, title=title, issuer="Ban Thường vụ Tỉnh ủy") == (
        "Thực hiện Chương trình hành động [Cần bổ sung: số, ngày ban hành Chương trình] của Ban Thường vụ "
        "Tỉnh ủy thực hiện Nghị quyết số 11-NQ/TW, Ban Thường vụ Tỉnh ủy báo cáo sơ kết 3 năm thực hiện "
        "(2022–2025) như sau:"
    )
    assert intro_text(period, title=title, issuer="Tỉnh ủy", number="17-CTr/TU", day="05/5/2022") == (
        "Thực hiện Chương trình hành động số 17-CTr/TU ngày 05/5/2022 của Tỉnh ủy thực hiện Nghị quyết số "
        "11-NQ/TW, Tỉnh ủy báo cáo sơ kết 3 năm thực hiện (2022–2025) như sau:"
    )
    yearly = ReportPeriod(kind=ReportKind.ANNUAL, first_year=2025, last_year=2025)
    # the year comes before the title, whose own end ("tầm nhìn đến năm 2045") would run into it
    assert subject_text(yearly, "Chương trình X đến năm 2045") == (
        "Kết quả năm 2025 thực hiện Chương trình X đến năm 2045"
    )
    final = ReportPeriod(kind=ReportKind.TONG_KET, first_year=2022, last_year=2030)
    assert subject_text(final, "Chương trình X") == "Tổng kết thực hiện Chương trình X (giai đoạn 2022–2030)"


@pytest.mark.parametrize(
    ("kind", "comparator", "low", "high", "unit", "direction", "year", "period", "out_of", "text"),
    [
        (
            TargetKind.AVERAGE_GROWTH,
            Comparator.ABOUT,
            15,
            16,
            "percent_per_year",
            Direction.HIGHER,
            None,
            (2021, 2030),
            None,
            "khoảng 15–16%/năm (bình quân 2021–2030)",
        ),
        (
            TargetKind.LEVEL,
            Comparator.AT_LEAST,
            37,
            None,
            "percent",
            Direction.HIGHER,
            2030,
            None,
            None,
            "từ 37% trở lên (năm 2030)",
        ),
        (
            TargetKind.LEVEL,
            Comparator.ABOUT,
            640000,
            None,
            "billion_vnd",
            Direction.HIGHER,
            2030,
            None,
            None,
            "khoảng 640.000 tỷ đồng (năm 2030)",
        ),
        (
            TargetKind.ANNUAL_CHANGE,
            Comparator.RANGE,
            1,
            1.5,
            "percentage_points_per_year",
            Direction.LOWER,
            None,
            (2021, 2030),
            None,
            "giảm 1–1,5 điểm %/năm (bình quân 2021–2030)",
        ),
        (
            TargetKind.LEVEL,
            Comparator.AT_LEAST,
            8,
            None,
            "districts",
            Direction.HIGHER,
            2030,
            None,
            9,
            "từ 8/9 huyện trở lên (năm 2030)",
        ),
        (
            TargetKind.LEVEL,
            Comparator.LESS_THAN,
            None,
            2.5,
            "percent",
            Direction.LOWER,
            2030,
            None,
            None,
            "dưới 2,5% (năm 2030)",
        ),
    ],
)
def test_goal_text_says_the_goal_in_words(
    kind: TargetKind,
    comparator: Comparator,
    low: float | None,
    high: float | None,
    unit: str,
    direction: Direction,
    year: int | None,
    period: tuple[int, int] | None,
    out_of: int | None,
    text: str,
) -> None:
    goal = goal_text(
        kind=kind,
        comparator=comparator,
        low=low,
        high=high,
        unit=unit,
        direction=direction,
        year=year,
        period=period,
        out_of=out_of,
    )
    assert goal == text


def test_figures_keep_their_published_precision() -> None:
    assert [figure_text(t) for t in ("155876.0", "13.45", "207000", "2.1")] == [
        "155.876,0",
        "13,45",
        "207.000",
        "2,1",
    ]


@pytest.mark.parametrize(
    ("due", "day", "text"),
    [
        ("2025", date(2025, 12, 31), "năm 2025"),
        ("2022-09", date(2022, 9, 30), "tháng 9/2022"),
        ("2024-02", date(2024, 2, 29), "tháng 2/2024"),
        ("2022-09-15", date(2022, 9, 15), "15/09/2022"),
        ("2022-13", None, ""),
    ],
)
def test_due_dates_end_on_the_last_day_of_their_period(due: str, day: date | None, text: str) -> None:
    assert due_date(due) == day
    assert due_text(due, recurring=False) == text


def test_a_recurring_task_without_a_date_is_ongoing() -> None:
    assert due_text("", recurring=True) == "Thường xuyên"
    assert due_text("", recurring=False) == ""


def test_shorten_keeps_the_first_sentence_whole() -> None:
    assert shorten("Câu một. Câu hai.") == "Câu một."
    long = "Tăng cường " + "phối hợp " * 40 + "với các tỉnh."
    assert shorten(long) == long  # never cut mid-phrase with "…"


def test_marked_places_and_capitals() -> None:
    assert to_complete("nguyên nhân chủ quan") == "[Cần bổ sung: nguyên nhân chủ quan]"
    assert capitalised("hoàn thành cao tốc") == "Hoàn thành cao tốc"
    assert capitalised("đường vành đai IV") == "Đường vành đai IV"
