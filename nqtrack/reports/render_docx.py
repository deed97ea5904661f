"""Render a report's content into a DOCX template (docxtpl placeholders, docs/reports.md).

Offices upload their own templates, so a template is untrusted input: it is rendered in Jinja's sandbox
(no access to Python internals from a placeholder), and every failure becomes a ``TemplateProblem`` with
a Vietnamese message.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, Undefined, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information

from nqtrack.domain.report_content import ReportContent
from nqtrack.domain.vnnumbers import format_vn_number
from nqtrack.reports.builtin_template import BUILTIN_TEMPLATE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CHART_WIDTH_MM = 150


class TemplateProblem(ValueError):
    """A template that cannot be rendered; the message says what to fix, in Vietnamese."""


def vn_filter(value: object, decimals: int = 1) -> str:
    """Jinja filter ``vn``: a number the Vietnamese way ({{ x|vn(2) }} → "1.234,57")."""
    if value is None or value == "":
        return ""
    if isinstance(value, int | float):
        return format_vn_number(float(value), decimals)
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
        tree = etree.fromstring(xml, parser=etree.XMLParser(recover=True))  # as docxtpl parses it
        for tbl in tree.iter(f"{W}tbl"):
            fit_columns(tbl)
        return tree


def _environment(*, strict: bool) -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined if strict else Undefined)
    env.filters["vn"] = vn_filter
    return env


def _open(template: bytes | Path | None) -> ReportTemplate:
    source: Any = BytesIO(template) if isinstance(template, bytes) else str(template or BUILTIN_TEMPLATE)
    try:
        tpl = ReportTemplate(source)
        tpl.init_docx()
    except (BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise TemplateProblem("Tệp mẫu không phải là tệp Word (DOCX) hợp lệ.") from error
    return tpl


def render_docx(
    content: ReportContent, *, template: bytes | Path | None = None, strict: bool = False
) -> bytes:
    """The report as DOCX bytes, from ``template`` (the built-in one when None).

    ``strict`` refuses placeholders that name nothing (used to check an uploaded template); otherwise
    they render empty, as in docxtpl.
    """
    tpl = _open(template)
    charts = {
        t.code: InlineImage(tpl, BytesIO(t.chart_png), width=Mm(CHART_WIDTH_MM))
        for t in content.targets
        if t.chart_png
    }
    try:
        tpl.render(
            {"report": content, "charts": charts}, jinja_env=_environment(strict=strict), autoescape=True
        )
    except TemplateSyntaxError as error:
        raise TemplateProblem(
            f"Mẫu có lỗi cú pháp ở một trường {{{{ … }}}} hoặc {{% … %}}: {error.message}"
        ) from error
    except UndefinedError as error:
        raise TemplateProblem(f"Mẫu dùng một trường không có trong báo cáo: {error.message}") from error
    except SecurityError as error:
        raise TemplateProblem(f"Mẫu dùng một lệnh không được phép: {error}") from error
    except TemplateError as error:
        raise TemplateProblem(f"Không điền được mẫu: {error.message}") from error
    out = BytesIO()
    tpl.save(out)
    return out.getvalue()
