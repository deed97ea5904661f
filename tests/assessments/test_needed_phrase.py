"""The "needed per year" phrase of the dashboard and the report says a range the way the engine's
sentence does: the smaller change first, also for a fall."""

from __future__ import annotations

from django.utils import translation

from nqtrack.assessments.presenters import needed_per_year
from nqtrack.domain.progress import assess
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind

AGRICULTURE = Target(
    kind=TargetKind.SHARE,
    comparator=Comparator.ABOUT,
    low=6.0,
    high=7.0,
    year=2030,
    direction=Direction.LOWER,
)


def test_a_fall_is_written_from_the_smaller_rate_to_the_larger_as_in_the_sentence() -> None:
    a = assess(AGRICULTURE, {2020: 15.2, 2022: 14.9})
    need = a.required_per_year
    assert (round(need.low or 0, 2), round(need.high or 0, 2)) == (-10.75, -9.01)
    with translation.override("vi"):
        phrase = needed_per_year(a, TargetKind.SHARE, Direction.LOWER)
    assert phrase == "cần giảm 9,01–10,75%/năm"
    assert f"từ nay {phrase} đến năm 2030" in a.explanation_vi
