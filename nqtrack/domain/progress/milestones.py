"""Dated milestones ("đến năm 2025, huyện Sơn Động thoát khỏi tình trạng nghèo"): where one stands on a day.

A milestone has no figure: past its date it is done, not done, or — when nobody has said — "chưa có
thông tin"; before its date it is not yet due (unless it is already done). Nothing is guessed: a
milestone past its date without a word about it is never called done or late.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

__all__ = ["MILESTONE_WORDS", "MilestoneState", "milestone_state"]


class MilestoneState(StrEnum):
    DONE = "done"
    NOT_DONE = "not_done"  # past its date, and said not to be done
    NO_INFORMATION = "no_information"  # past its date, and nobody has said
    NOT_DUE = "not_due"


MILESTONE_WORDS: dict[MilestoneState, tuple[str, str]] = {
    MilestoneState.DONE: ("đã hoàn thành", "done"),
    MilestoneState.NOT_DONE: ("không hoàn thành đúng hạn", "not done by its date"),
    MilestoneState.NO_INFORMATION: ("chưa có thông tin", "no information"),
    MilestoneState.NOT_DUE: ("chưa đến hạn", "not yet due"),
}


def milestone_state(due: date | None, as_of: date, done: bool | None = None) -> MilestoneState:
    """The state of a milestone due on ``due`` (its last day), on ``as_of``; ``done`` is what a report
    says (None: nothing)."""
    if done:
        return MilestoneState.DONE
    if due is None or due > as_of:
        return MilestoneState.NOT_DUE
    return MilestoneState.NO_INFORMATION if done is None else MilestoneState.NOT_DONE
