"""The province's portfolio: every loaded programme side by side, with its targets' status counts, what
changed since the year before and, for a signed-in reader, its tasks that are late or unreported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nqtrack.assessments.dashboard import changes_since_last_year
from nqtrack.assessments.selectors import measured_years, programme_overview
from nqtrack.domain.progress import STATUS_ORDER, Status
from nqtrack.programmes.models import Programme
from nqtrack.programmes.selectors import programmes_all
from nqtrack.tracking.selectors import task_tiles


@dataclass(frozen=True, slots=True)
class PortfolioRow:
    """One programme of the portfolio. ``changed`` counts the targets whose status moved between the
    latest year with figures and the year before (None without two such years); ``tasks`` is None for a
    reader who may not see the tasks (the anonymous public)."""

    programme: Programme
    targets: int
    counts: tuple[tuple[Status, int], ...]  # every status with at least one target, best first
    latest_year: int | None
    changed: int | None
    tasks: dict[str, int] | None


def portfolio_rows(*, with_tasks: bool, today: date) -> list[PortfolioRow]:
    """Every loaded programme, the default first, on its published figures (the dashboard's reading)."""
    rows = []
    for programme in programmes_all():
        overview = programme_overview(programme=programme)
        years = measured_years(programme=programme, today=today)
        changed = len(changes_since_last_year(programme=programme, year=years[0])) if years else None
        order = (*STATUS_ORDER, Status.INSUFFICIENT_DATA)
        rows.append(
            PortfolioRow(
                programme=programme,
                targets=sum(overview.counts.values()),
                counts=tuple((s, overview.counts[s]) for s in order if overview.counts.get(s)),
                latest_year=years[0] if years else None,
                changed=changed,
                tasks=task_tiles(programme=programme, today=today) if with_tasks else None,
            )
        )
    return rows
