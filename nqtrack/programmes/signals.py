"""What the programmes app tells the apps above it, without importing them.

``definitions_changed`` is sent inside the transaction that reloads a programme whose definitions changed
(targets, indicators, method, base year). The assessments app connects to it when it starts
(``nqtrack.assessments.apps``): it removes the programme's stored assessments in that transaction, so a
page never shows an answer to the old definitions, and recomputes them once the reload commits.
"""

from __future__ import annotations

from django.dispatch import Signal

from nqtrack.programmes.models import Programme

# Sent by Programme with programme (the Programme reloaded).
definitions_changed = Signal()


def definitions_changed_send(*, programme: Programme) -> None:
    """Say that the definitions of ``programme`` changed."""
    definitions_changed.send(sender=Programme, programme=programme)
