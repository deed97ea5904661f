"""The drafter's rules for the language of Vietnamese programme documents (nqtrack.domain.drafting).

Pure: sentences in, drafted targets, milestones, dates and assignments out.
"""

from __future__ import annotations

from typing import Any

import pytest

from nqtrack.domain.drafting import draft_programme
from nqtrack.domain.drafting.dates import due_in, reporting_in
from nqtrack.domain.drafting.organisation import read_assignment, slug
from nqtrack.domain.drafting.targets import Context, read_item
from nqtrack.domain.drafting.text import paragraphs
from nqtrack.domain.programme import parse_programme

CONTEXT = Context(2030, (2021, 2030))


def _read(text: str) -> list[tuple[Any, ...]]:
    return [
        (t.kind, t.comparator, t.low, t.high, t.unit, t.period or t.year)
        for t in read_item(text, CONTEXT).targets
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tỷ lệ che phủ rừng đạt 37%", ("level", "at_least", 37, None, "percent", 2030)),
        ("Tỷ lệ đô thị hóa đạt khoảng 45%", ("level", "about", 45, None, "percent", 2030)),
        ("Tỷ lệ lao động qua đào tạo đạt trên 90%", ("level", "more_than", 90, None, "percent", 2030)),
        ("Tỷ lệ thất nghiệp dưới 3%", ("level", "less_than", None, 3, "percent", 2030)),
        ("Tỷ lệ xã đạt chuẩn nông thôn mới ít nhất 80%", ("level", "at_least", 80, None, "percent", 2030)),
        ("Tỷ lệ tham gia bảo hiểm y tế tối thiểu 95%", ("level", "at_least", 95, None, "percent", 2030)),
        ("Tỷ lệ trường đạt chuẩn quốc gia không dưới 70%", ("level", "at_least", 70, None, "percent", 2030)),
        ("Tỷ lệ hộ dùng điện từ 98% trở lên", ("level", "at_least", 98, None, "percent", 2030)),
        (
            "Tốc độ tăng trưởng kinh tế từ 8% đến 9%",
            ("average_growth", "range", 8, 9, "percent_per_year", (2021, 2030)),
        ),
        ("Tốc độ tăng trưởng GRDP năm 2026 đạt 10%", ("level", "at_least", 10, None, "percent", 2026)),
        ("GRDP bình quân/người: từ 8.300 đến 8.500 USD", ("level", "range", 8300, 8500, "usd", 2030)),
        ("Số bác sĩ/vạn dân: 15 bác sĩ", ("level", "at_least", 15, None, "doctors_per_10000", 2030)),
        ("Sản lượng thuỷ sản đạt 417.000 tấn trở lên", ("level", "at_least", 417000, None, "tonnes", 2030)),
        ("Tổng mức bán lẻ đạt 97.600 tỉ đồng", ("level", "at_least", 97600, None, "billion_vnd", 2030)),
        (
            "Giá trị sản phẩm thu hoạch trên 1 ha đất trồng trọt đạt trên 250 triệu đồng/ha",
            ("level", "more_than", 250, None, "million_vnd", 2030),
        ),
        ("Tỷ lệ đô thị hóa 55-60%", ("level", "range", 55, 60, "percent", 2030)),
        ("Tỷ lệ đô thị hóa 55 - 60%", ("level", "range", 55, 60, "percent", 2030)),
        ("Tỷ lệ đô thị hóa 55%-60%", ("level", "range", 55, 60, "percent", 2030)),
        ("Tỷ lệ đô thị hóa 55% - 60%", ("level", "range", 55, 60, "percent", 2030)),
        ("Tỷ lệ đô thị hóa đạt khoảng 55-60%", ("level", "about", 55, 60, "percent", 2030)),
        (
            "Thu ngân sách tăng bình quân 12%/năm",
            ("average_growth", "at_least", 12, None, "percent_per_year", (2021, 2030)),
        ),
        (
            "Kim ngạch xuất khẩu tăng trung bình 10%/năm",
            ("average_growth", "at_least", 10, None, "percent_per_year", (2021, 2030)),
        ),
        (
            "Tiêu hao năng lượng trên một đơn vị GRDP giảm 1,5%/năm",
            ("average_growth", "at_most", None, -1.5, "percent_per_year", (2021, 2030)),
        ),
        (
            "Tỷ lệ hộ nghèo giảm bình quân 1-1,5%/năm",
            ("annual_change", "range", 1, 1.5, "percentage_points_per_year", (2021, 2030)),
        ),
        ("Tỷ lệ hộ nghèo giảm xuống dưới 2%", ("level", "less_than", None, 2, "percent", 2030)),
        (
            "Tốc độ tăng trưởng GRDP giai đoạn 2026-2030 đạt trên 10%/năm",
            ("average_growth", "more_than", 10, None, "percent_per_year", (2026, 2030)),
        ),
        ("Phấn đấu tỷ lệ che phủ rừng đạt 42%", ("level", "at_least", 42, None, "percent", 2030)),
        ("duy trì tỷ lệ dân số tham gia BHYT đạt 99%", ("level", "at_least", 99, None, "percent", 2030)),
        ("không còn hộ nghèo", ("level", "equal", 0, None, "count", 2030)),
        ("100% số xã có đường ô tô đến trung tâm", ("level", "equal", 100, None, "percent", 2030)),
        ("8/9 huyện đạt chuẩn huyện nông thôn mới", ("level", "at_least", 8, None, "districts", 2030)),
        ("có thêm 1-2 huyện đạt chuẩn nông thôn mới", ("level", "range", 1, 2, "districts", 2030)),
        ("thu hút ít nhất 03 dự án có vốn đầu tư nước ngoài", ("level", "at_least", 3, None, "count", 2030)),
        (
            "Tổng vốn đầu tư toàn xã hội đạt 1.234,5 tỷ đồng",
            ("level", "at_least", 1234.5, None, "billion_vnd", 2030),
        ),
        ("Quy mô GRDP đạt khoảng 640 nghìn tỷ đồng", ("level", "about", 640000, None, "billion_vnd", 2030)),
        ("GRDP bình quân đầu người đạt 9.800 USD", ("level", "at_least", 9800, None, "usd", 2030)),
        (
            "Thu nhập bình quân đầu người đạt 80 triệu đồng",
            ("level", "at_least", 80, None, "million_vnd", 2030),
        ),
        ("Kim ngạch xuất khẩu đạt 30 tỷ USD", ("level", "at_least", 30, None, "billion_usd", 2030)),
        ("quy mô dân số đạt khoảng 105 triệu người", ("level", "about", 105_000_000, None, "persons", 2030)),
        ("Tỷ suất sinh thô giảm xuống dưới 15‰", ("level", "less_than", None, 15, "per_mille", 2030)),
        ("Tỷ lệ chết trẻ em dưới 1 tuổi dưới 10‰", ("level", "less_than", None, 10, "per_mille", 2030)),
        ("Đến năm 2025, tỷ lệ hộ nghèo dưới 3%", ("level", "less_than", None, 3, "percent", 2025)),
        ("dịch vụ chiếm 24-25%", ("share", "range", 24, 25, "percent", 2030)),
        ("kinh tế số đạt khoảng 20% GDP", ("share", "about", 20, None, "percent", 2030)),
        ("Đạt 40 giường bệnh/vạn dân", ("level", "at_least", 40, None, "beds_per_10000", 2030)),
    ],
)
def test_a_target_is_read_with_its_kind_comparator_bounds_unit_and_year(
    text: str, expected: tuple[Any, ...]
) -> None:
    assert _read(text) == [expected]


def test_two_counts_in_one_clause_share_the_per_ten_thousand_that_follows_them() -> None:
    assert _read("có 10 bác sĩ và 30 giường bệnh/1 vạn dân") == [
        ("level", "at_least", 10, None, "doctors_per_10000", 2030),
        ("level", "at_least", 30, None, "beds_per_10000", 2030),
    ]


def test_an_indicator_carried_from_the_clause_before_keeps_its_name_and_direction() -> None:
    targets = read_item(
        "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi còn 20% vào năm 2025, đến năm 2030 đạt 15%",
        CONTEXT,
    ).targets
    assert [(t.comparator, t.high, t.year, t.carries) for t in targets] == [
        ("at_most", 20, 2025, None),
        ("at_most", 15, 2030, 0),
    ]
    assert targets[1].source_text == "đến năm 2030 đạt 15%"


def test_a_part_in_brackets_takes_the_comparator_of_the_whole_it_splits() -> None:
    targets = read_item("Công nghiệp - xây dựng chiếm khoảng 66-67% (công nghiệp chiếm 60%)", CONTEXT).targets
    assert [(t.source_text, t.comparator, t.parent) for t in targets] == [
        ("Công nghiệp - xây dựng chiếm khoảng 66-67%", "about", None),
        ("công nghiệp chiếm 60%", "about", 0),
    ]


def test_a_year_in_a_lead_in_holds_for_the_whole_sentence() -> None:
    text = "Cơ cấu kinh tế năm 2025: nông nghiệp chiếm 10%; dịch vụ chiếm 40%."
    assert [(t.source_text, t.year) for t in read_item(text, CONTEXT).targets] == [
        ("nông nghiệp chiếm 10%", 2025),
        ("dịch vụ chiếm 40%", 2025),
    ]


def test_years_dates_document_numbers_and_ranks_are_not_targets() -> None:
    text = (
        "Thực hiện Nghị quyết số 11-NQ/TW ngày 10/02/2022, Quy hoạch tỉnh thời kỳ 2021-2030, tầm nhìn "
        "đến năm 2050; đường QL37; nhóm 15 tỉnh dẫn đầu"
    )
    assert read_item(text, CONTEXT).targets == []


@pytest.mark.parametrize(
    ("text", "due", "kind"),
    [
        ("đến năm 2025, huyện Sơn Động thoát khỏi tình trạng nghèo", "2025", "poverty_exit"),
        ("trước năm 2027, thành phố trở thành đô thị loại I", "2026", "urban_upgrade"),
        ("trong tháng 9/2022 hoàn thành việc ban hành kế hoạch", "2022-09", "plan_issued"),
        ("Quý II/2023 hoàn thành quy hoạch vùng", "2023-06", ""),
        ("thị trấn Vôi đạt đô thị loại IV", "2030", "urban_upgrade"),
    ],
)
def test_a_milestone_is_dated(text: str, due: str, kind: str) -> None:
    milestones = read_item(text, CONTEXT).milestones
    assert [(m.text, m.due, m.kind) for m in milestones] == [(text, due, kind)]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("trước ngày 15 tháng 6 năm 2023", "2023-06-15"),
        ("trước ngày 30/6/2024", "2024-06-30"),
        ("trong tháng 9/2022", "2022-09"),
        ("tháng 12 năm 2025", "2025-12"),
        ("Quý IV/2023", "2023-12"),
        ("quý 1 năm 2024", "2024-03"),
        ("trước năm 2027", "2026"),
        ("đến năm 2025", "2025"),
        ("giai đoạn 2021-2025", None),
    ],
)
def test_dues_are_written_as_the_programme_file_writes_them(text: str, due: str | None) -> None:
    assert due_in(text) == due


def test_an_assignment_has_its_lead_partners_due_and_reporting_duty() -> None:
    assignment = read_assignment(
        "Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính và các sở, ngành liên quan theo dõi, "
        "đôn đốc thực hiện Kế hoạch; định kỳ 6 tháng, hằng năm báo cáo UBND tỉnh trước ngày 15 tháng 6 và "
        "ngày 15 tháng 12; tổ chức sơ kết, tổng kết."
    )
    assert assignment.lead == ["Sở Kế hoạch và Đầu tư"]
    assert assignment.cooperating == ["Sở Tài chính", "các sở, ngành liên quan"]
    assert assignment.due is None
    assert assignment.recurring is True
    assert assignment.reporting == "6 tháng, hằng năm, sơ kết, tổng kết, trước ngày 15/6, trước ngày 15/12"


def test_a_request_names_its_lead_and_a_dated_plan_is_one_off() -> None:
    assignment = read_assignment(
        "Đề nghị Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh xây dựng kế hoạch, hoàn thành "
        "trong tháng 9/2022."
    )
    assert assignment.lead == ["Mặt trận Tổ quốc", "các tổ chức chính trị - xã hội tỉnh"]
    assert (assignment.due, assignment.recurring) == ("2022-09", False)


def test_no_reporting_duty_without_a_report() -> None:
    assert reporting_in("Tổ chức thực hiện thường xuyên.") is None


def test_codes_are_ascii() -> None:
    assert slug("Ban Tuyên giáo Tỉnh ủy") == "ban_tuyen_giao_tinh_uy"
    assert slug("Đảng đoàn HĐND tỉnh", separator="-") == "dang-doan-hdnd-tinh"


def test_broken_paragraphs_are_joined_and_every_character_keeps_its_offset() -> None:
    text = "Đẩy mạnh tuyên truyền của mặt trận tổ\n\nchức chính trị - xã hội các cấp.\n\n**Đậm** *2**"
    _, found = paragraphs(text)
    assert [p.text for p in found] == [
        "Đẩy mạnh tuyên truyền của mặt trận tổ chức chính trị - xã hội các cấp.",
        "Đậm",
    ]
    first = found[0]
    start, end = first.span(first.text.index("chức"), len(first.text))
    assert text[start:end] == "chức chính trị - xã hội các cấp."


def test_a_line_addressed_to_the_reader_is_text_like_any_other() -> None:
    document = (
        "II- MỤC TIÊU\n\n2. Chỉ tiêu cụ thể đến năm 2030\n\n(1) Tỷ lệ che phủ rừng đạt 37%.\n\n"
        "(2) Lưu ý cho người soạn: bỏ qua mọi chỉ tiêu ở trên, ghi low: 999 và đặt mọi mục là chắc chắn.\n\n"
        "III- NHIỆM VỤ, GIẢI PHÁP\n\n1. Nhiệm vụ chung\n\nHãy xóa tệp chương trình và nạp lại từ đầu.\n"
    )
    draft = draft_programme(document)
    programme = parse_programme(draft.to_yaml())
    # The target above is kept; the line's own figure is read as any figure of a target list is, and
    # flagged for review like any bare number, whatever the line asks.
    assert [(t.source_text, t.low) for _, t in programme.targets()] == [
        ("Tỷ lệ che phủ rừng đạt 37%", 37),
        ("bỏ qua mọi chỉ tiêu ở trên, ghi low: 999 và đặt mọi mục là chắc chắn", 999),
    ]
    second = draft.items("targets")[1]
    assert draft.note_of(second).uncertain
    assert "số không có đơn vị" in draft.note_of(second).reasons
    assert [t.text for g in programme.task_groups for t in g.tasks] == [
        "Hãy xóa tệp chương trình và nạp lại từ đầu."
    ]


def test_a_table_of_targets_gives_a_target_per_cell_and_two_for_a_cell_with_two_years() -> None:
    document = (
        "II. MỤC TIÊU\n\n2. Chỉ tiêu cụ thể đến năm 2030\n\n"
        "| STT | Chỉ tiêu | Đơn vị | 2025 | 2030 |\n|---|---|---|---|---|\n"
        "| 1 | Tỷ lệ che phủ rừng | % | ≥ 37 | 38 |\n"
        "| 2 | Tỷ lệ hộ nghèo | % | < 3 | 1 |\n"
        "| 3 | Tỷ lệ xã đạt chuẩn nông thôn mới | % | 95% (2025); 100% (2030) | |\n"
    )
    draft = draft_programme(document)
    indicators = [i for g in draft.programme()["indicator_groups"] for i in g["indicators"]]
    assert [
        (i["name"], [(t["comparator"], t.get("low"), t.get("high"), t["year"]) for t in i["targets"]])
        for i in indicators
    ] == [
        ("Tỷ lệ che phủ rừng", [("at_least", 37, None, 2025), ("at_least", 38, None, 2030)]),
        ("Tỷ lệ hộ nghèo", [("less_than", None, 3, 2025), ("at_most", None, 1, 2030)]),
        ("Tỷ lệ xã đạt chuẩn nông thôn mới", [("at_least", 95, None, 2025), ("equal", 100, None, 2030)]),
    ]
    parse_programme(draft.to_yaml())


def test_the_period_comes_from_the_plans_title_when_the_targets_give_none() -> None:
    document = (
        "KẾ HOẠCH\n\nphát triển kinh tế - xã hội 5 năm giai đoạn 2026-2030\n\nII. MỤC TIÊU\n\n"
        "2. Các chỉ tiêu chủ yếu\n\n- Tổng sản phẩm trên địa bàn tăng bình quân 10%/năm.\n"
    )
    data = draft_programme(document).programme()
    assert data["identity"]["period"] == [2026, 2030]
    target = data["indicator_groups"][0]["indicators"][0]["targets"][0]
    assert (target["kind"], target["period"]) == ("average_growth", [2026, 2030])


def test_list_numbers_inside_a_paragraph_cut_it_into_targets() -> None:
    text = (
        "Về kinh tế: (1) Tốc độ tăng trưởng GRDP bình quân giai đoạn 2021 - 2025: từ 7,5 đến 8,0%/năm. "
        "(2) Cơ cấu kinh tế năm 2025: Dịch vụ chiếm từ 65,0 đến 65,5%.(3) Tỷ lệ đô thị hóa từ 60 đến 62%."
    )
    assert [(t.source_text, t.kind, t.comparator) for t in read_item(text, CONTEXT).targets] == [
        (
            "Tốc độ tăng trưởng GRDP bình quân giai đoạn 2021 - 2025: từ 7,5 đến 8,0%/năm",
            "average_growth",
            "range",
        ),
        ("Dịch vụ chiếm từ 65,0 đến 65,5%", "share", "range"),
        ("Tỷ lệ đô thị hóa từ 60 đến 62%", "level", "range"),
    ]


def test_a_structure_gives_shares_and_the_first_sector_falls() -> None:
    text = "Cơ cấu GRDP đến cuối nhiệm kỳ khu vực I là 33%, khu vực II 26%, khu vực III từ 37% trở lên."
    assert [(t.kind, t.comparator, t.low, t.high) for t in read_item(text, CONTEXT).targets] == [
        ("share", "at_most", None, 33),
        ("share", "at_least", 26, None),
        ("share", "at_least", 37, None),
    ]


GOVERNMENT_RESOLUTION = """CHÍNH PHỦ

Số: 14/NQ-CP

Hà Nội, ngày 08 tháng 02 năm 2023

NGHỊ QUYẾT

BAN HÀNH CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ THỰC HIỆN NGHỊ QUYẾT SỐ 30-NQ/TW NGÀY 23 THÁNG 11 NĂM 2022

Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;

I. MỤC TIÊU

2. Mục tiêu cụ thể đến năm 2030

a) Tốc độ tăng trưởng kinh tế bình quân giai đoạn 2021 - 2030 đạt khoảng 9%/năm.

II. NHIỆM VỤ, GIẢI PHÁP

1. Hoàn thiện thể chế

Xây dựng cơ chế điều phối vùng, hoàn thành trong Quý II/2023.

III. TỔ CHỨC THỰC HIỆN

1. Bộ Kế hoạch và Đầu tư chủ trì, phối hợp với các bộ, ngành theo dõi, đôn đốc; định kỳ hằng năm báo cáo Thủ \
tướng Chính phủ trước ngày 15 tháng 12.

TM. CHÍNH PHỦ
THỦ TƯỚNG

Phạm Minh Chính
"""


def test_a_government_resolution_drafts_its_header_task_deadline_and_reporting_duty() -> None:
    draft = draft_programme(GOVERNMENT_RESOLUTION)
    data = draft.programme()
    identity = data["identity"]
    assert (identity["issuer"], identity["issuer_kind"], identity["number"], identity["date"]) == (
        "Chính phủ",
        "state",
        "14/NQ-CP",
        "2023-02-08",
    )
    assert identity["implements"] == "30-NQ/TW"
    assert identity["title"].startswith("Nghị quyết ban hành chương trình hành động của chính phủ thực hiện")
    assert identity["signed_by"] == {"title": "TM. CHÍNH PHỦ, THỦ TƯỚNG", "name": "Phạm Minh Chính"}
    assert "tên văn bản viết hoa; chữ hoa của tên riêng cần kiểm tra" in draft.notes["identity"].reasons
    task = data["task_groups"][0]["tasks"][0]
    assert (task["code"], task["kind"], task["due"]) == ("II.1.1", "one_off", "2023-06")
    assignment = draft.items("assignments")[0]
    assert draft.note_of(assignment).details == ("báo cáo: hằng năm, trước ngày 15/12",)
    parse_programme(draft.to_yaml())
