"""The API: one django-ninja instance mounted at /api/, its OpenAPI 3.1 description at
/api/openapi.json and interactive documentation at /api/docs (Swagger UI, served from ninja's own static
files: no external source)."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from nqtrack.api import catalogue, dhis2, errors, figures, reports, sdmx, tracking
from nqtrack.api.security import ApiRateThrottle


class Utf8JSON(JSONRenderer):
    """JSON in UTF-8 as written (Vietnamese readable in the body, not \\u escapes)."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=Utf8JSON(),
    title="nqtrack API",
    version="1",
    description=(
        "Chương trình hành động, chỉ tiêu và đánh giá, số liệu, nhiệm vụ, báo cáo; dữ liệu DHIS2 và SDMX. "
        "The action programme, its targets and assessments, figures, tasks, reports; DHIS2 data values "
        "and SDMX. Authorization: ApiToken <token> (or Bearer <token>). See docs/api.md."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[ApiRateThrottle()],
)
errors.install(api)
for router in (catalogue.router, figures.router, tracking.router, reports.router, dhis2.router, sdmx.router):
    api.add_router("", router)
