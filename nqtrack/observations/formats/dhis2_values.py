"""A DHIS2 data value as ``/api/dataValueSets`` exchanges it (JSON, CSV, DXF2 XML and ADX share it), and
the document the readers return: the values, the ones they could not take, and the set's own fields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

FIELDS = (
    "dataElement",
    "period",
    "orgUnit",
    "categoryOptionCombo",
    "attributeOptionCombo",
    "value",
    "storedBy",
    "created",
    "lastUpdated",
    "comment",
    "followup",
)
# The options a payload may carry itself (DHIS2's DataValueSet), next to the request's parameters.
PAYLOAD_OPTIONS = (
    "dryRun",
    "strategy",
    "importStrategy",
    "idScheme",
    "dataElementIdScheme",
    "orgUnitIdScheme",
    "categoryOptionComboIdScheme",
)
E_MISSING = "E7618"
E_SHAPE = "E7619"
_REQUIRED = ("dataElement", "period", "orgUnit")


@dataclass(frozen=True, slots=True)
class Dhis2Value:
    """One data value; ``index`` is its position in the document (0-based), as DHIS2's conflicts use.

    ``value`` None: the document gives no value (a comment-only value, or a deletion). ``comment`` None:
    the document has no comment for it. ``followup`` None: not given.
    """

    index: int
    data_element: str
    period: str
    org_unit: str
    category_option_combo: str = ""
    attribute_option_combo: str = ""
    value: str | None = ""
    stored_by: str = ""
    created: str = ""
    last_updated: str = ""
    comment: str | None = None
    followup: bool | None = None
    deleted: bool = False
    disaggregation: tuple[tuple[str, str], ...] = ()  # ADX category attributes we cannot map

    def get(self, prop: str) -> str:
        """The text of a DHIS2 property (for a conflict's ``object``)."""
        return {
            "dataElement": self.data_element,
            "period": self.period,
            "orgUnit": self.org_unit,
            "categoryOptionCombo": self.category_option_combo,
            "attributeOptionCombo": self.attribute_option_combo,
            "value": self.value or "",
            "comment": self.comment or "",
        }.get(prop, "")


@dataclass(frozen=True, slots=True)
class Dhis2Problem:
    """A value the reader could not take: its index, the DHIS2 property, what is wrong, an error code."""

    index: int
    prop: str
    message: str
    code: str


@dataclass(slots=True)
class Dhis2Document:
    """What a reader found: the values, the problems, the set's ``dataSet`` and ``completeDate``, and the
    options the payload gives itself (DHIS2 names, as text)."""

    values: list[Dhis2Value] = field(default_factory=list)
    problems: list[Dhis2Problem] = field(default_factory=list)
    data_set: str = ""
    complete_date: str = ""
    options: dict[str, str] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """How many values the document holds (taken or not)."""
        return len(self.values) + len({p.index for p in self.problems})

    def add(self, index: int, item: Mapping[str, object], defaults: Mapping[str, str]) -> None:
        """Take one value given by its DHIS2 property names; ``defaults`` are the set's period, org unit
        and attribute option combo."""
        value = value_from(index, item, defaults)
        missing = [prop for prop in _REQUIRED if not value.get(prop)]
        for prop in missing:
            self.problems.append(Dhis2Problem(index, prop, f"thiếu '{prop}'", E_MISSING))
        if not missing:
            self.values.append(value)


def value_from(index: int, item: Mapping[str, object], defaults: Mapping[str, str]) -> Dhis2Value:
    """A value from its DHIS2 property names (``followUp`` and ``timestamp`` are read too)."""
    return Dhis2Value(
        index=index,
        data_element=text(item.get("dataElement")),
        period=text(item.get("period")) or defaults.get("period", ""),
        org_unit=text(item.get("orgUnit")) or defaults.get("orgUnit", ""),
        category_option_combo=text(item.get("categoryOptionCombo")),
        attribute_option_combo=text(item.get("attributeOptionCombo"))
        or defaults.get("attributeOptionCombo", ""),
        value=None if item.get("value") is None else text(item.get("value")),
        stored_by=text(item.get("storedBy")),
        created=text(item.get("created")),
        last_updated=text(item.get("lastUpdated")) or text(item.get("timestamp")),
        comment=None if item.get("comment") is None else text(item.get("comment")),
        followup=truthy(item.get("followup", item.get("followUp"))),
        deleted=bool(truthy(item.get("deleted"))),
    )


def text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def truthy(text: object) -> bool | None:
    """DHIS2's booleans (true/True/TRUE/1/t …); None when empty."""
    if text is None or text == "":
        return None
    if isinstance(text, bool):
        return text
    return str(text).strip().lower() in {"true", "1", "t", "yes"}
