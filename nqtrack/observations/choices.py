"""Choices the figure pages offer, filtered by what the user may see (:mod:`nqtrack.accounts.scopes`)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db.models import F

from nqtrack.accounts import scopes
from nqtrack.core.users import AnyUser
from nqtrack.observations.territory import statistical_territory
from nqtrack.places.models import AdminUnit, UnitLevel
from nqtrack.places.selectors import unit_for_period, units_valid_on

if TYPE_CHECKING:
    from nqtrack.observations.selectors import Grid
    from nqtrack.programmes.models import Programme


def unit_choices(*, user: AnyUser, programme: Programme, year: int, grid: Grid) -> list[AdminUnit]:
    """The province and its districts on 1 January of ``year`` that the user may open, the statistical
    territory that follows the programme's province after the merger, and the grid's unit (others are
    typed by code)."""
    province = unit_for_period(code=programme.province_code, year=year)
    # Every version of the province's code, each named with its dates (Tỉnh Bắc Giang until 30/6/2025,
    # Tỉnh Bắc Ninh from 1/7/2025), then the districts of the year.
    versions = AdminUnit.objects.filter(code=programme.province_code)
    choices = list(versions.order_by(F("valid_from").asc(nulls_first=True)))
    # Bắc Giang (địa bàn cũ) after the province versions: where the whole former territory's figures go
    # (the programme's own former territory: a programme of the new Bắc Ninh has none).
    territory = statistical_territory(programme=programme)
    choices += [territory] if territory is not None else []
    if province is not None:
        choices += list(
            units_valid_on(on=date(year, 1, 1), under=province, level=UnitLevel.DISTRICT).order_by("code")
        )
    choices = [u for u in choices if scopes.can_view_unit(user=user, unit=u)]
    shown = [u for u in grid.units.values() if u is not None]
    if shown and all(u.code != grid.unit_code for u in choices):
        choices.append(shown[-1])
    return choices
