"""The generated prose of a review report in the outline of a Party review (sơ kết / tổng kết): I. the
work of leadership and dissemination, II. the targets, III. the tasks per group, IV. limitations and
causes, V. lessons, VI. directions, VII. proposals; all read from the target and task lines (pure).

What is generated only states what the figures, deadlines and reports show, so that every sentence can
be traced to a row of the annex; where nothing does, a marked place (``to_complete``) tells the officer
what to write.
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
    TaskGroupResult,
    TaskLine,
    YearFigure,
)
from nqtrack.domain.report_text import to_complete
from nqtrack.domain.year_plans import PlannedIndicator, plan_lines

__all__ = [
    "CATEGORY_TITLES",
    "TASK_WORDS",
    "causes",
    "directions",
    "directions_heading",
    "indicator_count",
    "indicator_summary",
    "leadership",
    "lessons",
    "limitations",
    "plan_results",
    "proposals",
    "result_groups",
    "task_results",
    "task_summary",
    "year_results",
]

CATEGORY_TITLES: dict[Category, str] = {
    Category.ACHIEVED: "Các chỉ tiêu đã đạt",
    Category.NOT_ACHIEVED: "Các chỉ tiêu không đạt (đã hết thời hạn)",
    Category.ON_COURSE: "Các chỉ tiêu đúng hướng, có khả năng đạt",
    Category.OFF_COURSE: "Các chỉ tiêu chưa đạt tiến độ, cần đẩy nhanh",
    Category.INSUFFICIENT_DATA: "Các chỉ tiêu chưa đủ số liệu để đánh giá",
}
_SUMMARY_WORDS: dict[Category, str] = {
    Category.ACHIEVED: "đã đạt",
    Category.NOT_ACHIEVED: "không đạt",
    Category.ON_COURSE: "đúng hướng, có khả năng đạt",
    Category.OFF_COURSE: "chưa đạt tiến độ, cần đẩy nhanh",
    Category.INSUFFICIENT_DATA: "chưa đủ số liệu để đánh giá",
}
# The count of a review report ("x/29 chỉ tiêu đạt và vượt, y/29 …"), in the order reviews give it.
_COUNT_WORDS: dict[Category, str] = {
    Category.ACHIEVED: "đạt và vượt",
    Category.ON_COURSE: "đúng hướng, có khả năng đạt",
    Category.OFF_COURSE: "chưa đạt tiến độ, cần đẩy nhanh",
    Category.NOT_ACHIEVED: "không đạt",
    Category.INSUFFICIENT_DATA: "chưa đủ số liệu để đánh giá",
}
_LETTERS = "abcdđeg"
# The task words of nqtrack.tracking (the same on every page), in the order the report counts them.
TASK_WORDS = ("Hoàn thành", "Hoàn thành muộn", "Đúng tiến độ", "Chậm tiến độ", "Chưa báo cáo")
NOT_REPORTED_WORDS = "Chưa báo cáo"
LEADERSHIP_GROUP = 1  # III.1: quán triệt, tuyên truyền và triển khai thực hiện
ASSIGNMENT_PREFIX = "IV."


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


def indicator_count(targets: Sequence[TargetLine]) -> str:
    """'Trong 29 chỉ tiêu: 2/29 chỉ tiêu đạt và vượt; 5/29 …': the count every review report gives.

    The achieved count is always given (0/29 included); the other categories when they hold a target.
    """
    total = len(targets)
    groups = _by_category(targets)
    parts = [
        f"{len(groups[category])}/{total} chỉ tiêu {words}"
        for category, words in _COUNT_WORDS.items()
        if groups[category] or category is Category.ACHIEVED
    ]
    return f"Trong {total} chỉ tiêu cụ thể của Chương trình: {'; '.join(parts)} (Phụ lục 1)."


def _status_counts(tasks: Sequence[TaskLine]) -> str:
    counts = [(words, sum(1 for t in tasks if t.status == words)) for words in TASK_WORDS]
    return ", ".join(f"{n} {words.lower()}" for words, n in counts if n)


def task_summary(tasks: Sequence[TaskLine], *, tracked: bool) -> str:
    """How many tasks and assignments there are and, when tracked, how they stand by their reports.

    A task without a report is "chưa báo cáo", never late: nothing says it was not done.
    """
    paragraphs = sum(1 for t in tasks if t.code.startswith("III."))
    head = (
        f"Chương trình có {paragraphs} nhiệm vụ, giải pháp và {len(tasks) - paragraphs} nhiệm vụ tổ "
        "chức thực hiện"
    )
    if not tracked:
        return f"{head}; tình hình thực hiện từng nhiệm vụ chưa được theo dõi trên hệ thống (Phụ lục 2)."
    if not any(t.reported or t.result for t in tasks):
        return f"{head}; đến nay chưa nhận được báo cáo kết quả của nhiệm vụ nào (Phụ lục 2)."
    return f"{head}: {_status_counts(tasks)} (Phụ lục 2)."


def _reports(tasks: Sequence[TaskLine]) -> tuple[str, ...]:
    return tuple(f"{t.code}: {t.result}" for t in tasks if t.result)


def leadership(tasks: Sequence[TaskLine]) -> tuple[str, ...]:
    """Section I: what the reports of III.1 (quán triệt, tuyên truyền) and IV (tổ chức thực hiện) say,
    or one marked place when none says anything."""
    own = [
        t
        for t in tasks
        if t.code.startswith(f"III.{LEADERSHIP_GROUP}.") or t.code.startswith(ASSIGNMENT_PREFIX)
    ]
    found = _reports(own)
    if found:
        return found
    return (
        to_complete(
            "công tác lãnh đạo, chỉ đạo, quán triệt, tuyên truyền, ban hành văn bản triển khai; chưa có "
            "báo cáo của các nhiệm vụ III.1 và IV trên hệ thống"
        ),
    )


def task_results(
    tasks: Sequence[TaskLine], groups: Sequence[tuple[int, str]], *, tracked: bool
) -> tuple[TaskGroupResult, ...]:
    """Section III: each task group after III.1 (reported in section I), with how its tasks stand and
    what their reports say; a marked place where no report says anything."""
    results = []
    for index, (number, title) in enumerate((g for g in groups if g[0] != LEADERSHIP_GROUP), start=1):
        own = [t for t in tasks if t.code.startswith(f"III.{number}.")]
        counts = _status_counts(own) if tracked else "chưa theo dõi trên hệ thống"
        found = _reports(own)
        results.append(
            TaskGroupResult(
                number=number,
                heading=f"{index}. {title} (nhóm nhiệm vụ III.{number})",
                summary=f"{len(own)} nhiệm vụ: {counts}.",
                reports=found,
                to_complete="" if found else to_complete(f"kết quả thực hiện các nhiệm vụ nhóm III.{number}"),
            )
        )
    return tuple(results)


def _with_unit(figure: YearFigure, unit: str) -> str:
    """'13,45% (ư)', '155.876,0 tỷ đồng': the figure, its unit, then its status mark."""
    text = f"{figure.text}{unit}" if unit.startswith("%") else f"{figure.text} {unit}".rstrip()
    return f"{text} ({figure.mark})" if figure.mark else text


def year_results(
    targets: Sequence[TargetLine], *, year: int, planned: Sequence[PlannedIndicator] = ()
) -> tuple[str, ...]:
    """The yearly report's other results: each figure of ``year`` beside the year before, for the
    indicators without a plan for the year (``plan_results`` gives those, the plan first)."""
    with_plan = {item.indicator for item in planned}
    lines = []
    for t in targets:
        figures = {v.year: v for v in t.values if v.text}
        now = figures.get(year)
        if now is None or t.indicator in with_plan:
            continue
        before = figures.get(year - 1)
        previous = f" (năm {year - 1}: {_with_unit(before, t.unit)})" if before else ""
        lines.append(f"{t.indicator}: năm {year} đạt {_with_unit(now, t.unit)}{previous}.")
    if lines or planned:
        return tuple(lines)
    return (to_complete(f"kết quả năm {year}: chưa có số liệu của năm trên hệ thống"),)


def plan_results(planned: Sequence[PlannedIndicator], *, year: int) -> tuple[str, ...]:
    """The yearly report's results against the year's plan, one line per indicator with a plan for
    ``year`` (``nqtrack.domain.year_plans``), before the other results and the cumulative picture."""
    return plan_lines(planned, year=year)


def causes() -> tuple[str, ...]:
    """Section IV.2: the causes are the officer's judgement; the figures do not give them."""
    return (
        f"a) Nguyên nhân khách quan: {to_complete('nguyên nhân khách quan')}",
        f"b) Nguyên nhân chủ quan: {to_complete('nguyên nhân chủ quan')}",
    )


def lessons() -> tuple[str, ...]:
    """Section V: lessons learnt, written by the officer."""
    return (to_complete("bài học kinh nghiệm rút ra trong quá trình thực hiện"),)


def proposals() -> tuple[str, ...]:
    """Section VII: proposals to the superior bodies, written by the officer."""
    return (to_complete("kiến nghị, đề xuất với Trung ương, các bộ, ngành"),)


def _task_refs(tasks: Sequence[TaskLine]) -> str:
    """'IV.2 (hạn tháng 9/2022); III.1.1': a recurring task late on its reports has no single deadline."""
    return "; ".join(f"{t.code} (hạn {t.due})" if t.due_date else t.code for t in tasks)


def _no_data_lines(targets: Sequence[TargetLine]) -> list[str]:
    by_reason: dict[str, list[str]] = defaultdict(list)
    for line in targets:
        by_reason[line.reason or "không rõ lý do"].append(line.indicator)
    return [
        f"{len(names)} chỉ tiêu chưa đánh giá được ({reason}): {'; '.join(names)}."
        if len(names) > 1
        else f"{names[0]}: chưa đánh giá được ({reason})."
        for reason, names in by_reason.items()
    ]


def _task_limitations(tasks: Sequence[TaskLine], *, tracked: bool, as_of: date) -> list[str]:
    """Late tasks (by their last report) and, once, the tasks whose report has not come."""
    due = [t for t in tasks if t.due_date is not None and t.due_date < as_of]
    if not tracked:
        line = f"Chưa theo dõi được tình hình thực hiện {len(tasks)} nhiệm vụ trên hệ thống"
        return [f"{line}; {len(due)} nhiệm vụ đã đến hạn: {_task_refs(due)}." if due else f"{line}."]
    lines = []
    late = [t for t in tasks if t.late]
    if late:
        lines.append(f"{len(late)} nhiệm vụ chậm tiến độ: {_task_refs(late)}.")
    silent = [t for t in tasks if t.reported is False]
    if silent:
        lines.append(f"{len(silent)} nhiệm vụ chưa có báo cáo kết quả: {_task_refs(silent)}.")
    return lines


def limitations(
    targets: Sequence[TargetLine],
    tasks: Sequence[TaskLine],
    milestones: Sequence[MilestoneLine],
    *,
    tracked: bool,
    as_of: date,
) -> tuple[str, ...]:
    """Section IV.1: what the figures, deadlines and reports show is lagging, one bullet each."""
    groups = _by_category(targets)
    lines = [f"{t.indicator}: {t.explanation}" for t in groups[Category.NOT_ACHIEVED]]
    lines += [f"{t.indicator}: {t.explanation}" for t in groups[Category.OFF_COURSE]]
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
    """Section VI: what the coming years must bring, one bullet per lagging target, then the rest."""
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
    if not tracked or any(t.reported is False for t in tasks):
        lines.append(
            "Các cơ quan chủ trì báo cáo kết quả thực hiện các nhiệm vụ, giải pháp để theo dõi, đôn đốc."
        )
    lines += [f"Hoàn thành mốc “{m.text}” ({m.due})." for m in milestones if not m.reached]
    return tuple(lines)


def directions_heading(period: ReportPeriod, *, programme_end: int) -> str:
    """Section VI's heading: the years ahead, up to the programme's last year."""
    if period.kind is ReportKind.ANNUAL:
        return f"VI. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {period.last_year + 1}"
    if period.last_year < programme_end:
        return f"VI. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN {period.last_year + 1}–{programme_end}"
    return "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"
