"""Step (b): assess every (target, unit) pair of the national programme, against a raw scan of its rows.

- raw scan: the SQL of the refresh's own figure query (same columns, same rows, same order), executed on a
  plain DB-API cursor and fetched to the end: what reading the inputs costs at the least;
- full refresh: ``assessments_refresh`` on an empty store (read, choose the figure per year, assess each
  pair, store the answers), on every figure (``as_of_years=()``);
- unchanged refresh: the same again: every fingerprint matches, nothing is recomputed;
- one figure changed: one value of one commune changes; only that commune's pairs of that indicator are
  recomputed (``--scope`` refreshes only the units touched, as an import would ask).
"""

from __future__ import annotations

import argparse
import resource
import time
from typing import TYPE_CHECKING

import django

from bench import nationwide
from bench.environment import write_result

if TYPE_CHECKING:
    from collections.abc import Callable

    from nqtrack.assessments.services import RefreshSummary
    from nqtrack.programmes.models import Programme


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--result", required=True)
    args = parser.parse_args()
    django.setup()
    from nqtrack.assessments.models import StoredAssessment
    from nqtrack.assessments.services import assessments_refresh
    from nqtrack.programmes.selectors import programme_get

    programme = programme_get(code=nationwide.PROGRAMME_CODE)
    StoredAssessment.objects.filter(programme=programme).delete()
    rows, raw = _raw_scan(programme)
    full, summary = _timed(lambda: assessments_refresh(programme=programme, as_of_years=()))
    pairs = summary.created
    again, unchanged = _timed(lambda: assessments_refresh(programme=programme, as_of_years=()))
    one, changed = _changed_one(programme)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  raw scan          : {rows:>9,} rows in {raw:7.2f} s")
    print(f"  full refresh      : {pairs:>9,} pairs in {full:6.2f} s = {full / raw:5.2f} × the raw scan")
    print(
        f"  unchanged refresh : {unchanged.unchanged:>9,} pairs in {again:6.2f} s "
        f"(recomputed {unchanged.recomputed})"
    )
    print(
        f"  one figure changed: recomputed {changed.recomputed} pair(s) in {one:.2f} s (scoped to its unit)"
    )
    print(f"  peak memory {peak_mb:,.0f} MB")
    write_result(
        args.result,
        {
            "rows": rows,
            "raw_seconds": raw,
            "pairs": pairs,
            "refresh_seconds": full,
            "unchanged_seconds": again,
            "unchanged_recomputed": unchanged.recomputed,
            "one_change_seconds": one,
            "one_change_recomputed": changed.recomputed,
            "peak_mb": peak_mb,
        },
    )


def _timed[T](work: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def _raw_scan(programme: Programme) -> tuple[int, float]:
    from django.db import connection

    from nqtrack.assessments.inputs import figure_query

    query, params = figure_query(programme=programme).query.sql_with_params()
    started = time.perf_counter()
    count = 0
    with connection.chunked_cursor() as cursor:
        cursor.execute(query, params)
        while batch := cursor.fetchmany(5000):
            count += len(batch)
    return count, time.perf_counter() - started


def _changed_one(programme: Programme) -> tuple[float, RefreshSummary]:
    from django.db.models import F

    from nqtrack.assessments.services import assessments_refresh
    from nqtrack.observations.models import Observation

    figure = (
        Observation.objects.filter(indicator__programme=programme, unit__level="commune", status="official")
        .select_related("unit")
        .order_by("id")
        .first()
    )
    if figure is None:
        return 0.0, assessments_refresh(programme=programme, as_of_years=(), unit_codes=[])
    Observation.objects.filter(pk=figure.pk).update(value=F("value") + 1)
    return _timed(
        lambda: assessments_refresh(programme=programme, as_of_years=(), unit_codes=[figure.unit.code])
    )


if __name__ == "__main__":
    main()
