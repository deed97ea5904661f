"""A DHIS2 data value as ``/api/dataValueSets`` exchanges it (JSON and CSV share it)."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Dhis2Value:
    """One data value; ``index`` is its position in the document (0-based), as DHIS2's conflicts use.

    ``comment`` None: the document has no comment for it. ``followup`` None: not given.
    """

    index: int
    data_element: str
    period: str
    org_unit: str
    category_option_combo: str = ""
    attribute_option_combo: str = ""
    value: str = ""
    stored_by: str = ""
    created: str = ""
    last_updated: str = ""
    comment: str | None = None
    followup: bool | None = None
    deleted: bool = False

    def get(self, prop: str) -> str:
        """The text of a DHIS2 property (for a conflict's ``object``)."""
        return {
            "dataElement": self.data_element,
            "period": self.period,
            "orgUnit": self.org_unit,
            "categoryOptionCombo": self.category_option_combo,
            "attributeOptionCombo": self.attribute_option_combo,
            "value": self.value,
            "comment": self.comment or "",
        }.get(prop, "")


@dataclass(frozen=True, slots=True)
class Dhis2Problem:
    """A value the reader could not take: its index, the DHIS2 property, what is wrong, an error code."""

    index: int
    prop: str
    message: str
    code: str


def truthy(text: object) -> bool | None:
    """DHIS2's booleans (true/True/TRUE/1/t …); None when empty."""
    if text is None or text == "":
        return None
    if isinstance(text, bool):
        return text
    return str(text).strip().lower() in {"true", "1", "t", "yes"}
