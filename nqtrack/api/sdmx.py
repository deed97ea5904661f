"""The published figures as SDMX data messages (the exchange format of Open SDG and of statistical
offices): SDMX-CSV 1.0 and SDMX-JSON 1.0, flat (every dimension at the observation level), for the data
structure ``NQTRACK:DSD_NQTRACK(1.0)`` that docs/api.md documents and ``/api/sdmx/structure`` describes.

Only published figures are written (for each indicator, unit and period the figure in use, as the
export without drafts chooses it), so the messages are the same for every caller.
"""

import csv
import hashlib
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from nqtrack.api.common import answers, the_programme
from nqtrack.api.security import PUBLIC_OR_SIGNED_IN
from nqtrack.observations.models import Observation
from nqtrack.observations.selectors import Selection, export_figures
from nqtrack.programmes.models import Programme

router = Router(tags=["sdmx"], auth=PUBLIC_OR_SIGNED_IN)

AGENCY = "NQTRACK"
DSD = f"{AGENCY}:DSD_NQTRACK(1.0)"
CSV_MEDIA = "application/vnd.sdmx.data+csv"
JSON_MEDIA = "application/vnd.sdmx.data+json"
CSV_TYPE = f"{CSV_MEDIA}; version=1.0.0; charset=utf-8"
JSON_TYPE = f"{JSON_MEDIA}; version=1.0.0; charset=utf-8"
JSON_SCHEMA = "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/schemas/1.0/sdmx-json-data-schema.json"

DIMENSIONS = ("INDICATOR", "REF_AREA", "TIME_PERIOD")
ATTRIBUTES = ("UNIT_MEASURE", "OBS_STATUS")
# Our statuses in SDMX's code list CL_OBS_STATUS: A normal, P provisional, E estimated, F forecast.
OBS_STATUS = {"official": "A", "preliminary": "P", "estimate": "E", "plan": "F"}
_PERIOD = re.compile(r"^(\d{4})(?:(Q\d)|(S\d)|(\d{2}))?$")


@dataclass(frozen=True, slots=True)
class SdmxObservation:
    indicator: str
    indicator_name: str
    area: str
    area_name: str
    period: str  # SDMX: 2024, 2024-Q1, 2024-S1, 2024-03
    value: str
    unit_measure: str
    status: str  # CL_OBS_STATUS code, "" when not known


def sdmx_period(period: str) -> str:
    """A DHIS2 period (2024, 2024Q1, 2024S1, 202403) as SDMX writes it (2024, 2024-Q1, 2024-S1, 2024-03)."""
    found = _PERIOD.fullmatch(period)
    if found is None:
        return period
    year, quarter, half, month = found.groups()
    part = quarter or half or month
    return f"{year}-{part}" if part else year


def flow_id(programme: Programme) -> str:
    """The dataflow of a programme: its code in SDMX's identifier characters."""
    return "DF_" + re.sub(r"[^A-Za-z0-9_]", "_", programme.code).upper()


def observation_of(obs: Observation) -> SdmxObservation:
    return SdmxObservation(
        indicator=obs.indicator.code,
        indicator_name=obs.indicator.name,
        area=obs.unit.code,
        area_name=obs.unit.name,
        period=sdmx_period(obs.period),
        value=obs.value_text,
        unit_measure=obs.measure_unit,
        status=OBS_STATUS.get(obs.status, ""),
    )


def sdmx_csv(flow: str, observations: Sequence[SdmxObservation]) -> bytes:
    """SDMX-CSV 1.0: the dataflow, the dimensions, OBS_VALUE, then the attributes, one row per figure."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["DATAFLOW", *DIMENSIONS, "OBS_VALUE", *ATTRIBUTES])
    for o in observations:
        writer.writerow(
            [f"{AGENCY}:{flow}(1.0)", o.indicator, o.area, o.period, o.value, o.unit_measure, o.status]
        )
    return out.getvalue().encode("utf-8")


def _codes(pairs: Sequence[tuple[str, str]]) -> tuple[list[dict[str, str]], dict[str, int]]:
    values: list[dict[str, str]] = []
    index: dict[str, int] = {}
    for code, name in pairs:
        if code not in index:
            index[code] = len(values)
            values.append({"id": code, "name": name} if name else {"id": code})
    return values, index


def _number(text: str) -> float | int:
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() and "." not in text else float(value)


def sdmx_json(
    flow: str, name: str, observations: Sequence[SdmxObservation], prepared: datetime
) -> dict[str, Any]:
    """SDMX-JSON 1.0 data message, flat: each observation's key is the index of its value in each
    dimension ("0:3:5"); its array holds the value, then the index of each attribute's value."""
    indicators, indicator_at = _codes([(o.indicator, o.indicator_name) for o in observations])
    areas, area_at = _codes([(o.area, o.area_name) for o in observations])
    periods, period_at = _codes([(p, "") for p in sorted({o.period for o in observations})])
    units, unit_at = _codes([(o.unit_measure, "") for o in observations if o.unit_measure])
    statuses, status_at = _codes([(o.status, "") for o in observations if o.status])
    values: dict[str, list[Any]] = {}
    for o in observations:
        key = f"{indicator_at[o.indicator]}:{area_at[o.area]}:{period_at[o.period]}"
        values[key] = [
            _number(o.value),
            unit_at.get(o.unit_measure),
            status_at.get(o.status),
        ]
    return {
        "meta": {
            "schema": JSON_SCHEMA,
            "id": f"{flow}-{prepared.strftime('%Y%m%dT%H%M%S')}",
            "test": False,
            "prepared": prepared.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "contentLanguages": ["vi"],
            "sender": {"id": AGENCY, "name": "nqtrack"},
        },
        "data": {
            "structure": {
                "links": [
                    {
                        "rel": "datastructure",
                        "urn": f"urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure={DSD}",
                    }
                ],
                "name": name,
                "dimensions": {
                    "dataSet": [],
                    "series": [],
                    "observation": [
                        {"id": "INDICATOR", "name": "Chỉ tiêu", "keyPosition": 0, "values": indicators},
                        {"id": "REF_AREA", "name": "Đơn vị hành chính", "keyPosition": 1, "values": areas},
                        {
                            "id": "TIME_PERIOD",
                            "name": "Kỳ",
                            "keyPosition": 2,
                            "role": "time",
                            "values": periods,
                        },
                    ],
                },
                "attributes": {
                    "dataSet": [],
                    "series": [],
                    "observation": [
                        {
                            "id": "UNIT_MEASURE",
                            "name": "Đơn vị tính",
                            "values": [{"id": u["id"]} for u in units],
                        },
                        {"id": "OBS_STATUS", "name": "Trạng thái số liệu", "values": statuses},
                    ],
                },
            },
            "dataSets": [{"action": "Information", "observations": values}],
        },
        "errors": [],
    }


# -- the routes ------------------------------------------------------------------------------------------


class SdmxFilters(Schema):
    programme: str = Field("", max_length=100)
    unit: list[str] = Field([], max_length=500, description="unit codes (default: the province)")
    group: int | None = Field(None, ge=0, le=1000, description="indicator group number")
    start_year: int | None = Field(None, ge=1900, le=2100)
    end_year: int | None = Field(None, ge=1900, le=2100)


def published(filters: SdmxFilters) -> tuple[Programme, list[SdmxObservation]]:
    programme = the_programme(filters.programme)
    selection = Selection(
        unit_codes=tuple(u.strip() for u in filters.unit if u.strip()),
        first_year=filters.start_year,
        last_year=filters.end_year,
        group_number=filters.group,
        include_drafts=False,
    )
    return programme, [
        observation_of(o) for o in export_figures(user=None, programme=programme, selection=selection)
    ]


@router.get(
    "/sdmx/data.csv",
    response=answers(str),
    url_name="sdmx_csv",
    openapi_extra={
        "responses": {
            200: {"description": "SDMX-CSV 1.0", "content": {CSV_MEDIA: {"schema": {"type": "string"}}}}
        }
    },
)
def data_csv(request: HttpRequest, filters: Query[SdmxFilters]) -> HttpResponse:
    """The published figures as an SDMX-CSV 1.0 data message."""
    programme, observations = published(filters)
    return HttpResponse(sdmx_csv(flow_id(programme), observations), content_type=CSV_TYPE)


@router.get(
    "/sdmx/data.json",
    response=answers(dict[str, Any]),
    url_name="sdmx_json",
    openapi_extra={
        "responses": {
            200: {
                "description": "SDMX-JSON 1.0",
                "content": {JSON_MEDIA: {"schema": {"type": "object", "required": ["meta", "data"]}}},
            }
        }
    },
)
def data_json(request: HttpRequest, filters: Query[SdmxFilters]) -> HttpResponse:
    """The published figures as an SDMX-JSON 1.0 data message."""
    programme, observations = published(filters)
    message = sdmx_json(
        flow_id(programme), programme.short_title or programme.title, observations, datetime.now(UTC)
    )
    response = HttpResponse(json.dumps(message, ensure_ascii=False).encode(), content_type=JSON_TYPE)
    response["ETag"] = data_etag(message)
    return response


def data_etag(message: dict[str, Any]) -> str:
    """A weak ETag of the message without the moment it was prepared (its ``prepared`` and the ``id``
    built from it): the same while the data are unchanged, so a conditional GET is answered 304. Weak,
    since two messages with the same data differ in those bytes."""
    meta = {k: v for k, v in message["meta"].items() if k not in ("id", "prepared")}
    stable = json.dumps({**message, "meta": meta}, ensure_ascii=False, sort_keys=True)
    return f'W/"{hashlib.sha256(stable.encode()).hexdigest()[:32]}"'


class ComponentOut(Schema):
    id: str
    role: str = Field(description="dimension, time dimension, measure or attribute")
    name_vi: str
    name_en: str
    codes: list[str] = Field(description="the codes it takes (empty: free, or SDMX's own code list)")


class StructureOut(Schema):
    id: str
    dataflow: str
    components: list[ComponentOut]


@router.get("/sdmx/structure", response=answers(StructureOut), url_name="sdmx_structure")
def structure(request: HttpRequest, programme: str = Query("", max_length=100)) -> StructureOut:  # type: ignore[type-arg]
    """The data structure of the messages: dimensions, measure and attributes with their codes."""
    found = the_programme(programme)
    indicators = list(found.indicators.order_by("position").values_list("code", flat=True))
    return StructureOut(
        id=DSD,
        dataflow=f"{AGENCY}:{flow_id(found)}(1.0)",
        components=[
            ComponentOut(
                id="INDICATOR", role="dimension", name_vi="Chỉ tiêu", name_en="Indicator", codes=indicators
            ),
            ComponentOut(
                id="REF_AREA",
                role="dimension",
                name_vi="Đơn vị hành chính (mã GSO)",
                name_en="Administrative unit (GSO code)",
                codes=[],
            ),
            ComponentOut(
                id="TIME_PERIOD", role="time dimension", name_vi="Kỳ", name_en="Time period", codes=[]
            ),
            ComponentOut(id="OBS_VALUE", role="measure", name_vi="Giá trị", name_en="Value", codes=[]),
            ComponentOut(
                id="UNIT_MEASURE",
                role="attribute",
                name_vi="Đơn vị tính",
                name_en="Unit of measure",
                codes=[],
            ),
            ComponentOut(
                id="OBS_STATUS",
                role="attribute",
                name_vi="Trạng thái số liệu",
                name_en="Observation status",
                codes=sorted(set(OBS_STATUS.values())),
            ),
        ],
    )
