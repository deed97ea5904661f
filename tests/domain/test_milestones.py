"""Dated milestones: their state on a day, and the words shown for each state in both languages."""

from __future__ import annotations

from datetime import date

from nqtrack.domain.progress.milestones import MILESTONE_WORDS, MilestoneState, milestone_state


def test_each_state_has_its_stored_value_and_its_words_in_vietnamese_and_english() -> None:
    assert {state.value: MILESTONE_WORDS[state] for state in MilestoneState} == {
        "done": ("đã hoàn thành", "done"),
        "not_done": ("không hoàn thành đúng hạn", "not done by its date"),
        "no_information": ("chưa có thông tin", "no information"),
        "not_due": ("chưa đến hạn", "not yet due"),
    }


def test_a_milestone_said_not_done_before_its_date_is_not_yet_due() -> None:
    due = date(2025, 12, 31)
    assert milestone_state(due, date(2025, 12, 30), done=False) is MilestoneState.NOT_DUE
    assert milestone_state(None, date(2030, 1, 1), done=False) is MilestoneState.NOT_DUE
    assert milestone_state(None, date(2030, 1, 1), done=True) is MilestoneState.DONE
    assert milestone_state(due, date(2025, 12, 31), done=False) is MilestoneState.NOT_DONE
