"""The charts of the report: the same chart of each target as its web page (nqtrack.charts), as PNG.

Only targets whose line tells something get a chart: a target without figures, or with one, draws an
empty frame that says less than the sentence beside it, and an achieved target's chart would fill half
a page to show what its sentence says in one line.
"""

from __future__ import annotations

from nqtrack.assessments.charts import target_chart_data
from nqtrack.assessments.selectors import TargetRow
from nqtrack.charts import render_png, target_chart
from nqtrack.domain.progress import Status

PNG_SCALE = 2.0  # sharp when printed at the 120 mm the template gives a chart


def chart_png(row: TargetRow) -> bytes | None:
    """The target's chart as PNG, or None when the target is not judged, has one figure or is achieved."""
    if row.assessment.status in (Status.INSUFFICIENT_DATA, Status.ACHIEVED) or len(row.series) < 2:
        return None
    data = target_chart_data(target=row.target, series=row.series, assessment=row.assessment)
    return render_png(target_chart(data), scale=PNG_SCALE)
