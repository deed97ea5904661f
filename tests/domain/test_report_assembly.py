"""The generated prose of sections I–III, from target and task lines (pure)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from nqtrack.domain.progress.model import Assessment, Method, Status
from nqtrack.domain.report_assembly import (
    directions,
    directions_heading,
    indicator_summary,
    limitations,
    result_groups,
    task_summary,
)
from nqtrack.domain.report_content import (
    CATEGORY_OF,
    Category,
    MilestoneLine,
    ReportKind,
    ReportPeriod,
    TargetLine,
    TaskLine,
)


def _target(number: int, status: Status, *, reason: str | None = None, needed: str = "") -> TargetLine:
    return TargetLine(
        number=number,
        code=f"t{number}",
        group_number=1,
        indicator=f"Chỉ tiêu {number}",
        wording=f"chỉ tiêu {number} đạt 10%",
        goal="từ 10% trở lên (năm 2030)",
        unit="%",
        target_year=2030,
        low=10.0,
        high=None,
        values=(),
        latest="",
        status=status,
        status_words="",
        category=CATEGORY_OF[status],
        explanation=f"giải thích {number}.",
        needed=needed,
        sources=(),
        assessment=Assessment(status=status, method=Method.RATIO, reason=reason),
        reason=reason or "",
    )


def _status_words(done: bool | None, late: bool | None, reported: bool | None) -> str:
    """The words the tracking gives a task of these facts (docs/tracking.md)."""
    if done is None:
        return "Chưa theo dõi"
    if reported is False:
        return "Chưa báo cáo"
    return "Hoàn thành" if done else "Chậm tiến độ" if late else "Đúng tiến độ"


def _task(
    code: str,
    *,
    due: date | None = None,
    done: bool | None = None,
    late: bool | None = None,
    reported: bool | None = None,
) -> TaskLine:
    """A task line; a tracked task (``done`` given) has reported unless ``reported`` says otherwise."""
    return TaskLine(
        code=code,
        group="",
        text="",
        full_text="",
        lead="",
        due="tháng 9/2022" if due else "Thường xuyên",
        due_date=due,
        status=_status_words(done, late, reported),
        done=done,
        late=late,
        documents="",
        reported=reported if reported is not None else (None if done is None else True),
    )


TARGETS = [
    _target(1, Status.ACHIEVED),
    _target(2, Status.AT_RISK),
    _target(3, Status.ON_TRACK),
    _target(4, Status.NEEDS_ACCELERATION, needed="cần tăng 5%/năm"),
    _target(5, Status.MOVING_AWAY, needed="cần tăng 9%/năm"),
    _target(6, Status.INSUFFICIENT_DATA, reason="không có số liệu"),
    _target(7, Status.INSUFFICIENT_DATA, reason="không có số liệu"),
    _target(8, Status.INSUFFICIENT_DATA, reason="chỉ có số liệu của một năm"),
]


def test_targets_are_grouped_achieved_on_course_off_course_and_not_judged() -> None:
    groups = result_groups(TARGETS)
    assert [(g.category, g.heading, [t.number for t in g.targets]) for g in groups] == [
        (Category.ACHIEVED, "a) Các chỉ tiêu đã đạt (2 chỉ tiêu)", [1, 2]),
        (Category.ON_COURSE, "b) Các chỉ tiêu đúng hướng, có khả năng đạt (1 chỉ tiêu)", [3]),
        (Category.OFF_COURSE, "c) Các chỉ tiêu chưa đạt tiến độ, cần đẩy nhanh (2 chỉ tiêu)", [4, 5]),
        (Category.INSUFFICIENT_DATA, "d) Các chỉ tiêu chưa đủ số liệu để đánh giá (3 chỉ tiêu)", [6, 7, 8]),
    ]


def test_empty_categories_are_left_out_and_the_letters_follow() -> None:
    groups = result_groups([TARGETS[3], TARGETS[5]])
    assert [g.heading for g in groups] == [
        "a) Các chỉ tiêu chưa đạt tiến độ, cần đẩy nhanh (1 chỉ tiêu)",
        "b) Các chỉ tiêu chưa đủ số liệu để đánh giá (1 chỉ tiêu)",
    ]
    assert (
        indicator_summary([], end_year=2030)
        == "Trong 0 chỉ tiêu cụ thể đến năm 2030 của Chương trình: chưa có chỉ tiêu nào."
    )


def test_the_summary_counts_each_category() -> None:
    assert indicator_summary(TARGETS, end_year=2030) == (
        "Trong 8 chỉ tiêu cụ thể đến năm 2030 của Chương trình: 2 chỉ tiêu đã đạt; 1 chỉ tiêu đúng hướng, "
        "có khả năng đạt; 2 chỉ tiêu chưa đạt tiến độ, cần đẩy nhanh; 3 chỉ tiêu chưa đủ số liệu để đánh giá."
    )


def test_untracked_tasks_are_listed_with_those_past_their_deadline() -> None:
    tasks = [_task("III.1.1"), _task("III.1.2"), _task("IV.2", due=date(2022, 9, 30))]
    assert task_summary(tasks, tracked=False) == (
        "Chương trình có 2 nhiệm vụ, giải pháp và 1 nhiệm vụ tổ chức thực hiện; tình hình thực hiện từng "
        "nhiệm vụ chưa được theo dõi trên hệ thống (Phụ lục 2)."
    )
    lines = limitations(TARGETS[:0], tasks, [], tracked=False, as_of=date(2025, 12, 31))
    # past its deadline an untracked task is due, not late: nothing says it was not done
    assert lines == (
        "Chưa theo dõi được tình hình thực hiện 3 nhiệm vụ trên hệ thống; 1 nhiệm vụ đã đến hạn: IV.2 "
        "(hạn tháng 9/2022).",
    )
    # On the deadline itself the task is not yet late.
    assert limitations([], tasks, [], tracked=False, as_of=date(2022, 9, 30)) == (
        "Chưa theo dõi được tình hình thực hiện 3 nhiệm vụ trên hệ thống.",
    )


def test_tracked_tasks_report_done_and_late() -> None:
    tasks = [
        _task("III.1.1", done=True, late=False),
        _task("IV.2", due=date(2022, 9, 30), done=False, late=True),
        _task("IV.3", done=False, late=False),
    ]
    assert task_summary(tasks, tracked=True) == (
        "Chương trình có 1 nhiệm vụ, giải pháp và 2 nhiệm vụ tổ chức thực hiện: 1 hoàn thành, "
        "1 đúng tiến độ, 1 chậm tiến độ (Phụ lục 2)."
    )
    assert limitations([], tasks, [], tracked=True, as_of=date(2025, 1, 1)) == (
        "1 nhiệm vụ chậm tiến độ: IV.2 (hạn tháng 9/2022).",
    )
    assert directions([], tasks, [], tracked=True) == (
        "Khẩn trương hoàn thành các nhiệm vụ chậm tiến độ: IV.2 (hạn tháng 9/2022).",
    )


def test_limitations_name_lagging_targets_risks_missing_data_and_due_milestones() -> None:
    reached = MilestoneLine(1, "huyện A thoát nghèo", "năm 2025", date(2025, 12, 31), True, "")
    assessed = replace(reached, text="huyện B thoát nghèo", status="Đã đạt")
    lines = limitations(TARGETS, [], [reached, assessed], tracked=True, as_of=date(2025, 12, 31))
    assert lines == (
        "Chỉ tiêu 4: giải thích 4.",
        "Chỉ tiêu 5: giải thích 5.",
        "Chỉ tiêu 2 đã đạt nhưng có nguy cơ không giữ được: giải thích 2.",
        "2 chỉ tiêu chưa đánh giá được (không có số liệu): Chỉ tiêu 6; Chỉ tiêu 7.",
        "Chỉ tiêu 8: chưa đánh giá được (chỉ có số liệu của một năm).",
        "Mốc “huyện A thoát nghèo” (năm 2025) đã đến hạn, chưa có đánh giá kết quả.",
    )


def test_directions_say_what_each_lagging_target_now_needs() -> None:
    ahead = MilestoneLine(4, "thị trấn Vôi đạt đô thị loại IV", "năm 2030", date(2030, 12, 31), False, "")
    assert directions(TARGETS, [], [ahead], tracked=False) == (
        "Chỉ tiêu 4: cần tăng 5%/năm đến năm 2030 để đạt mục tiêu từ 10% trở lên (năm 2030).",
        "Chỉ tiêu 5: cần tăng 9%/năm đến năm 2030 để đạt mục tiêu từ 10% trở lên (năm 2030).",
        "Duy trì tốc độ đạt được đối với 1 chỉ tiêu đúng hướng: Chỉ tiêu 3.",
        "Chỉ đạo các cơ quan, đơn vị thu thập, công bố số liệu của 3 chỉ tiêu chưa đủ số liệu để đánh giá "
        "(Phụ lục 1).",
        "Các cơ quan chủ trì báo cáo kết quả thực hiện các nhiệm vụ, giải pháp để theo dõi, đôn đốc.",
        "Hoàn thành mốc “thị trấn Vôi đạt đô thị loại IV” (năm 2030).",
    )


def test_the_directions_heading_looks_ahead_to_the_programme_end() -> None:
    so_ket = ReportPeriod(kind=ReportKind.SO_KET, first_year=2022, last_year=2025)
    yearly = ReportPeriod(kind=ReportKind.ANNUAL, first_year=2025, last_year=2025)
    final = ReportPeriod(kind=ReportKind.TONG_KET, first_year=2022, last_year=2030)
    assert [directions_heading(p, programme_end=2030) for p in (so_ket, yearly, final)] == [
        "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN 2026–2030",
        "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026",
        "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
    ]
