"""The parts the drafting reads a programme with, each on its own: the province named, the cutting of
text outside parentheses, reporting duties, the layout of a document and tables of targets."""

from __future__ import annotations

import re
from typing import Any

from nqtrack.domain.drafting.clauses import sentences, split_top, trim
from nqtrack.domain.drafting.dates import reporting_in
from nqtrack.domain.drafting.document import layout, marker_number, strip_marker
from nqtrack.domain.drafting.provinces import _pattern, province_in
from nqtrack.domain.drafting.tables import read_table
from nqtrack.domain.drafting.targets import Context
from nqtrack.domain.drafting.text import Paragraph, looks_like_heading, paragraphs

CONTEXT = Context(2030, (2021, 2030))


def test_the_province_named_most_often_and_at_least_twice_is_the_documents() -> None:
    text = "Tỉnh Bắc Giang và tỉnh Lạng Sơn; Bắc Giang là cực tăng trưởng, Bắc Giang phát triển."
    assert province_in(text) == ("24", "Bắc Giang")
    assert province_in("Lạng Sơn, Bắc Giang và Lạng Sơn") == ("20", "Lạng Sơn")
    assert province_in("Tỉnh Bắc Giang giáp Lạng Sơn.") is None  # each named once
    assert province_in("Kế hoạch phát triển kinh tế - xã hội.") is None
    assert province_in("Thái Bình Dương, Thái Bình Dương") is None  # the Pacific is no province


def test_a_provinces_pattern_takes_both_spellings_of_its_tone_marks_and_whole_words_only() -> None:
    pattern = _pattern("Thanh Hóa")
    assert [m.group(0) for m in pattern.finditer("Thanh Hóa, Thanh Hoá, Thanh Hóab")] == [
        "Thanh Hóa",
        "Thanh Hoá",
    ]
    assert _pattern("Bình Dương").findall("Thái Bình Dương; tỉnh Bình Dương") == ["Bình Dương"]
    assert _pattern("Thái Bình").findall("Thái Bình Dương; tỉnh Thái Bình") == ["Thái Bình"]
    assert (
        _pattern("Bà Rịa - Vũng Tàu").pattern == r"(?<!\w)(?<!Thái )Bà\ Rịa\ \-\ Vũng\ Tàu(?!\w)(?!\s+Dương)"
    )


def _parts(text: str, separator: re.Pattern[str] | str) -> list[str]:
    return [text[s:e] for s, e in split_top(text, 0, len(text), separator)]


def test_text_is_cut_only_outside_parentheses_and_brackets_even_nested() -> None:
    assert _parts("khu X, khu Y (loại X, Y), khu Z [a, b]", ",") == [
        "khu X",
        "khu Y (loại X, Y)",
        "khu Z [a, b]",
    ]
    assert _parts("((a), b), c", ",") == ["((a), b)", "c"]
    assert _parts("a,, b ,", re.compile(",")) == ["a", "b"]  # empty parts are dropped
    assert _parts("một; hai", ";") == ["một", "hai"]


def test_a_span_is_trimmed_of_spaces_and_a_closing_mark_only() -> None:
    text = "  vùng X.,;… "
    assert trim(text, 0, len(text)) == (2, 8)
    assert text[2:8] == "vùng X"


def test_sentences_end_at_a_full_stop_before_a_capital_or_a_list_number() -> None:
    text = "Một là X. Hai là Y (xem Z. Tiếp). (3) Ba"
    assert [text[s:e] for s, e in sentences(text)] == ["Một là X", "Hai là Y (xem Z. Tiếp)", "Ba"]


def test_reporting_duties_name_each_cycle_and_day() -> None:
    assert reporting_in("Định kỳ hằng quý báo cáo kết quả") == "hằng quý"
    assert reporting_in("Sơ kết, tổng kết, báo cáo Ban Thường vụ") == "sơ kết, tổng kết"
    assert reporting_in("Hằng năm báo cáo trước ngày 15 tháng 6") == "hằng năm, trước ngày 15/6"
    assert reporting_in("Định kỳ 6 tháng báo cáo") == "6 tháng"
    assert reporting_in("Thường xuyên báo cáo") == "định kỳ"
    assert reporting_in("Định kỳ hằng quý kiểm tra") is None


DOCUMENT = (
    "TỈNH ỦY X\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Quán triệt sâu sắc\n\n"
    "II. MỤC TIÊU\n\nMở đầu mục tiêu.\n\n1. Mục tiêu tổng quát\n\nPhát triển nhanh.\n\n2. Chỉ tiêu cụ thể\n\n"
    "III. NHIỆM VỤ, GIẢI PHÁP\n\n1. Phát triển công nghiệp\n\nXây dựng khu công nghiệp.\n\n"
    "IV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính\n\nNơi nhận:\n\n- Như trên\n\nT/M BAN THƯỜNG VỤ"
)


def test_a_document_is_cut_into_header_sections_numbered_blocks_and_closing() -> None:
    found = layout(paragraphs(DOCUMENT)[1])
    assert [p.text for p in found.header] == ["TỈNH ỦY X", "CHƯƠNG TRÌNH HÀNH ĐỘNG"]
    blocks: list[tuple[Any, ...]] = [
        (
            s.numeral,
            s.title,
            s.kind,
            [
                (b.number, b.title, b.heading and b.heading.text, [p.text for p in b.paragraphs])
                for b in s.blocks
            ],
        )
        for s in found.sections
    ]
    assert blocks == [
        # numbered lines of the purposes and of the assignments are paragraphs, not headings
        ("I", "MỤC ĐÍCH, YÊU CẦU", "purposes", [(None, "", None, ["1. Quán triệt sâu sắc"])]),
        (
            "II",
            "MỤC TIÊU",
            "objectives",
            [
                (None, "", None, ["Mở đầu mục tiêu."]),
                (1, "Mục tiêu tổng quát", "1. Mục tiêu tổng quát", ["Phát triển nhanh."]),
                (2, "Chỉ tiêu cụ thể", "2. Chỉ tiêu cụ thể", []),  # a heading is kept without paragraphs
            ],
        ),
        (
            "III",
            "NHIỆM VỤ, GIẢI PHÁP",
            "tasks",
            [(1, "Phát triển công nghiệp", "1. Phát triển công nghiệp", ["Xây dựng khu công nghiệp."])],
        ),
        ("IV", "TỔ CHỨC THỰC HIỆN", "assignments", [(None, "", None, ["1. Sở Tài chính"])]),
    ]
    assert [p.text for p in found.closing] == ["Nơi nhận:", "- Như trên", "T/M BAN THƯỜNG VỤ"]


def _paragraph(text: str) -> Paragraph:
    return Paragraph(text, tuple(range(len(text))))


def test_a_list_number_is_read_from_the_start_of_a_paragraph() -> None:
    assert [
        marker_number(_paragraph(t)) for t in ("(3) Ba", "12. Mười hai", "4) Bốn", "a) Chữ", "2030 là năm")
    ] == [
        3,
        12,
        4,
        None,
        None,
    ]


def _row(*cells: str) -> Paragraph:
    text = " | ".join(cells)
    return Paragraph(text, tuple(range(len(text))), cells)


def _table(rows: list[Paragraph]) -> list[list[tuple[Any, ...]]]:
    return [
        [
            (t.name, t.comparator, t.low, t.unit, t.year, t.source_text, t.carries, t.doubts)
            for t in reading.targets
        ]
        for _, reading in read_table(rows, CONTEXT)
    ]


def test_a_table_gives_each_figure_its_row_unit_and_column_year() -> None:
    rows = [
        _row("TT", "Chỉ tiêu", "ĐVT", "2021-2025", "Mục tiêu"),
        _row("1", "Tỷ lệ che phủ rừng", "%", "37", "38"),
        _row("2", "Tổng vốn đầu tư", "tỷ đồng", "1.200", ""),
        _row("3", "Số xã đạt chuẩn", "xã", "", "95% (2025); 100% (2030)"),
        _row("4", "Tỷ lệ hộ nghèo", "%", "-"),  # a row shorter than the header
    ]
    assert _table(rows) == [
        [
            (
                "Tỷ lệ che phủ rừng",
                "at_least",
                37.0,
                "percent",
                2025,
                "Tỷ lệ che phủ rừng: 37",
                None,
                ["đọc từ bảng"],
            ),
            (
                "Tỷ lệ che phủ rừng",
                "at_least",
                38.0,
                "percent",
                2030,
                "Tỷ lệ che phủ rừng: 38",
                0,
                ["đọc từ bảng"],
            ),
        ],
        [
            (
                "Tổng vốn đầu tư",
                "at_least",
                1200.0,
                "billion_vnd",
                2025,
                "Tổng vốn đầu tư: 1.200",
                None,
                ["đọc từ bảng"],
            )
        ],
        [
            (
                "Số xã đạt chuẩn",
                "at_least",
                95.0,
                "percent",
                2025,
                "Số xã đạt chuẩn: 95% (2025); 100% (2030)",
                None,
                ["đọc từ bảng"],
            ),
            (
                "Số xã đạt chuẩn",
                "equal",
                100.0,
                "percent",
                2030,
                "Số xã đạt chuẩn: 95% (2025); 100% (2030)",
                0,
                ["chỉ tiêu không nêu tên; tiếp chỉ tiêu trước", "đọc từ bảng"],
            ),
        ],
    ]


def test_a_table_finds_its_name_column_by_its_header_or_else_the_first_cell_in_words() -> None:
    named = [_row("Ghi chú", "Chỉ tiêu", "2030"), _row("mới", "Tỷ lệ che phủ rừng", "40%")]
    assert _table(named) == [
        [
            (
                "Tỷ lệ che phủ rừng",
                "at_least",
                40.0,
                "percent",
                2030,
                "Tỷ lệ che phủ rừng: 40%",
                None,
                ["đọc từ bảng"],
            )
        ]
    ]
    unnamed = [_row("Số", "2030"), _row("Tỷ lệ che phủ rừng", "40%")]
    assert _table(unnamed) == [
        [
            (
                "Tỷ lệ che phủ rừng",
                "at_least",
                40.0,
                "percent",
                2030,
                "Tỷ lệ che phủ rừng: 40%",
                None,
                ["đọc từ bảng"],
            )
        ]
    ]
    assert _table([_row("Chỉ tiêu", "2030")]) == []  # a header alone
    assert _table([_row("Chỉ tiêu", "Ghi chú"), _row("Tỷ lệ che phủ rừng", "40%")]) == []  # no figure column


def test_a_reporting_cycle_is_found_whatever_its_case() -> None:
    assert reporting_in("Hằng quý báo cáo Ban Thường vụ") == "hằng quý"


def test_a_numbered_sentence_is_a_paragraph_and_an_unknown_section_has_numbered_blocks() -> None:
    text = (
        "II. MỤC TIÊU\n\n1. Tỷ lệ che phủ rừng đạt 37%.\n\n"
        "V. KINH PHÍ\n\n1. Nguồn kinh phí\n\nNgân sách tỉnh."
    )
    found = layout(paragraphs(text)[1])
    assert [
        (s.title, s.kind, [(b.number, b.title, [p.text for p in b.paragraphs]) for b in s.blocks])
        for s in found.sections
    ] == [
        ("MỤC TIÊU", "objectives", [(None, "", ["1. Tỷ lệ che phủ rừng đạt 37%."])]),
        ("KINH PHÍ", "other", [(1, "Nguồn kinh phí", ["Ngân sách tỉnh."])]),
    ]


def test_a_list_marker_is_stripped_with_the_offsets_of_its_characters() -> None:
    stripped = strip_marker(Paragraph("- Ba", (10, 11, 12, 13), None))
    assert (stripped.text, stripped.positions, stripped.table_row) == ("Ba", (12, 13), None)


def test_a_span_maps_back_to_the_original_offsets() -> None:
    paragraph = Paragraph("abc", (5, 6, 7))
    assert (paragraph.span(0, 2), paragraph.span(2, 9), Paragraph("", ()).span(0, 1)) == (
        (5, 7),
        (7, 8),
        (0, 0),
    )


def test_lines_are_not_joined_into_a_list_item_a_table_row_or_past_a_soft_hyphen() -> None:
    assert [p.text for p in paragraphs("Phát triển kinh tế\n- tăng trưởng 8%.")[1]] == [
        "Phát triển kinh tế",
        "- tăng trưởng 8%.",
    ]
    rows = paragraphs("|X|b|\n| c | d |")[1]
    assert [p.table_row for p in rows] == [("X", "b"), ("c", "d")]
    assert [p.text for p in paragraphs("*Mục\u00adtiêu*  chung")[1]] == [
        "Mụctiêu chung"
    ]  # the soft hyphen is dropped


def test_a_list_number_closing_a_bracket_does_not_hide_the_separators_after_it() -> None:
    assert _parts("1) một, hai", ",") == ["1) một", "hai"]
    text = "xx (a, b), c"
    assert [text[s:e] for s, e in split_top(text, 3, len(text), ",")] == ["(a, b)", "c"]


def test_a_table_row_with_no_name_in_words_and_rows_that_are_not_a_table_give_nothing() -> None:
    assert _table([_row("Số", "2030"), _row("1", "40%")]) == []
    assert _table([_paragraph("Chỉ tiêu 2030"), _paragraph("Tỷ lệ che phủ rừng 40%")]) == []


def test_a_document_without_recipients_has_no_closing_and_three_capitals_make_a_heading() -> None:
    assert layout(paragraphs("II. MỤC TIÊU\n\nPhát triển.")[1]).closing == []
    assert (looks_like_heading("III"), looks_like_heading("II")) == (True, False)
