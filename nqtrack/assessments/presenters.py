"""How assessments are shown: status words, icons and colours, the 'now needed per year' phrase, what is
missing, and the small trend line of the dashboard.

The status is never shown by colour alone: every badge carries an icon and words. Texts follow the active
language (Vietnamese msgids, English from the catalogue); numbers are written the way that language
writes them (1.234,5 in Vietnamese, 1,234.5 in English).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from nqtrack.assessments.selectors import TargetRow
from nqtrack.charts.data import segments
from nqtrack.domain.coherence import CoherenceWarning
from nqtrack.domain.deadlines import DueDateError, parse_due
from nqtrack.domain.progress import Assessment, Status
from nqtrack.domain.progress.milestones import MILESTONE_WORDS, milestone_state
from nqtrack.domain.progress.text import change_amount
from nqtrack.domain.targets import TargetKind
from nqtrack.domain.vnnumbers import format_en_number, format_vn_number


@dataclass(frozen=True, slots=True)
class StatusLook:
    label: Promise  # translated lazily: ``words`` gives it in the active language
    icon: str
    css: str

    @property
    def words(self) -> str:
        return str(self.label)


STATUS_LOOK: dict[Status, StatusLook] = {
    Status.ACHIEVED: StatusLook(gettext_lazy("Đã đạt"), "✔", "achieved"),
    Status.NOT_ACHIEVED: StatusLook(gettext_lazy("Không đạt"), "✘", "not-achieved"),
    Status.ON_TRACK: StatusLook(gettext_lazy("Đúng hướng, có khả năng đạt"), "▲", "on-track"),
    Status.AT_RISK: StatusLook(gettext_lazy("Đã đạt nhưng có nguy cơ không giữ được"), "⚠", "at-risk"),
    Status.NEEDS_ACCELERATION: StatusLook(gettext_lazy("Cần đẩy nhanh"), "➚", "needs-acceleration"),
    Status.LIMITED_PROGRESS: StatusLook(gettext_lazy("Tiến triển hạn chế"), "▽", "limited"),
    Status.MOVING_AWAY: StatusLook(gettext_lazy("Đi ngược mục tiêu"), "✖", "moving-away"),
    Status.INSUFFICIENT_DATA: StatusLook(gettext_lazy("Chưa đủ số liệu"), "?", "insufficient"),
}


def english() -> bool:
    """Whether the active language is English (otherwise Vietnamese)."""
    return (get_language() or "vi").startswith("en")


def number(value: float, decimals: int = 2, *, trim: bool = False) -> str:
    """A number the way the active language writes it."""
    return (format_en_number if english() else format_vn_number)(value, decimals, trim=trim)


def needed_per_year(assessment: Assessment, kind: str, direction: str, unit: str | None) -> str:
    """'cần tăng 15,99–17,67%/năm': the yearly growth (or change, in points or in ``unit``) still needed,
    per bound; ``unit`` is the target's unit or, unstated, its indicator's."""
    need = assessment.required_per_year
    values = [v for v in (need.low, need.high) if v is not None]
    if not values or assessment.status == Status.ACHIEVED:
        return ""
    if len(values) == 2 and abs(values[0] - values[1]) < 0.005:
        values = values[:1]
    if kind == TargetKind.ANNUAL_CHANGE:
        # Annual-change amounts are counted in the indicator's good direction (a poverty rate falls).
        amounts = change_amount(values, unit, 1 if english() else 0)
        if direction == "lower":
            return _("cần giảm %(amounts)s/năm") % {"amounts": amounts}
        return _("cần tăng %(amounts)s/năm") % {"amounts": amounts}
    if all(v >= 0 for v in values):
        return _("cần tăng %(rates)s%%/năm") % {"rates": "–".join(number(v) for v in values)}
    if all(v <= 0 for v in values):
        # the smaller fall first, as the engine's sentence writes it ("cần giảm 9,01–10,75%/năm")
        return _("cần giảm %(rates)s%%/năm") % {
            "rates": "–".join(number(v) for v in sorted(-v for v in values))
        }
    return _("cần thay đổi %(rates)s%%/năm") % {"rates": "–".join(number(v) for v in values)}


def growth_per_year(value: float, kind: str, unit: str | None) -> str:
    """An observed or required yearly rate with its unit: "13,53%/năm" for growth, "1,18 điểm/năm" or
    "1.250 hộ/năm" for an annual change (``unit``: the target's or, unstated, its indicator's)."""
    if kind == TargetKind.ANNUAL_CHANGE:
        return _("%(amount)s/năm") % {"amount": change_amount([value], unit, 1 if english() else 0)}
    return _("%(rate)s%%/năm") % {"rate": number(value)}


def explanation(assessment: Assessment) -> str:
    """The engine's plain sentence in the active language."""
    return assessment.explanation_en if english() else assessment.explanation_vi


def reason(assessment: Assessment) -> str:
    """Why nothing can be judged, in the active language ('' when a status was given)."""
    return (assessment.reason_en if english() else assessment.reason) or ""


def warning_text(warning: CoherenceWarning) -> str:
    """A coherence warning in the active language."""
    return warning.message_en if english() else warning.message_vi


def missing(row: TargetRow, base_year: int) -> str:
    """What is missing for a target the engine could not judge ('' when it could)."""
    if row.assessment.status != Status.INSUFFICIENT_DATA:
        return ""
    if not row.series and row.assessment.reason_code != "province_total":
        target = row.target.judged
        end = target.year or target.period_end
        return _("Cần số liệu năm gốc %(base)s và ít nhất một năm sau đó (đến %(end)s).") % {
            "base": base_year,
            "end": end,
        }
    return reason(row.assessment)


def milestone_words(due: str, as_of_year: int | None) -> str:
    """Where a dated milestone stands on 31 December of ``as_of_year`` (today when None): done, not done,
    "chưa có thông tin" or not yet due. No record of a milestone's completion exists yet, so one past its
    date reads "chưa có thông tin" — never done, never late."""
    try:
        day = parse_due(due)
    except DueDateError:
        day = None
    on = timezone.localdate() if as_of_year is None else date(as_of_year, 12, 31)
    vi, en = MILESTONE_WORDS[milestone_state(day, on)]
    return en if english() else vi


@dataclass(frozen=True, slots=True)
class Sparkline:
    """A small trend line drawn as inline SVG in a ``width`` × ``height`` box: one polyline per run of
    consecutive years (never joined across a missing year or a series break), a dot for a lone year."""

    lines: tuple[str, ...]  # polyline points of each run of two years or more
    dots: tuple[tuple[str, str], ...]  # lone years
    last_x: str  # SVG coordinates, written with a dot whatever the page's language
    last_y: str
    label: str
    width: int = 96
    height: int = 28


def sparkline(row: TargetRow, *, width: int = 96, height: int = 28, pad: float = 3.0) -> Sparkline | None:
    """The series of a target as a trend line (None with fewer than two figures)."""
    years = sorted(row.series)
    if len(years) < 2:
        return None
    values = [float(row.series[y].value) for y in years]
    low, high = min(values), max(values)
    span_x, span_y = years[-1] - years[0], (high - low) or 1.0
    coords = [
        (
            f"{pad + (year - years[0]) / span_x * (width - 2 * pad):.1f}",
            f"{pad + (high - value) / span_y * (height - 2 * pad):.1f}",
        )
        for year, value in zip(years, values, strict=True)
    ]
    runs: dict[int, list[tuple[str, str]]] = {}
    for point, segment in zip(coords, segments(years, row.target.series_break), strict=True):
        runs.setdefault(segment, []).append(point)
    label = _("Xu hướng %(first)s–%(last)s: %(start)s → %(end)s") % {
        "first": years[0],
        "last": years[-1],
        "start": number(values[0], trim=True),
        "end": number(values[-1], trim=True),
    }
    return Sparkline(
        lines=tuple(" ".join(f"{x},{y}" for x, y in run) for run in runs.values() if len(run) > 1),
        dots=tuple(run[0] for run in runs.values() if len(run) == 1),
        last_x=coords[-1][0],
        last_y=coords[-1][1],
        label=label,
        width=width,
        height=height,
    )
