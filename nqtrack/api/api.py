"""The API: one django-ninja instance mounted at /api/, its OpenAPI 3.1 description at
/api/openapi.json and interactive documentation at /api/docs (Swagger UI, served from ninja's own static
files: no external source)."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation
from ninja.renderers import JSONRenderer

from nqtrack.api import catalogue, dhis2, errors, figures, reports, sdmx, tracking
from nqtrack.api.security import ApiRateThrottle, Public


class Utf8JSON(JSONRenderer):
    """JSON in UTF-8 as written (Vietnamese readable in the body, not \\u escapes)."""

    json_dumps_params = {"ensure_ascii": False}


class Description(OpenAPISchema):
    """ninja's description, where an operation anonymous callers may use lists the empty security
    requirement ``{}`` beside the token schemes (OpenAPI's way to say that signing in is optional)."""

    def operation_security(self, operation: Operation) -> list[dict[str, Any]] | None:
        security = super().operation_security(operation)
        if security is not None and any(isinstance(auth, Public) for auth in operation.auth_callbacks):
            security.append({})
        return security


class Api(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return Description(api=self, path_prefix=path_prefix)


api = Api(
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
