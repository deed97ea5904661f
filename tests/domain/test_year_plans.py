"""The year's plan in the yearly report: which plan counts when sources differ, and the exact lines."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from nqtrack.domain.progress.model import Assessment, Method, Status
from nqtrack.domain.report_assembly import plan_results, year_results
from nqtrack.domain.report_content import Category, TargetLine, YearFigure
from nqtrack.domain.year_plans import (
    EXCEEDED,
    MET,
    NOT_MET,
    PlanFigure,
    PlannedIndicator,
    YearPlan,
    plan_in_use,
    plan_verdict,
)


def _plan(
    ident: int, text: str, *, bound: str = "", source: str = "a", published: date | None = None
) -> PlanFigure:
    return PlanFigure(
        ident=ident,
        value=float(text),
        text=text,
        bound=bound,
        source=source,
        published=published,
        unit="percent",
    )


def _figure(year: int, text: str, mark: str = "") -> YearFigure:
    return YearFigure(year=year, text=text, value=float(text.replace(",", ".")), decimals=1, mark=mark)


def test_the_latest_published_plan_is_the_plan_and_the_other_is_named() -> None:
    # forest cover 2025: 38% stated in 2020 (undated page), 37,5% stated on 18/11/2022
    revised = plan_in_use([_plan(1, "37.5", published=date(2022, 11, 18)), _plan(2, "38", source="b")])
    assert revised == YearPlan(low=37.5, high=37.5, text="37,5", unit="percent", others=("38",))


def test_the_two_ends_of_a_range_published_together_are_one_plan() -> None:
    # GRDP growth 2025, one page: the central figure 13,6% and the province's own 14–15%, none dated:
    # the later stored wins, as for any figure
    plan = plan_in_use([_plan(25, "13.6"), _plan(26, "14", bound="low"), _plan(27, "15", bound="high")])
    assert plan == YearPlan(low=14.0, high=15.0, text="14–15", unit="percent", others=("13,6",))
    # stored the other way round, the central figure is the later one
    plan = plan_in_use([_plan(28, "13.6"), _plan(26, "14", bound="low"), _plan(27, "15", bound="high")])
    assert plan == YearPlan(low=13.6, high=13.6, text="13,6", unit="percent", others=("14–15",))


def test_one_plan_from_two_sources_is_one_plan() -> None:
    plan = plan_in_use([_plan(1, "32.4", published=date(2021, 6, 2)), _plan(2, "32.4", source="b")])
    assert plan == YearPlan(low=32.4, high=32.4, text="32,4", unit="percent", others=())
    assert plan_in_use([]) is None


@pytest.mark.parametrize(
    ("value", "lower", "verdict"),
    [
        (15.1, False, EXCEEDED),
        (15.0, False, MET),
        (14.0, False, MET),
        (13.9, False, NOT_MET),
        (13.9, True, EXCEEDED),
        (14.0, True, MET),
        (15.0, True, MET),
        (15.1, True, NOT_MET),
    ],
)
def test_the_verdict_follows_the_indicators_direction(value: float, lower: bool, verdict: str) -> None:
    plan = YearPlan(low=14.0, high=15.0, text="14–15", unit="percent")
    assert plan_verdict(plan, value, lower_is_better=lower) == verdict


def _planned(
    name: str, plan: YearPlan, figure: YearFigure | None, *, lower: bool = False, unit: str = "percent"
) -> PlannedIndicator:
    return PlannedIndicator(
        indicator=name,
        unit="%",
        lower_is_better=lower,
        plan=plan,
        figure=figure,
        figure_unit=unit if figure is not None else "",
        previous=None,
    )


def _target_line(name: str, values: tuple[YearFigure, ...]) -> TargetLine:
    return TargetLine(
        number=1,
        code=f"{name}_2030",
        group_number=1,
        indicator=name,
        wording="",
        goal="",
        unit="%",
        target_year=2030,
        low=None,
        high=None,
        values=values,
        latest="",
        status=Status.INSUFFICIENT_DATA,
        status_words="",
        category=Category.INSUFFICIENT_DATA,
        explanation="",
        needed="",
        sources=(),
        assessment=Assessment(Status.INSUFFICIENT_DATA, Method.RATIO),
    )


def test_the_lines_give_the_plan_the_figure_with_its_mark_and_whether_it_was_met() -> None:
    forest = YearPlan(low=37.5, high=37.5, text="37,5", unit="percent", others=("38",))
    poverty = YearPlan(low=1.5, high=2.0, text="1,5–2", unit="percent")
    urban = YearPlan(low=22.3, high=22.3, text="22,3", unit="percent")
    beds = YearPlan(low=25.0, high=25.0, text="25", unit="count")
    planned = [
        _planned("Tỷ lệ che phủ rừng", forest, _figure(2025, "37,6", "ư")),
        _planned("Tỷ lệ hộ nghèo", poverty, _figure(2025, "1,4"), lower=True),
        _planned("Tỷ lệ đô thị hóa", urban, None),
        _planned("Số giường bệnh/vạn dân", beds, _figure(2025, "27,5"), unit="beds_per_10000"),
    ]
    planned[1] = replace(planned[1], previous=_figure(2024, "1,9", "sb"))
    assert plan_results(planned, year=2025) == (
        "Tỷ lệ che phủ rừng: năm 2025 đạt 37,6% (ư), vượt kế hoạch (kế hoạch 37,5%; kế hoạch khác đã công "
        "bố: 38%).",
        "Tỷ lệ hộ nghèo: năm 2025 đạt 1,4% (năm 2024: 1,9% (sb)), vượt kế hoạch (kế hoạch 1,5–2%).",
        "Tỷ lệ đô thị hóa: kế hoạch năm 2025: 22,3%; chưa có số liệu năm 2025.",
        "Số giường bệnh/vạn dân: năm 2025 đạt 27,5%; kế hoạch 25%: tính theo đơn vị khác nên không so sánh "
        "được.",
    )
    # the other results leave out the indicators with a plan: each is said once
    targets = [
        _target_line("Tỷ lệ che phủ rừng", (_figure(2024, "37,5"), _figure(2025, "37,6", "ư"))),
        _target_line("Tỷ lệ lao động qua đào tạo", (_figure(2024, "77"), _figure(2025, "78"))),
    ]
    assert year_results(targets, year=2025, planned=planned) == (
        "Tỷ lệ lao động qua đào tạo: năm 2025 đạt 78% (năm 2024: 77%).",
    )
    # nothing but planned indicators: no marked place, the plan lines say what the year lacks
    assert year_results(targets[:1], year=2025, planned=planned) == ()
    assert year_results((), year=2025) == (
        "[Cần bổ sung: kết quả năm 2025: chưa có số liệu của năm trên hệ thống]",
    )
