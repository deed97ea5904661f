"""The explanation sentences of the progress engine, pinned whole in both languages.

Kept apart from the engine's behaviour tests so that they are easy to adjust when the wording changes.
Each figure in a sentence is worked out by hand in the comment above it.
"""

from __future__ import annotations

from typing import Any

import pytest

from nqtrack.domain.progress import Method, SeriesKind, Status, assess
from nqtrack.domain.progress.text import unit_words
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind

K, C, D = TargetKind, Comparator, Direction

CASES: list[tuple[str, Target, dict[int, float], dict[str, Any], Status, str, str]] = [
    (
        # 35 → 35,5 in 2 years: 0,71 %/yr; 35 → 37 over 10 years needs 0,56 %/yr (ratio 128 %);
        # 35,5 × 1,0071^8 = 37,57; (37 / 35,5)^(1/8) − 1 = 0,52 %/yr
        "level on track",
        Target(K.LEVEL, C.AT_LEAST, 37.0, None, year=2030, unit="percent"),
        {2020: 35.0, 2022: 35.5},
        {},
        Status.ON_TRACK,
        "Đúng hướng, có khả năng đạt: năm 2022 đạt 35,5%, mục tiêu từ 37% trở lên vào năm 2030; từ năm 2020 "
        "(35%) bình quân tăng 0,71%/năm, bằng 128% tốc độ cần thiết (tăng 0,56%/năm), theo đà này năm 2030 "
        "đạt khoảng 37,57%; từ nay cần tăng 0,52%/năm đến năm 2030.",
        "On track: 35.5% in 2022 against a target of at least 37% by 2030; since 2020 (35%) it grew 0.71% a "
        "year, 128% of the pace needed (growth of 0.56% a year), and at that pace it would be about 37.57% "
        "in "
        "2030; from now on it needs growth of 0.52% a year to 2030.",
    ),
    (
        # 38 − 37 = 1 above the bar; 38 × (38 / 35)^(8/2) = 52,80
        "level achieved",
        Target(K.LEVEL, C.AT_LEAST, 37.0, None, year=2030, unit="percent"),
        {2020: 35.0, 2022: 38.0},
        {},
        Status.ACHIEVED,
        "Đã đạt: năm 2022 đạt 38%, mục tiêu từ 37% trở lên vào năm 2030; cao hơn mức cần đạt 1,00%; theo xu "
        "hướng từ năm 2020, năm 2030 đạt khoảng 52,80%.",
        "Achieved: 38% in 2022 against a target of at least 37% by 2030; 1.00% above the bar; on its trend "
        "since 2020 it would be about 52.80% in 2030.",
    ),
    (
        "level missed at its deadline",
        Target(K.LEVEL, C.AT_LEAST, 37.0, None, year=2022, unit="percent"),
        {2020: 35.0, 2022: 36.0},
        {},
        Status.NOT_ACHIEVED,
        "Không đạt: năm 2022 đạt 36%, mục tiêu từ 37% trở lên vào năm 2022.",
        "Not achieved: 36% in 2022 against a target of at least 37% by 2022.",
    ),
    (
        "more than, met late",
        Target(K.LEVEL, C.MORE_THAN, 90.0, None, year=2022, unit="percent"),
        {2020: 80.0, 2022: 89.0, 2023: 91.0},
        {},
        Status.NOT_ACHIEVED,
        "Không đạt: năm 2022 đạt 89%, mục tiêu trên 90% vào năm 2022; đạt muộn, năm 2023: 91%.",
        "Not achieved: 89% in 2022 against a target of more than 90% by 2022; met late, in 2023: 91%.",
    ),
    (
        # 3 → 2,5: −8,71 %/yr; 3 → 1,5 over 10 years: −6,70 %/yr (ratio 130 %); 2,5 × 0,9129^8 = 1,21;
        # (1 / 2,5)^(1/8) − 1 = −10,82 %, (1,5 / 2,5)^(1/8) − 1 = −6,19 %
        "lower-is-better range",
        Target(K.LEVEL, C.RANGE, 1.0, 1.5, year=2030, unit="percent", direction=D.LOWER),
        {2020: 3.0, 2022: 2.5},
        {},
        Status.ON_TRACK,
        "Đúng hướng, có khả năng đạt: năm 2022 đạt 2,5%, mục tiêu 1–1,5% vào năm 2030; từ năm 2020 (3%) bình "
        "quân giảm 8,71%/năm, bằng 130% tốc độ cần thiết (giảm 6,70%/năm), theo đà này năm 2030 đạt khoảng "
        "1,21%; từ nay cần giảm 6,19–10,82%/năm đến năm 2030.",
        "On track: 2.5% in 2022 against a target of 1–1.5% by 2030; since 2020 (3%) it fell 8.71% a year, "
        "130% "
        "of the pace needed (a fall of 6.70% a year), and at that pace it would be about 1.21% in 2030; from "
        "now on it needs a fall of 6.19–10.82% a year to 2030.",
    ),
    (
        # 1 → 1,2: +9,54 %/yr; 1,2 × 1,0954^8 = 2,49 > 2
        "at most, met but at risk",
        Target(K.LEVEL, C.AT_MOST, None, 2.0, year=2030, unit="percent"),
        {2020: 1.0, 2022: 1.2},
        {},
        Status.AT_RISK,
        "Đã đạt nhưng có nguy cơ không giữ được: năm 2022 đạt 1,2%, mục tiêu không quá 2% vào năm 2030; thấp "
        "hơn mức cần đạt 0,80%; theo xu hướng từ năm 2020, năm 2030 chỉ còn khoảng 2,49%, không giữ được mục "
        "tiêu.",
        "Met, but at risk of slipping: 1.2% in 2022 against a target of at most 2% by 2030; 0.80% below the "
        "bar; on its trend since 2020 it would be only about 2.49% in 2030, losing the target.",
    ),
    (
        # 500 → 450: −5,13 %/yr; 450 × 0,9487^8 = 295; (640 / 450)^(1/8) − 1 = 4,50 %
        "moving away, in billions",
        Target(K.LEVEL, C.AT_LEAST, 640.0, None, year=2030, unit="billion_vnd"),
        {2020: 500.0, 2022: 450.0},
        {},
        Status.MOVING_AWAY,
        "Đi ngược mục tiêu: năm 2022 đạt 450 tỷ đồng, mục tiêu từ 640 tỷ đồng trở lên vào năm 2030; từ năm "
        "2020 (500 tỷ đồng) bình quân giảm 5,13%/năm, ngược chiều với yêu cầu, theo đà này năm 2030 đạt "
        "khoảng "
        "295 tỷ đồng; từ nay cần tăng 4,50%/năm đến năm 2030.",
        "Moving away from the target: 450 billion VND in 2022 against a target of at least 640 billion VND "
        "by "
        "2030; since 2020 (500 billion VND) it fell 5.13% a year, the opposite way to what is needed, and at "
        "that pace it would be about 295 billion VND in 2030; from now on it needs growth of 4.50% a year to "
        "2030.",
    ),
    (
        # projected 36 × 1,0142^8 = 40,29: a gain of 5,29 over the 2 needed = 265 %
        "projection method",
        Target(K.LEVEL, C.AT_LEAST, 37.0, None, year=2030, unit="percent"),
        {2020: 35.0, 2022: 36.0},
        {"method": Method.PROJECTION},
        Status.ON_TRACK,
        "Đúng hướng, có khả năng đạt: năm 2022 đạt 36%, mục tiêu từ 37% trở lên vào năm 2030; từ năm 2020 "
        "(35%) bình quân tăng 1,42%/năm, bằng 265% mức thay đổi cần có, theo đà này năm 2030 đạt khoảng "
        "40,29%; từ nay cần tăng 0,34%/năm đến năm 2030.",
        "On track: 36% in 2022 against a target of at least 37% by 2030; since 2020 (35%) it grew 1.42% a "
        "year, 265% of the change needed, and at that pace it would be about 40.29% in 2030; from now on it "
        "needs growth of 0.34% a year to 2030.",
    ),
    (
        # 608 = 640 × 0,95; (608 / 500)^(1/10) − 1 = 1,97 %; (608 / 600)^(1/8) − 1 = 0,17 %
        "about, with a stated tolerance",
        Target(K.LEVEL, C.ABOUT, 640.0, None, year=2030, unit="billion_vnd", tolerance=0.05),
        {2020: 500.0, 2022: 600.0},
        {},
        Status.ON_TRACK,
        "Đúng hướng, có khả năng đạt: năm 2022 đạt 600 tỷ đồng, mục tiêu khoảng 640 tỷ đồng (tính từ 608 tỷ "
        "đồng: dung sai 5%) vào năm 2030; từ năm 2020 (500 tỷ đồng) bình quân tăng 9,54%/năm, bằng 483% "
        "tốc độ "
        "cần thiết (tăng 1,97%/năm), theo đà này năm 2030 đạt khoảng 1.244 tỷ đồng; từ nay cần tăng "
        "0,17%/năm "
        "đến năm 2030.",
        "On track: 600 billion VND in 2022 against a target of about 640 billion VND (counted from 608 "
        "billion "
        "VND: a tolerance of 5%) by 2030; since 2020 (500 billion VND) it grew 9.54% a year, 483% of the "
        "pace "
        "needed (growth of 1.97% a year), and at that pace it would be about 1,244 billion VND in 2030; from "
        "now on it needs growth of 0.17% a year to 2030.",
    ),
    (
        # 100 → 110,25 in 2 years: 5 %/yr; (1,08^5 / 1,1025)^(1/3) − 1 = 10,05 %; with 9 %: 11,75 %
        "average growth range",
        Target(K.AVERAGE_GROWTH, C.RANGE, 8.0, 9.0, period=(2021, 2025)),
        {2020: 100.0, 2022: 110.25},
        {},
        Status.NEEDS_ACCELERATION,
        "Cần đẩy nhanh: tăng trưởng bình quân 2021–2022 đạt 5,00%/năm, mục tiêu 8–9%/năm cho thời kỳ "
        "2021–2025; những năm còn lại mỗi năm cần tăng 10,05%/năm để cả thời kỳ đạt 8,00% và 11,75%/năm để "
        "cả thời kỳ đạt 9,00%.",
        "Needs acceleration: average growth 2021–2022 was 5.00% a year against a target of 8–9% a year for "
        "2021–2025; each remaining year now needs 10.05% a year to average 8.00% and 11.75% a year to "
        "average "
        "9.00%.",
    ),
    (
        # base 2019 before the period: 100 → 121 in 2 years = 10 %/yr; the period stays 2021–2025;
        # (1,07^6 / 1,21)^(1/4) − 1 = 5,53 %
        "average growth from a base year before the period",
        Target(K.AVERAGE_GROWTH, C.AT_LEAST, 7.0, None, period=(2021, 2025), base_year=2019),
        {2019: 100.0, 2021: 121.0},
        {},
        Status.ON_TRACK,
        "Đúng hướng, có khả năng đạt: tăng trưởng bình quân 2020–2021 đạt 10,00%/năm, mục tiêu từ 7% trở "
        "lên/năm cho thời kỳ 2021–2025; những năm còn lại mỗi năm cần tăng 5,53%/năm để cả thời kỳ đạt "
        "7,00%.",
        "On track: average growth 2020–2021 was 10.00% a year against a target of at least 7% a year for "
        "2021–2025; each remaining year now needs 5.53% a year to average 7.00%.",
    ),
    (
        # (1,08 × 1,06 × 1,07 × 1,075 × 1,07)^(1/5) − 1 = 7,10 %
        "average growth over, from yearly rates",
        Target(K.AVERAGE_GROWTH, C.AT_LEAST, 7.0, None, period=(2021, 2025)),
        {2021: 8.0, 2022: 6.0, 2023: 7.0, 2024: 7.5, 2025: 7.0},
        {"series_kind": SeriesKind.GROWTH_RATE},
        Status.ACHIEVED,
        "Đã đạt: tăng trưởng bình quân 2021–2025 đạt 7,10%/năm, mục tiêu từ 7% trở lên/năm cho thời kỳ "
        "2021–2025.",
        "Achieved: average growth 2021–2025 was 7.10% a year against a target of at least 7% a year for "
        "2021–2025.",
    ),
    (
        # 4 → 3 in 2 years: 0,5 points/yr; floored bar 4 / 5 = 0,8; min((1 × 5 − 1) / 3, 3 / 3) = 1
        "annual fall of a rate, floored at zero",
        Target(K.ANNUAL_CHANGE, C.RANGE, 1.0, 1.5, period=(2021, 2025), direction=D.LOWER),
        {2020: 4.0, 2022: 3.0},
        {},
        Status.NEEDS_ACCELERATION,
        "Cần đẩy nhanh: từ năm 2020 (4%) đến năm 2022 (3%) bình quân mỗi năm giảm 0,50 điểm, mục tiêu giảm "
        "1–1,5 điểm %/năm đến năm 2025; những năm còn lại mỗi năm cần giảm 1,00 điểm (tỷ lệ năm 2020 là "
        "4% "
        "và không thể xuống dưới 0, nên trong 5 năm chỉ có thể giảm nhiều nhất 4,00 điểm, tức bình quân 0,80 "
        "điểm/năm; mức này được dùng làm ngưỡng đánh giá).",
        "Needs acceleration: from 2020 (4%) to 2022 (3%) it fell 0.50 points a year on average, against a "
        "target of a fall of 1–1.5 points a year to 2025; each remaining year now needs a fall of 1.00 "
        "points "
        "(the rate was 4% in 2020 and cannot go below 0, so over 5 years it can fall by at most 4.00 "
        "points, "
        "0.80 points a year on average; that is the bar used).",
    ),
    (
        # 50 → 53: 1,5 points/yr; (2 × 5 − 3) / 3 = 2,33
        "annual rise",
        Target(K.ANNUAL_CHANGE, C.AT_LEAST, 2.0, None, period=(2021, 2025)),
        {2020: 50.0, 2022: 53.0},
        {},
        Status.NEEDS_ACCELERATION,
        "Cần đẩy nhanh: từ năm 2020 (50%) đến năm 2022 (53%) bình quân mỗi năm tăng 1,50 điểm, mục tiêu tăng "
        "từ 2 điểm % trở lên/năm đến năm 2025; những năm còn lại mỗi năm cần tăng 2,33 điểm.",
        "Needs acceleration: from 2020 (50%) to 2022 (53%) it rose 1.50 points a year on average, against a "
        "target of a rise of at least 2 points a year to 2025; each remaining year now needs a rise of 2.33 "
        "points.",
    ),
    (
        "one figure only",
        Target(K.LEVEL, C.AT_LEAST, 37.0, None, year=2030, unit="percent"),
        {2020: 35.0},
        {},
        Status.INSUFFICIENT_DATA,
        "Năm 2020: 35%, chưa đạt 37%; chưa đủ số liệu để đánh giá xu hướng.",
        "2020: 35%, short of 37%; not enough figures to judge a trend.",
    ),
    (
        "counts of district-level units against districts",
        Target(K.LEVEL, C.AT_LEAST, 10.0, None, year=2030, unit="districts"),
        {2020: 5.0, 2022: 6.0},
        {"series_unit": "count"},
        Status.INSUFFICIENT_DATA,
        "Chưa đủ số liệu: số liệu đếm các đơn vị hành chính cấp huyện (có thể gồm cả thành phố, thị xã), còn "
        "mục tiêu đếm số huyện; chưa biết trong số liệu có bao nhiêu huyện nên không so sánh được.",
        "Not enough data: the figures are a number of district-level units (which may include the city and "
        "towns) while the target is a number of districts (huyện); how many of those units are districts is "
        "not known, so they cannot be compared.",
    ),
    (
        "a range written backwards",
        Target(K.LEVEL, C.RANGE, 17.0, 16.0, year=2030, unit="percent"),
        {2020: 5.0, 2022: 6.0},
        {},
        Status.INSUFFICIENT_DATA,
        "Chưa đủ số liệu: mục tiêu không hợp lệ: cận dưới lớn hơn cận trên.",
        "Not enough data: invalid target: low bound above high bound.",
    ),
]


@pytest.mark.parametrize(
    ("target", "series", "options", "status", "vi", "en"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_the_explanation_is_one_exact_sentence_per_language(
    target: Target, series: dict[int, float], options: dict[str, Any], status: Status, vi: str, en: str
) -> None:
    found = assess(target, series, **options)
    assert (found.status, found.explanation_vi, found.explanation_en) == (status, vi, en)


def test_an_unknown_unit_is_named_in_words_not_by_its_code() -> None:
    assert (unit_words("furlong", 0), unit_words("furlong", 1)) == ("một đơn vị khác", "another unit")
    assert (unit_words("districts", 0), unit_words("districts", 1)) == (
        "số huyện",
        "a number of districts (huyện)",
    )
