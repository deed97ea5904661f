"""Drafting at the edges the other drafting tests do not reach: the name of a part a target splits off,
a preamble opening with "Triển khai", tasks written straight under their section's heading, and the
comment of a note with more than one part."""

from __future__ import annotations

from nqtrack.domain.drafting import draft_programme
from tests.domain.test_drafting import GOVERNMENT_RESOLUTION
from tests.domain.test_drafting_programme import DOCUMENT

PLAN = """\
KẾ HOẠCH

phát triển nguồn nhân lực đến năm 2030

II. MỤC TIÊU

2. Các chỉ tiêu chủ yếu

- Lao động qua đào tạo đạt 75%, trong đó có bằng cấp, chứng chỉ đạt 35%.
- Lao động qua đào tạo nghề đạt 60%, trong đó tỷ lệ lao động nữ qua đào tạo nghề đạt 30%.
"""


def test_a_part_is_named_after_its_whole_unless_its_own_name_is_a_measure() -> None:
    # "có bằng cấp, chứng chỉ" is a part of the trained workers: it takes their name before its own;
    # "tỷ lệ lao động nữ …" names its own measure and is kept as written
    groups = draft_programme(PLAN).programme()["indicator_groups"]
    assert [[(i["code"], i["name"], i["unit"]) for i in g["indicators"]] for g in groups] == [
        [
            ("lao_dong_qua_dao_tao", "Lao động qua đào tạo", "percent"),
            (
                "lao_dong_qua_dao_tao_bang_cap_chung",
                "Lao động qua đào tạo bằng cấp, chứng chỉ",
                "percent",
            ),
        ],
        [
            ("lao_dong_qua_dao_tao_nghe", "Lao động qua đào tạo nghề", "percent"),
            (
                "ty_le_lao_dong_nu_qua_dao_tao",
                "Tỷ lệ lao động nữ qua đào tạo nghề",
                "percent",
            ),
        ],
    ]


def test_a_preamble_opening_with_trien_khai_is_the_preamble() -> None:
    text = DOCUMENT.replace(
        "Căn cứ Nghị quyết số 11-NQ/TW, Ban Thường vụ", "Triển khai Nghị quyết số 11-NQ/TW, Ban Thường vụ"
    )
    assert draft_programme(text).programme()["preamble"] == (
        "Triển khai Nghị quyết số 11-NQ/TW, Ban Thường vụ Tỉnh ủy Bắc Giang ban hành Chương trình hành động."
    )


def test_tasks_straight_under_the_section_heading_take_its_title_in_sentence_case() -> None:
    text = DOCUMENT.replace(
        "1. Phát triển công nghiệp\n\nXây dựng khu công nghiệp.", "Xây dựng khu công nghiệp."
    )
    assert draft_programme(text).programme()["task_groups"] == [
        {
            "number": 1,
            "title": "Nhiệm vụ, giải pháp",
            "tasks": [{"code": "III.1.1", "text": "Xây dựng khu công nghiệp.", "kind": "recurring"}],
        }
    ]


def test_a_note_comment_joins_its_source_doubts_and_details_with_semicolons() -> None:
    draft = draft_programme(DOCUMENT)
    comment = "nguồn: dòng 41, ký tự 926–965; CHƯA CHẮC: không tìm thấy cơ quan chủ trì"
    assert draft.notes["assignment:2"].comment() == comment
    assert f"  # {comment}" in draft.to_yaml().splitlines()
    reporting = draft_programme(GOVERNMENT_RESOLUTION).notes["assignment:1"]
    assert reporting.comment() == "nguồn: dòng 27, ký tự 501–646; báo cáo: hằng năm, trước ngày 15/12"
