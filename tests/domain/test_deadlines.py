"""Deadlines: due dates, reporting periods, an item's status over time, and the reminders it calls for."""

from __future__ import annotations

from datetime import date

import pytest

from nqtrack.domain.deadlines import (
    Cycle,
    DueDateError,
    ItemStatus,
    Period,
    ReminderDue,
    ReminderKind,
    Schedule,
    UpdateFact,
    combined_status,
    due_range,
    ended_periods,
    item_status,
    missing_periods,
    parse_due,
    period_containing,
    period_from_key,
    period_label,
    reminders_due,
    reportable_periods,
)

# IV.2: "hoàn thành trong tháng 9/2022", from the programme's start (16/6/2022).
PLAN = Schedule(recurring=False, start=date(2022, 6, 16), due=date(2022, 9, 30))
# A "thường xuyên" task reporting yearly to the end of 2030.
YEARLY = Schedule(recurring=True, start=date(2022, 6, 16), due=date(2030, 12, 31), cycle=Cycle.YEARLY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025", date(2025, 12, 31)),
        ("2022-09", date(2022, 9, 30)),
        ("2024-02", date(2024, 2, 29)),  # leap year
        ("2022-09-15", date(2022, 9, 15)),
        ("", None),
        (None, None),
    ],
)
def test_parse_due_gives_the_last_day_of_the_year_month_or_day(
    text: str | None, expected: date | None
) -> None:
    assert parse_due(text) == expected


def test_due_range_gives_first_and_last_day() -> None:
    assert due_range("2022-09") == (date(2022, 9, 1), date(2022, 9, 30))
    assert due_range("2025") == (date(2025, 1, 1), date(2025, 12, 31))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("9/2022", "Hạn “9/2022” không đúng dạng: ghi năm (2025), tháng (2022-09) hoặc ngày (2022-09-30)."),
        ("2022-13", "Hạn “2022-13” không phải một ngày có thật."),
        ("2023-02-29", "Hạn “2023-02-29” không phải một ngày có thật."),
    ],
)
def test_a_bad_due_is_refused_in_vietnamese(text: str, message: str) -> None:
    with pytest.raises(DueDateError) as caught:
        parse_due(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("cycle", "day", "expected"),
    [
        (Cycle.YEARLY, date(2024, 7, 3), Period("2024", date(2024, 1, 1), date(2024, 12, 31))),
        (Cycle.HALF_YEARLY, date(2024, 7, 3), Period("2024S2", date(2024, 7, 1), date(2024, 12, 31))),
        (Cycle.QUARTERLY, date(2024, 7, 3), Period("2024Q3", date(2024, 7, 1), date(2024, 9, 30))),
        (Cycle.MONTHLY, date(2024, 2, 3), Period("202402", date(2024, 2, 1), date(2024, 2, 29))),
    ],
)
def test_periods_are_calendar_periods_with_dhis2_keys(cycle: Cycle, day: date, expected: Period) -> None:
    assert period_containing(cycle, day) == expected
    assert period_from_key(expected.key) == expected


def test_period_labels_are_vietnamese() -> None:
    assert [period_label(k) for k in ("2024", "2024S1", "2024S2", "2024Q3", "202403")] == [
        "năm 2024",
        "6 tháng đầu năm 2024",
        "6 tháng cuối năm 2024",
        "quý 3/2024",
        "tháng 3/2024",
    ]


def test_a_bad_period_key_is_refused() -> None:
    with pytest.raises(ValueError, match="Kỳ báo cáo “2024Q5” không đúng dạng"):
        period_from_key("2024Q5")


# -- a one-off item over time: not reported → on schedule → done / done late / late ----------------------


def test_a_one_off_item_done_in_time() -> None:
    updates = [
        UpdateFact(on=date(2022, 8, 20)),  # a draft circulated
        UpdateFact(on=date(2022, 9, 22), completes=True, completed_on=date(2022, 9, 20)),
    ]
    timeline = {
        day: item_status(PLAN, updates, day)
        for day in (
            date(2022, 7, 1),
            date(2022, 8, 20),
            date(2022, 9, 21),
            date(2022, 9, 22),
            date(2023, 1, 1),
        )
    }
    assert timeline == {
        date(2022, 7, 1): ItemStatus.NOT_REPORTED,
        date(2022, 8, 20): ItemStatus.ON_SCHEDULE,
        date(2022, 9, 21): ItemStatus.ON_SCHEDULE,
        date(2022, 9, 22): ItemStatus.DONE,
        date(2023, 1, 1): ItemStatus.DONE,
    }


def test_a_one_off_item_without_any_report_is_not_reported_even_past_its_due() -> None:
    updates = [UpdateFact(on=date(2022, 10, 12), completes=True, completed_on=date(2022, 10, 10))]
    assert item_status(PLAN, updates, date(2022, 9, 30)) == ItemStatus.NOT_REPORTED
    assert item_status(PLAN, updates, date(2022, 10, 1)) == ItemStatus.NOT_REPORTED  # nothing known
    assert item_status(PLAN, updates, date(2022, 10, 11)) == ItemStatus.NOT_REPORTED  # not posted yet
    assert item_status(PLAN, updates, date(2022, 10, 12)) == ItemStatus.DONE_LATE


def test_a_one_off_item_is_late_the_day_after_its_due_when_its_last_report_does_not_complete_it() -> None:
    updates = [UpdateFact(on=date(2022, 9, 1)), UpdateFact(on=date(2022, 10, 20), completes=True)]
    assert item_status(PLAN, updates, date(2022, 9, 30)) == ItemStatus.ON_SCHEDULE  # the last day counts
    assert item_status(PLAN, updates, date(2022, 10, 1)) == ItemStatus.LATE
    assert item_status(PLAN, updates, date(2022, 10, 20)) == ItemStatus.DONE_LATE


def test_completion_counts_from_the_document_date_not_the_posting_day() -> None:
    # The plan was signed on 30/9 but entered on 3/10: done in time.
    updates = [UpdateFact(on=date(2022, 10, 3), completes=True, completed_on=date(2022, 9, 30))]
    assert item_status(PLAN, updates, date(2022, 10, 2)) == ItemStatus.NOT_REPORTED
    assert item_status(PLAN, updates, date(2022, 10, 3)) == ItemStatus.DONE


def test_a_one_off_item_without_due_is_never_late() -> None:
    open_ended = Schedule(recurring=False, start=date(2022, 6, 16))
    assert item_status(open_ended, [], date(2030, 1, 1)) == ItemStatus.NOT_REPORTED
    assert item_status(open_ended, [UpdateFact(on=date(2023, 1, 1))], date(2030, 1, 1)) == (
        ItemStatus.ON_SCHEDULE
    )


# -- a recurring item over time: on schedule while its latest ended period is reported --------------------


def test_a_recurring_item_is_not_reported_when_its_latest_ended_period_has_no_report() -> None:
    updates = [
        UpdateFact(on=date(2022, 12, 20), period="2022"),
        UpdateFact(on=date(2024, 2, 5), period="2023"),
    ]
    assert item_status(YEARLY, updates, date(2022, 6, 1)) == ItemStatus.NOT_REPORTED  # before the start
    assert item_status(YEARLY, updates, date(2022, 12, 31)) == ItemStatus.ON_SCHEDULE
    assert item_status(YEARLY, updates, date(2023, 6, 1)) == ItemStatus.ON_SCHEDULE  # 2022 reported
    assert item_status(YEARLY, updates, date(2024, 1, 1)) == ItemStatus.NOT_REPORTED  # 2023 due 31/12/2023
    assert item_status(YEARLY, updates, date(2024, 2, 5)) == ItemStatus.ON_SCHEDULE  # caught up
    assert item_status(YEARLY, updates, date(2025, 1, 1)) == ItemStatus.NOT_REPORTED  # 2024 missing
    assert [p.key for p in missing_periods(YEARLY, updates, date(2026, 3, 1))] == ["2024", "2025"]


def test_a_recurring_item_that_ran_its_course_fully_reported_is_done() -> None:
    short = Schedule(recurring=True, start=date(2024, 1, 1), due=date(2024, 6, 30), cycle=Cycle.QUARTERLY)
    updates = [
        UpdateFact(on=date(2024, 3, 31), period="2024Q1"),
        UpdateFact(on=date(2024, 6, 30), period="2024Q2"),
    ]
    assert [p.key for p in ended_periods(short, date(2030, 1, 1))] == ["2024Q1", "2024Q2"]
    assert item_status(short, updates, date(2024, 7, 1)) == ItemStatus.DONE
    assert item_status(short, updates[:1], date(2024, 7, 1)) == ItemStatus.NOT_REPORTED


def test_reportable_periods_run_from_the_start_to_today() -> None:
    quarterly = Schedule(
        recurring=True, start=date(2022, 6, 16), due=date(2030, 12, 31), cycle=Cycle.QUARTERLY
    )
    assert [p.key for p in reportable_periods(quarterly, date(2023, 1, 5))] == [
        "2022Q2",
        "2022Q3",
        "2022Q4",
        "2023Q1",
    ]
    assert reportable_periods(PLAN, date(2023, 1, 5)) == []


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([ItemStatus.DONE, ItemStatus.DONE], ItemStatus.DONE),
        ([ItemStatus.DONE, ItemStatus.DONE_LATE], ItemStatus.DONE_LATE),
        ([ItemStatus.DONE, ItemStatus.LATE, ItemStatus.NOT_REPORTED], ItemStatus.LATE),
        ([ItemStatus.DONE, ItemStatus.NOT_REPORTED], ItemStatus.NOT_REPORTED),
        ([ItemStatus.DONE, ItemStatus.ON_SCHEDULE], ItemStatus.ON_SCHEDULE),
        ([ItemStatus.NOT_REPORTED, ItemStatus.NOT_REPORTED], ItemStatus.NOT_REPORTED),
        ([], ItemStatus.NOT_REPORTED),
    ],
)
def test_an_item_split_into_sub_items_takes_their_combined_status(
    statuses: list[ItemStatus], expected: ItemStatus
) -> None:
    assert combined_status(statuses) == expected


# -- reminders: once before the deadline, once when the report is missing ---------------------------------


def test_a_one_off_item_is_reminded_in_the_week_before_its_due_then_when_missing() -> None:
    key = "2022-09-30"
    assert reminders_due(PLAN, [], date(2022, 9, 22)) == []
    assert reminders_due(PLAN, [], date(2022, 9, 23)) == [
        ReminderDue(ReminderKind.DUE_SOON, key, date(2022, 9, 30))
    ]
    assert reminders_due(PLAN, [], date(2022, 10, 1)) == [
        ReminderDue(ReminderKind.MISSING, key, date(2022, 9, 30))
    ]
    done = [UpdateFact(on=date(2022, 9, 25), completes=True)]
    assert reminders_due(PLAN, done, date(2022, 9, 26)) == []


def test_a_recurring_item_is_reminded_for_the_latest_missing_period_and_the_current_one() -> None:
    assert reminders_due(YEARLY, [], date(2023, 12, 27)) == [
        ReminderDue(ReminderKind.MISSING, "2022", date(2022, 12, 31)),
        ReminderDue(ReminderKind.DUE_SOON, "2023", date(2023, 12, 31)),
    ]
    reported = [
        UpdateFact(on=date(2023, 1, 10), period="2022"),
        UpdateFact(on=date(2023, 12, 20), period="2023"),
    ]
    assert reminders_due(YEARLY, reported, date(2023, 12, 27)) == []
    # only the latest missing period is nudged, not every old one
    assert reminders_due(YEARLY, [], date(2025, 3, 1)) == [
        ReminderDue(ReminderKind.MISSING, "2024", date(2024, 12, 31))
    ]
