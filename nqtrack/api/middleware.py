"""Every error answer under /api/ is the API's JSON body, including those given before a route is reached
(a NUL in the request, an unknown address, a method a route does not take)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from nqtrack.api.errors import CODES, GENERAL, ErrorOut, both

PREFIX = "/api/"
_KEPT_HEADERS = ("Allow", "Retry-After")


class ApiErrorBodyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            not request.path_info.startswith(PREFIX)
            or response.status_code < 400
            or response.streaming
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        status = response.status_code
        said = GENERAL.get(status, GENERAL[400])
        if response.get("Content-Type", "").startswith("text/plain"):
            # a plain-text refusal (the NUL check) says why in Vietnamese: keep its words
            text = response.content.decode("utf-8", "replace").strip()
            message = both(text, status) if 0 < len(text) <= 500 else both(said, status)
        else:
            message = both(said, status)
        body = ErrorOut(status=status, code=CODES.get(status, "error"), message=message)
        answer = JsonResponse(body.model_dump(), status=status, json_dumps_params={"ensure_ascii": False})
        for header in _KEPT_HEADERS:
            if header in response:
                answer[header] = response[header]
        return answer
