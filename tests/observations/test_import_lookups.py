"""The set-based lookups proposed for the observations import give the per-row queries' answers."""

from __future__ import annotations

from itertools import product

import pytest
from pytest_django import DjangoAssertNumQueries

from nqtrack.observations.import_lookups import ImportLookups, StoredFigure
from nqtrack.observations.models import Observation
from nqtrack.observations.services import observations_import_file
from nqtrack.places.models import AdminUnit
from nqtrack.places.selectors import unit_for_period
from nqtrack.programmes.models import Programme
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db


def test_units_are_the_versions_unit_for_period_gives(
    programme: Programme, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    codes = sorted(set(AdminUnit.objects.values_list("code", flat=True))) + ["999999"]
    years = range(2015, 2031)
    expected = {(code, year): unit_for_period(code=code, year=year) for code, year in product(codes, years)}
    lookups = ImportLookups(programme=programme)

    with django_assert_max_num_queries(1):
        found = {
            (code, year): lookups.unit_for_period(code=code, year=year)
            for code, year in product(codes, years)
        }

    assert found == expected
    # Province 24 in 2025 is Bắc Giang (valid on 1 January), not the new Bắc Ninh of 1 July.
    assert found[("24", 2025)] is not None
    assert found[("24", 2025)].name == "Tỉnh Bắc Giang"
    assert found[("999999", 2020)] is None


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
