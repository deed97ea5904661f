"""DHIS2's Web API for data values: ``GET`` and ``POST /api/dataValueSets``, with DHIS2's parameters and
its import summary, through the same service as the command line and the upload page
(``observations.dhis2_api``)."""

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status

from nqtrack.api.common import answers, the_programme
from nqtrack.api.errors import ApiError, ErrorOut
from nqtrack.api.security import SIGNED_IN
from nqtrack.observations.dhis2_api import (
    CONTENT_TYPES,
    Dhis2ExportQuery,
    Dhis2Format,
    Dhis2ImportOptions,
    Dhis2ParameterError,
    dhis2_data_value_sets_export,
    dhis2_data_value_sets_import,
)

router = Router(tags=["dhis2"], auth=SIGNED_IN)

# The body's media type decides its format, as in DHIS2.
FORMATS = {
    "application/json": Dhis2Format.JSON,
    "application/csv": Dhis2Format.CSV,
    "text/csv": Dhis2Format.CSV,
    "application/xml": Dhis2Format.XML,
    "text/xml": Dhis2Format.XML,
    "application/adx+xml": Dhis2Format.ADX,
}


class ExportParams(Schema):
    programme: str = Field("", max_length=100)
    format: Dhis2Format = Field(Dhis2Format.JSON, description="json, csv, xml (DXF2) or adx")
    dataSet: list[str] = Field([], max_length=50)
    period: list[str] = Field([], max_length=200, description="DHIS2 periods: 2024, 2024Q1, 202403")
    orgUnit: list[str] = Field([], max_length=500, description="org units in the idScheme's identifiers")
    startDate: str = Field("", max_length=10, description="YYYY-MM-DD")
    endDate: str = Field("", max_length=10, description="YYYY-MM-DD")
    idScheme: str = Field("", max_length=30, description="UID, CODE, NAME or ATTRIBUTE:<uid>")
    dataElementIdScheme: str = Field("", max_length=30)
    orgUnitIdScheme: str = Field("", max_length=30)
    categoryOptionComboIdScheme: str = Field("", max_length=30)


class ImportParams(Schema):
    programme: str = Field("", max_length=100)
    dryRun: str = Field("", max_length=5, description="true: check everything, write nothing")
    importStrategy: str = Field("", max_length=20, description="CREATE, UPDATE, CREATE_AND_UPDATE, DELETE")
    atomic: str = Field("", max_length=5, description="true: any conflict and nothing is written")
    firstRowIsHeader: str = Field("", max_length=5, description="CSV: false when there is no header row")
    idScheme: str = Field("", max_length=10)
    dataElementIdScheme: str = Field("", max_length=30)
    orgUnitIdScheme: str = Field("", max_length=30)
    categoryOptionComboIdScheme: str = Field("", max_length=30)


class ImportCount(Schema):
    imported: int
    updated: int
    ignored: int
    deleted: int


class Conflict(Schema):
    object: str
    value: str
    errorCode: str = ""
    property: str = ""
    indexes: list[int] = []


class ImportSummary(Schema):
    responseType: str
    status: str = Field(description="SUCCESS, WARNING or ERROR")
    description: str = ""
    importOptions: dict[str, Any] = {}
    importCount: ImportCount
    conflicts: list[Conflict] = []
    rejectedIndexes: list[int] = []
    dataSetComplete: str = ""


class WebMessage(Schema):
    """DHIS2's answer to an import: the import summary in ``response``."""

    httpStatus: str
    httpStatusCode: int
    status: str
    message: str
    response: ImportSummary


def _parameter_refused(error: Dhis2ParameterError) -> ApiError:
    return ApiError(400, error.message, code="bad_parameter", english=error.message_en)


EXPORT_CONTENT: dict[str, Any] = {CONTENT_TYPES[f]: {"schema": {"type": "string"}} for f in Dhis2Format}
EXPORT_CONTENT[CONTENT_TYPES[Dhis2Format.JSON]] = {
    "schema": {"type": "object", "properties": {"dataValues": {"type": "array", "items": {"type": "object"}}}}
}


@router.get(
    "/dataValueSets",
    response=answers(dict[str, Any]),
    url_name="data_value_sets",
    openapi_extra={
        "responses": {200: {"description": "a dataValueSets document", "content": EXPORT_CONTENT}}
    },
)
def data_value_sets(request: HttpRequest, params: Query[ExportParams]) -> HttpResponse:
    """The figures the caller may read as a ``dataValueSets`` document (JSON, CSV, DXF2 XML or ADX)."""
    programme = the_programme(params.programme)
    try:
        query = Dhis2ExportQuery.from_params(
            {
                "dataSet": params.dataSet,
                "period": params.period,
                "orgUnit": params.orgUnit,
                "startDate": params.startDate,
                "endDate": params.endDate,
                "idScheme": params.idScheme,
                "dataElementIdScheme": params.dataElementIdScheme,
                "orgUnitIdScheme": params.orgUnitIdScheme,
                "categoryOptionComboIdScheme": params.categoryOptionComboIdScheme,
            }
        )
        exported = dhis2_data_value_sets_export(
            user=request.user, programme=programme, format=params.format, query=query
        )
    except Dhis2ParameterError as error:
        raise _parameter_refused(error) from error
    return HttpResponse(exported.data, content_type=CONTENT_TYPES[params.format])


IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "description": "a dataValueSets payload; its Content-Type says its format",
        "content": {media: {"schema": {"type": "string"}} for media in FORMATS},
    }
}


@router.post(
    "/dataValueSets",
    response={**answers(WebMessage), 409: WebMessage, 413: ErrorOut, 415: ErrorOut},
    url_name="data_value_sets_import",
    openapi_extra=IMPORT_BODY,
)
def data_value_sets_import(request: HttpRequest, params: Query[ImportParams]) -> Status[dict[str, Any]]:
    """Import a ``dataValueSets`` payload; the answer is DHIS2's import summary (409 when its status is
    ERROR, as DHIS2 answers)."""
    programme = the_programme(params.programme)
    media = (request.content_type or "").lower()
    if media not in FORMATS:
        raise ApiError(
            415,
            gettext_lazy(
                "Gửi dữ liệu với Content-Type application/json, application/csv, application/xml "
                "hoặc application/adx+xml."
            ),
            code="unsupported_media_type",
        )
    try:
        body = request.body
    except RequestDataTooBig as error:
        raise ApiError(413, gettext_lazy("Dữ liệu gửi lên quá lớn."), code="too_large") from error
    try:
        options = Dhis2ImportOptions.from_params(
            {name: value for name, value in params.model_dump().items() if name != "programme"}
        )
    except Dhis2ParameterError as error:
        raise _parameter_refused(error) from error
    summary = dhis2_data_value_sets_import(
        user=request.user, programme=programme, data=body, format=FORMATS[media], options=options, name="api"
    )
    failed = summary.get("status") == "ERROR"
    message = {
        "httpStatus": "Conflict" if failed else "OK",
        "httpStatusCode": 409 if failed else 200,
        "status": "ERROR" if failed else "OK",
        "message": "An error occurred, please check import summary." if failed else "Import was successful.",
        "response": summary,
    }
    return Status(409 if failed else 200, message)
