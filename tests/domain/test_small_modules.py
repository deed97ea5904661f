"""The small pure helpers: text limits, unit names in a text, which stored value is used."""

from __future__ import annotations

from datetime import date

import pytest

from nqtrack.domain import text_limits
from nqtrack.domain.observations import Candidate, best_candidate, figure_candidate, is_actual
from nqtrack.domain.place_names import NamedUnit, units_named_in
from nqtrack.domain.text_limits import too_long


def test_a_text_at_the_limit_fits_and_one_more_character_is_refused() -> None:
    assert too_long("Ghi chú", "x" * 2_000, 2_000) is None
    assert too_long("Ghi chú", "x" * 2_001, 2_000) == "Ghi chú dài 2.001 ký tự, vượt giới hạn 2.000 ký tự."
    assert too_long("Số", "", 0) is None
    assert too_long("Số", "ab", 1) == "Số dài 2 ký tự, vượt giới hạn 1 ký tự."


def test_the_limits_are_those_of_the_stored_fields() -> None:
    limits = {name: getattr(text_limits, name) for name in text_limits.__all__ if name != "too_long"}
    assert limits == {
        "CITATION": 300,
        "COMMENT": 5_000,
        "DOCUMENT_NUMBER": 60,
        "DOCUMENT_TITLE": 2_000,
        "FIGURE_COMMENT": 2_000,
        "FIGURE_SOURCE": 300,
        "FIGURE_SOURCE_URL": 1_000,
        "ISSUER": 300,
        "ITEM_CODES": 1_000,
        "LINK": 500,
        "MILESTONE_NAME": 300,
        "NARRATIVE": 20_000,
        "REASON": 2_000,
    }


UNITS = [
    NamedUnit(code="BG", name="Thành phố Bắc Giang", unit_type="Thành phố"),
    NamedUnit(code="SD", name="Huyện Sơn Động", unit_type="Huyện"),
    NamedUnit(code="LN", name="Huyện Lục Nam", unit_type="Huyện"),
    NamedUnit(code="VY", name="Huyện Việt Yên", unit_type="Huyện"),
    NamedUnit(code="LNG", name="Lục Ngạn", unit_type="Huyện"),
]


def test_bare_name_drops_the_unit_word_only_when_the_name_starts_with_it() -> None:
    assert UNITS[1].bare_name == "Sơn Động"
    assert UNITS[0].bare_name == "Bắc Giang"
    assert UNITS[4].bare_name == "Lục Ngạn"
    assert NamedUnit(code="X", name="Huyện", unit_type="Huyện").bare_name == "Huyện"


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("đình chùa Thổ Hà, huyện Việt Yên", ["VY"]),
        ("các huyện Sơn Động, Lục Nam và Việt Yên", ["SD", "LN", "VY"]),
        ("huyện  Sơn   Động", ["SD"]),
        ("HUYỆN SƠN ĐỘNG", ["SD"]),
        ("sông Lục Nam chảy qua", []),
        ("Trường Cao đẳng Bắc Giang", []),
        ("thành phố Bắc Giang và huyện Lục Ngạn", ["BG", "LNG"]),
        ("huyện Lục Nam, xã Bảo Đài, Sơn Động", ["LN"]),
        ("huyện Lục Namxyz", []),
        ("thị xã Việt Yên; quận Sơn Động", ["SD", "VY"]),
        ("nhuyện Sơn Động", []),
    ],
)
def test_units_are_found_only_where_the_text_names_them_as_units(text: str, codes: list[str]) -> None:
    assert units_named_in(text, UNITS) == codes


def test_a_name_written_in_decomposed_unicode_is_found() -> None:
    import unicodedata

    assert units_named_in(unicodedata.normalize("NFD", "huyện Việt Yên"), UNITS) == ["VY"]


def _c(
    ident: int, status: str, published: date | None = None, *, partial: bool = False, bound: str = ""
) -> Candidate:
    return Candidate(ident=ident, status=status, published=published, partial=partial, bound=bound)


def test_only_whole_period_values_of_a_ranked_status_are_actual() -> None:
    assert is_actual(_c(1, "official"))
    assert is_actual(_c(1, "estimate"))
    assert not is_actual(_c(1, "plan"))
    assert not is_actual(_c(1, "official", partial=True))
    assert not is_actual(_c(1, "official", bound="low"))
    assert Candidate(ident=1, status="official", published=None).partial is False
    assert Candidate(ident=1, status="official", published=None).bound == ""


def test_the_best_status_wins_then_the_latest_publication_then_the_latest_stored() -> None:
    may, june = date(2024, 5, 1), date(2024, 6, 1)
    assert best_candidate([]) is None
    assert best_candidate([_c(1, "plan")]) is None
    assert best_candidate([_c(1, "official", may), _c(2, "preliminary", june)]) == _c(1, "official", may)
    assert best_candidate([_c(1, "preliminary", may), _c(2, "official", None)]) == _c(2, "official")
    assert best_candidate([_c(1, "unknown"), _c(2, "estimate", june)]) == _c(1, "unknown")
    assert best_candidate([_c(1, "estimate", june), _c(2, "unknown")]) == _c(2, "unknown")
    assert best_candidate([_c(1, "official", june), _c(2, "official", may)]) == _c(1, "official", june)
    assert best_candidate([_c(1, "official", None), _c(2, "official", may)]) == _c(2, "official", may)
    assert best_candidate([_c(2, "official", may), _c(1, "official", may)]) == _c(2, "official", may)
    assert best_candidate([_c(1, "official", may), _c(3, "official", may, partial=True)]) == _c(
        1, "official", may
    )


def test_a_reported_figure_is_dated_by_its_last_change() -> None:
    changed = date(2025, 3, 2)
    published = date(2025, 1, 1)
    assert figure_candidate(
        7, "official", None, reported=True, changed_on=changed, partial=False, bound=""
    ) == _c(7, "official", changed)
    assert figure_candidate(
        7, "official", None, reported=False, changed_on=changed, partial=False, bound=""
    ) == _c(7, "official")
    assert figure_candidate(
        7, "official", published, reported=True, changed_on=changed, partial=False, bound=""
    ) == _c(7, "official", published)
    assert figure_candidate(
        8, "estimate", None, partial=True, bound="high", reported=False, changed_on=None
    ) == _c(8, "estimate", partial=True, bound="high")
