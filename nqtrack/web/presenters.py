"""How assessments are shown: status words, icons and colours, and the 'now needed per year' phrase.

The status is never shown by colour alone: every badge carries an icon and words.
"""

from __future__ import annotations

from dataclasses import dataclass

from nqtrack.domain.progress import Assessment, Status
from nqtrack.domain.targets import TargetKind
from nqtrack.domain.vnnumbers import format_vn_number


@dataclass(frozen=True, slots=True)
class StatusLook:
    words: str
    icon: str
    css: str


STATUS_LOOK: dict[Status, StatusLook] = {
    Status.ACHIEVED: StatusLook("Đã đạt", "✔", "achieved"),
    Status.ON_TRACK: StatusLook("Đúng hướng, có khả năng đạt", "▲", "on-track"),
    Status.AT_RISK: StatusLook("Đã đạt nhưng có nguy cơ không giữ được", "⚠", "at-risk"),
    Status.NEEDS_ACCELERATION: StatusLook("Cần đẩy nhanh", "➚", "needs-acceleration"),
    Status.LIMITED_PROGRESS: StatusLook("Tiến triển hạn chế", "▽", "limited"),
    Status.MOVING_AWAY: StatusLook("Đi ngược mục tiêu", "✖", "moving-away"),
    Status.INSUFFICIENT_DATA: StatusLook("Chưa đủ số liệu", "?", "insufficient"),
}


def needed_per_year(assessment: Assessment, kind: str, direction: str) -> str:
    """'cần tăng 15,99–17,67%/năm': the yearly growth (or change in points) still needed, per bound."""
    need = assessment.required_per_year
    values = [v for v in (need.low, need.high) if v is not None]
    if not values or assessment.status == Status.ACHIEVED:
        return ""
    if len(values) == 2 and abs(values[0] - values[1]) < 0.005:
        values = values[:1]
    if kind == TargetKind.ANNUAL_CHANGE:
        # Annual-change amounts are counted in the indicator's good direction (a poverty rate falls).
        verb = "giảm" if direction == "lower" else "tăng"
        return f"cần {verb} {'–'.join(format_vn_number(v, 2) for v in values)} điểm/năm"
    if all(v >= 0 for v in values):
        return f"cần tăng {'–'.join(format_vn_number(v, 2) for v in values)}%/năm"
    if all(v <= 0 for v in values):
        return f"cần giảm {'–'.join(format_vn_number(-v, 2) for v in values)}%/năm"
    return f"cần thay đổi {'–'.join(format_vn_number(v, 2) for v in values)}%/năm"
