"""A target on the district level, which the merger abolished on 1/7/2025, says so where the review report
reports it (section II and the Word text), and says nothing in a report dated before the merger."""

from __future__ import annotations

from datetime import date

import pytest

from nqtrack.domain.report_content import ReportKind
from nqtrack.programmes.models import Programme
from nqtrack.reports.content import report_content_build
from tests.reports.conftest import RealReport
from tests.reports.test_report_golden_text import report_lines

pytestmark = pytest.mark.django_db

DISTRICTS_LINE = (
    "- Số huyện đạt chuẩn huyện nông thôn mới: số liệu đếm các đơn vị hành chính cấp huyện (có thể gồm cả "
    "thành phố, thị xã), còn mục tiêu đếm số huyện; chưa biết trong số liệu có bao nhiêu huyện nên không "
    "so sánh được."
)
NOTE = " Cấp huyện không còn từ 1/7/2025: chỉ tiêu được đánh giá theo số liệu cuối cùng của cấp huyện."


def test_the_district_target_of_the_2025_report_carries_the_abolished_level_note(
    real_report: RealReport,
) -> None:
    noted = [t for t in real_report.content.targets if "Cấp huyện không còn" in t.explanation]
    assert [(t.number, t.indicator) for t in noted] == [(11, "Số huyện đạt chuẩn huyện nông thôn mới")]
    assert (
        noted[0].explanation
        == DISTRICTS_LINE.removeprefix("- Số huyện đạt chuẩn huyện nông thôn mới: ") + NOTE
    )
    lines = report_lines(real_report.docx)
    assert [line for line in lines if "Cấp huyện không còn" in line] == [DISTRICTS_LINE + NOTE]


def test_a_report_dated_before_the_merger_has_no_such_note(loaded: Programme) -> None:
    content = report_content_build(
        user=None, programme=loaded, as_of=date(2024, 12, 31), kind=ReportKind.SO_KET
    )
    districts = next(t for t in content.targets if t.number == 11)
    assert districts.indicator == "Số huyện đạt chuẩn huyện nông thôn mới"
    assert "Cấp huyện" not in districts.explanation
