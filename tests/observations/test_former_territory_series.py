"""After the merger the programme's series of an additive indicator takes, for a year with no figure of its
own, the sum over the communes that cover the former territory: on the target page, in ``nqtrack assess``
and in the stored assessments, which give the same answer as the live path."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from nqtrack.assessments.models import StoredAssessment
from nqtrack.assessments.selectors import Overview, programme_overview
from nqtrack.assessments.services import assessments_refresh
from nqtrack.observations.models import Observation, Origin, ReviewState
from nqtrack.observations.services import observations_import_file
from nqtrack.observations.territory import former_territory_value, former_territory_values
from nqtrack.programmes.models import Indicator, Programme
from tests.former_territory import HOW, MISSING_ONE, TARGET, TOTAL, enter_2026, territory_communes
from tests.pages import seed_url
from tests.seed import SEED_STATISTICS

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(programme: Programme) -> Programme:
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    return programme


def _row(overview: Overview) -> tuple[dict[int, Observation], str, float | None]:
    row = next(r for group in overview.groups for r in group.targets if r.target.code == TARGET)
    return row.series, row.assessment.status, row.assessment.latest_value


def _assessments(overview: Overview) -> dict[str, object]:
    """Every target's assessment (a derived figure is an unsaved row, equal only to itself: the answers
    are compared, not the rows)."""
    return {r.target.code: r.assessment for group in overview.groups for r in group.targets}


def _assess_line(programme: Programme) -> str:
    out = StringIO()
    call_command("assess", programme=programme.code, stdout=out)
    return next(line for line in out.getvalue().splitlines() if line.startswith(TARGET))


def test_the_sum_of_the_58_communes_is_the_2026_value_everywhere(
    loaded: Programme, client: Client, live_overview: Callable[..., Overview]
) -> None:
    communes = territory_communes()
    assert len(communes) == 58
    enter_2026(loaded, communes)
    values = former_territory_values(programme=loaded)
    grdp = Indicator.objects.get(programme=loaded, code="grdp_current_prices")
    assert values[grdp.pk][2026].value == Decimal(TOTAL)
    assert (values[grdp.pk][2026].how, values[grdp.pk][2026].status) == (HOW, "official")

    series, status, latest = _row(programme_overview(programme=loaded))
    assert sorted(series) == [2018, 2021, 2022, 2023, 2024, 2026]
    figure = series[2026]
    assert figure._state.adding  # an unsaved row: derived, not stored
    assert (figure.value, figure.value_text, figure.source_document, figure.quote) == (
        Decimal(TOTAL),
        "171100",
        HOW,
        HOW,
    )
    assert latest == TOTAL
    assert "171.100 (2026)" in _assess_line(loaded)

    page = client.get(seed_url(f"/chi-tieu/{TARGET}/")).content.decode()
    assert "<td>171.100</td>" in page
    assert f"<q>{HOW}</q>" in page
    assert "không có giá trị" not in page

    # The stored assessments hold the same answer as the live path, and follow a commune's change.
    assessments_refresh(programme=loaded)
    assert StoredAssessment.objects.filter(target__code=TARGET, unit_code="24").exists()
    assert _assessments(programme_overview(programme=loaded)) == _assessments(live_overview(programme=loaded))
    first = Observation.objects.get(unit=communes[0], year=2026)
    first.value, first.value_text = Decimal(1100), "1100"
    first.save()
    assessments_refresh(programme=loaded, unit_codes=[communes[0].code])
    stored = programme_overview(programme=loaded)
    assert _row(stored)[2] == TOTAL + 1000
    assert _assessments(stored) == _assessments(live_overview(programme=loaded))


def test_with_one_commune_missing_there_is_no_2026_value_and_the_reason(
    loaded: Programme, client: Client, live_overview: Callable[..., Overview]
) -> None:
    communes = territory_communes()
    enter_2026(loaded, communes[:-1])
    grdp = Indicator.objects.get(programme=loaded, code="grdp_current_prices")
    reason = MISSING_ONE
    assert former_territory_values(programme=loaded)[grdp.pk][2026].how == reason
    assert former_territory_value(programme=loaded, indicator=grdp, year=2026).how == reason

    series, _status, latest = _row(programme_overview(programme=loaded))
    assert sorted(series) == [2018, 2021, 2022, 2023, 2024]
    assert latest == 207000
    assert "207.000 (2024)" in _assess_line(loaded)
    page = client.get(seed_url(f"/chi-tieu/{TARGET}/")).content.decode()
    assert "171" not in page.split('id="target-values"', 1)[1].split("</table>", 1)[0]
    assert (
        f'<p class="territory-note" role="note">Năm 2026 của địa bàn cũ không có giá trị: {reason}.</p>'
        in page
    )
    assessments_refresh(programme=loaded)
    assert programme_overview(programme=loaded) == live_overview(programme=loaded)


def test_a_rate_takes_no_sum_and_the_first_half_of_2025_is_not_a_year(loaded: Programme) -> None:
    rate = Indicator.objects.get(programme=loaded, code="near_poor_rate")
    for commune in territory_communes():
        Observation.objects.create(
            indicator=rate,
            unit=commune,
            period="2026",
            year=2026,
            value=Decimal(3),
            value_text="3",
            measure_unit="percent",
            status="official",
            origin=Origin.REPORTED,
            review_state=ReviewState.APPROVED,
        )
    assert rate.pk not in former_territory_values(programme=loaded)
    grdp = Indicator.objects.get(programme=loaded, code="grdp_current_prices")
    assert former_territory_value(programme=loaded, indicator=grdp, year=2025).value is None
