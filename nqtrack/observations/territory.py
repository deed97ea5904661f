"""The programme's territory after the merger: whose figures are its series, and how a value is obtained.

A programme covers its province as its frame day lists it (``programmes.selectors.programme_territory``:
Tỉnh Bắc Giang). On 1/7/2025 code 24 passed to the new Bắc Ninh, a wider territory: its figures are never
the programme's (``other_bearers_q``). After the merger the programme's territory, "Bắc Giang (địa bàn
cũ)", is covered by communes of the new province (``places.selectors.former_territory_units``); for an
additive indicator (a count, a number of households or people, an area, an amount) its yearly value is the
sum over those communes when every one of them has an approved yearly figure. A rate is never averaged
from the communes' rates: it comes only from a figure for the whole territory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from nqtrack.domain.observations import STATUS_RANK
from nqtrack.observations.models import Observation, published_q
from nqtrack.places.models import AdminUnit, UnitLevel
from nqtrack.places.selectors import former_territory_units
from nqtrack.places.versions import short_date, version_label
from nqtrack.programmes.models import Indicator, Programme
from nqtrack.programmes.selectors import programme_territory

# Units whose values add up over parts of a territory; a percent, a rate or a per-capita value does not.
ADDITIVE_UNITS = frozenset({"count", "households", "persons", "hectares", "billion_vnd", "districts"})


def other_bearers_q(*, programme: Programme) -> Q:
    """The figures of units that took the programme's province code after its territory's version ended
    (the new Bắc Ninh): a filter to exclude. Matches nothing while the territory's version lives on."""
    territory = programme_territory(programme=programme)
    if territory is None or territory.valid_to is None:
        return Q(pk__in=[])
    return Q(unit__code=programme.province_code, unit__valid_from__gte=territory.valid_to)


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
    """A yearly value of the former territory, or why there is none; ``how`` says how it was obtained."""

    year: int
    value: Decimal | None
    how: str


def former_territory_value(*, programme: Programme, indicator: Indicator, year: int) -> TerritoryValue:
    """The value of ``indicator`` for the programme's former territory in ``year`` (a year after the
    merger): the sum over the communes that cover it for an additive indicator, else none."""
    territory = programme_territory(programme=programme)
    if territory is None or territory.valid_to is None or date(year, 1, 1) < territory.valid_to:
        return TerritoryValue(year, None, _("năm này vẫn dùng số liệu của chính đơn vị"))
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
    communes = list(covering.values_list("pk", flat=True))
    figures = Observation.objects.filter(
        published_q(), indicator=indicator, unit_id__in=communes, period=str(year), partial=False, bound=""
    ).values_list("unit_id", "value", "status", "published", "id")
    best: dict[int, tuple[Decimal, tuple[object, ...]]] = {}
    for unit_id, value, status, published, pk in figures:
        if status not in STATUS_RANK:  # a plan is not a measurement
            continue
        # The figure in use: best status, then the latest publication (docs/observations.md).
        rank = (STATUS_RANK[status], published or date.min, pk)
        if unit_id not in best or rank > best[unit_id][1]:
            best[unit_id] = (value, rank)
    missing = len(communes) - len(best)
    if not communes or missing:
        return TerritoryValue(
            year,
            None,
            _("chưa đủ số liệu: thiếu %(missing)s trên %(total)s xã, phường thuộc địa bàn cũ")
            % {"missing": missing, "total": len(communes)},
        )
    total = sum((value for value, _rank in best.values()), Decimal(0))
    return TerritoryValue(
        year, total, _("tổng của %(total)s xã, phường thuộc địa bàn cũ") % {"total": len(communes)}
    )


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


def abolished_level_note(*, programme: Programme, indicator: Indicator) -> str:
    """For a target on a level the merger abolished (the districts), the words the target page and the
    report say: the level is gone since the merger and the target is judged on the last figure of that
    level; empty otherwise."""
    territory = programme_territory(programme=programme)
    if indicator.unit not in DISTRICT_LEVEL_UNITS or territory is None or territory.valid_to is None:
        return ""
    return _(
        "cấp huyện không còn từ %(day)s: chỉ tiêu được đánh giá theo số liệu cuối cùng của cấp huyện"
    ) % {"day": short_date(territory.valid_to)}
