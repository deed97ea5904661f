"""The Excel annex: the same tables as the DOCX annex, figures as numbers with number formats."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from nqtrack.reports.render_xlsx import number_format, render_xlsx
from tests.reports.conftest import RealReport

pytestmark = pytest.mark.django_db

HEAD = 4  # the heading row, under the title block


@pytest.fixture(scope="module")
def book(real_report: RealReport) -> Workbook:
    return load_workbook(BytesIO(render_xlsx(real_report.content)))


def test_number_formats_carry_decimals_and_status_marks() -> None:
    assert [number_format(0), number_format(1), number_format(2, "ư")] == [
        "#,##0",
        "#,##0.0",
        '#,##0.00" (ư)"',
    ]


def test_three_sheets(book: Workbook) -> None:
    assert book.sheetnames == ["Phụ lục 1 - Chỉ tiêu", "Phụ lục 2 - Nhiệm vụ", "Nguồn số liệu"]


def test_every_target_is_a_row_with_numeric_figures(book: Workbook, real_report: RealReport) -> None:
    sheet = book["Phụ lục 1 - Chỉ tiêu"]
    heads = [c.value for c in sheet[HEAD]]
    assert heads == [
        "TT", "Nhóm", "Mã", "Chỉ tiêu", "Nội dung chỉ tiêu", "Mục tiêu", "Đơn vị", "Cận dưới", "Cận trên",
        "Năm đích", "2020", "2021", "2022", "2023", "2024", "2025", "Số liệu mới nhất", "Đánh giá",
        "Cần đạt mỗi năm", "Cần tăng/năm (cận dưới)", "Cần tăng/năm (cận trên)", "Nguồn",
    ]  # fmt: skip
    rows = list(sheet.iter_rows(min_row=HEAD + 1, max_row=HEAD + 29, values_only=True))
    assert [r[2] for r in rows] == [t.code for t in real_report.content.targets]
    assert sheet.cell(row=HEAD + 30, column=1).value is None  # then the legend, after a blank row
    grdp = rows[0]
    assert grdp[:10] == (
        1, 1, "grdp_growth_2021_2030", "Tốc độ tăng trưởng kinh tế (GRDP)",
        "Tốc độ tăng trưởng kinh tế bình quân thời kỳ 2021-2030 đạt khoảng 15-16%",
        "khoảng 15–16%/năm (bình quân 2021–2030)", "%", 15, 16, 2030,
    )  # fmt: skip
    assert grdp[10:16] == (None, 7.82, 19.3, 13.45, 13.85, None)
    assert grdp[16:19] == ("13,85 (2024)", "Cần đẩy nhanh", "cần tăng 15,99–17,67%/năm")
    assert (round(grdp[19], 2), round(grdp[20], 2), grdp[21]) == (15.99, 17.67, "[1], [2], [3], [4]")


def test_figures_keep_their_precision_and_marks_in_the_format(book: Workbook) -> None:
    sheet = book["Phụ lục 1 - Chỉ tiêu"]
    grdp_2022, grdp_2023 = sheet.cell(row=HEAD + 1, column=13), sheet.cell(row=HEAD + 1, column=14)
    assert (grdp_2022.value, grdp_2022.number_format) == (19.3, "#,##0.0")
    assert (grdp_2023.value, grdp_2023.number_format) == (13.45, '#,##0.00" (ư)"')
    size_2022 = sheet.cell(row=HEAD + 7, column=13)  # GRDP at current prices: 155876.0, an estimate
    assert (size_2022.value, size_2022.number_format) == (155876, '#,##0.0" (ư)"')
    assert sheet.cell(row=HEAD + 1, column=20).number_format == "#,##0.00"


def test_every_task_is_a_row_with_its_deadline_as_a_date(book: Workbook, real_report: RealReport) -> None:
    sheet = book["Phụ lục 2 - Nhiệm vụ"]
    assert [c.value for c in sheet[HEAD]] == [
        "Mã", "Nhóm", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Ngày hết hạn", "Tình trạng",
        "Kết quả thực hiện", "Văn bản",
    ]  # fmt: skip
    rows = list(sheet.iter_rows(min_row=HEAD + 1, values_only=True))
    assert len(rows) == 39
    assert [r[0] for r in rows] == [t.code for t in real_report.content.tasks]
    iv2 = rows[34]
    assert iv2[:2] == ("IV.2", "Tổ chức thực hiện")
    assert iv2[3:5] == ("Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy", "tháng 9/2022")
    assert isinstance(iv2[5], datetime)  # a date cell (Excel has no date-only type)
    assert (iv2[5].date(), iv2[6]) == (date(2022, 9, 30), "Chưa theo dõi")
    assert sheet.cell(row=HEAD + 35, column=6).number_format == "dd/mm/yyyy"
    assert rows[0][2] == real_report.content.tasks[0].full_text  # the whole paragraph, not the summary


def test_sources_are_listed_with_links(book: Workbook, real_report: RealReport) -> None:
    sheet = book["Nguồn số liệu"]
    rows = list(sheet.iter_rows(min_row=HEAD + 1, values_only=True))
    assert [r[0] for r in rows] == [f"[{s.number}]" for s in real_report.content.sources]
    assert len(rows) == 19
    first = sheet.cell(row=HEAD + 1, column=3)
    assert first.hyperlink is not None
    assert first.hyperlink.target == real_report.content.sources[0].url


def test_every_sheet_prints_landscape_fitted_to_width_with_its_heading_row_repeated(book: Workbook) -> None:
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
            "landscape",
            9,  # A4
            1,
            0,
        ), sheet.title
        assert sheet.sheet_properties.pageSetUpPr is not None
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.print_title_rows == f"${HEAD}:${HEAD}"
