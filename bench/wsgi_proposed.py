"""The WSGI application with the dashboard reading stored assessments: the integration proposed to the
dashboard (docs/performance.md), put in place in this process only, for the latency benchmark.

``programme_overview`` assesses every target live on each call (three calls per dashboard page). Here it
first reads the stored assessments of its unit and year (one query) and assesses live only a target that
has none, as the proposed two-line change in nqtrack/assessments/selectors.py would do; the target page
reads its one stored row.
"""

from __future__ import annotations

import importlib
from contextvars import ContextVar
from typing import Any

from nqtrack.wsgi import application  # first: it sets Django up

__all__ = ["application"]


def _install() -> None:
    from nqtrack.assessments import selectors
    from nqtrack.domain.progress import Assessment
    from nqtrack.progress_store.selectors import stored_assessment, stored_assessments

    stored_now: ContextVar[dict[int, Assessment] | None] = ContextVar("stored_now", default=None)
    live_overview = selectors.programme_overview
    live_assessment = selectors.target_assessment

    def programme_overview(*, programme: Any, as_of: int | None = None, unit_code: str | None = None) -> Any:
        token = stored_now.set(stored_assessments(programme=programme, unit_code=unit_code, as_of=as_of))
        try:
            return live_overview(programme=programme, as_of=as_of, unit_code=unit_code)
        finally:
            stored_now.reset(token)

    def target_assessment(*, target: Any, series: Any, as_of: int | None = None) -> Assessment:
        if as_of is not None:
            return live_assessment(target=target, series=series, as_of=as_of)
        # Within an overview: its unit's stored answers; on the target page (the province): one row.
        stored = stored_now.get()
        found = stored.get(target.pk) if stored is not None else stored_assessment(target=target)
        return found or live_assessment(target=target, series=series, as_of=as_of)

    # The dashboard module and the views imported these by name.
    for name in ("nqtrack.assessments.selectors", "nqtrack.assessments.dashboard", "nqtrack.web.views"):
        module = importlib.import_module(name)
        if getattr(module, "programme_overview", None) is live_overview:
            setattr(module, "programme_overview", programme_overview)  # noqa: B010
        if getattr(module, "target_assessment", None) is live_assessment:
            setattr(module, "target_assessment", target_assessment)  # noqa: B010


_install()
