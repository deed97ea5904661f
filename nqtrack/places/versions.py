"""Which version of a unit a figure belongs to, and how a version is named on pages and in files.

A code can mean two units: 24 is Tỉnh Bắc Giang until 30/6/2025 and the new Tỉnh Bắc Ninh (Bắc Giang and
the old Bắc Ninh merged) from 1/7/2025. A figure's **period** decides its version by the period's dates:

- a version *covers* a period when it is valid on the period's first and last day, or when it started
  during the period from predecessors (a merger or a change of type or name recorded in the crosswalk on
  its first day): the territory existed the whole period, so a full-year 2025 figure of the new Bắc Ninh
  or a 2024 figure of Thị xã Việt Yên (a town from 1/2/2024) is its own;
- a version that ended during the period does not cover it (Tỉnh Bắc Giang for the year 2025: its last
  figure is the first half, 2025S1; a half-year never stands for the year);
- a file may name the version (``unit_name``, with or without the type): the named version answers when it
  covers the period (a version formed by a merger, named, also for periods before it: the merged
  territory's figure computed back), or the version of the same code it was renamed into (same
  territory), else the row is refused with the version's dates; a ``plan`` figure may sit on the named
  version whatever its period (a target set by the unit while it existed, e.g. Bắc Giang's 2030 plans).

Everything here works on versions already read (``AdminUnit`` rows and the set of ids that have a
predecessor on their first day), so the set-based import and the row-by-row pages share one rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from nqtrack.domain.periods import parse_period
from nqtrack.places.models import AdminUnit, SuccessionKind, UnitSuccession

_ONE_DAY = timedelta(days=1)
_UNIT_TYPES = re.compile(r"^(tỉnh|thành phố|huyện|thị xã|thị trấn|quận|phường|xã)\s+", re.IGNORECASE)
# A statistical territory's code: its former unit's GSO code, a hyphen and the initials of its name
# ("24-BG"). GSO codes are digits only, so the two never clash.
TERRITORY_CODE = re.compile(r"[0-9]+-[A-Z]+")


class VersionError(LookupError):
    """No version of the code fits the period (or the named version does not); the message says why."""


def short_date(day: date) -> str:
    """A date the Vietnamese way without leading zeros: 1/7/2025."""
    return f"{day.day}/{day.month}/{day.year}"


def version_dates(unit: AdminUnit) -> str:
    """The version's dates as words: "đến 30/6/2025", "từ 1/7/2025", "1/2/2024–30/6/2025", or ""."""
    last = unit.valid_to - _ONE_DAY if unit.valid_to is not None else None
    if unit.valid_from is not None and last is not None:
        return f"{short_date(unit.valid_from)}–{short_date(last)}"
    if last is not None:
        return _("đến %(day)s") % {"day": short_date(last)}
    if unit.valid_from is not None:
        return _("từ %(day)s") % {"day": short_date(unit.valid_from)}
    return ""


def version_label(unit: AdminUnit) -> str:
    """The version's name with its dates: "Tỉnh Bắc Giang (đến 30/6/2025)", "Tỉnh Bắc Ninh (từ 1/7/2025)";
    the bare name for a unit that has held the whole time."""
    dates = version_dates(unit)
    return f"{unit.name} ({dates})" if dates else unit.name


def version_key(unit: AdminUnit) -> str:
    """The version's key in a page address or a file: the code, with ``@`` and its first day when it has
    one ("24", "24@2025-07-01")."""
    return unit.code if unit.valid_from is None else f"{unit.code}@{unit.valid_from.isoformat()}"


def split_version_key(text: str) -> tuple[str, date | None] | None:
    """``"24@2025-07-01"`` → ("24", 2025-07-01); ``"24"`` → ("24", None); None when it is not a key."""
    code, _sep, day = text.strip().partition("@")
    if not code.isdigit() and TERRITORY_CODE.fullmatch(code) is None:
        return None
    if not day:
        return code, None
    try:
        return code, date.fromisoformat(day)
    except ValueError:
        return None


def territory_code(unit: AdminUnit) -> str:
    """The code of the statistical territory that follows ``unit``'s territory after its version ended:
    "24-BG" for Tỉnh Bắc Giang (the initials of its name without type or diacritics), within the
    10 characters of a unit code."""
    bare = unicodedata.normalize("NFD", _UNIT_TYPES.sub("", name_words(unit.name)).replace("đ", "d"))
    initials = "".join(word[0] for word in bare.split() if word[0].isascii() and word[0].isalpha())
    return f"{unit.code}-{initials.upper()}"[:10]


def name_words(name: str) -> str:
    """A name compared loosely: NFC, lower case, single spaces ("Thị Xã Việt Yên" = "thị xã việt yên")."""
    return " ".join(unicodedata.normalize("NFC", name).lower().split())


def name_fits(unit: AdminUnit, name: str) -> bool:
    """Whether ``name`` names ``unit``, with or without its type ("Tỉnh Bắc Giang", "Bắc Giang")."""
    return _UNIT_TYPES.sub("", name_words(name)) == _UNIT_TYPES.sub("", name_words(unit.name))


type Formed = Mapping[int, frozenset[str]]


def started_from_predecessors(units: Iterable[AdminUnit] | None = None) -> Formed:
    """The versions among ``units`` (None: all) that the crosswalk says were formed, on their first day,
    from earlier versions: id → the kinds of those edges (merged, split, changed). One query."""
    edges = UnitSuccession.objects.filter(successor__valid_from__isnull=False)
    if units is not None:
        edges = edges.filter(successor_id__in=[u.pk for u in units])
    kinds: dict[int, set[str]] = {}
    for pk, day, first, kind in edges.values_list("successor_id", "date", "successor__valid_from", "kind"):
        if day == first:
            kinds.setdefault(pk, set()).add(kind)
    return {pk: frozenset(found) for pk, found in kinds.items()}


@dataclass(frozen=True, slots=True)
class PeriodSpan:
    """A period as the rule needs it: its code ("2025Q4") and its first and last day."""

    code: str
    start: date
    end: date


def covers(unit: AdminUnit, span: PeriodSpan, formed: Formed, *, named: bool = False) -> bool:
    """Whether the version ``unit`` covers the whole period (see the module docstring).

    ``named``: the row names this version; then a version formed by a merger also takes a period before
    its first day (the merged territory's figure computed back, as the new Bắc Ninh's 2025S1 growth).
    """
    if unit.valid_to is not None and unit.valid_to <= span.end:
        return False
    if unit.valid_from is None or unit.valid_from <= span.start:
        return True
    if unit.pk not in formed:
        return False
    return unit.valid_from <= span.end or (named and SuccessionKind.MERGED in formed[unit.pk])


def version_for_period(
    versions: list[AdminUnit],
    span: PeriodSpan,
    *,
    formed: Formed,
    name: str = "",
    plan: bool = False,
) -> AdminUnit:
    """The version of one code (``versions``: all of them) that a figure for ``span`` belongs to.

    ``formed``: the versions formed from predecessors on their first day (:func:`started_from_
    predecessors`). ``name``: the unit name the row gives, if any. ``plan``: the figure is a target, which
    may sit on the named version whatever its period. Raises ``VersionError`` with a Vietnamese message.
    """
    if not versions:
        raise VersionError(_("không có đơn vị hành chính này"))
    ordered = sorted(versions, key=lambda u: u.valid_from or date.min)
    if name:
        named = [u for u in ordered if name_fits(u, name)]
        if not named:
            listed = ", ".join(version_label(u) for u in ordered)
            raise VersionError(
                _("tên đơn vị '%(name)s' không khớp với mã %(code)s (mã này là: %(listed)s)")
                % {"name": name, "code": ordered[0].code, "listed": listed}
            )
        if plan and len(named) == 1:
            return named[0]
        fitting = [u for u in named if covers(u, span, formed, named=True)]
        if fitting:
            return fitting[-1]
        renamed = _renamed_into(named[-1], ordered, span, formed)
        if renamed is not None:
            return renamed
        raise VersionError(_outside(named[-1], span))
    fitting = [u for u in ordered if covers(u, span, formed)]
    if fitting:
        return fitting[-1]
    overlapping = [u for u in ordered if _overlaps(u, span)]
    raise VersionError(_outside(overlapping[-1] if overlapping else _nearest(ordered, span), span))


def _renamed_into(
    unit: AdminUnit, ordered: list[AdminUnit], span: PeriodSpan, formed: Formed
) -> AdminUnit | None:
    """The later version of the same code that directly follows ``unit`` (a change of type or name, the
    same territory) and covers the period, if any."""
    if unit.valid_to is None:
        return None
    following = next((u for u in ordered if u.valid_from == unit.valid_to), None)
    # Only a change of type or name keeps the territory: a merger into a wider unit (24: Bắc Giang into
    # the new Bắc Ninh) does not, and the new unit's figure is never the old one's.
    if following is None or SuccessionKind.CHANGED not in formed.get(following.pk, frozenset()):
        return None
    return following if covers(following, span, formed) else None


def _overlaps(unit: AdminUnit, span: PeriodSpan) -> bool:
    started = unit.valid_from is None or unit.valid_from <= span.end
    return started and (unit.valid_to is None or unit.valid_to > span.start)


def _nearest(ordered: list[AdminUnit], span: PeriodSpan) -> AdminUnit:
    before = [u for u in ordered if u.valid_to is not None and u.valid_to <= span.start]
    return before[-1] if before else ordered[0]


def _outside(unit: AdminUnit, span: PeriodSpan) -> str:
    """Why ``unit`` cannot hold a figure for ``span``: it ceased, started later, or ends inside it."""
    values = {
        "unit": version_label(unit),
        "period": span.code,
        "first": short_date(span.start),
        "last": short_date(span.end),
    }
    if unit.valid_to is not None and unit.valid_to <= span.start:
        values["day"] = short_date(unit.valid_to)
        return (
            _(
                "%(unit)s đã thôi tồn tại từ %(day)s; kỳ %(period)s (%(first)s–%(last)s) sau ngày đó "
                "không thể ghi cho đơn vị này"
            )
            % values
        )
    if unit.valid_from is not None and unit.valid_from > span.end:
        values["day"] = short_date(unit.valid_from)
        return _("%(unit)s chỉ có từ %(day)s; kỳ %(period)s (%(first)s–%(last)s) trước ngày đó") % values
    return (
        _(
            "kỳ %(period)s (%(first)s–%(last)s) vượt quá thời gian tồn tại của %(unit)s; hãy ghi số liệu "
            "cho kỳ nằm trọn trong thời gian đó (ví dụ 6 tháng đầu năm) hoặc cho đơn vị kế tiếp"
        )
        % values
    )


def span_of(period: str) -> PeriodSpan:
    """The span of a DHIS2 period ("2025", "2025S1", "2025Q4", "202512"); ``PeriodError`` if not one."""
    parsed = parse_period(period)
    return PeriodSpan(parsed.code, parsed.start, parsed.end)


def unit_version_for(*, code: str, period: str, name: str = "", plan: bool = False) -> AdminUnit:
    """The version of ``code`` that a figure for ``period`` belongs to (two queries); ``VersionError``
    with the reason when none does, or when the code is unknown."""
    versions = list(AdminUnit.objects.filter(code=code).select_related("parent"))
    if not versions:
        raise VersionError(_("mã đơn vị hành chính '%(code)s' không tồn tại") % {"code": code})
    return version_for_period(
        versions, span_of(period), formed=started_from_predecessors(versions), name=name, plan=plan
    )
