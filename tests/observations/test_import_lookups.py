"""The set-based lookups proposed for the observations import give the per-row queries' answers."""

from __future__ import annotations

from collections.abc import Callable
from itertools import product

import pytest
from pytest_django import DjangoAssertNumQueries

from nqtrack.observations.import_lookups import ImportLookups, StoredFigure
from nqtrack.observations.models import Observation
from nqtrack.observations.services import observations_import_file
from nqtrack.places.models import AdminUnit
from nqtrack.places.versions import VersionError, unit_version_for
from nqtrack.programmes.models import Programme
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db


def _version_or_reason(code: str, period: str, answer: Callable[..., AdminUnit]) -> AdminUnit | str:
    try:
        return answer(code=code, period=period)
    except VersionError as refused:
        return str(refused)


def test_units_are_the_versions_the_period_rule_gives(
    programme: Programme, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    # Codes with a history: the province (two units), a renamed district, a merged district, a commune
    # whose code passed to a new commune, a new town; and a code that does not exist.
    codes = ["24", "222", "221", "07339", "224", "213", "220", "999999"]
    periods = [str(year) for year in range(2015, 2031)] + ["2025S1", "2025Q3", "202506", "202512"]
    expected = {(c, p): _version_or_reason(c, p, unit_version_for) for c, p in product(codes, periods)}
    lookups = ImportLookups(programme=programme)

    with django_assert_max_num_queries(2):
        found = {
            (c, p): _version_or_reason(c, p, lookups.unit_for_period) for c, p in product(codes, periods)
        }

    assert found == expected
    # Province 24: Bắc Giang up to its first half of 2025, the new Bắc Ninh for the whole of 2025.
    assert [found[("24", p)].name for p in ("2024", "2025S1", "2025", "2026")] == [  # type: ignore[union-attr]
        "Tỉnh Bắc Giang",
        "Tỉnh Bắc Giang",
        "Tỉnh Bắc Ninh",
        "Tỉnh Bắc Ninh",
    ]
    assert found[("999999", "2020")] == "mã đơn vị hành chính '999999' không tồn tại"


def test_stored_figures_are_found_by_identity_with_one_query_per_unit(
    programme: Programme, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    stored = list(Observation.objects.filter(indicator__programme=programme).order_by("id"))
    copies = [
        Observation(
            indicator_id=o.indicator_id,
            unit_id=o.unit_id,
            period=o.period,
            status=o.status,
            published=o.published,
            source_url=o.source_url,
            bound=o.bound,
        )
        for o in stored
    ]
    lookups = ImportLookups(programme=programme)

    with django_assert_max_num_queries(len({o.unit_id for o in stored})):
        found = [lookups.stored_published(copy) for copy in copies]

    # Same identity, same answer as the per-row query (`.first()`: the lowest id of an identity).
    firsts: dict[tuple[object, ...], Observation] = {}
    for o in stored:
        firsts.setdefault(
            (o.indicator_id, o.unit_id, o.period, o.status, o.published, o.source_url, o.bound), o
        )
    assert found == [
        StoredFigure(f.value, f.value_text, f.imported_from, f.imported_row)
        for f in (
            firsts[(o.indicator_id, o.unit_id, o.period, o.status, o.published, o.source_url, o.bound)]
            for o in stored
        )
    ]


def test_a_figure_not_stored_is_not_found(programme: Programme) -> None:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    some = Observation.objects.filter(indicator__programme=programme).order_by("id").first()
    assert some is not None
    other = Observation(
        indicator_id=some.indicator_id,
        unit_id=some.unit_id,
        period="2031",
        status=some.status,
        published=some.published,
        source_url=some.source_url,
        bound="",
    )

    assert ImportLookups(programme=programme).stored_published(other) is None
