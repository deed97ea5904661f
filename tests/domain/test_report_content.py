"""The plain data of the review report: period labels, figure cells, citations and status categories."""

from __future__ import annotations

import pytest

from nqtrack.domain.progress.model import Status
from nqtrack.domain.report_content import CATEGORY_OF, Category, ReportKind, ReportPeriod, YearFigure


@pytest.mark.parametrize(
    ("kind", "first", "last", "span", "label"),
    [
        (ReportKind.SO_KET, 2022, 2025, 3, "sơ kết 3 năm 2022–2025"),
        (ReportKind.TONG_KET, 2022, 2030, 8, "tổng kết 2022–2030"),
        (ReportKind.ANNUAL, 2025, 2025, 0, "năm 2025"),
        (ReportKind.ANNUAL, 2024, 2026, 2, "năm 2026"),
    ],
)
def test_a_period_says_its_years(kind: ReportKind, first: int, last: int, span: int, label: str) -> None:
    period = ReportPeriod(kind=kind, first_year=first, last_year=last)
    assert (period.span, period.label) == (span, label)


def test_report_kinds_are_written_as_the_command_takes_them() -> None:
    assert [k.value for k in ReportKind] == ["so-ket", "tong-ket", "annual"]


def test_a_figure_cell_shows_its_status_mark_only_with_a_figure() -> None:
    assert YearFigure(2024, "13,45", 13.45, 2, "ư").display == "13,45 (ư)"
    assert YearFigure(2024, "13,45", 13.45, 2, "").display == "13,45"
    assert YearFigure(2024, "", None, 0, "sb").display == ""


def test_every_status_falls_in_one_category_of_section_one() -> None:
    assert CATEGORY_OF == {
        Status.ACHIEVED: Category.ACHIEVED,
        Status.AT_RISK: Category.ACHIEVED,
        Status.NOT_ACHIEVED: Category.NOT_ACHIEVED,
        Status.ON_TRACK: Category.ON_COURSE,
        Status.NEEDS_ACCELERATION: Category.OFF_COURSE,
        Status.LIMITED_PROGRESS: Category.OFF_COURSE,
        Status.MOVING_AWAY: Category.OFF_COURSE,
        Status.INSUFFICIENT_DATA: Category.INSUFFICIENT_DATA,
    }
    assert set(CATEGORY_OF) == set(Status)
