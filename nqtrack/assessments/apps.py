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
        from django.db.models.signals import post_delete, post_save

        from nqtrack.core.pagecache import pages_changed_callback
        from nqtrack.observations.signals import figures_changed
        from nqtrack.places.models import AdminUnit, UnitSuccession
        from nqtrack.programmes import models as pm
        from nqtrack.programmes.signals import definitions_changed

        figures_changed.connect(_on_figures_changed, dispatch_uid="assessments.figures_changed")
        definitions_changed.connect(_on_definitions_changed, dispatch_uid="assessments.definitions_changed")
        # The cached page parts (nqtrack.core.pagecache) follow every change to what the pages show: the
        # figures and definitions above, and any row of a definition or unit saved or removed one by one
        # (an edit in the admin, a test); bulk writes call pages_changed themselves.
        for signal in (figures_changed, definitions_changed):
            signal.connect(pages_changed_callback, dispatch_uid=f"pagecache.{id(signal)}")
        shown = (
            pm.Programme,
            pm.IndicatorGroup,
            pm.Indicator,
            pm.Target,
            pm.Milestone,
            pm.TaskGroup,
            pm.Task,
            AdminUnit,
            UnitSuccession,
        )
        for model in shown:
            for signal in (post_save, post_delete):
                signal.connect(
                    pages_changed_callback, sender=model, dispatch_uid=f"pagecache.{model.__name__}"
                )


def _on_figures_changed(sender: object, *, programme: Any, unit_codes: set[str] | None, **_: Any) -> None:
    from nqtrack.assessments.services import assessments_refresh_later
    from nqtrack.observations.territory import series_codes

    assessments_refresh_later(
        programme=programme, unit_codes=series_codes(programme=programme, codes=unit_codes)
    )


def _on_definitions_changed(sender: object, *, programme: Any, **_: Any) -> None:
    from nqtrack.assessments.services import stored_assessments_renew

    stored_assessments_renew(programme=programme)
