"""How a stored target is assessed: its domain target, method, series kind and base year, and which answer a
unit gets. The one place these are resolved, for the pages (assessed live) and the store (assessed in bulk).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils import timezone

from nqtrack.domain.progress import (
    Assessment,
    Method,
    SeriesKind,
    Status,
    assess,
    assess_numbers,
)
from nqtrack.domain.targets import Target, TargetKind
from nqtrack.programmes import models as pm
from nqtrack.programmes.selectors import domain_target

# Units of figures that do not add up over units (rates, per head): a district can be judged against them.
INTENSIVE_UNITS = frozenset(
    {
        "percent",
        "percent_per_year",
        "percentage_points",
        "percentage_points_per_year",
        "beds_per_10000",
        "doctors_per_10000",
        "million_vnd",
        "usd",
    }
)

# The answer for a district or commune against a target that is a province total.
PROVINCE_TOTAL = Assessment(
    status=Status.INSUFFICIENT_DATA,
    method=Method.RATIO,
    reason="Chỉ tiêu là tổng của cả tỉnh: không đánh giá cho một huyện hay xã.",
    reason_en="The target is a province total: it is not assessed for a district or commune.",
    reason_code="province_total",
)


def applies_to_sub_unit(target: pm.Target) -> bool:
    """Whether a province target can judge a district's or commune's figures.

    Rates, shares, per-head and per-10,000 figures and growth targets can; totals (GRDP in billion VND,
    people, households, counts) are the province's sum and cannot.
    """
    target = target.judged
    if target.kind in (TargetKind.AVERAGE_GROWTH, TargetKind.ANNUAL_CHANGE):
        return True
    return (target.unit or target.indicator.unit) in INTENSIVE_UNITS


@dataclass(frozen=True, slots=True)
class TargetPlan:
    """A target with everything its assessment needs besides the figures."""

    target: pm.Target
    domain: Target
    method: Method
    series_kind: SeriesKind
    base_year: int
    sub_units: bool  # whether a district's or commune's figures can be judged against it
    # A digest input of everything above that an answer depends on (the store's fingerprints), written
    # once: the store asks it for every pair.
    key: bytes = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        key = repr((self.domain, self.method, self.series_kind, self.base_year, self.sub_units)).encode()
        object.__setattr__(self, "key", key)

    def assess(
        self,
        values: Mapping[int, float],
        *,
        series_unit: str | None,
        sub_unit: bool = False,
        as_of: int | None = None,
        texts: bool = True,
        closed_through: int | None = None,
    ) -> Assessment:
        """The answer on ``values`` ({year: value}) for the province, or for a district or commune
        (``sub_unit``: ``PROVINCE_TOTAL`` where the target cannot judge one); ``texts=False`` leaves the
        explanations out (the store writes them when an answer is read). On every figure (no ``as_of``)
        the calendar closes the years up to ``closed_through``, by default ``last_year_over()`` (the store
        reads the calendar once for all its pairs)."""
        if sub_unit and not self.sub_units:
            return PROVINCE_TOTAL
        engine = assess if texts else assess_numbers
        return engine(
            self.domain,
            values,
            method=self.method,
            series_kind=self.series_kind,
            base_year=self.base_year,
            as_of=as_of,
            series_unit=series_unit,
            closed_through=None if as_of is not None else closed_through or last_year_over(),
        )


def last_year_over() -> int:
    """The last calendar year already over today: on every figure (no as-of year), a target of that year
    or before is past its deadline and its verdict is final, even before a figure of its year arrives."""
    return timezone.localdate().year - 1


def target_plan(target: pm.Target) -> TargetPlan:
    """The plan of ``target``: its own method and base year, else the programme's.

    ``target`` should come with its indicator and programme (``programme_targets``).
    """
    programme = target.indicator.programme
    return TargetPlan(
        target=target,
        domain=domain_target(target),
        method=Method(target.method or programme.progress_method),
        series_kind=SeriesKind(target.series_kind),
        base_year=target.base_year or programme.effective_base_year,
        sub_units=applies_to_sub_unit(target),
    )
