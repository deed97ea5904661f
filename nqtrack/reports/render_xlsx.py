"""The report's annex as an Excel workbook: the same tables as the DOCX annex, figures as numbers.

Figures are stored as numbers with a number format ('#,##0.00'), not as text, so that officers can
compute with them. Excel draws a number format with the separators of the reader's regional settings:
on a computer set to Vietnamese (Windows "Vietnamese (Vietnam)": decimal symbol ",", digit grouping
"."), 155876 with '#,##0.0' shows as "155.876,0"; on an English computer as "155,876.0". The status
mark of an estimate is part of the format ('#,##0.00" (ư)"'), so the cell stays a number.
"""

from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from nqtrack.domain.report_content import ReportContent, TargetLine, TaskLine, YearFigure
from nqtrack.domain.report_text import TO_COMPLETE_MARK

HEAD_FONT = Font(name="Times New Roman", bold=True, size=11)
BODY_FONT = Font(name="Times New Roman", size=11)
TITLE_FONT = Font(name="Times New Roman", bold=True, size=13)
WRAP = Alignment(wrap_text=True, vertical="top")
HEAD_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
DATE_FORMAT = "dd/mm/yyyy"
TO_COMPLETE_FILL = PatternFill(fill_type="solid", start_color="FFFF00", end_color="FFFF00")
TITLE_ROWS = 3  # title, subject, blank: the table's heading row is the fourth

TARGET_HEADS = ["TT", "Nhóm", "Mã", "Chỉ tiêu", "Nội dung chỉ tiêu", "Mục tiêu", "Đơn vị", "Cận dưới"]
TARGET_HEADS_AFTER_YEARS = ["Số liệu mới nhất", "Đánh giá", "Cần đạt mỗi năm", "Cần tăng/năm (cận dưới)"]
TARGET_HEADS_AFTER_YEARS += ["Cần tăng/năm (cận trên)", "Nguồn"]
TASK_HEADS = ["Mã", "Nhóm", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Ngày hết hạn", "Tình trạng"]
TASK_HEADS += ["Kết quả thực hiện", "Văn bản"]


def number_format(decimals: int, mark: str = "") -> str:
    """'#,##0', '#,##0.0' … with a status mark shown after the figure ('#,##0.00" (ư)"')."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return f'{pattern}" ({mark})"' if mark else pattern


def _target_heads(content: ReportContent) -> list[str]:
    return [
        *TARGET_HEADS,
        "Cận trên",
        "Năm đích",
        *(str(y) for y in content.years),
        *TARGET_HEADS_AFTER_YEARS,
    ]


def _target_row(line: TargetLine) -> list[Any]:
    need = line.assessment.required_per_year
    return [
        line.number,
        line.group_number,
        line.code,
        line.indicator,
        line.wording,
        line.goal,
        line.unit,
        line.low,
        line.high,
        line.target_year,
        *(figure.value for figure in line.values),
        line.latest,
        line.status_words,
        line.needed,
        None if need.low is None else round(need.low, 4),
        None if need.high is None else round(need.high, 4),
        line.source_refs,
    ]


def _task_row(line: TaskLine) -> list[Any]:
    return [
        line.code,
        line.group,
        line.full_text,
        line.lead,
        line.due,
        line.due_date,
        line.status,
        line.result,
        line.documents,
    ]


def _title(sheet: Worksheet, title: str, content: ReportContent) -> None:
    sheet["A1"] = title
    sheet["A1"].font = TITLE_FONT
    sheet["A2"] = f"{content.subject} (số liệu đến {content.as_of:%d/%m/%Y})"
    sheet["A2"].font = BODY_FONT


def _table(sheet: Worksheet, heads: list[str], rows: list[list[Any]], widths: Mapping[int, float]) -> None:
    head_row = TITLE_ROWS + 1
    for column, text in enumerate(heads, start=1):
        cell = sheet.cell(row=head_row, column=column, value=text)
        cell.font, cell.alignment = HEAD_FONT, HEAD_ALIGN
    for offset, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=head_row + offset, column=column, value=value)
            cell.font, cell.alignment = BODY_FONT, WRAP
    for column in range(1, len(heads) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(column, 11)
    sheet.freeze_panes = sheet.cell(row=head_row + 1, column=1)
    sheet.auto_filter.ref = f"A{head_row}:{get_column_letter(len(heads))}{head_row + len(rows)}"
    _print_setup(sheet, head_row)


def _print_setup(sheet: Worksheet, head_row: int) -> None:
    """Printed on A4 landscape, every column on the page's width, the heading row on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{head_row}:{head_row}"
    sheet.print_options.horizontalCentered = True


def _mark_places(sheet: Worksheet) -> None:
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and TO_COMPLETE_MARK in cell.value:
                cell.fill = TO_COMPLETE_FILL


def xlsx_places_to_complete(data: bytes) -> int:
    """How many marked places the workbook holds."""
    book = load_workbook(BytesIO(data), read_only=True)
    return sum(
        value.count(TO_COMPLETE_MARK)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    )


def _format_figures(sheet: Worksheet, lines: tuple[TargetLine, ...], first_year_column: int) -> None:
    for offset, line in enumerate(lines, start=1):
        row = TITLE_ROWS + 1 + offset
        figures: list[YearFigure] = list(line.values)
        for index, figure in enumerate(figures):
            sheet.cell(row=row, column=first_year_column + index).number_format = number_format(
                figure.decimals, figure.mark
            )
        for column in (8, 9):  # the bounds, as the programme writes them
            sheet.cell(row=row, column=column).number_format = "#,##0.##"
        after = first_year_column + len(figures) + 3
        for column in (after, after + 1):  # the growth still needed, 2 decimals
            sheet.cell(row=row, column=column).number_format = number_format(2)


def _targets_sheet(book: Workbook, content: ReportContent) -> None:
    sheet = book.active
    assert sheet is not None  # noqa: S101 - a new workbook has its first sheet
    sheet.title = "Phụ lục 1 - Chỉ tiêu"
    _title(sheet, "Phụ lục 1: KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỤ THỂ", content)
    heads = _target_heads(content)
    widths = {1: 5, 2: 6, 3: 24, 4: 34, 5: 44, 6: 26, 7: 12, len(heads) - 4: 20, len(heads) - 3: 30}
    _table(sheet, heads, [_target_row(line) for line in content.targets], widths)
    _format_figures(sheet, content.targets, first_year_column=len(TARGET_HEADS) + 3)
    note_row = TITLE_ROWS + len(content.targets) + 3
    sheet.cell(row=note_row, column=1, value=content.legend).font = BODY_FONT


def _tasks_sheet(book: Workbook, content: ReportContent) -> None:
    sheet = book.create_sheet("Phụ lục 2 - Nhiệm vụ")
    _title(sheet, "Phụ lục 2: TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP", content)
    widths = {1: 9, 2: 30, 3: 80, 4: 30, 5: 14, 6: 13, 7: 16, 8: 50, 9: 30}
    _table(sheet, TASK_HEADS, [_task_row(line) for line in content.tasks], widths)
    for offset in range(1, len(content.tasks) + 1):
        sheet.cell(row=TITLE_ROWS + 1 + offset, column=6).number_format = DATE_FORMAT


def _sources_sheet(book: Workbook, content: ReportContent) -> None:
    sheet = book.create_sheet("Nguồn số liệu")
    _title(sheet, "Nguồn số liệu", content)
    rows: list[list[Any]] = [[f"[{s.number}]", s.text, s.url] for s in content.sources]
    _table(sheet, ["Số", "Nguồn", "Địa chỉ"], rows, {1: 6, 2: 70, 3: 70})
    for offset, source in enumerate(content.sources, start=1):
        if source.url.startswith(("http://", "https://")):
            sheet.cell(row=TITLE_ROWS + 1 + offset, column=3).hyperlink = source.url


def render_xlsx(content: ReportContent) -> bytes:
    """The annex workbook: targets, tasks and sources, one sheet each."""
    book = Workbook()
    _targets_sheet(book, content)
    _tasks_sheet(book, content)
    _sources_sheet(book, content)
    for sheet in book.worksheets:
        _mark_places(sheet)
    book.properties.creator = "nqtrack"
    book.properties.title = content.subject
    out = BytesIO()
    book.save(out)
    return out.getvalue()
