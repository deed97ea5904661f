"""The year's plan in the yearly report: which published plan figure is the plan, and whether the year met it.

A plan figure ("kế hoạch", a row with status ``plan``) is a goal for one year, never a result. Sources
sometimes publish two plans for the same year: a plan revised later (forest cover 2025: 38% stated in
2020, 37,5% in 2022), or the central government's figure beside the province's own (GRDP growth 2025:
13,6% and 14–15%). The plan used is chosen as every figure is (``nqtrack.domain.observations``): all plans
being of one status, the latest publication wins, then the latest stored; the two ends of a range
published together count as one plan. The other plans of the year are named beside it, so the report
says what was chosen and what was not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from nqtrack.domain.report_content import YearFigure
from nqtrack.domain.report_text import figure_text

__all__ = [
    "EXCEEDED",
    "MET",
    "NOT_MET",
    "PlanFigure",
    "PlannedIndicator",
    "YearPlan",
    "plan_in_use",
    "plan_line",
    "plan_lines",
    "plan_verdict",
]

EXCEEDED = "vượt kế hoạch"
MET = "đạt kế hoạch"
NOT_MET = "chưa đạt kế hoạch"


@dataclass(frozen=True, slots=True)
class PlanFigure:
    """One stored plan figure of an indicator for one year: a value, or one end of a published range."""

    ident: int  # the stored row: the later one wins a tie
    value: float
    text: str  # as published, with its precision: "37.5"
    bound: str  # "low" or "high" for one end of a range; "" for a plain value
    source: str  # where it was published (its address or document)
    published: date | None  # the date the choice reads (a reported figure: the day it last changed)
    unit: str  # the figure's unit code ("percent")


@dataclass(frozen=True, slots=True)
class YearPlan:
    """The plan of an indicator for a year: one value (low == high) or a range."""

    low: float
    high: float
    text: str  # in Vietnamese, the published precision kept: "37,5", "14–15"
    unit: str  # the plan's unit code
    others: tuple[str, ...] = ()  # the other plans published for the year, newest first: ("38",)


@dataclass(frozen=True, slots=True)
class PlannedIndicator:
    """An indicator of the report with a plan for its year, and the year's figure in use."""

    indicator: str
    unit: str  # as written after a figure: "%", "tỷ đồng"
    lower_is_better: bool
    plan: YearPlan
    figure: YearFigure | None  # the year's figure in use; None when the year has none
    figure_unit: str  # the figure's unit code; "" when none
    previous: YearFigure | None = None  # the year before, as the yearly report quotes it


def _statements(figures: Iterable[PlanFigure]) -> list[tuple[PlanFigure, ...]]:
    """The plans as published: a plain value each, and the ends of a range from one publication together."""
    plain: list[tuple[PlanFigure, ...]] = []
    ranges: dict[tuple[str, date | None, str], list[PlanFigure]] = {}
    for figure in figures:
        if figure.bound:
            ranges.setdefault((figure.source, figure.published, figure.unit), []).append(figure)
        else:
            plain.append((figure,))
    return plain + [tuple(ends) for ends in ranges.values()]


def _plan(statement: tuple[PlanFigure, ...]) -> YearPlan:
    ordered = sorted(statement, key=lambda f: f.value)
    low, high = ordered[0], ordered[-1]
    text = (
        figure_text(low.text)
        if low.value == high.value
        else f"{figure_text(low.text)}–{figure_text(high.text)}"
    )
    return YearPlan(low=low.value, high=high.value, text=text, unit=low.unit)


def _newest_first(statement: tuple[PlanFigure, ...]) -> tuple[date, int]:
    return max(f.published or date.min for f in statement), max(f.ident for f in statement)


def plan_in_use(figures: Iterable[PlanFigure]) -> YearPlan | None:
    """The plan of one (indicator, year) among the stored plan figures, with the others named."""
    statements = sorted(_statements(figures), key=_newest_first, reverse=True)
    if not statements:
        return None
    chosen = _plan(statements[0])
    others: list[str] = []
    for statement in statements[1:]:
        text = _plan(statement).text
        if text != chosen.text and text not in others:
            others.append(text)
    return YearPlan(chosen.low, chosen.high, chosen.text, chosen.unit, tuple(others))


def plan_verdict(plan: YearPlan, value: float, *, lower_is_better: bool) -> str:
    """Beyond the plan's far end in the good direction: exceeded; within it (or on it): met; else not met."""
    if lower_is_better:
        return EXCEEDED if value < plan.low else MET if value <= plan.high else NOT_MET
    return EXCEEDED if value > plan.high else MET if value >= plan.low else NOT_MET


def _with_unit(text: str, unit: str) -> str:
    return f"{text}{unit}" if unit.startswith("%") else f"{text} {unit}".rstrip()


def _figure(figure: YearFigure, unit: str) -> str:
    """'13,45% (ư)': the figure, its unit, then its status mark, as the yearly report quotes figures."""
    text = _with_unit(figure.text, unit)
    return f"{text} ({figure.mark})" if figure.mark else text


def plan_line(item: PlannedIndicator, *, year: int) -> str:
    """One line of "the year's results against the year's plan":

    'Tỷ lệ đô thị hóa: năm 2020 đạt 18,3%, chưa đạt kế hoạch (kế hoạch 22,3%).'
    'Tỷ lệ che phủ rừng: kế hoạch năm 2025: 37,5% (kế hoạch khác đã công bố: 38%); chưa có số liệu năm 2025.'
    """
    plan = _with_unit(item.plan.text, item.unit)
    others = "; ".join(_with_unit(t, item.unit) for t in item.plan.others)
    note = f"kế hoạch khác đã công bố: {others}" if others else ""
    figure = item.figure
    if figure is None or figure.value is None:
        noted = f"{plan} ({note})" if note else plan
        return f"{item.indicator}: kế hoạch năm {year}: {noted}; chưa có số liệu năm {year}."
    noted = f"{plan}; {note}" if note else plan
    previous = f" (năm {year - 1}: {_figure(item.previous, item.unit)})" if item.previous else ""
    head = f"{item.indicator}: năm {year} đạt {_figure(figure, item.unit)}{previous}"
    if item.figure_unit != item.plan.unit:
        return f"{head}; kế hoạch {noted}: tính theo đơn vị khác nên không so sánh được."
    verdict = plan_verdict(item.plan, figure.value, lower_is_better=item.lower_is_better)
    return f"{head}, {verdict} (kế hoạch {noted})."


def plan_lines(items: Sequence[PlannedIndicator], *, year: int) -> tuple[str, ...]:
    """The lines of every indicator with a plan for ``year``, in the order given."""
    return tuple(plan_line(item, year=year) for item in items)
