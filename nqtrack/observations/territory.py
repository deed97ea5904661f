"""The programme's territory after the merger: whose figures are its series, and how a value is obtained.

A programme covers its province as its frame day lists it (``programmes.selectors.programme_territory``:
Tỉnh Bắc Giang). On 1/7/2025 code 24 passed to the new Bắc Ninh, a wider territory: its figures are never
the programme's (``other_bearers_q``). After the merger the programme's territory, "Bắc Giang (địa bàn
cũ)", is covered by communes of the new province (``places.selectors.former_territory_units``); for an
additive indicator (a count, a number of households or people, an area, an amount) its yearly value is the
sum over those communes when every one of them has an approved yearly figure. A rate is never averaged
from the communes' rates: it comes only from a figure for the whole territory.

That figure sits on the statistical territory, a unit of its own (level "territory", code 24-BG, from
1/7/2025; ``places.services.statistical_territory_ensure``), entered, imported, scoped and reviewed like
any unit. After the merger the series takes the territory's own figure of a year first, for any
indicator, and the communes' sum only for a year it has none (``with_former_territory``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from nqtrack.domain.observations import STATUS_RANK
from nqtrack.domain.programme import rebased_from_dict
from nqtrack.observations.in_use import best_figure
from nqtrack.observations.models import Observation, ReviewState, published_q
from nqtrack.places.models import AdminUnit, UnitLevel
from nqtrack.places.selectors import former_territory_units, statistical_territory_of
from nqtrack.places.versions import TERRITORY_CODE, short_date, territory_code, version_label
from nqtrack.programmes.models import Indicator, Programme, Target
from nqtrack.programmes.selectors import programme_territory

# Units whose values add up over parts of a territory; a percent, a rate or a per-capita value does not.
ADDITIVE_UNITS = frozenset({"count", "households", "persons", "hectares", "billion_vnd", "districts"})


def other_bearers_q(*, programme: Programme) -> Q:
    """The figures of units that took the programme's province code after its territory's version ended
    (the new Bắc Ninh): a filter to exclude. Matches nothing while the territory's version lives on."""
    return series_units(programme=programme).others


@dataclass(frozen=True, slots=True)
class SeriesUnits:
    """Filters of figures by unit for the programme's series, from one read of its territory: ``others``
    the units that took its code later (to exclude), ``own`` the statistical territory that follows it
    after the merger (None while its version lives on), named by ``own_code`` (24-BG)."""

    others: Q
    own: Q | None = None
    own_code: str | None = None


def series_units(*, programme: Programme) -> SeriesUnits:
    """``SeriesUnits`` of the programme (one query: its territory's version)."""
    territory = programme_territory(programme=programme)
    if territory is None or territory.valid_to is None:
        return SeriesUnits(Q(pk__in=[]))
    code = territory_code(territory)
    return SeriesUnits(
        Q(unit__code=programme.province_code, unit__valid_from__gte=territory.valid_to),
        Q(unit__code=code, unit__valid_from=territory.valid_to, unit__level=UnitLevel.TERRITORY),
        code,
    )


def area_units(*, programme: Programme, year: int, level: str | None = None) -> QuerySet[AdminUnit] | None:
    """The units of the programme's area in ``year`` (valid on its 1 January; at ``level``), when the
    merger has changed them: after it, the communes and wards that hold the former territory, never the
    rest of the new province that took its code. None before the merger: the province's own units."""
    territory = programme_territory(programme=programme)
    if territory is None or territory.valid_to is None or date(year, 1, 1) < territory.valid_to:
        return None
    return former_territory_units(code=territory.code, on=date(year, 1, 1), level=level)


def area_figures_q(*, programme: Programme, year: int) -> Q:
    """The figures of ``year`` that belong to the programme's area, for comparing units: never a figure of
    the unit that took the province's code later (the new Bắc Ninh); after the merger only those of the
    units that hold the former territory and of the statistical territory itself."""
    own = ~other_bearers_q(programme=programme)
    units = area_units(programme=programme, year=year)
    if units is None:
        return own
    ids = set(units.values_list("pk", flat=True))
    statistical = statistical_territory(programme=programme)
    if statistical is not None:
        ids.add(statistical.pk)
    return own & Q(unit_id__in=ids)


def statistical_territory(*, programme: Programme) -> AdminUnit | None:
    """The statistical territory "Bắc Giang (địa bàn cũ)" (24-BG) once the programme's territory's version
    has ended, the unit its whole-territory figures sit on; None before, or when none is loaded."""
    territory = programme_territory(programme=programme)
    return statistical_territory_of(unit=territory) if territory is not None else None


def territory_figures(*, programme: Programme, territory: AdminUnit) -> dict[int, dict[int, Observation]]:
    """indicator id → year → the approved yearly figure in use of the statistical territory that follows
    the ended version ``territory`` (the figure-in-use rule of every series), each with its unit. One
    query, none to find the unit."""
    if territory.valid_to is None:
        return {}
    rows = Observation.objects.filter(
        published_q(),
        indicator__programme=programme,
        unit__code=territory_code(territory),
        unit__valid_from=territory.valid_to,
        unit__level=UnitLevel.TERRITORY,
        year__isnull=False,
    ).select_related("unit")
    grouped: dict[tuple[int, int], list[Observation]] = defaultdict(list)
    for obs in rows:
        if obs.year is not None and obs.period == str(obs.year):  # quarters and months make no year
            grouped[(obs.indicator_id, obs.year)].append(obs)
    found: dict[int, dict[int, Observation]] = {}
    for (indicator_id, year), candidates in sorted(grouped.items()):
        best = best_figure(candidates)
        if best is not None:
            found.setdefault(indicator_id, {})[year] = best
    return found


def series_codes(*, programme: Programme, codes: set[str] | None) -> set[str] | None:
    """The unit codes whose stored assessments follow a change of figures of ``codes`` (None: all): the
    statistical territory's figures are the province's series, so its code brings the province's."""
    if codes is None or not any(TERRITORY_CODE.fullmatch(code) for code in codes):
        return codes  # no query for the figures of ordinary units
    own = series_units(programme=programme).own_code
    return codes | {programme.province_code} if own is not None and own in codes else codes


def territory_name(*, programme: Programme) -> str:
    """The programme's territory named as a statistical territory: "Bắc Giang (địa bàn cũ)" once its
    version has ended, else the unit's own name."""
    territory = programme_territory(programme=programme)
    if territory is None:
        return programme.province_code
    if territory.valid_to is None:
        return territory.name
    short = territory.name.removeprefix("Tỉnh ").removeprefix("Thành phố ")
    return _("%(name)s (địa bàn cũ)") % {"name": short}


@dataclass(frozen=True, slots=True)
class TerritoryValue:
    """A yearly value of the former territory, or why there is none; ``how`` says how it was obtained.

    ``status`` is the weakest status of the figures summed (a sum with one estimate is an estimate) and
    ``measure_unit`` their common unit."""

    year: int
    value: Decimal | None
    how: str
    status: str = ""
    measure_unit: str = ""


type _Best = dict[int, tuple[Decimal, str, str, tuple[object, ...]]]


def _best_per_unit(figures: Iterable[tuple[int, Decimal, str, date | None, int, str]]) -> _Best:
    """unit id → (value, status, measure unit, rank) of the figure in use: best status, then the latest
    publication (docs/observations.md); a plan is not a measurement."""
    best: _Best = {}
    for unit_id, value, status, published, pk, measure_unit in figures:
        if status not in STATUS_RANK:
            continue
        rank = (STATUS_RANK[status], published or date.min, pk)
        if unit_id not in best or rank > best[unit_id][3]:
            best[unit_id] = (value, status, measure_unit, rank)
    return best


def _sum_over(year: int, communes: Collection[int], best: _Best) -> TerritoryValue:
    """The sum over ``communes`` of their figures in use, or why there is none."""
    found = {unit_id: figure for unit_id, figure in best.items() if unit_id in communes}
    missing = len(communes) - len(found)
    if not communes or missing:
        return TerritoryValue(
            year,
            None,
            _("chưa đủ số liệu: thiếu %(missing)s trên %(total)s xã, phường thuộc địa bàn cũ")
            % {"missing": missing, "total": len(communes)},
        )
    units = {measure_unit for _value, _status, measure_unit, _rank in found.values()}
    if len(units) != 1:
        return TerritoryValue(year, None, _("số liệu các xã, phường dùng nhiều đơn vị tính khác nhau"))
    total = sum((value for value, _status, _unit, _rank in found.values()), Decimal(0))
    weakest = min((figure[1] for figure in found.values()), key=STATUS_RANK.__getitem__)
    return TerritoryValue(
        year,
        total,
        _("tổng của %(total)s xã, phường thuộc địa bàn cũ") % {"total": len(communes)},
        status=weakest,
        measure_unit=units.pop(),
    )


def first_full_year(end: date) -> int:
    """The first calendar year after a version ended on ``end`` (2026 for an end on 1/7/2025): a year that
    began earlier still holds figures of the unit itself, and a half year never stands for a year."""
    return end.year if (end.month, end.day) == (1, 1) else end.year + 1


_FIGURE_COLUMNS = ("unit_id", "value", "status", "published", "id", "measure_unit")


def former_territory_values(*, programme: Programme) -> dict[int, dict[int, TerritoryValue]]:
    """indicator id → year → ``TerritoryValue`` for every additive indicator of the programme and every
    year after the merger in which a commune of the new province has a figure for it; {} while the
    territory's version lives on. Two queries and two more per such year, whatever the indicators."""
    territory = programme_territory(programme=programme)
    if territory is None or territory.valid_to is None:
        return {}
    return _values(programme, territory, territory.valid_to)


def _values(programme: Programme, territory: AdminUnit, end: date) -> dict[int, dict[int, TerritoryValue]]:
    first = first_full_year(end)
    figures = Observation.objects.filter(
        published_q(),
        indicator__programme=programme,
        indicator__unit__in=ADDITIVE_UNITS,
        unit__level=UnitLevel.COMMUNE,
        unit__valid_from__gte=end,
        year__gte=first,
        partial=False,
        bound="",
    ).values_list("indicator_id", "year", "period", *_FIGURE_COLUMNS)
    per_series: dict[tuple[int, int], list[tuple[int, Decimal, str, date | None, int, str]]] = {}
    for indicator_id, year, period, *figure in figures:
        if period == str(year):  # a yearly figure: quarters and months do not make a year
            per_series.setdefault((indicator_id, year), []).append(tuple(figure))
    covering = {
        year: set(
            former_territory_units(
                code=territory.code, on=date(year, 12, 31), level=UnitLevel.COMMUNE
            ).values_list("pk", flat=True)
        )
        for year in sorted({year for _indicator, year in per_series})
    }
    values: dict[int, dict[int, TerritoryValue]] = {}
    for (indicator_id, year), rows in sorted(per_series.items()):
        best = _best_per_unit(rows)
        if not best.keys() & covering[year]:
            continue  # figures of communes outside the former territory only
        values.setdefault(indicator_id, {})[year] = _sum_over(year, covering[year], best)
    return values


def territory_observation(
    *, indicator_id: int, territory: AdminUnit, value: TerritoryValue, total: Decimal
) -> Observation:
    """The former territory's ``total`` of a year as an unsaved figure of the programme's series, its
    source and quote saying how it was obtained (the pages show them beside the value)."""
    return Observation(
        indicator_id=indicator_id,
        unit=territory,
        period=str(value.year),
        year=value.year,
        value=total,
        value_text=format(total.normalize(), "f"),
        measure_unit=value.measure_unit,
        status=value.status,
        source_document=value.how,
        quote=value.how,
        review_state=ReviewState.APPROVED,
    )


def with_former_territory(
    *, programme: Programme, series: dict[int, dict[int, Observation]]
) -> dict[int, dict[int, Observation]]:
    """The programme's series (indicator id → year → figure in use) with, for each year after the merger,
    the statistical territory's own figure (any indicator, a rate included), else, for a year with no
    figure, the former territory's sum when there is one (``territory_observation``)."""
    territory = programme_territory(programme=programme)
    if territory is None or territory.valid_to is None:
        return series
    figures = territory_figures(programme=programme, territory=territory)
    found = _values(programme, territory, territory.valid_to)
    # The unit the sums are shown on: read only when there is a sum and no figure of the territory to take
    # it from.
    statistical = next((obs.unit for years in figures.values() for obs in years.values()), None)
    if statistical is None and found:
        statistical = statistical_territory_of(unit=territory)
    merged = dict(series)
    for indicator_id in figures.keys() | found.keys():
        # The territory's own figure first: after the merger a figure under the province's code can only
        # be the new province's, which a caller may have left in.
        own = {**series.get(indicator_id, {}), **figures.get(indicator_id, {})}
        added = {
            year: territory_observation(
                indicator_id=indicator_id, territory=statistical or territory, value=value, total=value.value
            )
            for year, value in found.get(indicator_id, {}).items()
            if value.value is not None and year not in own
        }
        if added or indicator_id in figures:
            merged[indicator_id] = dict(sorted({**own, **added}.items()))
    return merged


def territory_gaps(
    *, values: dict[int, TerritoryValue], series_years: Collection[int], as_of: int | None = None
) -> list[str]:
    """What the target page and ``nqtrack assess --programme`` say of each post-merger year (up to
    ``as_of``) whose communes could not make up the former territory's sum, from one indicator's
    ``former_territory_values``: one sentence a year, with the reason. A year the series holds (a figure
    of the territory's own) has no gap. One source of these words for every place that shows them."""
    return [
        _("Năm %(year)s của địa bàn cũ không có giá trị: %(how)s.") % {"year": value.year, "how": value.how}
        for year, value in sorted(values.items())
        if value.value is None and year not in series_years and (as_of is None or year <= as_of)
    ]


def former_territory_value(*, programme: Programme, indicator: Indicator, year: int) -> TerritoryValue:
    """The value of ``indicator`` for the programme's former territory in ``year`` (a year after the
    merger): the statistical territory's own figure, else the sum over the communes that cover it for an
    additive indicator, else none."""
    territory = programme_territory(programme=programme)
    if territory is None or territory.valid_to is None or date(year, 1, 1) < territory.valid_to:
        return TerritoryValue(year, None, _("năm này vẫn dùng số liệu của chính đơn vị"))
    figure = territory_figures(programme=programme, territory=territory).get(indicator.pk, {}).get(year)
    if figure is not None:
        # A figure of the territory itself says its source, as any figure does.
        how = figure.source_document or figure.quote or figure.unit.name
        return TerritoryValue(year, figure.value, how, figure.status, figure.measure_unit)
    if indicator.unit not in ADDITIVE_UNITS:
        return TerritoryValue(
            year,
            None,
            _(
                "tỷ lệ hoặc chỉ số không cộng được: chỉ lấy từ số liệu của cả địa bàn, "
                "không lấy trung bình các xã"
            ),
        )
    covering = former_territory_units(code=territory.code, on=date(year, 12, 31), level=UnitLevel.COMMUNE)
    communes = set(covering.values_list("pk", flat=True))
    figures = Observation.objects.filter(
        published_q(), indicator=indicator, unit_id__in=communes, period=str(year), partial=False, bound=""
    ).values_list(*_FIGURE_COLUMNS)
    return _sum_over(year, communes, _best_per_unit(figures))


def territory_note(*, programme: Programme) -> str:
    """What happened to the programme's territory and since when, in one sentence for the dashboard and
    the units page; empty while its version lives on."""
    territory = programme_territory(programme=programme)
    if territory is None or territory.valid_to is None:
        return ""
    successor = (
        AdminUnit.objects.filter(code=territory.code, valid_from=territory.valid_to).first()
        or AdminUnit.objects.filter(predecessions__predecessor=territory).first()
    )
    communes = former_territory_units(code=territory.code, on=territory.valid_to, level=UnitLevel.COMMUNE)
    return _(
        "Từ %(day)s, %(unit)s nhập vào %(successor)s và cấp huyện không còn; địa bàn cũ nay gồm %(communes)s "
        "xã, phường. Chương trình theo dõi %(territory)s: số liệu đến %(last)s là của %(unit)s, sau đó là "
        "của địa bàn cũ; số liệu của %(successor)s không tính vào các chỉ tiêu."
    ) % {
        "day": short_date(territory.valid_to),
        "last": short_date(territory.valid_to - timedelta(days=1)),
        "unit": territory.name,
        "successor": version_label(successor) if successor is not None else "",
        "communes": communes.count(),
        "territory": territory_name(programme=programme),
    }


# Indicator units that count districts: their targets ("8/9 huyện đạt chuẩn") belong to the district level.
DISTRICT_LEVEL_UNITS = frozenset({"districts"})


def abolished_level_note(*, programme: Programme, target: Target, as_of: date | None = None) -> str:
    """For a target on a level the merger abolished (the districts), the words the target page and the
    report say: the level is gone since the merger and the target is judged on the last figure of that
    level, or on the re-based terms the programme file gives (``Target.rebased``, said whatever the unit);
    empty otherwise, and empty for a report on a day before the merger (``as_of``) of a target not re-based.
    """
    district_level = target.indicator.unit in DISTRICT_LEVEL_UNITS
    if target.rebased:
        return _rebased_note(target, district_level=district_level)
    if not district_level:  # checked first: most targets then cost no query
        return ""
    territory = programme_territory(programme=programme)
    if territory is None or territory.valid_to is None:
        return ""
    if as_of is not None and as_of < territory.valid_to:
        return ""
    return _(
        "cấp huyện không còn từ %(day)s: chỉ tiêu được đánh giá theo số liệu cuối cùng của cấp huyện"
    ) % {"day": short_date(territory.valid_to)}


def _rebased_note(target: Target, *, district_level: bool) -> str:
    """What a re-based target is judged on, with the decision and the day the original basis ended."""
    terms = rebased_from_dict(target.rebased)
    words = {
        "day": short_date(date.fromisoformat(terms.since)),
        "decision": terms.decided_by,
        "text": terms.source_text,
    }
    if district_level:
        return (
            _(
                "cấp huyện không còn từ %(day)s: mục tiêu được điều chỉnh theo %(decision)s (“%(text)s”) và "
                "chỉ tiêu được đánh giá theo mục tiêu điều chỉnh"
            )
            % words
        )
    return (
        _(
            "từ %(day)s mục tiêu được điều chỉnh theo %(decision)s (“%(text)s”) và chỉ tiêu được đánh giá "
            "theo mục tiêu điều chỉnh"
        )
        % words
    )
