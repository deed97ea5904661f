"""Targets read from running text: the year a sentence carries, a part "trong đó", the doubts noted."""

from __future__ import annotations

from typing import Any

import pytest

from nqtrack.domain.drafting.targets import Context, read_item, read_ranking_milestones

CONTEXT = Context(2030, (2021, 2030))


def _targets(text: str) -> list[tuple[Any, ...]]:
    return [
        (t.name, t.kind, t.low, t.high, t.year, t.period, t.parent, t.doubts)
        for t in read_item(text, CONTEXT).targets
    ]


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        # a clause without figures keeps the year the sentence gave
        (
            "Đến năm 2025, tỷ lệ che phủ rừng đạt 37%; tiếp tục phát triển rừng; tỷ lệ hộ nghèo dưới 2%.",
            [
                ("Tỷ lệ che phủ rừng", "level", 37.0, None, 2025, None, None, []),
                ("Tỷ lệ hộ nghèo", "level", None, 2.0, 2025, None, None, []),
            ],
        ),
        # the year of a milestone is the milestone's, not the next clause's
        (
            "Đến năm 2025 huyện Sơn Động thoát nghèo; tỷ lệ hộ nghèo dưới 2%.",
            [("Tỷ lệ hộ nghèo", "level", None, 2.0, 2030, None, None, [])],
        ),
        (
            "Công nghiệp chiếm 60%, trong đó công nghiệp chế biến chiếm 40%.",
            [
                ("Công nghiệp", "share", 60.0, None, 2030, None, None, []),
                ("Công nghiệp chế biến", "share", 40.0, None, 2030, None, 0, []),
            ],
        ),
        (
            "Thu ngân sách tăng bình quân 12%/năm.",
            [
                (
                    "Thu ngân sách",
                    "average_growth",
                    12.0,
                    None,
                    None,
                    (2021, 2030),
                    None,
                    ["không nêu giai đoạn; lấy giai đoạn của chương trình"],
                )
            ],
        ),
        (
            "Thu ngân sách giai đoạn 2021-2025 tăng bình quân 12%/năm.",
            [("Thu ngân sách", "average_growth", 12.0, None, None, (2021, 2025), None, [])],
        ),
        # a figure after the parenthesis of an equivalent is still one of the piece's figures
        (
            "Thu nhập bình quân đầu người đạt 80 triệu đồng (tương đương 3.300 USD) gấp 2 lần (giá hiện "
            "hành).",
            [
                (
                    "Thu nhập bình quân đầu người",
                    "level",
                    80.0,
                    None,
                    2030,
                    None,
                    None,
                    ["đoạn có nhiều số; lấy số đầu tiên"],
                )
            ],
        ),
        (
            "Tỷ lệ che phủ rừng đạt 37% gồm 38 ha.",
            [
                (
                    "Tỷ lệ che phủ rừng",
                    "level",
                    37.0,
                    None,
                    2030,
                    None,
                    None,
                    ["đoạn có nhiều số; lấy số đầu tiên"],
                )
            ],
        ),
    ],
)
def test_a_sentence_gives_its_targets_with_their_years_parts_and_doubts(
    text: str, targets: list[tuple[Any, ...]]
) -> None:
    assert _targets(text) == targets


def test_a_milestone_without_a_date_takes_the_programmes_last_year_and_says_so_when_unstated() -> None:
    text = "huyện Sơn Động thoát khỏi tình trạng nghèo"
    unstated = Context(2030, (2021, 2030), year_stated=False)
    assert [(m.text, m.due, m.kind, m.doubts) for m in read_item(text, unstated).milestones] == [
        (text, "2030", "poverty_exit", ["không nêu thời hạn; lấy năm cuối của chương trình"])
    ]
    assert [(m.due, m.doubts) for m in read_item(text, CONTEXT).milestones] == [("2030", [])]


def test_the_ranks_of_a_general_objective_are_dated_by_their_sentence() -> None:
    text = (
        "Đến năm 2025, quy mô GRDP đứng trong nhóm 15 tỉnh dẫn đầu cả nước; thu nhập bình quân thuộc nhóm 10 "
        "tỉnh. Chỉ số PCI thuộc nhóm 20 tỉnh"
    )
    assert [(m.text, m.source, m.due, m.kind) for m in read_ranking_milestones(text, CONTEXT)] == [
        ("quy mô GRDP đứng trong nhóm 15 tỉnh dẫn đầu cả nước", (14, 65), "2025", "ranking"),
        ("thu nhập bình quân thuộc nhóm 10 tỉnh", (67, 104), "2025", "ranking"),
        ("Chỉ số PCI thuộc nhóm 20 tỉnh", (106, 135), "2030", "ranking"),
    ]
