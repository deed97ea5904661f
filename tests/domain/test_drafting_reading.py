"""How the drafting reads an assignment's organisations, a document's lines and a figure's words."""

from __future__ import annotations

from typing import Any

import pytest

from nqtrack.domain.drafting.organisation import organisation_kind, read_assignment, slug
from nqtrack.domain.drafting.text import Source, paragraphs
from nqtrack.domain.drafting.values import find_values, read_value


def _assignment(text: str) -> tuple[list[str], list[str], list[str]]:
    found = read_assignment(text)
    return found.lead, found.cooperating, found.doubts


@pytest.mark.parametrize(
    ("text", "lead", "cooperating"),
    [
        # "cơ quan tham mưu", "những tổ chức": a body's name, not its verb
        (
            "Văn phòng và cơ quan tham mưu của Tỉnh ủy chủ trì triển khai.",
            ["Văn phòng và cơ quan tham mưu của Tỉnh ủy"],
            [],
        ),
        (
            "Sở Nội vụ và những tổ chức liên quan chủ trì thực hiện.",
            ["Sở Nội vụ và những tổ chức liên quan"],
            [],
        ),
        # a partner ends at the full stop, with no verb after it
        (
            "Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính. Hằng năm xong",
            ["Sở Kế hoạch và Đầu tư"],
            ["Sở Tài chính"],
        ),
        ("Sở Công Thương và Ban X chủ trì thực hiện.", ["Sở Công Thương", "Ban X"], []),
        ("Ban Quản lý khu X, chủ trì thực hiện.", ["Ban Quản lý khu X"], []),
    ],
)
def test_an_assignment_names_its_lead_and_partners_as_written(
    text: str, lead: list[str], cooperating: list[str]
) -> None:
    assert _assignment(text) == (lead, cooperating, [])


def test_a_subject_that_is_no_organisation_is_no_lead() -> None:
    assert _assignment("Đồng chí Bí thư chủ trì thực hiện.") == ([], [], ["không tìm thấy cơ quan chủ trì"])


def test_an_organisation_name_is_under_160_characters() -> None:
    name_159, name_160 = "Sở " + "x" * 156, "Sở " + "x" * 157
    assert (len(name_159), len(name_160)) == (159, 160)
    assert _assignment(f"{name_159} chủ trì thực hiện.") == ([name_159], [], [])
    assert _assignment(f"{name_160} chủ trì thực hiện.") == ([], [], ["không tìm thấy cơ quan chủ trì"])
    assert _assignment(f"Sở A chủ trì, phối hợp với {name_159}.") == (["Sở A"], [name_159], [])
    assert _assignment(f"Sở A chủ trì, phối hợp với {name_160}.") == (["Sở A"], [], [])


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Ban Dân vận", "party"),
        ("Ban Nội chính", "party"),
        ("Ủy ban Kiểm tra", "party"),
        ("Cấp ủy cơ sở", "party"),
        ("Công an tỉnh", "state"),
        ("Kho bạc Nhà nước", "state"),
        ("Cục Thống kê", "state"),
        ("Chi cục Thuế", "state"),
        ("Thủ tướng", "state"),
        ("Hội Nông dân", "front"),
        ("Mặt trận Tổ quốc", "front"),
        ("Hội Cựu chiến binh", "front"),
        ("Liên đoàn Lao động", "front"),
        ("Trường Đại học", "other"),
    ],
)
def test_an_organisation_kind_comes_from_its_words(name: str, kind: str) -> None:
    assert organisation_kind(name) == kind


def test_a_code_keeps_whole_words_up_to_its_limit() -> None:
    assert (slug("abc def", limit=7), slug("abc def", limit=6), slug("Đảng ủy", limit=1)) == (
        "abc_def",
        "abc",
        "x",
    )


def _texts(text: str) -> list[str]:
    return [p.text for p in paragraphs(text)[1]]


def test_emphasis_doubled_spaces_leading_spaces_and_heading_marks_are_dropped() -> None:
    assert _texts("**Mục  tiêu**") == ["Mục tiêu"]
    assert _texts("  **Mục tiêu**") == ["Mục tiêu"]
    assert _texts("## Mục tiêu") == ["Mục tiêu"]


def test_a_blank_line_before_a_capital_after_a_short_paragraph_is_a_break() -> None:
    assert _texts("của Ban Thường vụ tỉnh\n\nVề phát triển") == ["của Ban Thường vụ tỉnh", "Về phát triển"]
    assert _texts("của Ban Thường vụ tỉnh\nVề phát triển") == ["của Ban Thường vụ tỉnh Về phát triển"]


def test_a_long_table_row_is_never_joined_to_the_line_after_it() -> None:
    row = "| " + "ô " * 120 + "| b"
    assert _texts(f"{row}\ntiếp theo") == [row, "tiếp theo"]


def test_an_offset_is_on_the_line_it_falls_in() -> None:
    source = Source.of("a\nb\nc")
    assert (source.text, source.line_starts) == ("a\nb\nc", (0, 2, 4))
    assert [source.line_of(offset) for offset in (0, 1, 2, 3, 4, 100)] == [1, 1, 2, 2, 3, 3]


def _values(text: str) -> list[tuple[Any, ...]]:
    return [
        (v.start, v.end, v.comparator, v.low, v.unit, v.out_of, v.equivalent, v.per_year)
        for v in (read_value(text, match) for match in find_values(text))
    ]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("95% trở lên", [(0, 4, "at_least", 95.0, "percent", None, None, False)]),
        ("3% trở xuống", [(0, 3, "at_most", 3.0, "percent", None, None, False)]),
        ("trên 90%", [(5, 8, "more_than", 90.0, "percent", None, None, False)]),
        ("không dưới mức 90%", [(15, 18, "at_least", 90.0, "percent", None, None, False)]),
        ("8/9 huyện", [(0, 9, "", 8.0, "districts", 9, None, False)]),
        ("Đạt 40 giường bệnh", [(4, 18, "", 40.0, "count", None, None, False)]),
        ("tăng 10%/năm nữa", [(5, 12, "", 10.0, "percent", None, None, True)]),
        (
            "9.800 USD (tương đương 640 nghìn tỷ đồng)",
            [
                (0, 9, "", 9800.0, "usd", None, (640000.0, "billion_vnd"), False),
                (23, 40, "", 640000.0, "billion_vnd", None, None, False),
            ],
        ),
    ],
)
def test_a_figure_is_read_with_its_comparator_unit_share_and_equivalent(
    text: str, values: list[tuple[Any, ...]]
) -> None:
    assert _values(text) == values


def test_both_bounds_of_a_range_take_the_scale_of_its_unit() -> None:
    text = "Tổng vốn từ 1 đến 2 nghìn tỷ đồng"
    assert [
        (v.comparator, v.low, v.high, v.unit) for v in (read_value(text, m) for m in find_values(text))
    ] == [("range", 1000.0, 2000.0, "billion_vnd")]
