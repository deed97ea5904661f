"""Deadlines of tracked work: due dates, reporting cycles, status over time and reminders.

Pure: dates in, frozen dataclasses and enums out; ``today`` is always an argument, so every answer can be
asked for any day (a status "as it stood on 2022-10-01") and tested without a clock.

Periods are calendar periods keyed as DHIS2 keys them: ``2024`` (year), ``2024S1`` (six months),
``2024Q3`` (quarter), ``202403`` (month). An update reports on one period of its item's cycle; a period's
report is due on the period's last day.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

__all__ = [
    "CYCLE_LABELS_VI",
    "Cycle",
    "DueDateError",
    "ItemStatus",
    "Period",
    "ReminderDue",
    "ReminderKind",
    "Schedule",
    "UpdateFact",
    "combined_status",
    "due_range",
    "ended_periods",
    "item_status",
    "missing_periods",
    "parse_due",
    "period_containing",
    "period_from_key",
    "period_is_of",
    "period_label",
    "reportable_periods",
    "reminders_due",
]

# ASCII digits only: "\d" matches "٢٠٢٥" (Arabic-Indic digits), which int() would read as 2025.
_DUE = re.compile(r"^(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?$")
_KEY = re.compile(r"^(?P<y>[0-9]{4})(?:(?P<s>S[12])|(?P<q>Q[1-4])|(?P<m>0[1-9]|1[0-2]))?$")


class DueDateError(ValueError):
    """A due date that is not a year, a month or a day; the message says so in Vietnamese."""


def due_range(text: str) -> tuple[date, date]:
    """First and last day of a due written as a year ("2025"), a month ("2022-09") or a day."""
    match = _DUE.match(text.strip())
    if match is None:
        raise DueDateError(
            f"Hạn “{text}” không đúng dạng: ghi năm (2025), tháng (2022-09) hoặc ngày (2022-09-30)."
        )
    year, month, day = match["y"], match["m"], match["d"]
    try:
        if month is None:
            return date(int(year), 1, 1), date(int(year), 12, 31)
        if day is None:
            last = calendar.monthrange(int(year), int(month))[1]
            return date(int(year), int(month), 1), date(int(year), int(month), last)
        exact = date(int(year), int(month), int(day))
    except ValueError:
        raise DueDateError(f"Hạn “{text}” không phải một ngày có thật.") from None
    return exact, exact


def parse_due(text: str | None) -> date | None:
    """The day a due ends: "2025" → 31/12/2025, "2022-09" → 30/09/2022 ("hoàn thành trong tháng 9")."""
    if text is None or not text.strip():
        return None
    return due_range(text)[1]


class Cycle(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"


CYCLE_LABELS_VI = {
    Cycle.MONTHLY: "Hằng tháng",
    Cycle.QUARTERLY: "Hằng quý",
    Cycle.HALF_YEARLY: "6 tháng",
    Cycle.YEARLY: "Hằng năm",
}
_MONTHS_PER_PERIOD = {Cycle.MONTHLY: 1, Cycle.QUARTERLY: 3, Cycle.HALF_YEARLY: 6, Cycle.YEARLY: 12}


@dataclass(frozen=True, slots=True)
class Period:
    """One reporting period: its key (``2024Q3``) and its first and last day."""

    key: str
    start: date
    end: date


def _period(year: int, first_month: int, months: int) -> Period:
    last_month = first_month + months - 1
    end = date(year, last_month, calendar.monthrange(year, last_month)[1])
    index = (first_month - 1) // months + 1
    key = {1: f"{year}{first_month:02d}", 3: f"{year}Q{index}", 6: f"{year}S{index}", 12: f"{year}"}[months]
    return Period(key, date(year, first_month, 1), end)


def period_containing(cycle: Cycle, day: date) -> Period:
    """The period of ``cycle`` that ``day`` falls in."""
    months = _MONTHS_PER_PERIOD[cycle]
    return _period(day.year, (day.month - 1) // months * months + 1, months)


def period_from_key(key: str) -> Period:
    """The period a key names: ``2024``, ``2024S1``, ``2024Q3`` or ``202403``; ValueError otherwise."""
    match = _KEY.match(key.strip())
    if match is None:
        raise ValueError(f"Kỳ báo cáo “{key}” không đúng dạng (2024, 2024S1, 2024Q3 hoặc 202403).")
    year = int(match["y"])
    if match["s"]:
        return _period(year, (int(match["s"][1]) - 1) * 6 + 1, 6)
    if match["q"]:
        return _period(year, (int(match["q"][1]) - 1) * 3 + 1, 3)
    if match["m"]:
        return _period(year, int(match["m"]), 1)
    return _period(year, 1, 12)


def period_label(key: str) -> str:
    """A period key in Vietnamese words: "2024Q3" → "quý 3/2024", "2024S1" → "6 tháng đầu năm 2024"."""
    period = period_from_key(key)
    year = period.start.year
    if "S" in key:
        return f"6 tháng {'đầu' if key.endswith('S1') else 'cuối'} năm {year}"
    if "Q" in key:
        return f"quý {key[-1]}/{year}"
    if len(key) == 6:
        return f"tháng {period.start.month}/{year}"
    return f"năm {year}"


def period_is_of(cycle: Cycle, period: Period) -> bool:
    """Whether ``period`` is a period of ``cycle`` (``2024Q3`` is quarterly, not yearly)."""
    return period_containing(cycle, period.start) == period


def periods_from(cycle: Cycle, start: date, until: date) -> list[Period]:
    """Every period of ``cycle`` from the one holding ``start`` to the one holding ``until``."""
    periods: list[Period] = []
    current = period_containing(cycle, start)
    while current.start <= until:
        periods.append(current)
        current = period_containing(cycle, current.end + timedelta(days=1))
    return periods


@dataclass(frozen=True, slots=True)
class Schedule:
    """When an item runs: one-off with a due day, or recurring with a reporting cycle (and an end)."""

    recurring: bool
    start: date | None = None
    due: date | None = None  # one-off: the deadline; recurring: the last day it runs (None: open)
    cycle: Cycle = Cycle.YEARLY


@dataclass(frozen=True, slots=True)
class UpdateFact:
    """A standing (not returned) progress update as the status sees it.

    ``on`` is the day it was posted: an update counts from that day on. ``period`` is the key of the
    period it reports on (recurring items). ``completes`` marks a one-off item done, on ``completed_on``
    (the date of the document that records it) or else on ``on``.
    """

    on: date
    period: str | None = None
    completes: bool = False
    completed_on: date | None = None


def reportable_periods(schedule: Schedule, today: date) -> list[Period]:
    """The periods an update may report on: from the start to the one running ``today`` (or the end)."""
    if not schedule.recurring or schedule.start is None:
        return []
    until = today if schedule.due is None else min(today, schedule.due)
    return periods_from(schedule.cycle, schedule.start, until)


def ended_periods(schedule: Schedule, today: date) -> list[Period]:
    """The periods of a recurring item whose report is due before ``today`` (last day < today)."""
    if not schedule.recurring or schedule.start is None:
        return []
    until = today - timedelta(days=1)
    if schedule.due is not None:
        until = min(until, schedule.due)
    return [p for p in periods_from(schedule.cycle, schedule.start, until) if p.end < today]


def _reported(updates: Iterable[UpdateFact], today: date) -> set[str]:
    return {u.period for u in updates if u.period and u.on <= today}


def missing_periods(schedule: Schedule, updates: Sequence[UpdateFact], today: date) -> list[Period]:
    """The ended periods of a recurring item that no update (posted by ``today``) reports on."""
    reported = _reported(updates, today)
    return [p for p in ended_periods(schedule, today) if p.key not in reported]


class ItemStatus(StrEnum):
    """Four words for how work stands, the same on every page, reminder and report.

    A task is late only by what its reports say: one with no report is "chưa báo cáo", never "chậm"
    for want of a report (nobody knows whether it was done).
    """

    NOT_REPORTED = "not_reported"  # no update received (recurring: none for the latest ended period)
    ON_SCHEDULE = "on_schedule"  # reported, not done, its deadline not passed
    LATE = "late"  # past its deadline and not done, by its last update
    DONE = "done"
    DONE_LATE = "done_late"  # done, after its deadline


LATE_STATUSES = frozenset({ItemStatus.LATE})
DONE_STATUSES = frozenset({ItemStatus.DONE, ItemStatus.DONE_LATE})


def completion_day(updates: Sequence[UpdateFact], today: date) -> date | None:
    """The day a one-off item was completed, as known on ``today`` (the earliest completing update)."""
    days = [u.completed_on or u.on for u in updates if u.completes and u.on <= today]
    return min(days) if days else None


def item_status(schedule: Schedule, updates: Sequence[UpdateFact], today: date) -> ItemStatus:
    """The status of one item on ``today``, from its schedule and the updates posted by then."""
    if schedule.recurring:
        return _recurring_status(schedule, updates, today)
    finished = completion_day(updates, today)
    if finished is not None:
        late = schedule.due is not None and finished > schedule.due
        return ItemStatus.DONE_LATE if late else ItemStatus.DONE
    if not any(u.on <= today for u in updates):
        return ItemStatus.NOT_REPORTED
    if schedule.due is not None and today > schedule.due:
        return ItemStatus.LATE
    return ItemStatus.ON_SCHEDULE


def _recurring_status(schedule: Schedule, updates: Sequence[UpdateFact], today: date) -> ItemStatus:
    """Recurring work has no deadline before its end: it is reported for its latest period or not."""
    posted = [u for u in updates if u.on <= today]
    ended = ended_periods(schedule, today)
    if not ended:  # no report due yet: any report says it is going
        return ItemStatus.ON_SCHEDULE if posted else ItemStatus.NOT_REPORTED
    if ended[-1].key not in _reported(posted, today):
        return ItemStatus.NOT_REPORTED
    if schedule.due is not None and today > schedule.due:
        return ItemStatus.DONE  # ran its course, its last period reported
    return ItemStatus.ON_SCHEDULE


def combined_status(statuses: Sequence[ItemStatus]) -> ItemStatus:
    """The status of an item split into sub-items: done when all are, late when any is, and not
    reported while any part has not reported (a partial picture is not "on schedule")."""
    if not statuses:
        return ItemStatus.NOT_REPORTED
    if all(s in DONE_STATUSES for s in statuses):
        return ItemStatus.DONE_LATE if ItemStatus.DONE_LATE in statuses else ItemStatus.DONE
    if ItemStatus.LATE in statuses:
        return ItemStatus.LATE
    if ItemStatus.NOT_REPORTED in statuses:
        return ItemStatus.NOT_REPORTED
    return ItemStatus.ON_SCHEDULE


class ReminderKind(StrEnum):
    DUE_SOON = "due_soon"  # the deadline is near and nothing is reported yet
    MISSING = "missing"  # the deadline has passed and nothing is reported


@dataclass(frozen=True, slots=True)
class ReminderDue:
    """A reminder an item calls for on a day: its kind, the period (or due day) it is about, the deadline.

    ``key`` names the cycle: the period key for recurring items, the due day (ISO) for one-off items, so
    a reminder is sent at most once per (item, kind, key).
    """

    kind: ReminderKind
    key: str
    deadline: date


def reminders_due(
    schedule: Schedule, updates: Sequence[UpdateFact], today: date, *, days_before: int = 7
) -> list[ReminderDue]:
    """The reminders an item calls for on ``today``: before a deadline, and when a report is missing."""
    if schedule.recurring:
        return _recurring_reminders(schedule, updates, today, days_before)
    if schedule.due is None or completion_day(updates, today) is not None:
        return []
    key = schedule.due.isoformat()
    if today > schedule.due:
        return [ReminderDue(ReminderKind.MISSING, key, schedule.due)]
    if (schedule.due - today).days <= days_before:
        return [ReminderDue(ReminderKind.DUE_SOON, key, schedule.due)]
    return []


def _recurring_reminders(
    schedule: Schedule, updates: Sequence[UpdateFact], today: date, days_before: int
) -> list[ReminderDue]:
    if schedule.start is None or today < schedule.start:
        return []
    reported = _reported(updates, today)
    found: list[ReminderDue] = []
    ended = ended_periods(schedule, today)
    if ended and ended[-1].key not in reported:  # only the latest: one nudge, not one per old period
        found.append(ReminderDue(ReminderKind.MISSING, ended[-1].key, ended[-1].end))
    current = period_containing(schedule.cycle, today)
    running = schedule.due is None or current.start <= schedule.due
    if running and current.key not in reported and (current.end - today).days <= days_before:
        found.append(ReminderDue(ReminderKind.DUE_SOON, current.key, current.end))
    return found
