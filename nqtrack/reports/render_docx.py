"""Render a report's content into a DOCX template (docxtpl placeholders, docs/reports.md).

Offices upload their own templates, so a template is untrusted input: its XML parts are checked before
they are read (no DOCTYPE, no entity: ``template_package``), it is rendered in Jinja's sandbox with limits
on time, loops, values and output (``template_sandbox``), and every failure becomes a ``TemplateProblem``
with a Vietnamese message.
"""

from __future__ import annotations

import logging
import re
import struct
from io import BytesIO
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from django.conf import settings
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, Undefined, UndefinedError
from jinja2.exceptions import SecurityError
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information

from nqtrack.domain.report_content import ReportContent
from nqtrack.domain.report_text import TO_COMPLETE_MARK
from nqtrack.domain.vnnumbers import format_vn_number
from nqtrack.reports.builtin_template import BUILTIN_TEMPLATE
from nqtrack.reports.template_package import NOT_A_DOCX, docx_problem
from nqtrack.reports.template_sandbox import DEFAULT_SECONDS, LimitedEnvironment, TemplateRefused

logger = logging.getLogger(__name__)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# A chart is at most 120 mm wide and 80 mm high, under a third of the 257 mm of text on a page: when one
# does not fit at the foot of a page and moves to the next, it leaves less than a third of that page empty.
CHART_WIDTH_MM = 120
CHART_HEIGHT_MM = 80
MAX_DECIMALS = 10  # of the vn filter


def chart_width_mm(png: bytes) -> float:
    """The width a chart is printed at: ``CHART_WIDTH_MM``, or less when its height would pass
    ``CHART_HEIGHT_MM`` (the picture keeps its proportions)."""
    width, height = struct.unpack(">II", png[16:24])  # from the PNG header (IHDR, the first chunk)
    if not width or not height:
        return float(CHART_WIDTH_MM)
    return float(min(CHART_WIDTH_MM, CHART_HEIGHT_MM * int(width) / int(height)))


class TemplateProblem(ValueError):
    """A template that cannot be rendered; the message says what to fix, in Vietnamese."""


def vn_filter(value: object, decimals: int = 1) -> str:
    """Jinja filter ``vn``: a number the Vietnamese way ({{ x|vn(2) }} → "1.234,57")."""
    if value is None or value == "":
        return ""
    if isinstance(value, int | float):
        return format_vn_number(float(value), min(max(int(decimals), 0), MAX_DECIMALS))
    return str(value)


def _width(element: Any) -> float:
    tc_w = element.find(f"{W}tcPr/{W}tcW")
    value = tc_w.get(f"{W}w") if tc_w is not None else None
    return float(value) if value and value.isdigit() else 0.0


def _has_spans(row: Any) -> bool:
    return row.find(f"{W}tc/{W}tcPr/{W}gridSpan") is not None


def _table_width(tbl: Any, columns: list[Any]) -> float:
    tbl_w = tbl.find(f"{W}tblPr/{W}tblW")
    if tbl_w is not None and tbl_w.get(f"{W}type") == "dxa" and (tbl_w.get(f"{W}w") or "").isdigit():
        return float(tbl_w.get(f"{W}w"))
    return sum(float(c.get(f"{W}w") or 0) for c in columns)


def fit_columns(tbl: Any) -> None:
    """After a ``{%tc for %}`` loop, make the grid follow the cells and fit the table's width.

    Each cell a column loop repeats keeps the width the template gave it; the columns are then scaled
    together so that the table keeps its preferred width (``tblW``) or, without one, its former width.
    (docxtpl's own fix gives every column the same average width, which squeezes the text columns.)
    """
    grid = tbl.find(f"{W}tblGrid")
    rows = tbl.findall(f"{W}tr")
    if grid is None or not rows:
        return
    columns = grid.findall(f"{W}gridCol")
    reference = max(rows, key=lambda r: len(r.findall(f"{W}tc")))
    cells = reference.findall(f"{W}tc")
    if len(cells) == len(columns) or _has_spans(reference):
        return
    target = _table_width(tbl, columns)
    widths = [_width(c) or target / len(cells) for c in cells]
    scale = target / sum(widths) if sum(widths) else 1.0
    scaled = [str(int(w * scale)) for w in widths]
    for column in columns:
        grid.remove(column)
    for value in scaled:
        etree.SubElement(grid, f"{W}gridCol", {f"{W}w": value})
    for row in rows:
        row_cells = row.findall(f"{W}tc")
        if len(row_cells) != len(scaled) or _has_spans(row):
            continue
        for cell, value in zip(row_cells, scaled, strict=True):
            tc_w = cell.find(f"{W}tcPr/{W}tcW")
            if tc_w is not None:
                tc_w.set(f"{W}w", value)
                tc_w.set(f"{W}type", "dxa")


class ReportTemplate(DocxTemplate):  # type: ignore[misc]  # docxtpl is untyped
    """docxtpl with column widths that survive a column loop (see ``fit_columns``)."""

    def fix_tables(self, xml: str) -> Any:
        # as docxtpl parses it, without expanding entities (the package was checked before, see _open)
        parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
        tree = etree.fromstring(xml, parser=parser)
        for tbl in tree.iter(f"{W}tbl"):
            fit_columns(tbl)
        return tree


def _environment(*, strict: bool) -> LimitedEnvironment:
    seconds = float(getattr(settings, "NQTRACK_TEMPLATE_SECONDS", DEFAULT_SECONDS))
    env = LimitedEnvironment(
        seconds=seconds, autoescape=True, undefined=StrictUndefined if strict else Undefined
    )
    env.filters["vn"] = vn_filter
    return env


def _open(template: bytes | Path | None) -> ReportTemplate:
    if isinstance(template, bytes):  # an office's file: checked before any XML parser reads it
        problem = docx_problem(template)
        if problem is not None:
            raise TemplateProblem(problem)
    source: Any = BytesIO(template) if isinstance(template, bytes) else str(template or BUILTIN_TEMPLATE)
    try:
        tpl = ReportTemplate(source)
        tpl.init_docx()
    except (BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise TemplateProblem(NOT_A_DOCX) from error
    return tpl


# -- what went wrong, in Vietnamese (Jinja's own messages are English) ------------------------------------

_SYNTAX_DETAILS = (
    (re.compile(r"unknown tag '([^']+)'"), "không có thẻ “{{% {0} %}}”"),
    (re.compile(r"No filter named '([^']+)'"), "không có bộ lọc “{0}”"),
    (re.compile(r"No test named '([^']+)'"), "không có phép thử “{0}”"),
    (re.compile(r"innermost block that needs to be closed is '([^']+)'"), "khối “{0}” chưa có thẻ đóng"),
    (re.compile(r"unexpected end of template"), "mẫu hết khi một trường hoặc thẻ chưa đóng"),
    (re.compile(r"unexpected (?:char )?'([^']+)'"), "ký tự “{0}” không đúng chỗ"),
    (re.compile(r"got '([^']+)'"), "“{0}” không đúng chỗ"),
    (re.compile(r"tag name expected"), "thiếu tên thẻ sau “{{%”"),
)


def _syntax_detail(error: TemplateSyntaxError) -> str:
    message = error.message or ""
    detail = "kiểm tra các dấu ngoặc, tên thẻ và thẻ đóng"
    for pattern, words in _SYNTAX_DETAILS:
        found = pattern.search(message)
        if found is not None:
            detail = words.format(*found.groups())
            break
    lines = list(getattr(error, "docx_context", None) or [])  # the text around it, set by docxtpl
    if error.lineno is not None and lines:
        text = " ".join(lines[min(error.lineno - 1, 3, len(lines) - 1)].split())
        if text:
            detail += f" (ở đoạn “{text[:100]}”)"
    return detail


def _quoted(pattern: str, message: str | None) -> str:
    found = re.search(pattern, message or "")
    return f"“{found.group(1)}”" if found else ""


def _jinja_problem(error: TemplateError) -> str:
    if isinstance(error, TemplateRefused):
        return str(error.message)
    if isinstance(error, TemplateSyntaxError):
        return f"Mẫu có lỗi cú pháp ở một trường {{{{ … }}}} hoặc {{% … %}}: {_syntax_detail(error)}."
    if isinstance(error, UndefinedError):
        name = _quoted(r"has no (?:attribute|element) '?([^']+?)'?$", error.message) or _quoted(
            r"^'([^']+)' is undefined", error.message
        )
        return "Mẫu dùng một trường không có trong báo cáo" + (f": {name}." if name else ".")
    if isinstance(error, SecurityError):
        name = _quoted(r"attribute '([^']+)'", error.message)
        return "Mẫu dùng một lệnh không được phép" + (f": truy cập {name}." if name else ".")
    return "Không điền được mẫu: một trường {{ … }} hoặc thẻ {% … %} không chạy được."


_FAILURES: tuple[tuple[type[BaseException], str], ...] = (
    (ZeroDivisionError, "chia cho 0"),
    (OverflowError, "số quá lớn"),
    (RecursionError, "một macro gọi lại chính nó không dừng"),
    (MemoryError, "mẫu cần quá nhiều bộ nhớ"),
    (TypeError, "phép tính giữa hai kiểu giá trị không hợp nhau, chẳng hạn cộng chữ với số"),
    (ValueError, "giá trị không hợp lệ"),
    (LookupError, "không có phần tử này"),
    (ArithmeticError, "phép tính không thực hiện được"),
    (Exception, "lệnh không chạy được"),
)


def _failure_problem(error: BaseException) -> str:
    what = next(words for kind, words in _FAILURES if isinstance(error, kind))
    return f"Không điền được mẫu: một phép tính hoặc lệnh trong mẫu bị lỗi ({what})."


# A hyphen inside a document number: "11-NQ/TW", "…-BC/TU", "30/2020/NĐ-CP", "…/BC-UBND".
_NUMBER_HYPHEN = re.compile(
    r"(?<=[0-9…])-(?=[A-ZĐ]{1,8}/)|(?<=/[A-ZĐ]{2})-(?=[A-ZĐ])|(?<=/[A-ZĐ]{3})-(?=[A-ZĐ])"
)


def _split_hyphens(run: Any, text_element: Any) -> None:
    """Write the hyphens of document numbers as Word's non-breaking hyphen, so that "11-" and "NQ/TW"
    never fall on two lines."""
    text = text_element.text or ""
    pieces = _NUMBER_HYPHEN.split(text)
    if len(pieces) == 1:
        return
    index = list(run).index(text_element)
    run.remove(text_element)
    for n, piece in enumerate(pieces):
        if n:
            run.insert(index, etree.Element(f"{W}noBreakHyphen"))
            index += 1
        if piece:
            element = etree.Element(f"{W}t")
            element.text = piece
            element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.insert(index, element)
            index += 1


def _highlight(run: Any) -> None:
    properties = run.find(f"{W}rPr")
    if properties is None:
        properties = etree.Element(f"{W}rPr")
        run.insert(0, properties)
    if properties.find(f"{W}highlight") is None:
        properties.append(etree.Element(f"{W}highlight", {f"{W}val": "yellow"}))


def finish_body(body: Any) -> int:
    """Highlight every place the officer must write (runs holding "[Cần bổ sung") and give document
    numbers non-breaking hyphens; return how many places there are."""
    places = 0
    for run in list(body.iter(f"{W}r")):
        texts = run.findall(f"{W}t")
        marks = sum((t.text or "").count(TO_COMPLETE_MARK) for t in texts)
        if marks:
            _highlight(run)
            places += marks
        for text_element in texts:
            _split_hyphens(run, text_element)
    return places


def places_to_complete(docx: bytes) -> int:
    """How many marked places a rendered report holds (the count its page gives)."""
    try:
        document = ReportTemplate(BytesIO(docx))
        document.init_docx()
    except (BadZipFile, PackageNotFoundError, KeyError, ValueError):
        return 0
    return sum((t.text or "").count(TO_COMPLETE_MARK) for t in document.docx.element.body.iter(f"{W}t"))


def render_docx(
    content: ReportContent, *, template: bytes | Path | None = None, strict: bool = False
) -> bytes:
    """The report as DOCX bytes, from ``template`` (the built-in one when None).

    ``strict`` refuses placeholders that name nothing (used to check an uploaded template); otherwise
    they render empty, as in docxtpl.
    """
    tpl = _open(template)
    charts = {
        t.code: InlineImage(tpl, BytesIO(t.chart_png), width=Mm(chart_width_mm(t.chart_png)))
        for t in content.targets
        if t.chart_png
    }
    try:
        tpl.render(
            {"report": content, "charts": charts}, jinja_env=_environment(strict=strict), autoescape=True
        )
    except TemplateProblem:
        raise
    except TemplateError as error:
        raise TemplateProblem(_jinja_problem(error)) from error
    except Exception as error:  # the template's own logic failed (a placeholder runs Python code)
        logger.warning("template failed: %r", error)
        raise TemplateProblem(_failure_problem(error)) from error
    finish_body(tpl.docx.element.body)
    out = BytesIO()
    tpl.save(out)
    return out.getvalue()
