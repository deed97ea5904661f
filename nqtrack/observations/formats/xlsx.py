"""The Excel template (XLSX): read a filled-in workbook, write an export or an empty template.

The figures are on the sheet "Số liệu" (or the first sheet) in the layout of ``tabular``; the sheet
"Danh mục" lists the valid codes (indicators, units, statuses, periods) and "Hướng dẫn" says how to fill
it in. Workbooks are read with cached values only: a formula is never evaluated.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser
from openpyxl.worksheet.datavalidation import DataValidation

from nqtrack.observations.formats.limits import FileRejected, check_zip
from nqtrack.observations.formats.tabular import (
    CODES_SHEET,
    COLUMNS,
    GUIDE_SHEET,
    SHEET_NAME,
    FormulaCell,
    NotFinite,
    TableRow,
    neutralise,
    read_table,
)
from nqtrack.observations.rows import EntryRead

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
_WIDTHS = {"indicator": 30, "indicator_name": 50, "unit": 11, "unit_name": 26, "period": 9, "value": 14}
GUIDE = (
    "Cách điền mẫu nhập số liệu nqtrack",
    "Mỗi dòng của trang “Số liệu” là một số liệu: chỉ tiêu, đơn vị hành chính, kỳ và giá trị.",
    "Ghi mã chỉ tiêu hoặc tên chỉ tiêu, mã đơn vị hoặc tên đơn vị (mã được ưu tiên); xem trang “Danh mục”.",
    "Kỳ: 2024 (năm), 2024Q1 (quý), 2024S1 (6 tháng đầu năm), 202403 (tháng 3).",
    "Giá trị: số, dùng dấu phẩy hoặc dấu chấm thập phân (37,8 hoặc 37.8). Để trống nếu chưa có số liệu.",
    "Trạng thái: Kế hoạch, Ước, Sơ bộ, Chính thức (để trống: Không rõ).",
    "Nguồn và Ghi chú: văn bản tự do; ghi chú giải trình khi số liệu tăng giảm bất thường.",
    "Tải tệp lên trang Nhập từ tệp: hệ thống kiểm tra toàn bộ và chỉ ghi khi không còn dòng lỗi.",
)


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The valid codes listed on the "Danh mục" sheet."""

    indicators: Sequence[tuple[str, str, str, str]]  # code, name, unit label, group
    units: Sequence[tuple[str, str, str]]  # code, name, level
    statuses: Sequence[tuple[str, str]]  # label, code


def read_xlsx(data: bytes, *, name: str = "tệp") -> EntryRead:
    """Read the figures of a filled-in template; every bad cell becomes an error with row and column."""
    check_zip(name, data).close()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a corrupt workbook may fail anywhere inside openpyxl
        raise FileRejected(
            f"Tệp '{name}' là tệp Excel bị hỏng, không đọc được ({type(error).__name__})."
        ) from error
    try:
        sheet = workbook[SHEET_NAME] if SHEET_NAME in workbook.sheetnames else workbook.worksheets[0]
        return read_table(
            _sheet_rows(workbook, sheet),
            name=name,
            empty="trang tính trống: không có dòng tiêu đề",
            column_name=lambda index: get_column_letter(index + 1),
        )
    finally:
        workbook.close()


class _CellParser(WorkSheetParser):  # type: ignore[misc]
    """openpyxl's sheet parser (cached values), telling a formula and a number cell that holds NaN, an
    infinity or nothing (``<v></v>``, as openpyxl writes NaN) from an empty cell: it reads those as None,
    or stops the whole sheet at ``<v>NaN</v>``."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        formula = element.find(FORMULA_TAG) is not None
        given = element.find(VALUE_TAG)
        written = given.text.strip() if given is not None and given.text else ""
        odd = element.get("t", "n") == "n" and given is not None and not formula and not _finite(written)
        if odd:
            given.text = None  # read as an empty cell, then marked
        cell: dict[str, Any] = super().parse_cell(element)
        if formula:
            cell["value"] = FormulaCell(cell["value"])
        elif odd:
            cell["value"] = NotFinite(written)
        return cell


def _finite(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _sheet_rows(workbook: Any, sheet: Any) -> Iterator[tuple[object, ...]]:
    """The values of every row of ``sheet`` from row 1 (a missing row is empty), with ``_CellParser``."""
    with sheet._get_source() as source:
        parser = _CellParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        expected = 1
        for number, cells in parser.parse():
            for _ in range(expected, number):
                yield ()
            expected = number + 1
            values: list[object] = [None] * max((c["column"] for c in cells), default=0)
            for cell in cells:
                values[cell["column"] - 1] = cell["value"]
            yield tuple(values)


def write_xlsx(rows: Iterable[TableRow], catalogue: Catalogue) -> bytes:
    """A workbook with the figures on "Số liệu" and the valid codes on "Danh mục" (the import layout)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet.append([header for _, header in COLUMNS])
    for cell in sheet[1]:
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    count = 0
    for row in rows:
        _append(sheet, row)
        count += 1
    for index, (field, _) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(field, 18)
    sheet.freeze_panes = "A2"
    _validations(sheet, catalogue, max(count, 1) + 200)
    _codes_sheet(workbook, catalogue)
    _guide_sheet(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _append(sheet: Any, row: TableRow) -> None:
    texts = [row.indicator, row.indicator_name, row.unit, row.unit_name, row.period]
    after = [row.measure_unit, row.status, row.source, row.comment]
    sheet.append([*(neutralise(t) for t in texts), None, *(neutralise(t) for t in after)])
    line = sheet.max_row
    for column in range(1, len(COLUMNS) + 1):
        cell = sheet.cell(row=line, column=column)
        if isinstance(cell.value, str):
            cell.data_type = "s"  # text stays text: never stored as a formula
    if row.value_text:  # an empty template row leaves the value blank
        value = sheet.cell(row=line, column=6)
        value.value = float(row.value) if row.value != row.value.to_integral_value() else int(row.value)
        value.number_format = _number_format(row.value_text)


def _number_format(value_text: str) -> str:
    decimals = len(value_text.split(".", 1)[1]) if "." in value_text else 0
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _validations(sheet: Any, catalogue: Catalogue, rows: int) -> None:
    statuses = DataValidation(
        type="list", formula1='"' + ",".join(label for label, _ in catalogue.statuses) + '"', allow_blank=True
    )
    statuses.error = "Chọn một trạng thái trong danh sách."
    sheet.add_data_validation(statuses)
    statuses.add(f"H2:H{rows + 1}")
    if catalogue.indicators:
        codes = DataValidation(
            type="list", formula1=f"'{CODES_SHEET}'!$A$2:$A${len(catalogue.indicators) + 1}", allow_blank=True
        )
        sheet.add_data_validation(codes)
        codes.add(f"A2:A{rows + 1}")


def _codes_sheet(workbook: Workbook, catalogue: Catalogue) -> None:
    sheet = workbook.create_sheet(CODES_SHEET)
    sheet.append(["Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính", "Nhóm"])
    for row in catalogue.indicators:
        sheet.append([neutralise(v) for v in row])
    start = sheet.max_row + 2
    sheet.cell(row=start, column=1, value="Mã đơn vị")
    sheet.cell(row=start, column=2, value="Tên đơn vị")
    sheet.cell(row=start, column=3, value="Cấp")
    for offset, unit in enumerate(catalogue.units, start=1):
        for column, text in enumerate(unit, start=1):
            sheet.cell(row=start + offset, column=column, value=neutralise(text)).data_type = "s"
    start = sheet.max_row + 2
    sheet.cell(row=start, column=1, value="Trạng thái")
    sheet.cell(row=start, column=2, value="Mã trạng thái")
    for offset, (label, code) in enumerate(catalogue.statuses, start=1):
        sheet.cell(row=start + offset, column=1, value=label)
        sheet.cell(row=start + offset, column=2, value=code)
    start = sheet.max_row + 2
    sheet.cell(row=start, column=1, value="Kỳ")
    for offset, example in enumerate(("2024", "2024Q1", "2024S1", "202403"), start=1):
        sheet.cell(row=start + offset, column=1, value=example).data_type = "s"
    for cell in sheet[1]:
        cell.font = _BOLD
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 60


def _guide_sheet(workbook: Workbook) -> None:
    sheet = workbook.create_sheet(GUIDE_SHEET)
    for line in GUIDE:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 110
    for row in sheet.iter_rows():
        row[0].alignment = Alignment(wrap_text=True)


def sheet_values(data: bytes, sheet: str = SHEET_NAME) -> list[list[object]]:
    """Every cell value of one sheet (for golden files and tests): numbers stay numbers."""
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        return [list(row) for row in workbook[sheet].iter_rows(values_only=True)]
    finally:
        workbook.close()
