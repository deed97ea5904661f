"""The new final status in the store of assessments and in the pages' words: one status set."""

from __future__ import annotations

from django.utils import translation

from nqtrack.assessments.codec import assessment_decode, assessment_encode
from nqtrack.assessments.presenters import STATUS_LOOK
from nqtrack.domain.progress import Status, assess_numbers
from nqtrack.domain.progress.text import STATUS_LABELS
from nqtrack.domain.targets import Comparator, Target, TargetKind


def at_least_20(year: int) -> Target:
    return Target(TargetKind.LEVEL, Comparator.AT_LEAST, 20, None, year=year)


# --- the store --------------------------------------------------------------------------------------


def test_the_store_encodes_the_new_status_and_fields() -> None:
    target = at_least_20(2025)
    a = assess_numbers(target, {2024: 18.0, 2026: 21.0}, as_of=2026)
    data = assessment_encode(a)
    assert data["status"] == "not_achieved"
    assert (data["final"], data["later_year"], data["later_value"], data["later_met"]) == (
        True,
        2026,
        21.0,
        True,
    )
    back = assessment_decode(data, target)
    assert back.status is Status.NOT_ACHIEVED
    assert (back.later_year, back.later_value, back.later_met, back.final) == (2026, 21.0, True, True)
    assert "đạt muộn, năm 2026: 21" in back.explanation_vi


# --- one status set -----------------------------------------------------------------------------------


def test_the_pages_say_each_status_in_the_engines_words() -> None:
    assert set(STATUS_LOOK) == set(Status) == set(STATUS_LABELS)
    for status, (vi, en) in STATUS_LABELS.items():
        with translation.override("vi"):
            assert STATUS_LOOK[status].words == vi
        with translation.override("en"):
            assert STATUS_LOOK[status].words == en
