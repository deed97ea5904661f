"""The DHIS2 Web API's ``dataValueSets`` as services: what ``GET`` and ``POST /api/dataValueSets`` answer.

``dhis2_data_value_sets_import`` takes the request body, its format and DHIS2's parameters, and returns
DHIS2's import summary as plain data (JSON-ready)::

    {"responseType": "ImportSummary", "status": "SUCCESS" | "WARNING" | "ERROR", "description": str,
     "importOptions": {...}, "importCount": {"imported": n, "updated": n, "ignored": n, "deleted": n},
     "conflicts": [{"object": str, "value": str, "errorCode": str, "property": str, "indexes": [int]}],
     "rejectedIndexes": [int], "dataSetComplete": str}

``dhis2_data_value_sets_export`` returns the figures as a ``dataValueSets`` document. The command line
(``nqtrack import`` / ``nqtrack export``) and the upload page come through the same code.
"""

from __future__ import annotations

from typing import Any

from nqtrack.core.users import AnyUser
from nqtrack.observations.dhis2 import Dhis2Export, dhis2_export_query, dhis2_import_payload
from nqtrack.observations.dhis2_options import (
    CONTENT_TYPES,
    Dhis2ExportQuery,
    Dhis2Format,
    Dhis2ImportOptions,
    Dhis2ParameterError,
    IdScheme,
    IdSchemes,
    Strategy,
)
from nqtrack.programmes.models import Programme

__all__ = [
    "CONTENT_TYPES",
    "Dhis2Export",
    "Dhis2ExportQuery",
    "Dhis2Format",
    "Dhis2ImportOptions",
    "Dhis2ParameterError",
    "IdScheme",
    "IdSchemes",
    "Strategy",
    "dhis2_data_value_sets_export",
    "dhis2_data_value_sets_import",
]


def dhis2_data_value_sets_import(
    *,
    user: AnyUser | None,
    programme: Programme,
    data: bytes,
    format: Dhis2Format,
    options: Dhis2ImportOptions | None = None,
    name: str = "dataValueSets",
) -> dict[str, Any]:
    """Import a ``dataValueSets`` payload (bytes of ``format``) as ``user``; return DHIS2's import summary.

    ``options`` are the request's parameters (``Dhis2ImportOptions.from_params(request.GET)``); the
    payload's own ``dryRun``, ``strategy`` and ``idScheme`` family take precedence, as in DHIS2. A body
    that cannot be read at all (not JSON, bad XML, too large …) gives status ERROR with the reason in
    ``description`` and nothing written. Raises ``PermissionDenied`` when ``user`` may enter no figures;
    never raises for bad values (each is a conflict). ``name`` names the source in the audit log.
    """
    return dhis2_import_payload(
        user=user, programme=programme, name=name, data=data, format=format, options=options
    ).summary


def dhis2_data_value_sets_export(
    *, user: AnyUser | None, programme: Programme, format: Dhis2Format, query: Dhis2ExportQuery | None = None
) -> Dhis2Export:
    """The figures ``user`` may read that ``query`` selects, as a ``dataValueSets`` document of ``format``
    (``Dhis2Export.data``; its media type is ``CONTENT_TYPES[format]``). Figures whose indicator or unit has
    no DHIS2 identifier in the code table are left out and counted in ``skipped``. Raises
    ``Dhis2ParameterError`` for a period that is not DHIS2's or an org unit not in the code table."""
    return dhis2_export_query(
        user=user, programme=programme, format=format, query=query or Dhis2ExportQuery()
    )
