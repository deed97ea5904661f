"""The progress engine without its explanation texts: pure Python, no Django.

``nqtrack.domain.progress.assess`` ends by writing two paragraphs (Vietnamese and English) for each
assessment, which is more than half of its time. Assessing every (target, unit) pair of a country stores
the numbers and writes the paragraphs only for the assessments somebody reads (``codec.assessment_decode``
calls ``explain`` on the way out). Apart from the texts the result is exactly ``assess``'s: the same
request, the same rule per kind, the same "insufficient data" answer (tests/progress_store check it).
"""

from __future__ import annotations

from collections.abc import Mapping

from nqtrack.domain import progress
from nqtrack.domain.progress_model import Assessment, Method, SeriesKind
from nqtrack.domain.progress_rules import Insufficient
from nqtrack.domain.targets import Target


def assess_numbers(
    target: Target,
    series: Mapping[int, float],
    *,
    method: Method,
    series_kind: SeriesKind,
    base_year: int | None,
    series_unit: str | None,
) -> Assessment:
    """``progress.assess`` on every figure of ``series``, without ``explanation_vi``/``explanation_en``."""
    # The domain module keeps these steps private; assess() is them plus explain(). If it ever gains a
    # public "without texts" entry point, call that instead.
    try:
        request = progress._request(target, series, method, series_kind, base_year, None, series_unit)
        return progress._ASSESSORS[target.kind](request)
    except Insufficient as problem:
        return progress._insufficient(target, method, problem)
