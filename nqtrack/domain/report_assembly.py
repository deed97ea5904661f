"""The generated prose of a review report: section I's summaries and groups, the bullet points of
II (hạn chế) and III (phương hướng), all read from the target and task lines (pure).

The officer completes the causes and the prose in Word; what is generated here only states what the
figures and deadlines show, so that every sentence can be traced to a row of the annex.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from nqtrack.domain.progress.model import Status
from nqtrack.domain.report_content import (
    Category,
    MilestoneLine,
    ReportKind,
    ReportPeriod,
    ResultGroup,
    TargetLine,
    TaskLine,
)

__all__ = [
    "CATEGORY_TITLES",
    "directions",
    "directions_heading",
    "indicator_summary",
    "limitations",
    "result_groups",
    "task_summary",
]

CATEGORY_TITLES: dict[Category, str] = {
    Category.ACHIEVED: "Các chỉ tiêu đã đạt",
    Category.ON_COURSE: "Các chỉ tiêu đúng hướng, có khả năng đạt",
    Category.OFF_COURSE: "Các chỉ tiêu chưa đạt tiến độ, cần đẩy nhanh",
    Category.INSUFFICIENT_DATA: "Các chỉ tiêu chưa đủ số liệu để đánh giá",
}
_SUMMARY_WORDS: dict[Category, str] = {
    Category.ACHIEVED: "đã đạt",
    Category.ON_COURSE: "đúng hướng, có khả năng đạt",
    Category.OFF_COURSE: "chưa đạt tiến độ, cần đẩy nhanh",
    Category.INSUFFICIENT_DATA: "chưa đủ số liệu để đánh giá",
}
_LETTERS = "abcdđeg"


def _by_category(targets: Sequence[TargetLine]) -> dict[Category, list[TargetLine]]:
    groups: dict[Category, list[TargetLine]] = {c: [] for c in Category}
    for line in targets:
        groups[line.category].append(line)
    return groups


def result_groups(targets: Sequence[TargetLine]) -> tuple[ResultGroup, ...]:
    """The non-empty categories in order, lettered a), b) … with their counts."""
    present = [(c, lines) for c, lines in _by_category(targets).items() if lines]
    return tuple(
        ResultGroup(
            category=category,
            heading=f"{_LETTERS[i]}) {CATEGORY_TITLES[category]} ({len(lines)} chỉ tiêu)",
            targets=tuple(lines),
        )
        for i, (category, lines) in enumerate(present)
    )


def indicator_summary(targets: Sequence[TargetLine], *, end_year: int) -> str:
    """'Trong 29 chỉ tiêu cụ thể đến năm 2030: 2 chỉ tiêu đã đạt; …'."""
    parts = [
        f"{len(lines)} chỉ tiêu {_SUMMARY_WORDS[category]}"
        for category, lines in _by_category(targets).items()
        if lines
    ]
    head = f"Trong {len(targets)} chỉ tiêu cụ thể đến năm {end_year} của Chương trình"
    return f"{head}: {'; '.join(parts)}." if parts else f"{head}: chưa có chỉ tiêu nào."


def task_summary(tasks: Sequence[TaskLine], *, tracked: bool) -> str:
    """How many tasks and assignments there are and, when tracked, how many are done or late."""
    paragraphs = sum(1 for t in tasks if t.code.startswith("III."))
    head = (
        f"Chương trình có {paragraphs} nhiệm vụ, giải pháp và {len(tasks) - paragraphs} nhiệm vụ tổ "
        "chức thực hiện"
    )
    if not tracked:
        return f"{head}; tình hình thực hiện từng nhiệm vụ chưa được theo dõi trên hệ thống (Phụ lục 2)."
    done = sum(1 for t in tasks if t.done)
    late = sum(1 for t in tasks if t.late)
    return f"{head}: {done} nhiệm vụ đã hoàn thành, {late} nhiệm vụ chậm so với thời hạn (Phụ lục 2)."


def _task_refs(tasks: Sequence[TaskLine]) -> str:
    """'IV.2 (hạn tháng 9/2022); III.1.1': a recurring task late on its reports has no single deadline."""
    return "; ".join(f"{t.code} (hạn {t.due})" if t.due_date else t.code for t in tasks)


def _no_data_lines(targets: Sequence[TargetLine]) -> list[str]:
    by_reason: dict[str, list[str]] = defaultdict(list)
    for line in targets:
        by_reason[line.assessment.reason or "không rõ lý do"].append(line.indicator)
    return [
        f"{len(names)} chỉ tiêu chưa đánh giá được ({reason}): {'; '.join(names)}."
        for reason, names in by_reason.items()
    ]


def _task_limitations(tasks: Sequence[TaskLine], *, tracked: bool, as_of: date) -> list[str]:
    if tracked:
        late = [t for t in tasks if t.late]
        return [f"{len(late)} nhiệm vụ chậm so với thời hạn: {_task_refs(late)}."] if late else []
    due = [t for t in tasks if t.due_date is not None and t.due_date < as_of]
    lines = [f"Chưa theo dõi được tình hình thực hiện {len(tasks)} nhiệm vụ trên hệ thống."]
    if due:
        lines.append(f"{len(due)} nhiệm vụ đã quá thời hạn chưa có báo cáo kết quả: {_task_refs(due)}.")
    return lines


def limitations(
    targets: Sequence[TargetLine],
    tasks: Sequence[TaskLine],
    milestones: Sequence[MilestoneLine],
    *,
    tracked: bool,
    as_of: date,
) -> tuple[str, ...]:
    """Section II.1: what the figures and deadlines show is lagging, one bullet each."""
    groups = _by_category(targets)
    lines = [f"{t.indicator}: {t.explanation}" for t in groups[Category.OFF_COURSE]]
    lines += [
        f"{t.indicator} đã đạt nhưng có nguy cơ không giữ được: {t.explanation}"
        for t in groups[Category.ACHIEVED]
        if t.status is Status.AT_RISK
    ]
    lines += _no_data_lines(groups[Category.INSUFFICIENT_DATA])
    lines += _task_limitations(tasks, tracked=tracked, as_of=as_of)
    lines += [
        f"Mốc “{m.text}” ({m.due}) đã đến hạn, chưa có đánh giá kết quả."
        for m in milestones
        if m.reached and not m.status
    ]
    return tuple(lines)


def directions(
    targets: Sequence[TargetLine],
    tasks: Sequence[TaskLine],
    milestones: Sequence[MilestoneLine],
    *,
    tracked: bool,
) -> tuple[str, ...]:
    """Section III: what the coming years must bring, one bullet per lagging target, then the rest."""
    groups = _by_category(targets)
    lines = [
        f"{t.indicator}: {t.needed} đến năm {t.target_year} để đạt mục tiêu {t.goal}."
        for t in groups[Category.OFF_COURSE]
        if t.needed
    ]
    on_course = groups[Category.ON_COURSE]
    if on_course:
        names = "; ".join(t.indicator for t in on_course)
        lines.append(f"Duy trì tốc độ đạt được đối với {len(on_course)} chỉ tiêu đúng hướng: {names}.")
    missing = groups[Category.INSUFFICIENT_DATA]
    if missing:
        lines.append(
            f"Chỉ đạo các cơ quan, đơn vị thu thập, công bố số liệu của {len(missing)} chỉ tiêu chưa đủ số "
            "liệu để đánh giá (Phụ lục 1)."
        )
    late = [t for t in tasks if t.late]
    if tracked and late:
        lines.append(f"Khẩn trương hoàn thành các nhiệm vụ chậm tiến độ: {_task_refs(late)}.")
    if not tracked:
        lines.append("Cập nhật tình hình thực hiện các nhiệm vụ, giải pháp để theo dõi, đôn đốc.")
    lines += [f"Hoàn thành mốc “{m.text}” ({m.due})." for m in milestones if not m.reached]
    return tuple(lines)


def directions_heading(period: ReportPeriod, *, programme_end: int) -> str:
    """Section III's heading: the years ahead, up to the programme's last year."""
    if period.kind is ReportKind.ANNUAL:
        return f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {period.last_year + 1}"
    if period.last_year < programme_end:
        return f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN {period.last_year + 1}–{programme_end}"
    return "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"
