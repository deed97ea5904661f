"""No page of the Word report is left mostly empty by a chart: a chart is at most 120 mm wide and 80 mm
high (under a third of a page's 257 mm of text), and achieved, unjudged and one-figure targets get none."""

from __future__ import annotations

import struct
import zlib
from io import BytesIO

import pytest
from docx import Document

from nqtrack.domain.progress import Status
from nqtrack.reports.render_docx import CHART_HEIGHT_MM, CHART_WIDTH_MM, chart_width_mm
from tests.reports.conftest import RealReport

pytestmark = pytest.mark.django_db

TEXT_HEIGHT_MM = 297 - 20 - 20  # A4 less the top and bottom margins of Nghị định 30/2020/NĐ-CP


def _png(width: int, height: int) -> bytes:
    """A blank PNG of the given size (only its header matters here)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return b"\x89PNG\r\n\x1a\n" + ihdr


def test_a_chart_is_printed_at_most_120_mm_wide_and_80_mm_high() -> None:
    assert (CHART_WIDTH_MM, CHART_HEIGHT_MM) == (120, 80)
    assert CHART_HEIGHT_MM < TEXT_HEIGHT_MM / 3
    assert chart_width_mm(_png(1400, 800)) == 120  # 120 × 68,6 mm
    assert chart_width_mm(_png(1400, 1400)) == 80  # a square chart: 80 × 80 mm
    assert chart_width_mm(_png(1312, 1000)) == pytest.approx(104.96)


def test_the_report_charts_fit_and_only_targets_whose_line_tells_something_get_one(
    real_report: RealReport,
) -> None:
    shapes = Document(BytesIO(real_report.docx)).inline_shapes
    sizes = [(round(s.width.mm, 1), round(s.height.mm, 1)) for s in shapes]
    assert all(width <= 120 and height <= 80 for width, height in sizes), sizes
    drawn = [t.code for t in real_report.content.targets if t.chart_png]
    assert len(sizes) == len(drawn)
    assert drawn == [
        "grdp_growth_2021_2030",
        "grdp_current_prices_2030",
        "urbanisation_rate_2030",
        "poverty_rate_reduction_2021_2030",
        "trained_labour_2030",
        "trained_labour_certified_2030",
    ]
    for t in real_report.content.targets:
        one_figure = sum(1 for v in t.values if v.text) < 2
        if t.status in (Status.ACHIEVED, Status.INSUFFICIENT_DATA) or one_figure:
            assert t.chart_png is None, t.code
    forest = next(t for t in real_report.content.targets if t.code == "forest_cover_2030")
    assert (forest.status, forest.chart_png) == (Status.ACHIEVED, None)
