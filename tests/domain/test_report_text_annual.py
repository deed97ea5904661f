"""The opening sentence of a yearly report."""

from __future__ import annotations

from nqtrack.domain.report_content import ReportKind, ReportPeriod
from nqtrack.domain.report_text import intro_text


def test_a_yearly_report_opens_with_the_results_of_its_year() -> None:
    period = ReportPeriod(kind=ReportKind.ANNUAL, first_year=2025, last_year=2025)
    title = "Chương trình hành động thực hiện Nghị quyết số 11-NQ/TW"
    assert intro_text(period, title=title, issuer="Ban Thường vụ Tỉnh ủy Bắc Giang") == (
        "Thực hiện Chương trình hành động [Cần bổ sung: số, ngày ban hành Chương trình] của Ban Thường vụ "
        "Tỉnh ủy Bắc Giang thực hiện Nghị quyết số 11-NQ/TW, Ban Thường vụ Tỉnh ủy Bắc Giang báo cáo kết quả "
        "thực hiện năm 2025 như sau:"
    )
