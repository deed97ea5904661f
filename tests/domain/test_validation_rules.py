"""Validation rules: each kind, its severity and its Vietnamese message with the numbers (no database)."""

from __future__ import annotations

from nqtrack.domain.validation import (
    IndicatorFacts,
    JumpMode,
    Rule,
    RuleKind,
    Severity,
    check_value,
    default_rules,
    merge_rules,
    refusals,
)

NAMES = {
    "forest_cover": "Tỷ lệ che phủ rừng",
    "a": "Công nghiệp - xây dựng",
    "b": "Nông nghiệp",
    "c": "Dịch vụ",
    "grdp": "GRDP",
    "per_head": "GRDP bình quân đầu người",
    "population": "Dân số",
}


def test_a_percentage_is_kept_within_0_and_100_and_a_count_not_negative() -> None:
    rules = default_rules(
        [
            IndicatorFacts("forest_cover", "Tỷ lệ che phủ rừng", "percent"),
            IndicatorFacts("poor", "Hộ nghèo", "households"),
        ]
    )
    [above] = check_value(
        rules, indicator="forest_cover", year=2024, annual=True, value=120.5, values={}, names=NAMES
    )
    assert (above.severity, above.message_vi) == (
        Severity.BLOCK,
        "Giá trị 120,5 lớn hơn mức cao nhất cho phép (100) của “Tỷ lệ che phủ rừng”.",
    )
    [below] = check_value(rules, indicator="poor", year=2024, annual=True, value=-3, values={})
    assert below.message_vi == "Giá trị -3 nhỏ hơn mức thấp nhất cho phép (0) của “poor”."
    assert check_value(rules, indicator="forest_cover", year=2024, annual=True, value=37.8, values={}) == []


def test_a_growth_rate_in_percent_may_be_negative() -> None:
    rules = default_rules([IndicatorFacts("grdp_growth", "Tăng trưởng", "percent", is_rate=True)])
    assert check_value(rules, indicator="grdp_growth", year=2020, annual=True, value=-2.5, values={}) == []


def test_shares_must_add_up_to_100_once_all_are_there() -> None:
    rules = default_rules([], share_sets=[("a", "b", "c")])
    partial = {("a", 2022): 60.0, ("b", 2022): 15.0}
    assert check_value(rules, indicator="b", year=2022, annual=True, value=15.0, values=partial) == []
    full = {**partial, ("c", 2022): 22.3}
    [finding] = check_value(
        rules, indicator="c", year=2022, annual=True, value=22.3, values=full, names=NAMES
    )
    assert finding.severity is Severity.COMMENT
    assert finding.message_vi == (
        "Tổng tỷ trọng năm 2022 (Công nghiệp - xây dựng, Nông nghiệp, Dịch vụ) là 97,3%, lệch 2,7 "
        "điểm % so với "
        "100% (cho phép ±1)."
    )
    assert refusals([finding], has_comment=False) == [finding]
    assert refusals([finding], has_comment=True) == []


def test_grdp_is_about_per_head_times_population() -> None:
    rules = default_rules([], products=[("grdp", "per_head", "population", 0.001)])
    values = {("grdp", 2024): 207000.0, ("per_head", 2024): 100.0, ("population", 2024): 1900000.0}
    [finding] = check_value(
        rules, indicator="grdp", year=2024, annual=True, value=207000, values=values, names=NAMES
    )
    assert finding.severity is Severity.WARN
    assert finding.message_vi == (
        "“GRDP” năm 2024 là 207.000, nhưng “GRDP bình quân đầu người” × “Dân số” cho 190.000 (lệch "
        "8,9%, cho phép ±5%)."
    )
    values[("grdp", 2024)] = 195000.0
    assert check_value(rules, indicator="grdp", year=2024, annual=True, value=195000, values=values) == []


def test_a_jump_from_the_year_before_is_flagged_for_follow_up() -> None:
    rules = default_rules(
        [IndicatorFacts("poor", "Hộ nghèo", "households"), IndicatorFacts("forest_cover", "Rừng", "percent")]
    )
    [relative] = check_value(
        rules, indicator="poor", year=2024, annual=True, value=16000, values={("poor", 2023): 10000.0}
    )
    assert (relative.severity, relative.followup) == (Severity.WARN, True)
    assert relative.message_vi == (
        "Giá trị 16.000 năm 2024 thay đổi 60,0% so với năm 2023 (10.000), vượt ngưỡng 50%: cần kiểm tra lại."
    )
    [points] = check_value(
        rules,
        indicator="forest_cover",
        year=2024,
        annual=True,
        value=49.0,
        values={("forest_cover", 2023): 37.8},
    )
    assert points.message_vi == (
        "Giá trị 49 năm 2024 thay đổi 11,2 điểm % so với năm 2023 (37,8), vượt ngưỡng 10 điểm %: cần "
        "kiểm tra lại."
    )
    assert (
        check_value(
            rules, indicator="poor", year=2024, annual=False, value=16000, values={("poor", 2023): 1.0}
        )
        == []
    )


def test_a_configured_rule_replaces_the_default_or_switches_it_off() -> None:
    defaults = default_rules([IndicatorFacts("forest_cover", "Rừng", "percent")])
    stricter = Rule("bounds:forest_cover", RuleKind.BOUNDS, ("forest_cover",), Severity.COMMENT, 30.0, 60.0)
    off = Rule(
        "jump:forest_cover",
        RuleKind.JUMP,
        ("forest_cover",),
        Severity.WARN,
        mode=JumpMode.POINTS,
        active=False,
    )
    rules = merge_rules(defaults, [stricter, off])
    assert [(r.code, r.severity, r.minimum, r.maximum) for r in rules] == [
        ("bounds:forest_cover", Severity.COMMENT, 30.0, 60.0)
    ]
