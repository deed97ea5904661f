"""Validation rules: the default rule set, every boundary and the exact messages in both languages."""

from __future__ import annotations

from nqtrack.domain.validation import (
    Finding,
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


def test_the_default_rules_follow_each_unit() -> None:
    facts = [
        IndicatorFacts("share", "Tỷ lệ", "percent"),
        IndicatorFacts("growth", "Tăng trưởng", "percent", is_rate=True),
        IndicatorFacts("grdp", "GRDP", "billion_vnd"),
        IndicatorFacts("rank", "Xếp hạng", "rank"),
        IndicatorFacts("index", "Chỉ số", "index"),
    ]
    rules = default_rules(
        facts, share_sets=[("a", "b")], products=[("grdp", "per_head", "population", 0.001)]
    )
    assert rules == [
        Rule("bounds:share", RuleKind.BOUNDS, ("share",), Severity.BLOCK, 0.0, 100.0),
        Rule("jump:share", RuleKind.JUMP, ("share",), Severity.WARN, threshold=10.0, mode=JumpMode.POINTS),
        Rule("bounds:growth", RuleKind.BOUNDS, ("growth",), Severity.BLOCK, minimum=-100.0),
        Rule("jump:growth", RuleKind.JUMP, ("growth",), Severity.WARN, threshold=10.0, mode=JumpMode.POINTS),
        Rule("bounds:grdp", RuleKind.BOUNDS, ("grdp",), Severity.BLOCK, minimum=0.0),
        Rule("jump:grdp", RuleKind.JUMP, ("grdp",), Severity.WARN, threshold=50.0, mode=JumpMode.RELATIVE),
        Rule("bounds:rank", RuleKind.BOUNDS, ("rank",), Severity.BLOCK, minimum=1.0),
        Rule("jump:rank", RuleKind.JUMP, ("rank",), Severity.WARN, threshold=50.0, mode=JumpMode.RELATIVE),
        Rule("jump:index", RuleKind.JUMP, ("index",), Severity.WARN, threshold=50.0, mode=JumpMode.RELATIVE),
        Rule("shares:a+b", RuleKind.SHARES_SUM, ("a", "b"), Severity.COMMENT),
        Rule(
            "product:grdp",
            RuleKind.PRODUCT,
            ("grdp", "per_head", "population"),
            Severity.WARN,
            tolerance=5.0,
            factor=0.001,
        ),
    ]
    assert default_rules([]) == []
    default = Rule("x", RuleKind.BOUNDS, ("x",), Severity.WARN)
    assert (default.minimum, default.maximum, default.total, default.tolerance, default.factor) == (
        None,
        None,
        100.0,
        1.0,
        1.0,
    )
    assert (default.threshold, default.mode, default.active) == (50.0, JumpMode.RELATIVE, True)


def test_overrides_replace_switch_off_or_add() -> None:
    a = Rule("a", RuleKind.BOUNDS, ("x",), Severity.BLOCK, minimum=0.0)
    b = Rule("b", RuleKind.JUMP, ("x",), Severity.WARN)
    a2 = Rule("a", RuleKind.BOUNDS, ("x",), Severity.WARN, minimum=5.0)
    b_off = Rule("b", RuleKind.JUMP, ("x",), Severity.WARN, active=False)
    c = Rule("c", RuleKind.BOUNDS, ("y",), Severity.COMMENT, maximum=3.0)
    assert merge_rules([a, b], [a2, b_off, c]) == [a2, c]
    assert merge_rules([a, b], []) == [a, b]


BOUNDS = Rule("bounds:p", RuleKind.BOUNDS, ("p",), Severity.BLOCK, 0.0, 100.0)
NAMES = {
    "p": "Tỷ lệ hộ nghèo",
    "a": "Công nghiệp",
    "b": "Dịch vụ",
    "g": "GRDP",
    "h": "GRDP/người",
    "n": "Dân số",
}


def _check(
    rules: list[Rule], indicator: str, value: float, values: dict[tuple[str, int], float], **kw: object
) -> list[Finding]:
    return check_value(
        rules,
        indicator=indicator,
        year=kw.get("year", 2024),  # type: ignore[arg-type]
        annual=kw.get("annual", True),  # type: ignore[arg-type]
        value=value,
        values=values,
        names=kw.get("names", NAMES),  # type: ignore[arg-type]
    )


def test_bounds_are_inclusive_and_named() -> None:
    assert _check([BOUNDS], "p", 0.0, {}) == []
    assert _check([BOUNDS], "p", 100.0, {}) == []
    assert _check([BOUNDS], "p", -0.5, {}) == [
        Finding(
            "bounds:p",
            RuleKind.BOUNDS,
            Severity.BLOCK,
            "p",
            2024,
            "Giá trị -0,5 nhỏ hơn mức thấp nhất cho phép (0) của “Tỷ lệ hộ nghèo”.",
            "Value -0.5 is below the lowest allowed (0) for “Tỷ lệ hộ nghèo”.",
            {"value": -0.5, "minimum": 0.0},
        )
    ]
    assert _check([BOUNDS], "p", 100.125, {}, year=None, annual=False, names=None) == [
        Finding(
            "bounds:p",
            RuleKind.BOUNDS,
            Severity.BLOCK,
            "p",
            None,
            "Giá trị 100,125 lớn hơn mức cao nhất cho phép (100) của “p”.",
            "Value 100.125 is above the highest allowed (100) for “p”.",
            {"value": 100.125, "maximum": 100.0},
        )
    ]
    only_max = Rule("m", RuleKind.BOUNDS, ("p",), Severity.WARN, maximum=5.0)
    assert _check([only_max], "p", -1e9, {}) == []
    assert _check([BOUNDS], "other", -5.0, {}) == []


SHARES = Rule("shares:a+b", RuleKind.SHARES_SUM, ("a", "b"), Severity.COMMENT)


def test_shares_are_checked_once_all_are_there_within_the_tolerance() -> None:
    assert _check([SHARES], "a", 60.0, {("a", 2024): 60.0}) == []
    assert _check([SHARES], "a", 60.0, {("a", 2024): 60.0, ("b", 2024): 41.0}) == []  # 1 point off
    assert _check([SHARES], "a", 60.0, {("a", 2024): 60.0, ("b", 2024): 39.0}) == []
    assert _check([SHARES], "a", 60.0, {("a", 2024): 60.0, ("b", 2023): 20.0}) == []
    assert _check([SHARES], "a", 60.0, {("a", 2024): 60.0, ("b", 2024): 41.5}, annual=False) == []
    assert _check([SHARES], "a", 60.0, {("a", 2024): 60.0, ("b", 2024): 41.5}, year=None) == []
    assert _check([SHARES], "b", 41.5, {("a", 2024): 60.0, ("b", 2024): 41.5}) == [
        Finding(
            "shares:a+b",
            RuleKind.SHARES_SUM,
            Severity.COMMENT,
            "b",
            2024,
            "Tổng tỷ trọng năm 2024 (Công nghiệp, Dịch vụ) là 101,5%, lệch 1,5 điểm % so với 100% (cho "
            "phép ±1).",
            "The shares of 2024 (Công nghiệp, Dịch vụ) add up to 101.5%, 1.5 points from 100% (±1 allowed).",
            {"total": 101.5, "expected": 100.0, "tolerance": 1.0},
        )
    ]
    [below] = _check([SHARES], "a", 50.0, {("a", 2024): 50.0, ("b", 2024): 48.75})
    assert below.message_vi == (
        "Tổng tỷ trọng năm 2024 (Công nghiệp, Dịch vụ) là 98,75%, lệch 1,25 điểm % so với 100% (cho phép ±1)."
    )
    assert below.numbers == {"total": 98.75, "expected": 100.0, "tolerance": 1.0}


PRODUCT = Rule("product:g", RuleKind.PRODUCT, ("g", "h", "n"), Severity.WARN, tolerance=5.0, factor=0.001)


def test_a_product_is_checked_within_its_tolerance_in_percent() -> None:
    def values(g: float, h: float = 100.0, n: float = 2000.0) -> dict[tuple[str, int], float]:
        return {("g", 2024): g, ("h", 2024): h, ("n", 2024): n}

    assert _check([PRODUCT], "g", 210.0, values(210.0)) == []  # 200 expected: 5 % off, at the edge
    assert _check([PRODUCT], "g", 190.0, values(190.0)) == []
    assert _check([PRODUCT], "g", 0.0, values(0.0, h=0.0)) == []  # nothing expected: no check
    assert _check([PRODUCT], "g", 250.0, {("g", 2024): 250.0, ("h", 2024): 100.0}) == []
    assert _check([PRODUCT], "g", 250.0, {("g", 2024): 250.0, ("n", 2024): 100.0}) == []
    assert _check([PRODUCT], "h", 250.0, {("h", 2024): 250.0, ("n", 2024): 100.0}) == []
    assert _check([PRODUCT], "g", 250.0, values(250.0), annual=False) == []
    assert _check([PRODUCT], "n", 2000.0, values(250.0)) == [
        Finding(
            "product:g",
            RuleKind.PRODUCT,
            Severity.WARN,
            "n",
            2024,
            "“GRDP” năm 2024 là 250, nhưng “GRDP/người” × “Dân số” cho 200 (lệch 25,0%, cho phép ±5%).",
            "“GRDP” for 2024 is 250, but “GRDP/người” × “Dân số” gives 200 (25.0% off, ±5% allowed).",
            {"value": 250.0, "expected": 200.0, "gap_percent": 25.0},
        )
    ]
    [negative] = _check([PRODUCT], "g", 150.0, values(150.0, h=-100.0))  # expected -200
    assert negative.numbers == {"value": 150.0, "expected": -200.0, "gap_percent": 175.0}
    [low] = _check([PRODUCT], "g", 100.0, values(100.0, h=0.33333))
    assert low.message_vi == (
        "“GRDP” năm 2024 là 100, nhưng “GRDP/người” × “Dân số” cho 0,67 (lệch 14.900,2%, cho phép ±5%)."
    )
    assert low.message_en == (
        "“GRDP” for 2024 is 100, but “GRDP/người” × “Dân số” gives 0.67 (14,900.2% off, ±5% allowed)."
    )


JUMP = Rule("jump:g", RuleKind.JUMP, ("g",), Severity.WARN, threshold=50.0)
POINTS = Rule("jump:p", RuleKind.JUMP, ("p",), Severity.WARN, threshold=10.0, mode=JumpMode.POINTS)


def test_a_relative_jump_beyond_the_threshold_is_flagged_for_follow_up() -> None:
    assert _check([JUMP], "g", 150.0, {("g", 2023): 100.0}) == []  # +50 %: at the edge
    assert _check([JUMP], "g", 50.0, {("g", 2023): 100.0}) == []
    assert _check([JUMP], "g", 150.0, {("g", 2022): 10.0}) == []  # no figure the year before
    assert _check([JUMP], "g", 150.0, {("g", 2023): 0.0}) == []  # no base to compare with
    assert _check([JUMP], "g", 150.0, {("g", 2023): 10.0}, annual=False) == []
    [finding] = _check([JUMP], "g", 160.0, {("g", 2023): 100.0})
    assert finding == Finding(
        "jump:g",
        RuleKind.JUMP,
        Severity.WARN,
        "g",
        2024,
        "Giá trị 160 năm 2024 thay đổi 60,0% so với năm 2023 (100), vượt ngưỡng 50%: cần kiểm tra lại.",
        "Value 160 for 2024 changed by 60.0% from 2023 (100), beyond the 50% threshold: please check.",
        {"value": 160.0, "before": 100.0, "change": 60.0, "threshold": 50.0},
    )
    assert finding.followup
    [fall] = _check([JUMP], "g", -30.0, {("g", 2023): -10.0})
    assert fall.numbers["change"] == -200.0
    assert fall.message_vi == (
        "Giá trị -30 năm 2024 thay đổi -200,0% so với năm 2023 (-10), vượt ngưỡng 50%: cần kiểm tra lại."
    )


def test_a_jump_in_percentage_points() -> None:
    assert _check([POINTS], "p", 30.0, {("p", 2023): 20.0}) == []  # 10 points: at the edge
    assert _check([POINTS], "p", 10.0, {("p", 2023): 0.0}) == []  # from 0, points still apply
    [finding] = _check([POINTS], "p", 15.0, {("p", 2023): 0.0})
    assert finding.message_vi == (
        "Giá trị 15 năm 2024 thay đổi 15,0 điểm % so với năm 2023 (0), vượt ngưỡng 10 điểm %: cần kiểm tra "
        "lại."
    )
    assert finding.message_en == (
        "Value 15 for 2024 changed by 15.0 points from 2023 (0), beyond the 10 points threshold: please "
        "check."
    )
    assert finding.numbers == {"value": 15.0, "before": 0.0, "change": 15.0, "threshold": 10.0}


def test_only_blocking_findings_and_uncommented_ones_refuse_a_value() -> None:
    def finding(severity: Severity) -> Finding:
        return Finding("r", RuleKind.BOUNDS, severity, "x", 2024, "vi", "en")

    block, comment, warn = finding(Severity.BLOCK), finding(Severity.COMMENT), finding(Severity.WARN)
    assert refusals([block, comment, warn], has_comment=False) == [block, comment]
    assert refusals([block, comment, warn], has_comment=True) == [block]
    assert not block.followup
    assert block.numbers == {}


def test_rules_of_other_indicators_are_skipped_not_stopped_at() -> None:
    other = Rule("bounds:q", RuleKind.BOUNDS, ("q",), Severity.BLOCK, 0.0, 1.0)
    [finding] = _check([other, BOUNDS], "p", 120.0, {})
    assert finding.rule == "bounds:p"
