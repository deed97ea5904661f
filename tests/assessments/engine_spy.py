"""A spy on the progress engine as the overview and target pages call it: tests count live assessments."""

from __future__ import annotations

from typing import Any

import pytest

from nqtrack.assessments import plans
from nqtrack.domain.progress import assess as engine
from nqtrack.domain.targets import Target


def spy_on_engine(monkeypatch: pytest.MonkeyPatch) -> list[Target]:
    """Record every target assessed live from now on (the real engine still answers)."""
    calls: list[Target] = []

    def assess(target: Target, *args: Any, **kwargs: Any) -> Any:
        calls.append(target)
        return engine(target, *args, **kwargs)

    monkeypatch.setattr(plans, "assess", assess)
    return calls
