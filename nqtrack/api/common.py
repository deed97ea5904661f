"""What every route of the API shares: the programme a request is about, and the error answers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import field_validator

from nqtrack.api.errors import ERRORS, ApiError
from nqtrack.programmes.models import Programme
from nqtrack.programmes.selectors import ProgrammeNotFound, programme_get

NO_PROGRAMME = gettext_lazy("Không có chương trình này.")


class Body(Schema):
    """A request body: no text in it holds a NUL character.

    The form middleware refuses NUL in query strings and form values; a JSON body escapes it (``\\u0000``)
    past that check, and PostgreSQL refuses it in a query where SQLite would answer "not found".
    """

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(text, str) and "\x00" in text for text in texts):
            raise ValueError("a NUL character (code 0) is not allowed")
        return value


def the_programme(code: str | None) -> Programme:
    """The programme ``code`` (empty: the only or first one); 404 when there is none."""
    try:
        return programme_get(code=code or None)
    except ProgrammeNotFound as error:
        raise ApiError(404, str(error) or NO_PROGRAMME) from error


def answers(ok: Any, status: int = 200) -> dict[int, Any]:
    """The documented answers of an operation: its own and every error."""
    return {status: ok, **ERRORS}


class Paged(LimitOffsetPagination):
    """``limit`` (1–1000, 100 by default) and ``offset``; the answer is ``{"items": [...], "count": n}``."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000, description="how many items (at most 1000)")
        offset: int = Field(0, ge=0, le=10**9, description="how many items to skip")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=1000, **kwargs)
