"""The look shared by every chart: colours with dash patterns (never colour alone), font, number locale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# One family with Vietnamese letters that browsers and vl-convert both find offline (vl-convert does not
# read a CSS fallback list); a browser without it falls back to its own sans-serif font.
FONT = "DejaVu Sans"

# d3-format locales: Vietnamese writes 1.234,5 (d3 ships no vi-VN locale, so it is spelt out here).
NUMBER_LOCALE_VI: dict[str, Any] = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]}
NUMBER_LOCALE_EN: dict[str, Any] = {
    "decimal": ".",
    "thousands": ",",
    "grouping": [3],
    "currency": ["", " VND"],
}


@dataclass(frozen=True, slots=True)
class LineStyle:
    colour: str
    dash: tuple[int, ...]


LINE_STYLES: dict[str, LineStyle] = {
    "series": LineStyle("#1d4f91", ()),
    "target": LineStyle("#2e7d32", (6, 3)),
    "path": LineStyle("#6c757d", (8, 4)),
    "projection": LineStyle("#b35c00", (2, 3)),
    "needed": LineStyle("#a4161a", (10, 3, 2, 3)),
}


def line_labels() -> dict[str, str]:
    """The legend words of the drawn lines, in the active language."""
    return {
        "target": _("Mục tiêu"),
        "path": _("Lộ trình đạt mục tiêu từ năm gốc"),
        "projection": _("Dự báo theo tốc độ hiện nay"),
        "needed": _("Mức cần đạt từ nay"),
    }


@dataclass(frozen=True, slots=True)
class Verdict:
    words: str
    colour: str


def verdicts() -> dict[str, Verdict]:
    """A final verdict in words and colour (those of the status badges on the pages: web/site.css)."""
    return {
        "achieved": Verdict(_("Đã đạt"), "#0f5132"),
        "not_achieved": Verdict(_("Không đạt"), "#58151c"),
    }


@dataclass(frozen=True, slots=True)
class PointMark:
    label: str
    shape: str


def point_marks() -> dict[str, PointMark]:
    """How figures are drawn by status: a filled circle for official ones, other shapes for the rest."""
    return {
        "official": PointMark(_("Số chính thức"), "circle"),
        "provisional": PointMark(_("Số ước tính, sơ bộ hoặc kế hoạch"), "triangle-up"),
        "unknown": PointMark(_("Số chưa rõ trạng thái"), "square"),
    }


def inline(rows: list[dict[str, Any]]) -> alt.InlineData:
    """Data carried inside the specification: nothing is fetched when the chart is drawn."""
    return alt.InlineData(values=rows)


def number_locale() -> dict[str, Any]:
    """The d3 number format of the active language."""
    return NUMBER_LOCALE_EN if (get_language() or "vi").startswith("en") else NUMBER_LOCALE_VI


def apply_style(chart: alt.LayerChart) -> alt.LayerChart:
    """Font, sizes and number locale; the same in the browser and in the documents."""
    # One configure call, not one per part: each call copies the whole layered chart (about a quarter of
    # the time a report spends building its charts); the specification is the same.
    styled: alt.LayerChart = chart.configure(
        font=FONT,
        locale=alt.Locale(number=number_locale()),
        background="white",
        axis=alt.AxisConfig(labelFontSize=12, titleFontSize=12, grid=True, gridOpacity=0.4),
        legend=alt.LegendConfig(labelFontSize=12, labelLimit=320),
        title=alt.TitleConfig(font=FONT, fontSize=14, anchor="start", subtitleFont=FONT, subtitleFontSize=12),
    )
    return styled
