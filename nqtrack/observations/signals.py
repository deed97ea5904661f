"""What the observations app tells the apps above it, without importing them.

``figures_changed`` is sent inside the transaction that writes figures (an import, a grid save, a review
step), with the programme and the GSO codes of the units written. The assessments app connects its
refresh when it starts (``nqtrack.assessments.apps``) and runs it once the write commits, so the arrows
between the apps run one way: assessments reads observations, never the other way round.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.dispatch import Signal

from nqtrack.observations.models import Observation

if TYPE_CHECKING:
    from nqtrack.programmes.models import Programme

# Sent by Observation with programme (Programme) and unit_codes (a set of GSO codes, None: every unit).
figures_changed = Signal()


def figures_changed_send(*, programme: Programme, unit_codes: Iterable[str] | None) -> None:
    """Say that figures of ``programme`` (of ``unit_codes`` only, when given) were written."""
    codes = None if unit_codes is None else set(unit_codes)
    figures_changed.send(sender=Observation, programme=programme, unit_codes=codes)
