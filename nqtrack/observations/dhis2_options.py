"""DHIS2's ``dataValueSets`` parameters, as the Web API names them, read from text (a query string, a
command-line option, a form field or the payload itself).

Import: ``dryRun``, ``importStrategy`` (or the payload's ``strategy``), the ``idScheme`` family,
``atomic`` and ``firstRowIsHeader`` (CSV). Export: ``dataSet``, ``period``, ``orgUnit``, ``startDate``,
``endDate`` and the ``idScheme`` family. A value DHIS2 would refuse raises ``Dhis2ParameterError``
naming the parameter and what is allowed, in Vietnamese and English.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any, Self

from nqtrack.observations.models import Status


class Dhis2Format(StrEnum):
    """The four ``dataValueSets`` formats (DHIS2's JSON, CSV, DXF2 XML and ADX)."""

    JSON = "json"
    CSV = "csv"
    XML = "xml"
    ADX = "adx"


CONTENT_TYPES = {
    Dhis2Format.JSON: "application/json",
    Dhis2Format.CSV: "application/csv",
    Dhis2Format.XML: "application/xml",
    Dhis2Format.ADX: "application/adx+xml",
}


class Strategy(StrEnum):
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    CREATE_AND_UPDATE = "CREATE_AND_UPDATE"
    DELETE = "DELETE"


# DHIS2 still reads its old names for the strategies.
_STRATEGY_ALIASES = {
    "NEW": "CREATE",
    "UPDATES": "UPDATE",
    "NEW_AND_UPDATES": "CREATE_AND_UPDATE",
    "DELETES": "DELETE",
}


class IdScheme(StrEnum):
    """DHIS2's identifier schemes for ``dataValueSets``: its uid, its code, its name, or the value of an
    attribute (``ATTRIBUTE:<uid of the attribute>``, which ``IdSchemes`` keeps with the attribute)."""

    UID = "UID"
    CODE = "CODE"
    NAME = "NAME"
    ATTRIBUTE = "ATTRIBUTE"


ATTRIBUTE_PREFIX = "ATTRIBUTE:"
# DHIS2 reads ATTRIBUTE:<uid> when the prefix (in any case) is followed by an 11-character uid.
_ATTRIBUTE_LENGTH = len(ATTRIBUTE_PREFIX) + 11


class Dhis2ParameterError(ValueError):
    """A parameter DHIS2 would refuse; ``message`` is Vietnamese, ``message_en`` English."""

    def __init__(self, parameter: str, value: str, allowed: str, allowed_en: str | None = None) -> None:
        self.parameter = parameter
        self.value = value
        self.message = f"Tham số {parameter} = '{value}' không hợp lệ; dùng {allowed}."
        self.message_en = f"Parameter {parameter} = '{value}' is not valid; use {allowed_en or allowed}."
        super().__init__(self.message)


class AttributeSchemeRefused(Dhis2ParameterError):
    """An ``ATTRIBUTE:<uid>`` scheme: DHIS2 names objects by an attribute's value, and nqtrack keeps no
    attribute values (its code table holds each object's uid, code and name only)."""

    def __init__(self, parameter: str, value: str) -> None:
        super().__init__(parameter, value, "UID, CODE hoặc NAME", "UID, CODE or NAME")
        self.message = (
            f"Tham số {parameter} = '{value}': nqtrack không lưu giá trị thuộc tính (attribute) của DHIS2 "
            "nên không nhận ra đối tượng theo thuộc tính; dùng UID, CODE hoặc NAME."
        )
        self.message_en = (
            f"Parameter {parameter} = '{value}': nqtrack keeps no DHIS2 attribute values, so it cannot "
            "identify objects by an attribute; use UID, CODE or NAME."
        )
        self.args = (self.message,)


def read_bool(parameter: str, value: object) -> bool:
    """DHIS2's booleans: true/false in any case (and a JSON boolean)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "1"}:
        return True
    if text in {"false", "0", ""}:
        return False
    raise Dhis2ParameterError(parameter, str(value), "true hoặc false", "true or false")


def read_strategy(parameter: str, value: object) -> Strategy:
    text = str(value).strip().upper()
    text = _STRATEGY_ALIASES.get(text, text)
    try:
        return Strategy(text)
    except ValueError:
        raise Dhis2ParameterError(parameter, str(value), ", ".join(s.value for s in Strategy)) from None


def read_id_scheme(parameter: str, value: object) -> tuple[IdScheme, str]:
    """A scheme as DHIS2 reads one (the name in any case; ``ATTRIBUTE:`` and an 11-character uid) and
    the attribute's uid ("" for the other schemes)."""
    text = str(value).strip()
    if text.upper().startswith(ATTRIBUTE_PREFIX) and len(text) == _ATTRIBUTE_LENGTH:
        return IdScheme.ATTRIBUTE, text[len(ATTRIBUTE_PREFIX) :]
    if text.upper() != IdScheme.ATTRIBUTE:
        try:
            return IdScheme(text.upper()), ""
        except ValueError:
            pass
    raise Dhis2ParameterError(
        parameter,
        text,
        "UID, CODE, NAME hoặc ATTRIBUTE:<uid của thuộc tính>",
        "UID, CODE, NAME or ATTRIBUTE:<uid of the attribute>",
    )


@dataclass(frozen=True, slots=True)
class IdSchemes:
    """Which identifier the payload (or the export) uses for each kind of object; ``id_scheme`` is the
    default of the three others, as in DHIS2. ``attributes`` holds the attribute's uid of each scheme
    that is ``ATTRIBUTE`` (by field name)."""

    id_scheme: IdScheme = IdScheme.UID
    data_element: IdScheme | None = None
    org_unit: IdScheme | None = None
    category_option_combo: IdScheme | None = None
    attributes: tuple[tuple[str, str], ...] = ()

    @property
    def for_data_element(self) -> IdScheme:
        return self.data_element or self.id_scheme

    @property
    def for_org_unit(self) -> IdScheme:
        return self.org_unit or self.id_scheme

    @property
    def for_combo(self) -> IdScheme:
        return self.category_option_combo or self.id_scheme

    def written(self, field: str) -> str:
        """The scheme of ``field`` (``id_scheme``, ``data_element`` …) as DHIS2 writes it
        (``ATTRIBUTE:<uid>`` for an attribute)."""
        scheme: IdScheme | None = getattr(self, field)
        owner = field if scheme is not None else "id_scheme"
        scheme = scheme or self.id_scheme
        if scheme is IdScheme.ATTRIBUTE:
            return ATTRIBUTE_PREFIX + dict(self.attributes).get(owner, "")
        return scheme.value

    def attribute_parameters(self) -> list[tuple[str, str]]:
        """(DHIS2 parameter, scheme as written) of each kind of object named by an attribute's value."""
        return [
            (name, self.written(field))
            for name, field in _SCHEME_PARAMETERS.items()
            if field != "id_scheme" and self.written(field).startswith(ATTRIBUTE_PREFIX)
        ]

    def refuse_attributes(self) -> None:
        """Raise ``AttributeSchemeRefused`` for the first kind of object named by an attribute's value."""
        for parameter, written in self.attribute_parameters():
            raise AttributeSchemeRefused(parameter, written)

    def overridden(self, given: Mapping[str, Any]) -> IdSchemes:
        """These schemes with the ones ``given`` names (DHIS2 parameter names) taking precedence."""
        changes: dict[str, Any] = {}
        attributes = dict(self.attributes)
        for name, field in _SCHEME_PARAMETERS.items():
            if given.get(name) not in (None, ""):
                scheme, attribute = read_id_scheme(name, given[name])
                changes[field] = scheme
                attributes.pop(field, None)
                if attribute:
                    attributes[field] = attribute
        return replace(self, **changes, attributes=tuple(sorted(attributes.items())))


_SCHEME_PARAMETERS = {
    "idScheme": "id_scheme",
    "dataElementIdScheme": "data_element",
    "orgUnitIdScheme": "org_unit",
    "categoryOptionComboIdScheme": "category_option_combo",
}


@dataclass(frozen=True, slots=True)
class Dhis2ImportOptions:
    """How to import a ``dataValueSets`` payload (DHIS2's defaults: write, create and update, uids,
    partial import, a CSV with a header row).

    ``atomic`` False (DHIS2's default): every value without a conflict is written and each value with
    one is reported and left out. ``atomic`` True: any conflict and nothing is written.
    ``default_status`` is ours: DHIS2 values carry no status, a new figure gets this one.
    """

    dry_run: bool = False
    strategy: Strategy = Strategy.CREATE_AND_UPDATE
    id_schemes: IdSchemes = IdSchemes()
    atomic: bool = False
    first_row_is_header: bool = True
    default_status: str = Status.UNKNOWN

    @classmethod
    def from_params(cls, params: Mapping[str, Any], **ours: Any) -> Self:
        """Options from DHIS2's parameter names (``dryRun``, ``importStrategy``, ``idScheme``,
        ``dataElementIdScheme``, ``orgUnitIdScheme``, ``categoryOptionComboIdScheme``, ``atomic``,
        ``firstRowIsHeader``); absent ones keep DHIS2's defaults. Raise ``Dhis2ParameterError``."""
        options = cls(**ours)
        return options.with_params(params)

    def with_params(self, params: Mapping[str, Any]) -> Self:
        """These options with the ones ``params`` (DHIS2 names) gives taking precedence."""
        changes: dict[str, Any] = {"id_schemes": self.id_schemes.overridden(params)}
        if params.get("dryRun") not in (None, ""):
            changes["dry_run"] = read_bool("dryRun", params["dryRun"])
        for name in ("importStrategy", "strategy"):
            if params.get(name) not in (None, ""):
                changes["strategy"] = read_strategy(name, params[name])
        if params.get("atomic") not in (None, ""):
            changes["atomic"] = read_bool("atomic", params["atomic"])
        if params.get("firstRowIsHeader") not in (None, ""):
            changes["first_row_is_header"] = read_bool("firstRowIsHeader", params["firstRowIsHeader"])
        return replace(self, **changes)

    def as_summary(self) -> dict[str, Any]:
        """The ``importOptions`` of DHIS2's summary."""
        schemes = self.id_schemes
        return {
            "idSchemes": {name: schemes.written(field) for name, field in _SCHEME_PARAMETERS.items()},
            "dryRun": self.dry_run,
            "importStrategy": self.strategy.value,
            "atomic": self.atomic,
            "firstRowIsHeader": self.first_row_is_header,
        }


@dataclass(frozen=True, slots=True)
class Dhis2ExportQuery:
    """What to export, in DHIS2's terms: data sets (nqtrack keeps one per programme: any value is
    written back into the document), periods, org units (in ``id_schemes``' scheme) and a date range
    (a period is in it when it overlaps it). Empty: no filter (all units of the programme's province)."""

    data_set: tuple[str, ...] = ()
    period: tuple[str, ...] = ()
    org_unit: tuple[str, ...] = ()
    start_date: date | None = None
    end_date: date | None = None
    id_schemes: IdSchemes = IdSchemes()
    include_drafts: bool = True

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> Self:
        """A query from DHIS2's parameter names; a list value (repeated parameter) is taken whole."""
        return cls(
            data_set=_many(params.get("dataSet")),
            period=_many(params.get("period")),
            org_unit=_many(params.get("orgUnit")),
            start_date=_date("startDate", params.get("startDate")),
            end_date=_date("endDate", params.get("endDate")),
            id_schemes=IdSchemes().overridden(params),
        )


def _many(value: object) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    items: Sequence[object] = value if isinstance(value, list | tuple) else str(value).split(",")
    return tuple(str(item).strip() for item in items if str(item).strip())


def _date(parameter: str, value: object) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise Dhis2ParameterError(
            parameter, str(value), "ngày dạng YYYY-MM-DD", "a date YYYY-MM-DD"
        ) from None
