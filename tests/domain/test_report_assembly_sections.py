"""The sections of a review report not covered by test_report_assembly: the count of targets, section I
from the reports of III.1 and IV, section III per task group, the yearly results, the officer's places."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from nqtrack.domain.progress.model import Status
from nqtrack.domain.report_assembly import (
    causes,
    directions,
    indicator_count,
    leadership,
    lessons,
    limitations,
    proposals,
    task_results,
    task_summary,
    year_results,
)
from nqtrack.domain.report_content import YearFigure
from tests.domain.test_report_assembly import TARGETS, _target, _task


def test_the_count_gives_every_category_present_over_the_total_in_review_order() -> None:
    assert indicator_count(TARGETS) == (
        "Trong 8 chỉ tiêu cụ thể của Chương trình: 2/8 chỉ tiêu đạt và vượt; 1/8 chỉ tiêu đúng hướng, có "
        "khả năng đạt; 2/8 chỉ tiêu chưa đạt tiến độ, cần đẩy nhanh; 3/8 chỉ tiêu chưa đủ số liệu để đánh "
        "giá (Phụ lục 1)."
    )


def test_the_count_gives_the_achieved_even_when_none_is_and_the_not_achieved_after_off_course() -> None:
    targets = [_target(1, Status.NOT_ACHIEVED), _target(2, Status.MOVING_AWAY)]
    assert indicator_count(targets) == (
        "Trong 2 chỉ tiêu cụ thể của Chương trình: 0/2 chỉ tiêu đạt và vượt; 1/2 chỉ tiêu chưa đạt tiến độ, "
        "cần đẩy nhanh; 1/2 chỉ tiêu không đạt (Phụ lục 1)."
    )


def test_section_one_quotes_the_reports_of_the_first_group_and_of_the_assignments_only() -> None:
    tasks = [
        replace(_task("III.1.1", done=True, late=False), result="năm 2024: đã quán triệt"),
        replace(_task("III.10.1", done=True, late=False), result="năm 2024: nhóm 10"),
        replace(_task("III.2.1", done=True, late=False), result="năm 2024: nhóm 2"),
        _task("III.1.2", done=False, late=False),
        replace(_task("IV.2", done=True, late=False), result="năm 2023: đã ban hành kế hoạch"),
    ]
    assert leadership(tasks) == ("III.1.1: năm 2024: đã quán triệt", "IV.2: năm 2023: đã ban hành kế hoạch")


def test_section_one_is_a_marked_place_when_no_report_says_anything() -> None:
    tasks = [_task("III.1.1", done=True, late=False), replace(_task("III.2.1"), result="năm 2024: nhóm 2")]
    assert leadership(tasks) == (
        "[Cần bổ sung: công tác lãnh đạo, chỉ đạo, quán triệt, tuyên truyền, ban hành văn bản triển khai; "
        "chưa có báo cáo của các nhiệm vụ III.1 và IV trên hệ thống]",
    )


def test_section_three_numbers_the_groups_after_the_first_and_counts_their_tasks() -> None:
    tasks = [
        _task("III.1.1", done=True, late=False),
        replace(_task("III.2.1", done=True, late=False), result="năm 2024: xong"),
        _task("III.2.2", due=date(2022, 9, 30), done=False, late=True),
        _task("III.3.1", done=False, late=False, reported=False),
        _task("III.30.1", done=True, late=False),
    ]
    groups = [(1, "Quán triệt"), (2, "Kinh tế"), (3, "Xã hội")]
    results = task_results(tasks, groups, tracked=True)
    assert [(r.number, r.heading, r.summary, r.reports, r.to_complete) for r in results] == [
        (
            2,
            "1. Kinh tế (nhóm nhiệm vụ III.2)",
            "2 nhiệm vụ: 1 hoàn thành, 1 chậm tiến độ.",
            ("III.2.1: năm 2024: xong",),
            "",
        ),
        (
            3,
            "2. Xã hội (nhóm nhiệm vụ III.3)",
            "1 nhiệm vụ: 1 chưa báo cáo.",
            (),
            "[Cần bổ sung: kết quả thực hiện các nhiệm vụ nhóm III.3]",
        ),
    ]


def test_section_three_untracked_says_so_in_each_group() -> None:
    results = task_results([_task("III.2.1"), _task("III.2.2")], [(2, "Kinh tế")], tracked=False)
    assert [(r.heading, r.summary) for r in results] == [
        ("1. Kinh tế (nhóm nhiệm vụ III.2)", "2 nhiệm vụ: chưa theo dõi trên hệ thống.")
    ]


def test_the_task_count_names_every_word_in_order_and_leaves_out_the_absent() -> None:
    tasks = [
        _task("IV.1", done=False, late=False, reported=False),
        replace(_task("III.1.1", done=True, late=True), status="Hoàn thành muộn"),
        _task("III.1.2", done=False, late=False),
        _task("III.1.3", done=False, late=False),
    ]
    assert task_summary(tasks, tracked=True) == (
        "Chương trình có 3 nhiệm vụ, giải pháp và 1 nhiệm vụ tổ chức thực hiện: 1 hoàn thành muộn, "
        "2 đúng tiến độ, 1 chưa báo cáo (Phụ lục 2)."
    )


def test_tracked_tasks_with_no_report_at_all_say_that_none_has_come() -> None:
    tasks = [
        _task("III.1.1", done=False, late=False, reported=False),
        _task("IV.1", done=False, late=False, reported=False),
    ]
    assert task_summary(tasks, tracked=True) == (
        "Chương trình có 1 nhiệm vụ, giải pháp và 1 nhiệm vụ tổ chức thực hiện; đến nay chưa nhận được báo "
        "cáo kết quả của nhiệm vụ nào (Phụ lục 2)."
    )
    # a result alone (no report flag) is a report
    with_result = [replace(tasks[0], result="năm 2024: xong"), tasks[1]]
    assert task_summary(with_result, tracked=True) == (
        "Chương trình có 1 nhiệm vụ, giải pháp và 1 nhiệm vụ tổ chức thực hiện: 2 chưa báo cáo (Phụ lục 2)."
    )


def _figure(year: int, text: str, mark: str = "") -> YearFigure:
    return YearFigure(year=year, text=text, value=None, decimals=0, mark=mark)


def test_a_yearly_report_sets_each_figure_of_the_year_beside_the_year_before() -> None:
    share = replace(
        _target(1, Status.ON_TRACK),
        unit="%",
        values=(_figure(2024, "13,1"), _figure(2025, "13,45", "ư"), _figure(2026, "14")),
    )
    money = replace(
        _target(2, Status.ON_TRACK),
        unit="tỷ đồng",
        values=(_figure(2024, ""), _figure(2025, "155.876,0", "sb")),
    )
    count = replace(_target(3, Status.ON_TRACK), unit="", values=(_figure(2023, "5"), _figure(2025, "7")))
    not_this_year = replace(_target(4, Status.ON_TRACK), values=(_figure(2024, "1"),))
    empty_this_year = replace(_target(5, Status.ON_TRACK), values=(_figure(2025, ""),))
    assert year_results([share, money, count, not_this_year, empty_this_year], year=2025) == (
        "Chỉ tiêu 1: năm 2025 đạt 13,45% (ư) (năm 2024: 13,1%).",
        "Chỉ tiêu 2: năm 2025 đạt 155.876,0 tỷ đồng (sb).",
        "Chỉ tiêu 3: năm 2025 đạt 7.",
    )


def test_a_yearly_report_without_figures_of_its_year_is_a_marked_place() -> None:
    assert year_results([replace(_target(1, Status.ON_TRACK), values=(_figure(2024, "1"),))], year=2025) == (
        "[Cần bổ sung: kết quả năm 2025: chưa có số liệu của năm trên hệ thống]",
    )


def test_the_officers_own_sections_are_marked_places() -> None:
    assert causes() == (
        "a) Nguyên nhân khách quan: [Cần bổ sung: nguyên nhân khách quan]",
        "b) Nguyên nhân chủ quan: [Cần bổ sung: nguyên nhân chủ quan]",
    )
    assert lessons() == ("[Cần bổ sung: bài học kinh nghiệm rút ra trong quá trình thực hiện]",)
    assert proposals() == ("[Cần bổ sung: kiến nghị, đề xuất với Trung ương, các bộ, ngành]",)


def test_limitations_of_tracked_tasks_name_the_late_and_the_silent_with_their_deadlines() -> None:
    tasks = [
        _task("III.1.1", due=date(2022, 9, 30), done=False, late=True),
        _task("IV.1", done=False, late=False, reported=False),
        _task("IV.2", due=date(2023, 6, 30), done=False, late=False, reported=False),
        _task("IV.3", done=True, late=False),
    ]
    assert limitations([], tasks, [], tracked=True, as_of=date(2025, 12, 31)) == (
        "1 nhiệm vụ chậm tiến độ: III.1.1 (hạn tháng 9/2022).",
        "2 nhiệm vụ chưa có báo cáo kết quả: IV.1; IV.2 (hạn tháng 9/2022).",
    )
    # every task reported and none late: nothing to say, and no call for reports in the directions
    assert limitations([], tasks[3:], [], tracked=True, as_of=date(2025, 12, 31)) == ()
    assert directions([], tasks[3:], [], tracked=True) == ()
    assert directions([], tasks[1:2], [], tracked=True) == (
        "Các cơ quan chủ trì báo cáo kết quả thực hiện các nhiệm vụ, giải pháp để theo dõi, đôn đốc.",
    )


def test_untracked_late_flags_are_not_directions_and_targets_needing_nothing_are_left_out() -> None:
    late = _task("IV.2", due=date(2022, 9, 30), done=False, late=True)
    assert directions([], [late], [], tracked=False) == (
        "Các cơ quan chủ trì báo cáo kết quả thực hiện các nhiệm vụ, giải pháp để theo dõi, đôn đốc.",
    )
    assert directions([_target(4, Status.NEEDS_ACCELERATION)], [], [], tracked=True) == ()


def test_a_target_without_a_reason_is_unjudged_for_no_known_reason() -> None:
    lines = limitations([_target(6, Status.INSUFFICIENT_DATA)], [], [], tracked=True, as_of=date(2025, 1, 1))
    assert lines == ("Chỉ tiêu 6: chưa đánh giá được (không rõ lý do).",)
