"""A whole party programme drafted end to end: header, preamble, purposes, general objective with the
ranks it sets, targets, vision, tasks, assignments and signature, pinned whole."""

from __future__ import annotations

from typing import Any

from nqtrack.domain.drafting import draft_programme
from nqtrack.domain.programme import parse_programme
from tests.domain.test_drafting import GOVERNMENT_RESOLUTION

DOCUMENT = """\
TỈNH ỦY BẮC GIANG

Số 17-CTr/TU

Bắc Giang, ngày 05 tháng 5 năm 2022

CHƯƠNG TRÌNH HÀNH ĐỘNG thực hiện Nghị quyết số 11-NQ/TW ngày 10/02/2022 của Bộ Chính trị

Căn cứ Nghị quyết số 11-NQ/TW, Ban Thường vụ Tỉnh ủy Bắc Giang ban hành Chương trình hành động.

I. MỤC ĐÍCH, YÊU CẦU

1. Quán triệt sâu sắc Nghị quyết.

II. MỤC TIÊU

1. Mục tiêu tổng quát

Đến năm 2025, quy mô GRDP tỉnh Bắc Giang đứng trong nhóm 15 tỉnh dẫn đầu cả nước; thu nhập bình quân
thuộc nhóm 20 tỉnh.

2. Chỉ tiêu cụ thể đến năm 2030

- Tỷ lệ che phủ rừng đạt 37%.
- Quy mô GRDP giai đoạn 2021-2030 tăng bình quân 8%/năm.
- Cơ cấu kinh tế: công nghiệp chiếm 60% (trong đó công nghiệp chế biến chiếm 40%).

3. Tầm nhìn đến năm 2045

Bắc Giang trở thành tỉnh công nghiệp hiện đại.

III. NHIỆM VỤ, GIẢI PHÁP

1. Phát triển công nghiệp

Xây dựng khu công nghiệp.

IV. TỔ CHỨC THỰC HIỆN

1. Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính theo dõi:
+ hoàn thành kế hoạch trong tháng 9/2022.

Nơi nhận:

- Như trên

T/M BAN THƯỜNG VỤ
BÍ THƯ

Tôn Nữ Thị Thu Hà
"""

EXPECTED: dict[str, Any] = {
    "format": "nqtrack-programme/1",
    "code": "bac-giang-11-nqtw",
    "identity": {
        "title": "Chương trình hành động thực hiện Nghị quyết số 11-NQ/TW ngày 10/02/2022 của Bộ Chính trị",
        "short_title": "Chương trình hành động thực hiện Nghị quyết số 11-NQ/TW",
        "issuer": "Tỉnh ủy Bắc Giang",
        "issuer_kind": "party",
        "number": "17-CTr/TU",
        "date": "2022-05-05",
        "implements": "11-NQ/TW",
        "province_code": "24",
        "period": [2021, 2030],
        "signed_by": {"title": "T/M BAN THƯỜNG VỤ, BÍ THƯ", "name": "Tôn Nữ Thị Thu Hà"},
    },
    "preamble": "Căn cứ Nghị quyết số 11-NQ/TW, Ban Thường vụ Tỉnh ủy Bắc Giang ban hành Chương trình hành "
    "động.",
    "purposes": [{"number": 1, "text": "Quán triệt sâu sắc Nghị quyết."}],
    "general_objective": [
        "Đến năm 2025, quy mô GRDP tỉnh Bắc Giang đứng trong nhóm 15 tỉnh dẫn đầu cả nước; "
        "thu nhập bình quân thuộc nhóm 20 tỉnh."
    ],
    "vision": {"year": 2045, "text": "Bắc Giang trở thành tỉnh công nghiệp hiện đại."},
    "indicator_groups": [
        {
            "number": 1,
            "text": "Tỷ lệ che phủ rừng đạt 37%.",
            "indicators": [
                {
                    "code": "ty_le_che_phu_rung",
                    "name": "Tỷ lệ che phủ rừng",
                    "unit": "percent",
                    "direction": "higher",
                    "targets": [
                        {
                            "code": "ty_le_che_phu_rung_2030",
                            "kind": "level",
                            "comparator": "at_least",
                            "low": 37,
                            "year": 2030,
                            "source_text": "Tỷ lệ che phủ rừng đạt 37%",
                        }
                    ],
                }
            ],
        },
        {
            "number": 2,
            "text": "Quy mô GRDP giai đoạn 2021-2030 tăng bình quân 8%/năm.",
            "indicators": [
                {
                    "code": "quy_mo_grdp",
                    "name": "Quy mô GRDP",
                    "unit": "percent_per_year",
                    "direction": "higher",
                    "targets": [
                        {
                            "code": "quy_mo_grdp_2021_2030",
                            "kind": "average_growth",
                            "comparator": "at_least",
                            "low": 8,
                            "period": [2021, 2030],
                            "source_text": "Quy mô GRDP giai đoạn 2021-2030 tăng bình quân 8%/năm",
                        }
                    ],
                }
            ],
            "milestones": [
                {
                    "code": "thu_nhap_binh_quan_thuoc_nhom_20",
                    "text": "thu nhập bình quân thuộc nhóm 20 tỉnh",
                    "due": "2025",
                    "kind": "ranking",
                },
                {
                    "code": "quy_mo_grdp_tinh_bac_giang_dung",
                    "text": "quy mô GRDP tỉnh Bắc Giang đứng trong nhóm 15 tỉnh dẫn đầu cả nước",
                    "due": "2025",
                    "kind": "ranking",
                },
            ],
        },
        {
            "number": 3,
            "text": "Cơ cấu kinh tế: công nghiệp chiếm 60% (trong đó công nghiệp chế biến chiếm 40%).",
            "indicators": [
                {
                    "code": "cong_nghiep",
                    "name": "Công nghiệp",
                    "unit": "percent",
                    "direction": "higher",
                    "targets": [
                        {
                            "code": "cong_nghiep_2030",
                            "kind": "share",
                            "comparator": "at_least",
                            "low": 60,
                            "year": 2030,
                            "source_text": "công nghiệp chiếm 60%",
                        }
                    ],
                },
                {
                    "code": "cong_nghiep_che_bien",
                    "name": "Công nghiệp chế biến",
                    "unit": "percent",
                    "direction": "higher",
                    "targets": [
                        {
                            "code": "cong_nghiep_che_bien_2030",
                            "kind": "share",
                            "comparator": "at_least",
                            "low": 40,
                            "year": 2030,
                            "part_of": "cong_nghiep_2030",
                            "source_text": "trong đó công nghiệp chế biến chiếm 40%",
                        }
                    ],
                },
            ],
        },
    ],
    "task_groups": [
        {
            "number": 1,
            "title": "Phát triển công nghiệp",
            "tasks": [{"code": "III.1.1", "text": "Xây dựng khu công nghiệp.", "kind": "recurring"}],
        }
    ],
    "assignments": [
        {
            "number": 1,
            "text": "Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính theo dõi:",
            "lead": ["so_ke_hoach_va_dau_tu"],
            "cooperating": ["so_tai_chinh"],
            "recurring": True,
        },
        {
            "number": 2,
            "text": "hoàn thành kế hoạch trong tháng 9/2022.",
            "lead": [],
            "cooperating": [],
            "due": "2022-09",
            "recurring": False,
        },
    ],
    "organisations": [
        {"code": "so_ke_hoach_va_dau_tu", "name": "Sở Kế hoạch và Đầu tư", "kind": "state", "parent": None},
        {"code": "so_tai_chinh", "name": "Sở Tài chính", "kind": "state", "parent": None},
    ],
    "documents": [
        {
            "code": "11-NQ/TW",
            "kind": "Nghị quyết",
            "number": "11-NQ/TW",
            "date": "2022-02-10",
            "issuer": "Bộ Chính trị",
            "title": "Nghị quyết số 11-NQ/TW ngày 10/02/2022 của Bộ Chính trị",
        }
    ],
}


def test_a_party_programme_is_drafted_whole() -> None:
    draft = draft_programme(DOCUMENT)
    assert draft.programme() == EXPECTED
    assert {key: note.reasons for key, note in draft.notes.items() if note.reasons} == {
        "target:cong_nghiep_che_bien_2030": ("so sánh lấy theo chỉ tiêu chứa nó (at_least)",),
        "assignment:2": ("không tìm thấy cơ quan chủ trì",),
    }
    assert list(draft.notes) == [
        "identity",
        "target:ty_le_che_phu_rung_2030",
        "group:1",
        "target:quy_mo_grdp_2021_2030",
        "group:2",
        "target:cong_nghiep_2030",
        "target:cong_nghiep_che_bien_2030",
        "group:3",
        "milestone:quy_mo_grdp_tinh_bac_giang_dung",
        "milestone:thu_nhap_binh_quan_thuoc_nhom_20",
        "task:III.1.1",
        "assignment:1",
        "assignment:2",
    ]
    assert [m["code"] for m in draft.items("milestones")] == [
        "thu_nhap_binh_quan_thuoc_nhom_20",
        "quy_mo_grdp_tinh_bac_giang_dung",
    ]
    assert [t["code"] for t in draft.items("tasks")] == ["III.1.1"]
    parse_programme(draft.to_yaml())


def test_a_date_in_may_is_no_five_year_plan() -> None:
    # No period is written, so the start is counted back from 2030: nine years, or four for a "5 năm" plan;
    # the "5 năm" of "ngày 05 tháng 5 năm 2022" and of "15 năm" is no plan's length.
    without_span = DOCUMENT.replace(" giai đoạn 2021-2030", "")
    identity = draft_programme(without_span).programme()["identity"]
    assert identity["period"] == [2021, 2030]
    fifteen = without_span.replace("Quán triệt sâu sắc", "Sau 15 năm, quán triệt sâu sắc")
    assert draft_programme(fifteen).programme()["identity"]["period"] == [2021, 2030]
    five = without_span.replace("Quán triệt sâu sắc", "Thực hiện kế hoạch 5 năm, quán triệt sâu sắc")
    assert draft_programme(five).programme()["identity"]["period"] == [2026, 2030]
    assert draft_programme(five).notes["identity"].reasons == ("không rõ năm đầu của giai đoạn",)


def test_a_title_in_capitals_over_four_words_is_doubted_and_a_six_word_line_is_no_signer() -> None:
    capitals = DOCUMENT.replace(
        "CHƯƠNG TRÌNH HÀNH ĐỘNG thực hiện", "CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA TỈNH thực hiện"
    )
    draft = draft_programme(capitals)
    assert draft.programme()["identity"]["title"].startswith(
        "Chương trình hành động của tỉnh thực hiện Nghị quyết"
    )
    assert draft.notes["identity"].reasons == ("tên văn bản viết hoa; chữ hoa của tên riêng cần kiểm tra",)
    six_words = DOCUMENT.replace("Tôn Nữ Thị Thu Hà", "Tôn Nữ Thị Thu Hà Anh")
    assert "signed_by" not in draft_programme(six_words).programme()["identity"]


def test_a_preamble_opening_with_thuc_hien_names_the_standing_committee_that_issues() -> None:
    text = DOCUMENT.replace(
        "Căn cứ Nghị quyết số 11-NQ/TW, Ban Thường vụ Tỉnh ủy Bắc Giang ban hành",
        "Thực hiện Nghị quyết số 11-NQ/TW, Ban Thường vụ Tỉnh ủy ban hành",
    )
    data = draft_programme(text).programme()
    assert (
        data["preamble"]
        == "Thực hiện Nghị quyết số 11-NQ/TW, Ban Thường vụ Tỉnh ủy ban hành Chương trình hành động."
    )
    assert (data["identity"]["issuer"], data["identity"]["issuer_kind"]) == (
        "Ban Thường vụ Tỉnh ủy Bắc Giang",
        "party",
    )
    assert data["code"] == "bac-giang-11-nqtw"


def test_a_national_programme_code_has_no_province() -> None:
    assert draft_programme(GOVERNMENT_RESOLUTION).programme()["code"] == "30-nqtw"


def test_a_target_year_taken_from_nowhere_is_doubted_unless_the_title_gives_it() -> None:
    plan = (
        "KẾ HOẠCH\n\nphát triển kinh tế{}\n\nII. MỤC TIÊU\n\n2. Các chỉ tiêu chủ yếu\n\n"
        "- Tỷ lệ che phủ rừng đạt 37%.\n"
    )
    unstated = draft_programme(plan.format(""))
    assert unstated.notes["target:ty_le_che_phu_rung_2030"].reasons == (
        "không nêu năm; lấy năm cuối của chương trình",
    )
    stated = draft_programme(plan.format(" đến năm 2030"))
    assert stated.notes["target:ty_le_che_phu_rung_2030"].reasons == ()


LIST_ONLY = """\
II. MỤC TIÊU

1. MỤC TIÊU TỔNG QUÁT

Quy mô kinh tế thuộc nhóm 10 tỉnh dẫn đầu, tăng 8%/năm.

2. Chỉ tiêu cụ thể

- 8/9 huyện đạt chuẩn nông thôn mới.
- GRDP bình quân đầu người đạt 9.800 USD (tương đương 230 triệu đồng).

IV. TỔ CHỨC THỰC HIỆN

1. Sở Tài chính chủ trì thực hiện.

Nội dung tiếp theo của nhiệm vụ.

2. Sở Nội vụ chủ trì thực hiện.
"""


def test_a_document_without_a_header_is_drafted_with_what_it_lacks_noted_and_each_item_located() -> None:
    draft = draft_programme(LIST_ONLY)
    data = draft.programme()
    assert (data["identity"]["title"], data["identity"]["issuer"], data["identity"]["province_code"]) == (
        "Chương trình",
        "",
        "",
    )
    assert draft.notes["identity"].reasons == (
        "không tìm thấy tên văn bản",
        "không tìm thấy cơ quan ban hành",
        "không xác định được tỉnh",
        "tên văn bản không nêu văn bản được thực hiện",
        "không rõ năm cuối của các chỉ tiêu",
        "không rõ năm đầu của giai đoạn",
    )
    # the general objective in capitals is no list of targets: its "8%/năm" is no target
    assert data["general_objective"] == ["Quy mô kinh tế thuộc nhóm 10 tỉnh dẫn đầu, tăng 8%/năm."]
    targets = [t for g in data["indicator_groups"] for i in g["indicators"] for t in i["targets"]]
    assert [(t["code"], t.get("out_of"), t.get("equivalent")) for t in targets] == [
        ("so_huyen_dat_chuan_nong_thon_moi_2030", 9, None),
        ("grdp_binh_quan_dau_nguoi_2030", None, {"value": 230, "unit": "million_vnd"}),
    ]
    assert data["indicator_groups"][0]["milestones"] == [
        {
            "code": "quy_mo_kinh_te_thuoc_nhom_10",
            "text": "Quy mô kinh tế thuộc nhóm 10 tỉnh dẫn đầu, tăng 8%/năm",
            "due": "2030",
            "kind": "ranking",
        }
    ]
    # a paragraph without a number continues the assignment before it; the next number starts another
    assert [(a["number"], a["text"], a["lead"]) for a in data["assignments"]] == [
        (1, "Sở Tài chính chủ trì thực hiện.", ["so_tai_chinh"]),
        (2, "Sở Nội vụ chủ trì thực hiện.", ["so_noi_vu"]),
    ]
    assert {key: (note.line, note.span) for key, note in draft.notes.items()} == {
        "identity": (1, (0, 12)),
        "target:so_huyen_dat_chuan_nong_thon_moi_2030": (9, (116, 149)),
        "group:1": (9, (116, 150)),
        "target:grdp_binh_quan_dau_nguoi_2030": (10, (153, 220)),
        "group:2": (10, (153, 221)),
        "milestone:quy_mo_kinh_te_thuoc_nhom_10": (5, (37, 91)),
        "assignment:1": (14, (249, 280)),
        "assignment:2": (18, (319, 347)),
    }
