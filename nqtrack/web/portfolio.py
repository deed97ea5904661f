"""The province's portfolio: every loaded programme side by side, with its targets' status counts, what
changed since the year before and, for a signed-in reader, its tasks that are late or unreported; and the
region's targets (the regional targets file) as a row of their own, with how the default programme's targets
compare with them (the region page's comparison, counted)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nqtrack.assessments.dashboard import changes_since_last_year
from nqtrack.assessments.region import Comparison, RegionFileError, region_comparison, region_load
from nqtrack.assessments.selectors import measured_years, programme_overview
from nqtrack.domain.progress import STATUS_ORDER, Status
from nqtrack.programmes.models import Programme
from nqtrack.programmes.selectors import ProgrammeNotFound, programme_get, programmes_all
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


# The region page's comparisons, in the order the portfolio lists them: where the province aims lower first.
COMPARISON_ORDER = (
    Comparison.BELOW,
    Comparison.SAME,
    Comparison.ABOVE,
    Comparison.NOT_COMPARABLE,
    Comparison.NO_COUNTERPART,
)


@dataclass(frozen=True, slots=True)
class RegionPortfolioRow:
    """The region's targets as a row of the portfolio, compared with ``programme``'s (the default
    programme, whose region page the row links to). ``problem`` is set, and nothing else but the
    programme, when the regional targets file cannot be read (the region page's message)."""

    programme: Programme
    name: str = ""
    implements: str = ""
    document_title: str = ""
    targets: int = 0
    first_year: int | None = None  # None: every target is for one year (then ``last_year`` alone)
    last_year: int | None = None
    counts: tuple[tuple[Comparison, int], ...] = ()  # every comparison with at least one target
    problem: str = ""


def portfolio_region() -> RegionPortfolioRow | None:
    """The region's row of the portfolio; None while no programme is loaded (nothing to compare with)."""
    try:
        programme = programme_get()
    except ProgrammeNotFound:
        return None
    try:
        region = region_load()
    except RegionFileError as error:
        return RegionPortfolioRow(programme=programme, problem=str(error))
    rows = region_comparison(programme=programme, region=region)
    found = [row.comparison for row in rows]
    starts = [t.target.period[0] for t in region.targets if t.target.period]
    ends = [t.target.period[1] if t.target.period else t.target.year for t in region.targets]
    years = [year for year in ends if year is not None]
    return RegionPortfolioRow(
        programme=programme,
        name=region.name,
        implements=region.implements,
        document_title=region.document_title,
        targets=len(region.targets),
        first_year=min(starts) if starts else None,
        last_year=max(years) if years else None,
        counts=tuple((c, found.count(c)) for c in COMPARISON_ORDER if c in found),
    )
