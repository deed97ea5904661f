"""Every error of the API as one JSON body, its message in Vietnamese and in English.

The services speak Vietnamese (their messages are the catalogue's msgids), so the English of a message is
looked up in the English catalogue. A message built with values is a ``Translatable``
(nqtrack.core.messages): it is said again in English with the same values. Text with no catalogue entry
(a message of a library, or one built without ``translatable``) gets the general sentence of the status
in English, the Vietnamese keeping the particulars.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from nqtrack.core.messages import Translatable, said_in
from nqtrack.core.params import BadParameter


class Message(Schema):
    vi: str
    en: str


class FieldError(Schema):
    field: str
    message: Message


class ErrorOut(Schema):
    """The body of every error answer."""

    status: int
    code: str
    message: Message
    errors: list[FieldError] = []


class ApiError(Exception):
    """An error a view raises on purpose, with its status and a message from the catalogue."""

    def __init__(self, status: int, message: str | Promise, code: str = "", english: str = "") -> None:
        super().__init__(str(message))
        self.status = status
        self.message = message
        self.code = code or CODES.get(status, "error")
        self.english = english  # when the message is built with values and has no catalogue entry


CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "invalid",
    413: "too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
}

GENERAL: dict[int, Promise] = {
    400: gettext_lazy("Yêu cầu không hợp lệ."),
    401: gettext_lazy(
        "Cần đăng nhập: gửi mã truy cập cá nhân trong tiêu đề Authorization (ApiToken <mã> hoặc Bearer <mã>)."
    ),
    403: gettext_lazy("Bạn không có quyền làm việc này."),
    404: gettext_lazy("Không tìm thấy."),
    405: gettext_lazy("Phương thức này không dùng được ở đây."),
    409: gettext_lazy("Không làm được việc này với dữ liệu hiện có."),
    413: gettext_lazy("Dữ liệu gửi lên quá lớn."),
    415: gettext_lazy("Kiểu dữ liệu gửi lên không dùng được ở đây."),
    422: gettext_lazy("Dữ liệu gửi lên không hợp lệ."),
    429: gettext_lazy("Gửi quá nhiều yêu cầu; chờ một lát rồi gửi lại."),
}

# Every error answer the API documents: an operation lists these beside its own answer.
ERRORS: dict[int, type[ErrorOut]] = {status: ErrorOut for status in (400, 401, 403, 404, 409, 422, 429)}


def both(message: str | Promise, status: int) -> Message:
    """The message in Vietnamese and in English."""
    if isinstance(message, Translatable):
        return Message(vi=message.in_language("vi"), en=message.in_language("en"))
    if isinstance(message, Promise):
        with translation.override("vi"):
            vi = str(message)
        with translation.override("en"):
            en = str(message)
        return Message(vi=vi, en=en)
    vi = str(message)
    with translation.override("en"):
        en = translation.gettext(vi) if vi else ""
    if not en or en == vi:
        with translation.override("en"):
            en = str(GENERAL.get(status, GENERAL[400]))
    return Message(vi=vi or str(GENERAL.get(status, GENERAL[400])), en=en)


def joined(parts: list[str], status: int) -> Message:
    """Several messages said one after the other (a refusal and its reasons), in each language; the
    English is the general sentence when a part has none of its own."""
    said = [both(part, status) for part in parts if part]
    general = said_in(GENERAL.get(status, GENERAL[400]), "en")
    english = [m.en for m in said]
    if general in english and len(said) > 1:
        english = [general]
    return Message(vi=" ".join(m.vi for m in said), en=" ".join(english))


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    message: str | Promise,
    *,
    code: str = "",
    errors: list[FieldError] | None = None,
    english: str = "",
) -> HttpResponse:
    said = both(message, status)
    body = ErrorOut(
        status=status,
        code=code or CODES.get(status, "error"),
        message=Message(vi=said.vi, en=english) if english else said,
        errors=errors or [],
    )
    return api.create_response(request, body.model_dump(), status=status)


def _validation_fields(problems: list[dict[str, Any]]) -> list[FieldError]:
    found = []
    for problem in problems:
        place = ".".join(str(p) for p in problem.get("loc", ()) if p not in {"query", "body", "path"})
        text = str(problem.get("msg", ""))
        found.append(
            FieldError(
                field=place,
                message=Message(vi=f"Giá trị không hợp lệ ({text}).", en=f"Invalid value ({text})."),
            )
        )
    return found


def _said(error: DjangoValidationError) -> str | Promise:
    """One error's message as the service made it (a translatable one stays translatable)."""
    message = error.message
    return message % error.params if error.params else message


def _django_validation_fields(error: DjangoValidationError) -> tuple[str | Promise, list[FieldError]]:
    if hasattr(error, "error_dict"):
        parts = [(name, _said(e)) for name, errors in error.error_dict.items() for e in errors]
        fields = [FieldError(field=name, message=both(text, 400)) for name, text in parts]
        return (parts[0][1] if parts else ""), fields
    messages = [_said(e) for e in error.error_list]
    return (messages[0] if messages else ""), []


def message_of(error: Exception) -> str | Promise:
    """An exception's message as raised (``str(error)`` would drop what makes it translatable)."""
    first = error.args[0] if len(error.args) == 1 else None
    return first if isinstance(first, str | Promise) else str(error)


def install(api: NinjaAPI) -> None:
    """Answer every exception a view or a check may raise with the one body."""

    @api.exception_handler(ApiError)
    def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return error_response(api, request, exc.status, exc.message, code=exc.code, english=exc.english)

    @api.exception_handler(NinjaValidationError)
    def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return error_response(api, request, 422, GENERAL[422], errors=_validation_fields(exc.errors))

    @api.exception_handler(AuthenticationError)
    def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(api, request, 401, GENERAL[401])

    @api.exception_handler(Throttled)
    def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return error_response(api, request, 429, GENERAL[429])

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja's own: the CSRF check of a signed-in browser (403), a body it cannot parse (400)
        return error_response(api, request, exc.status_code, GENERAL.get(exc.status_code, GENERAL[400]))

    @api.exception_handler(PermissionDenied)
    def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return error_response(api, request, 403, message_of(exc) or GENERAL[403])

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(api, request, 404, message_of(exc) or GENERAL[404])

    @api.exception_handler(BadParameter)
    def _bad_parameter(request: HttpRequest, exc: BadParameter) -> HttpResponse:
        return error_response(api, request, 400, message_of(exc) or GENERAL[400])

    @api.exception_handler(DjangoValidationError)
    def _django_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        first, fields = _django_validation_fields(exc)
        return error_response(api, request, 400, first or GENERAL[400], errors=fields)
