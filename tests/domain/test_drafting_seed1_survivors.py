"""Drafting where a changed word would still pass the other drafting tests: a provincial People's Committee
as issuer, a table column without a year, a document whose only year is in its title, an empty document,
a shrinking growth rate, a figure in brackets after a name with brackets, and names read after the figure."""

from __future__ import annotations

from typing import Any

import pytest

from nqtrack.domain.drafting import draft_programme
from nqtrack.domain.drafting.targets import Context, read_item
from tests.domain.test_drafting_draft_survivors import PLAN
from tests.domain.test_drafting_programme import DOCUMENT

CONTEXT = Context(2030, (2021, 2030))


def _targets(text: str) -> list[tuple[Any, ...]]:
    return [
        (t.name, t.kind, t.comparator, t.low, t.high, t.unit, t.doubts)
        for t in read_item(text, CONTEXT).targets
    ]


def test_a_peoples_committee_of_a_province_gives_the_province_in_the_programme_code() -> None:
    text = DOCUMENT.replace("TỈNH ỦY BẮC GIANG", "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG")
    data = draft_programme(text).programme()
    assert (data["identity"]["issuer"], data["code"]) == (
        "Ủy ban nhân dân tỉnh Bắc Giang",
        "bac-giang-11-nqtw",
    )


def test_a_table_column_without_a_year_takes_the_year_of_its_section_title() -> None:
    text = PLAN.replace("2. Các chỉ tiêu chủ yếu", "2. Các chỉ tiêu chủ yếu đến năm 2025").replace(
        "- Lao động qua đào tạo đạt 75%, trong đó có bằng cấp, chứng chỉ đạt 35%.\n"
        "- Lao động qua đào tạo nghề đạt 60%, trong đó tỷ lệ lao động nữ qua đào tạo nghề đạt 30%.\n",
        "| Chỉ tiêu | Mục tiêu |\n|---|---|\n| Tỷ lệ che phủ rừng | 40% |\n",
    )
    groups = draft_programme(text).programme()["indicator_groups"]
    targets = [t for g in groups for i in g["indicators"] for t in i["targets"]]
    assert [(t["code"], t["year"], t["low"]) for t in targets] == [("ty_le_che_phu_rung_2025", 2025, 40)]


def test_without_targets_or_a_year_in_the_title_the_period_ends_in_the_year_the_text_names() -> None:
    text = (
        "KẾ HOẠCH\n\nphát triển nguồn nhân lực\n\n"
        "II. MỤC TIÊU\n\nĐến năm 2025, nâng cao chất lượng nguồn nhân lực.\n"
    )
    assert draft_programme(text).programme()["identity"]["period"] == [2016, 2025]


def test_an_empty_document_is_drafted_with_what_it_lacks_noted() -> None:
    draft = draft_programme("")
    assert (draft.programme()["identity"]["title"], draft.programme()["identity"]["period"]) == (
        "Chương trình",
        [2021, 2030],
    )
    assert draft.notes["identity"].reasons == (
        "không tìm thấy tên văn bản",
        "không tìm thấy cơ quan ban hành",
        "không xác định được tỉnh",
        "tên văn bản không nêu văn bản được thực hiện",
        "không rõ năm cuối của các chỉ tiêu",
        "không rõ năm đầu của giai đoạn",
    )


@pytest.mark.parametrize(
    ("text", "comparator", "low", "high"),
    [
        # "giảm … dưới 2%/năm": it falls by less than 2 % a year, so it grows by more than -2 %
        ("Tốc độ tăng tỷ lệ hộ nghèo giảm bình quân dưới 2%/năm.", "more_than", -2.0, None),
        # "giảm … trên 2%/năm": it falls by more than 2 % a year, so it grows by less than -2 %
        ("Tốc độ tăng dân số giảm bình quân trên 2%/năm.", "less_than", None, -2.0),
    ],
)
def test_a_shrinking_average_growth_turns_its_comparator_and_bounds_negative(
    text: str, comparator: str, low: float | None, high: float | None
) -> None:
    [target] = read_item(text, CONTEXT).targets
    assert (target.kind, target.comparator, target.low, target.high, target.unit) == (
        "average_growth",
        comparator,
        low,
        high,
        "percent_per_year",
    )


def test_of_three_figures_the_one_after_len_is_the_target() -> None:
    text = "Tỷ lệ che phủ rừng từ 40% năm 2020 qua 50% năm 2022 lên 70% năm 2025."
    [target] = read_item(text, CONTEXT).targets
    assert (target.kind, target.comparator, target.low, target.high, target.unit, target.doubts) == (
        "level",
        "at_least",
        70.0,
        None,
        "percent",
        [],
    )


def test_a_stated_equivalent_is_no_value_even_after_a_name_with_brackets() -> None:
    assert _targets("Thu nhập (bình quân) đạt 10 triệu đồng (tương đương 500 USD).") == [
        ("Thu nhập (bình quân)", "level", "at_least", 10.0, None, "million_vnd", [])
    ]


def test_a_percentage_named_after_its_figure_is_a_rate_and_a_count_is_not() -> None:
    assert _targets("45% hộ gia đình sử dụng nước sạch.") == [
        ("Tỷ lệ hộ gia đình sử dụng nước sạch", "level", "at_least", 45.0, None, "percent", [])
    ]
    assert _targets("Đạt 100 xã nông thôn mới.") == [
        ("Số xã nông thôn mới", "level", "at_least", 100.0, None, "count", [])
    ]
