"""Bắc Giang (địa bàn cũ) is a statistical unit of its own (code 24-BG, from 1/7/2025): a figure for the
whole former territory, a rate included, is entered in the grid, reviewed, imported by its code and scoped
like any unit's, and after the merger the programme's series takes it first, the communes' sum only for a
year it has none; the new Bắc Ninh's figures never enter the series."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nqtrack.accounts.models import Role
from nqtrack.accounts.services import ScopeSelection
from nqtrack.assessments.selectors import Overview, programme_overview, target_row
from nqtrack.assessments.services import assessments_refresh
from nqtrack.observations.files import observations_import_upload
from nqtrack.observations.models import Observation, Origin, ReviewState
from nqtrack.observations.services import observations_import_file
from nqtrack.observations.territory import former_territory_value, series_codes, statistical_territory
from nqtrack.places.models import AdminUnit, UnitLevel
from nqtrack.places.services import units_load_history
from nqtrack.programmes.models import Indicator, Programme, Target
from tests.former_territory import TOTAL, enter_2026, territory_communes
from tests.grants import grant
from tests.observations.conftest import state
from tests.pages import seed_url
from tests.seed import SEED_UNITS

pytestmark = pytest.mark.django_db
POVERTY = "poverty_rate_reduction_2021_2030"
GRDP = "grdp_current_prices_2030"
KEY = "24-BG@2025-07-01"  # the territory's version key, as the grid's unit list offers it
HEADER = "Mã chỉ tiêu,Tên chỉ tiêu,Mã đơn vị,Tên đơn vị,Kỳ,Giá trị,Đơn vị tính,Trạng thái,Nguồn,Ghi chú\r\n"


def territory() -> AdminUnit:
    return AdminUnit.objects.get(code="24-BG")


def _user(name: str, role: Role, scope: ScopeSelection) -> User:
    return grant(User.objects.create_user(name), role, scope)


def _bac_giang() -> AdminUnit:
    return AdminUnit.objects.get(code="24", valid_from=None)


def _cell(indicator: Indicator, value: str, year: int = 2026) -> dict[str, str]:
    key = f"{indicator.pk}-{year}"
    return {f"v-{key}": value, f"s-{key}": "official", f"src-{key}": "", f"n-{key}": "", f"ver-{key}": "0"}


def _row(overview: Overview, code: str) -> tuple[dict[int, Observation], int | None, float | None]:
    row = next(r for group in overview.groups for r in group.targets if r.target.code == code)
    return row.series, row.assessment.latest_year, row.assessment.latest_value


def _approved(indicator: Indicator, unit: AdminUnit, value: str, *, source: str = "") -> Observation:
    """An approved yearly 2026 figure of ``unit``, written directly (no signal: no refresh)."""
    return Observation.objects.create(
        indicator=indicator,
        unit=unit,
        period="2026",
        year=2026,
        value=Decimal(value),
        value_text=value,
        measure_unit=indicator.unit,
        status="official",
        source_document=source,
        origin=Origin.REPORTED,
        review_state=ReviewState.APPROVED,
    )


def test_the_units_load_makes_the_territory_once(figures: Programme) -> None:
    unit = territory()
    assert (unit.name, unit.level, unit.unit_type, unit.valid_from, unit.valid_to, unit.parent) == (
        "Bắc Giang (địa bàn cũ)",
        UnitLevel.TERRITORY,
        "Địa bàn thống kê",
        date(2025, 7, 1),
        None,
        None,
    )
    assert unit.source == "Địa bàn thống kê của chương trình: lãnh thổ của Tỉnh Bắc Giang đến 30/6/2025"
    assert statistical_territory(programme=figures) == unit
    before = list(AdminUnit.objects.order_by("pk").values_list())
    units_load_history(csv_path=SEED_UNITS)
    assert list(AdminUnit.objects.order_by("pk").values_list()) == before


def test_a_rate_entered_for_the_territory_is_reviewed_and_continues_the_series(
    figures: Programme, client: Client, live_overview: Callable[..., Overview]
) -> None:
    poverty = Indicator.objects.get(programme=figures, code="poverty_rate")
    assert poverty.group is not None
    manager = _user("quanly", Role.PROGRAMME_MANAGER, ScopeSelection())
    reviewer = _user("duyet", Role.REVIEWER, ScopeSelection(capture_units=(_bac_giang(),)))

    client.force_login(manager)
    grid = client.get(f"/so-lieu/?don_vi={KEY}&tu=2025&den=2026").content.decode()
    assert f'<option value="{KEY}" selected>Bắc Giang (địa bàn cũ) (từ 1/7/2025) (24-BG)</option>' in grid
    inputs = dict(re.findall(r'<input[^>]*name="v-(\d+-\d+)"([^>]*)>', grid))
    # The territory begins on 1/7/2025: its year 2025 is no cell to fill (the communes' first half).
    assert ("readonly" in inputs[f"{poverty.pk}-2025"], "readonly" in inputs[f"{poverty.pk}-2026"]) == (
        True,
        False,
    )
    client.post(f"/so-lieu/?don_vi={KEY}&tu=2026&den=2026", _cell(poverty, "0,9"))
    entered = Observation.objects.get(origin=Origin.REPORTED)
    assert (entered.unit, entered.value_text, entered.review_state) == (territory(), "0.9", ReviewState.DRAFT)

    step = {"programme": figures.code, "don_vi": KEY, "nam": "2026", "nhom": str(poverty.group.number)}
    client.post("/so-lieu/duyet/", {**step, "buoc": "submit"})
    client.post("/so-lieu/duyet/", {**step, "buoc": "approve"})  # never one's own figures
    assert Observation.objects.get(pk=entered.pk).review_state == ReviewState.SUBMITTED
    client.force_login(reviewer)
    client.post("/so-lieu/duyet/", {**step, "buoc": "approve"})
    assert Observation.objects.get(pk=entered.pk).review_state == ReviewState.APPROVED

    series, latest_year, latest = _row(live_overview(programme=figures), POVERTY)
    assert (sorted(series)[-2:], series[2026].pk, latest_year, latest) == (
        [2024, 2026],
        entered.pk,
        2026,
        0.9,
    )
    row, values = target_row(target=Target.objects.select_related("indicator__programme").get(code=POVERTY))
    assert (row.series[2026].pk, row.assessment.latest_year, row.assessment.latest_value) == (
        entered.pk,
        2026,
        0.9,
    )
    page = client.get(seed_url(f"/chi-tieu/{POVERTY}/")).content.decode()
    cells = re.search(rf'<tr data-value="{entered.pk}">(.*?)</tr>', page, re.S)
    assert cells is not None
    assert re.findall(r"<td>([^<]*)</td>", cells.group(1))[:2] == ["2026 · Bắc Giang (địa bàn cũ)", "0,9"]

    # The stored assessments (the dashboard's) hold the territory's figure under the province.
    assessments_refresh(programme=figures)
    assert _row(programme_overview(programme=figures), POVERTY)[1:] == (2026, 0.9)


def test_the_territory_s_own_additive_figure_wins_over_the_communes_sum(
    figures: Programme, live_overview: Callable[..., Overview]
) -> None:
    grdp = Indicator.objects.get(programme=figures, code="grdp_current_prices")
    enter_2026(figures, territory_communes())
    assert _row(live_overview(programme=figures), GRDP)[1:] == (2026, TOTAL)
    own = _approved(grdp, territory(), "180000", source="Niên giám thống kê 2026 (địa bàn cũ)")
    series, latest_year, latest = _row(live_overview(programme=figures), GRDP)
    assert (series[2026].pk, series[2026].source_document, latest_year, latest) == (
        own.pk,
        "Niên giám thống kê 2026 (địa bàn cũ)",
        2026,
        180000.0,
    )
    value = former_territory_value(programme=figures, indicator=grdp, year=2026)
    assert (value.value, value.how) == (Decimal(180000), "Niên giám thống kê 2026 (địa bàn cũ)")
    # The stored path, refreshed for the territory's code alone as its figure's signal asks, agrees.
    assessments_refresh(programme=figures)
    own.value, own.value_text = Decimal(190000), "190000"
    own.save()
    codes = series_codes(programme=figures, codes={"24-BG"})
    assert codes == {"24-BG", "24"}
    assessments_refresh(programme=figures, unit_codes=codes)
    assert _row(programme_overview(programme=figures), GRDP)[1:] == (2026, 190000.0)


def test_an_import_row_naming_the_territory_s_code_lands_on_it(figures: Programme) -> None:
    manager = _user("quanly", Role.PROGRAMME_MANAGER, ScopeSelection())
    body = (
        HEADER
        + 'poverty_rate,,24-BG,,2026,"0,9",%,Chính thức,Báo cáo rà soát hộ nghèo 2026,\r\n'
        + 'forest_cover,,,Bắc Giang (địa bàn cũ),2026,"37,5",%,Chính thức,,\r\n'
    )
    result = observations_import_upload(
        user=manager,
        programme=figures,
        name="dia-ban-cu.csv",
        data=body.encode(),
        dry_run=False,
        channel="web",
    )
    assert result.ok
    landed = Observation.objects.filter(origin=Origin.REPORTED).order_by("indicator__code")
    assert [(o.indicator.code, o.unit, o.period, o.value_text, o.source_document) for o in landed] == [
        ("forest_cover", territory(), "2026", "37.5", ""),
        ("poverty_rate", territory(), "2026", "0.9", "Báo cáo rà soát hộ nghèo 2026"),
    ]


def test_a_reporter_scoped_to_the_territory_enters_it_and_a_commune_s_reporter_cannot(
    figures: Programme, client: Client
) -> None:
    poverty = Indicator.objects.get(programme=figures, code="poverty_rate")
    own = _user("dia_ban", Role.REPORTER, ScopeSelection(capture_units=(territory(),)))
    commune = _user("xa", Role.REPORTER, ScopeSelection(capture_units=(territory_communes()[0],)))

    client.force_login(commune)
    before = state()
    refused = client.post(f"/so-lieu/?don_vi={KEY}&tu=2026&den=2026", _cell(poverty, "0,9"))
    assert refused.status_code == 403
    assert state() == before

    client.force_login(own)
    client.post(f"/so-lieu/?don_vi={KEY}&tu=2026&den=2026", _cell(poverty, "0,9"))
    entered = Observation.objects.get(origin=Origin.REPORTED)
    assert (entered.unit, entered.value_text, entered.created_by) == (territory(), "0.9", own)
    # Its scope is the territory's own figures: not the province's, nor a commune's.
    assert client.get("/so-lieu/?don_vi=24&tu=2024&den=2024").status_code == 403


def test_the_new_bac_ninh_s_figures_never_enter_the_series(
    figures: Programme, live_overview: Callable[..., Overview]
) -> None:
    poverty = Indicator.objects.get(programme=figures, code="poverty_rate")
    bac_ninh = AdminUnit.objects.get(code="24", valid_from=date(2025, 7, 1))
    _approved(poverty, bac_ninh, "5")
    target = Target.objects.select_related("indicator__programme").get(code=POVERTY)
    assert 2026 not in _row(live_overview(programme=figures), POVERTY)[0]
    own = _approved(poverty, territory(), "0.9")
    assert _row(live_overview(programme=figures), POVERTY)[0][2026].pk == own.pk
    # The target page reads every version of code 24 (assessments.selectors.target_row): the territory's
    # own figure still comes first there.
    assert target_row(target=target)[0].series[2026].pk == own.pk
    assessments_refresh(programme=figures)
    assert _row(programme_overview(programme=figures), POVERTY)[1:] == (2026, 0.9)
    public = Client().get("/cong-khai/").content.decode()
    latest = re.search(
        rf'<tr data-target="{POVERTY}">.*?<td class="latest"><span class="value">([^<]*)<', public, re.S
    )
    assert latest is not None
    assert latest.group(1) == "0,9"


def test_the_units_page_and_the_dashboard_s_filter_list_the_territory(
    figures: Programme, client: Client
) -> None:
    units = client.get(seed_url("/so-sanh-don-vi/")).content.decode()
    assert (
        '<p class="territory-statistical">Số liệu của cả địa bàn cũ, kể cả các tỷ lệ, được nhập và duyệt cho '
        "địa bàn thống kê Bắc Giang (địa bàn cũ) (mã 24-BG).</p>"
    ) in units
    option = '<option value="24-BG">Bắc Giang (địa bàn cũ)</option>'
    assert option in client.get(seed_url("/?nam=2025")).content.decode()
    assert option not in client.get(seed_url("/?nam=2024")).content.decode()  # it begins on 1/7/2025
    # Chosen, it shows the programme's own series: the territory's is the programme's after the merger.
    chosen = client.get(seed_url("/?nam=2025&don-vi=24-BG")).content.decode()
    assert '<option value="24-BG" selected>Bắc Giang (địa bàn cũ)</option>' in chosen
    whole = client.get(seed_url("/?nam=2025")).content.decode()
    rows = re.compile(r'<tr data-target="[^"]+">.*?</tr>', re.S)
    assert rows.findall(chosen) == rows.findall(whole) != []


def test_a_published_statistics_row_with_the_territory_s_code_lands_on_it(
    figures: Programme, tmp_path: Path
) -> None:
    path = tmp_path / "dia-ban-cu.csv"
    path.write_text(
        "indicator,unit_code,unit_name,year,period,value,unit,status,source_url,published,quote,note\r\n"
        "poverty_rate,24-BG,,2026,2026,0.9,percent,official,https://example.gov.vn/ho-ngheo-2026,2027-01-15,"
        "còn 0.9%,\r\n",
        encoding="utf-8",
    )
    observations_import_file(path=path, programme=figures)
    landed = Observation.objects.get(unit__code="24-BG")
    assert (landed.unit, landed.period, landed.value_text, landed.origin, landed.review_state) == (
        territory(),
        "2026",
        "0.9",
        Origin.PUBLISHED,
        ReviewState.APPROVED,
    )
