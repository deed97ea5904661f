"""The charts of the report: the same chart of each target as its web page (nqtrack.charts), as PNG.

Only targets whose line tells something get a chart: a target without figures, or with one, draws an
empty frame that says less than the sentence beside it, and an achieved target's chart would fill half
a page to show what its sentence says in one line. A target judged for good after its deadline and not
met ("Không đạt") keeps its chart, as on its page: the verdict in its colour under the title, the figures
and the path the period asked for, and no line "needed from now" (nothing can be needed any more).
"""

from __future__ import annotations

import altair as alt
from django.utils.translation import get_language

from nqtrack.assessments.charts import target_chart_data
from nqtrack.assessments.selectors import TargetRow
from nqtrack.charts import TargetChartData, chart_key, kept_png, render_png, target_chart
from nqtrack.domain.progress import Status

PNG_SCALE = 2.0  # sharp when printed at the width the report gives a chart (render_docx.CHART_WIDTH_MM)


def _charted(row: TargetRow) -> bool:
    return row.assessment.status not in (Status.INSUFFICIENT_DATA, Status.ACHIEVED) and len(row.series) >= 2


def report_chart(row: TargetRow) -> alt.LayerChart | None:
    """The target's chart, or None when the target is not judged, has one figure or is achieved."""
    if not _charted(row):
        return None
    return target_chart(target_chart_data(target=row.target, series=row.series, assessment=row.assessment))


# Within one process a chart follows from its data and the language alone (the code and the translations
# do not change while it runs), so the key of each chart's specification is remembered: a second report
# from the same figures neither builds its charts (Altair, most of what is left once drawings are kept)
# nor draws them. A few thousand keys of 80 characters; forgotten all at once past that.
_KEYS: dict[tuple[TargetChartData, str], str] = {}
MAX_KEYS = 4096


def chart_png(row: TargetRow) -> bytes | None:
    """The target's chart as PNG (``report_chart``), or None when it gets none; each chart is drawn
    once per specification and kept (nqtrack.charts.render)."""
    if not _charted(row):
        return None
    data = target_chart_data(target=row.target, series=row.series, assessment=row.assessment)
    known = (data, get_language() or "")
    key = _KEYS.get(known)
    kept = kept_png(key) if key is not None else None
    if kept is not None:
        return kept
    chart = target_chart(data)
    if len(_KEYS) >= MAX_KEYS:
        _KEYS.clear()
    _KEYS[known] = chart_key(chart, fmt="png", scale=PNG_SCALE)
    return render_png(chart, scale=PNG_SCALE)
