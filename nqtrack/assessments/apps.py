from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "nqtrack.assessments"
    label = "assessments"
    verbose_name = "Đánh giá tiến độ"

    def ready(self) -> None:
        # The apps below say what changed through signals; the store of assessments follows them here,
        # so that neither observations nor programmes import this app.
        from nqtrack.observations.signals import figures_changed
        from nqtrack.programmes.signals import definitions_changed

        figures_changed.connect(_on_figures_changed, dispatch_uid="assessments.figures_changed")
        definitions_changed.connect(_on_definitions_changed, dispatch_uid="assessments.definitions_changed")


def _on_figures_changed(sender: object, *, programme: Any, unit_codes: set[str] | None, **_: Any) -> None:
    from nqtrack.assessments.services import assessments_refresh_later

    assessments_refresh_later(programme=programme, unit_codes=unit_codes)


def _on_definitions_changed(sender: object, *, programme: Any, **_: Any) -> None:
    from nqtrack.assessments.services import stored_assessments_renew

    stored_assessments_renew(programme=programme)
