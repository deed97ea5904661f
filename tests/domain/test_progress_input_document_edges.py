"""The progress engine's input document: each refusal names the field, and each optional field is kept."""

from __future__ import annotations

import pytest

from nqtrack.domain.progress.input_document import ProgressInputError, parse_input

TARGET = {"kind": "level", "comparator": "at_least", "low": 37, "year": 2030}


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (
            {"target": {"comparator": "at_least", "low": 1, "year": 2030}, "series": {}},
            "target.kind and target.comparator are required",
        ),
        (
            {"target": dict(TARGET, baseline="x"), "series": {}},
            "target.baseline must be a number (a dot for decimals), not 'x'",
        ),
        (
            {"target": dict(TARGET, kind="average_growth", period=[2021, "x"]), "series": {}},
            "target.period[1] must be a year such as 2030, not 'x'",
        ),
        ({"target": TARGET, "series": {"abc": 1}}, "series key 'abc' must be a year such as 2030, not 'abc'"),
        (
            {"target": dict(TARGET, series_break="x"), "series": {}},
            "target.series_break must be a year such as 2030, not 'x'",
        ),
        ({"target": TARGET, "series": {}, "series_unit": 5}, "series_unit must be text, not 5"),
        (
            {"target": dict(TARGET, comparator="about", tolerance=1), "series": {}},
            "target.tolerance must be a fraction in [0, 1), such as 0.05, not 1",
        ),
    ],
)
def test_a_wrong_field_is_refused_with_its_name(doc: dict[str, object], message: str) -> None:
    with pytest.raises(ProgressInputError) as caught:
        parse_input(doc)
    assert str(caught.value) == message


def test_the_optional_fields_are_kept() -> None:
    parsed = parse_input(
        {
            "target": dict(TARGET, base_year=2019, baseline=35.5, series_break=2021),
            "series": {"2020": 1},
            "series_unit": "percent",
            "base_year": 2018,
        }
    )
    assert (parsed.target.base_year, parsed.target.baseline, parsed.target.series_break) == (2019, 35.5, 2021)
    assert (parsed.series_unit, parsed.base_year, parsed.series) == ("percent", 2018, {2020: 1.0})


def test_the_base_year_of_the_document_is_kept() -> None:
    assert parse_input({"target": TARGET, "series": {}, "base_year": 2018}).base_year == 2018
