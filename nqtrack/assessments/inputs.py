"""The inputs of every assessment of a programme, read in one streamed query and grouped per unit code.

Only what the progress engine reads is fetched, as plain database rows (no model instances, none of the
model layer's per-value conversions): the approved figures of the programme's indicators, ordered by
unit code, indicator and year, so that each (unit, indicator) series is complete when the stream moves
past it and memory stays bounded by one unit's figures. The query is built by the ORM (``figure_query``)
and run on a plain cursor; the few values whose type differs between SQLite and PostgreSQL (dates and
times are text in SQLite) are converted only where a choice needs them.
"""

from __future__ import annotations

import hashlib
import marshal
from bisect import bisect_right
from collections.abc import Collection, Iterator, Sequence
from datetime import UTC, date, datetime
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Case, CharField, F, FloatField, QuerySet, Value, When
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from nqtrack.domain.observations import STATUS_RANK, Candidate, best_candidate, figure_candidate
from nqtrack.observations.models import Observation, Origin, published_q
from nqtrack.observations.territory import series_units
from nqtrack.programmes.models import Programme

# (indicator id, unit code, id, year, period, value, measure unit, status, published, partial, bound,
# origin, updated at): the columns the engine and the fingerprint read. The value comes as a float and
# the two dates as text, the cheapest forms to fetch and to digest; text dates are parsed only when two
# figures of one year compete (``_candidate``).
type FigureRow = tuple[Any, ...]
_CAST = {
    "value_float": Cast("value", FloatField()),
    "published_text": Cast("published", CharField()),
    "updated_text": Cast("updated_at", CharField()),
}
_COLUMNS = (
    "indicator_id",
    "series_code",
    "id",
    "year",
    "period",
    "value_float",
    "measure_unit",
    "status",
    "published_text",
    "partial",
    "bound",
    "origin",
    "updated_text",
)
CHUNK = 5000
DECIMALS = 6  # Observation.value's decimal places


class Figure(NamedTuple):
    """The value used for one year: the best of that year's figures (``best_candidate``)."""

    year: int
    value: float
    measure_unit: str


class SeriesInput:
    """One (unit code, indicator) series: digests of the figures read, and the figure used per year.

    The figures used are chosen on first need only: when every fingerprint of a series is unchanged, the
    refresh never asks for them.
    """

    __slots__ = ("_figures", "_rows", "digests")

    def __init__(self, rows: list[FigureRow], digests: dict[int | None, bytes]) -> None:
        self._rows = rows
        self._figures: list[Figure] | None = None
        self.digests = digests  # as-of year (None: every year) → digest of the figures up to it

    @property
    def figures(self) -> list[Figure]:
        """The figure used for each year with one, by year."""
        if self._figures is None:
            self._figures = _chosen(self._rows)
        return self._figures

    def values(self, as_of: int | None) -> tuple[dict[int, float], str | None]:
        """``{year: value}`` up to ``as_of`` and the series unit (None when the figures mix units)."""
        chosen = self.figures if as_of is None else [f for f in self.figures if f.year <= as_of]
        units = {f.measure_unit for f in chosen}
        return {f.year: f.value for f in chosen}, units.pop() if len(units) == 1 else None


def figure_query(*, programme: Programme, unit_codes: Collection[str] | None = None) -> QuerySet[Observation]:
    """The approved figures with a year of ``programme`` (of ``unit_codes`` only, when given), by unit
    code, indicator, year and id, as tuples of the columns above."""
    rows = Observation.objects.filter(published_q(), indicator__programme=programme, year__isnull=False)
    # The programme's series are its territory's: a unit that took the province's code later (the new
    # Bắc Ninh, code 24 from 1/7/2025) is another territory and never enters them.
    units = series_units(programme=programme)
    rows = rows.exclude(units.others)
    code: Any = F("unit__code")
    if units.own is not None and units.own_code is not None:
        # The statistical territory's figures (Bắc Giang (địa bàn cũ), 24-BG) are the province's series
        # after the merger: read under the province's code, either code asking for both.
        province = programme.province_code
        code = Case(When(units.own, then=Value(province)), default=code, output_field=CharField())
        if unit_codes is not None and {province, units.own_code} & set(unit_codes):
            unit_codes = {*unit_codes, province, units.own_code}
    if unit_codes is not None:
        rows = rows.filter(unit__code__in=list(unit_codes))
    rows = rows.annotate(**_CAST, series_code=code)
    return rows.order_by("series_code", "indicator_id", "year", "id").values_list(*_COLUMNS)


def figure_rows(*, programme: Programme, unit_codes: Collection[str] | None = None) -> Iterator[FigureRow]:
    """``figure_query``'s yearly figures, streamed from a plain cursor in chunks."""
    sql, params = figure_query(programme=programme, unit_codes=unit_codes).query.sql_with_params()
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(CHUNK):
            for row in batch:
                if row[4] == str(row[3]):  # a yearly figure: quarters and months do not judge a year
                    yield row


def units_of(rows: Iterator[FigureRow]) -> Iterator[tuple[str, Iterator[tuple[int, list[FigureRow]]]]]:
    """Group the stream per unit code, then per indicator: (code, [(indicator id, figures)])."""
    for code, unit_rows in groupby(rows, key=itemgetter(1)):
        yield code, ((indicator, list(series)) for indicator, series in groupby(unit_rows, key=itemgetter(0)))


def series_input(rows: list[FigureRow], as_of_years: Sequence[int]) -> SeriesInput:
    """The series of one (unit, indicator) read from its figures (in year order)."""
    return SeriesInput(rows, _digests(rows, as_of_years))


EMPTY = SeriesInput([], {})


def _chosen(rows: list[FigureRow]) -> list[Figure]:
    if len({row[3] for row in rows}) == len(rows):
        # Most series have one figure a year, used when it is an actual one: ``is_actual`` inlined (status
        # ranked, whole period, not a range end), as it runs once per figure of the country.
        return [
            Figure(row[3], round(row[5], DECIMALS), row[6])
            for row in rows
            if row[7] in STATUS_RANK and not row[9] and not row[10]
        ]
    chosen: list[Figure] = []
    for year, same_year in groupby(rows, key=itemgetter(3)):
        by_id = {row[2]: row for row in same_year}
        best = best_candidate(_candidate(row) for row in by_id.values())
        if best is not None:
            row = by_id[best.ident]
            chosen.append(Figure(year, round(row[5], DECIMALS), row[6]))
    return chosen


def _candidate(row: FigureRow) -> Candidate:
    # The rule of every reader (``figure_candidate``), on a plain row: the time of the last change is
    # parsed only for a reported figure without a publication date, the one case that needs it.
    published = _date(row[8])
    reported = row[11] == Origin.REPORTED
    return figure_candidate(
        row[2],
        row[7],
        published,
        partial=bool(row[9]),
        bound=row[10],
        reported=reported,
        changed_on=timezone.localdate(_datetime(row[12])) if reported and published is None else None,
    )


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: str) -> datetime:
    """A stored time as text, aware: PostgreSQL writes its zone; SQLite keeps UTC without one."""
    parsed = parse_datetime(value)
    if parsed is None:
        raise ValueError(f"not a stored time: {value!r}")
    return parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=UTC)


def _digests(rows: list[FigureRow], as_of_years: Sequence[int]) -> dict[int | None, bytes]:
    """A digest of the figures up to each as-of year (rows are in year order), and of all of them."""
    found: dict[int | None, bytes] = {None: _digest(rows)}
    if as_of_years:
        years = [row[3] for row in rows]
        for as_of in as_of_years:
            found[as_of] = _digest(rows[: bisect_right(years, as_of)])
    return found


def _digest(rows: list[FigureRow]) -> bytes:
    # The rows hold numbers, text, booleans and None only. marshal writes them at a third of repr's cost;
    # its format 2 has no back-references, so equal rows give equal bytes whichever objects hold them.
    return hashlib.blake2b(marshal.dumps(rows, 2), digest_size=16).digest()
