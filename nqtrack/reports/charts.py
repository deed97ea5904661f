"""The charts of the report: the same chart of each target as its web page (nqtrack.charts), as PNG.

Only targets whose line tells something get a chart: a target without figures, or with one, draws an
empty frame that says less than the sentence beside it, and an achieved target's chart would fill half
a page to show what its sentence says in one line. A target judged for good after its deadline and not
met ("Không đạt") keeps its chart, as on its page: the verdict in its colour under the title, the figures
and the path the period asked for, and no line "needed from now" (nothing can be needed any more).
"""

from __future__ import annotations

import altair as alt

from nqtrack.assessments.charts import target_chart_data
from nqtrack.assessments.selectors import TargetRow
from nqtrack.charts import render_png, target_chart
from nqtrack.domain.progress import Status

PNG_SCALE = 2.0  # sharp when printed at the width the report gives a chart (render_docx.CHART_WIDTH_MM)


def report_chart(row: TargetRow) -> alt.LayerChart | None:
    """The target's chart, or None when the target is not judged, has one figure or is achieved."""
    if row.assessment.status in (Status.INSUFFICIENT_DATA, Status.ACHIEVED) or len(row.series) < 2:
        return None
    return target_chart(target_chart_data(target=row.target, series=row.series, assessment=row.assessment))


def chart_png(row: TargetRow) -> bytes | None:
    """The target's chart as PNG (``report_chart``), or None when it gets none."""
    chart = report_chart(row)
    return None if chart is None else render_png(chart, scale=PNG_SCALE)
