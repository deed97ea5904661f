"""Querysets shared by the apps' models."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models


class AppendOnlyQuerySet[M: models.Model](models.QuerySet[M]):
    """The queryset of a log that only grows: bulk updates and deletes are refused.

    The model names its log in ``LOG_NAME`` (e.g. "Nhật ký số liệu"), which the refusal says.
    """

    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError(f"{_log_name(self.model)} chỉ được ghi thêm, không được sửa.")

    def delete(self) -> NoReturn:
        raise PermissionError(f"{_log_name(self.model)} chỉ được ghi thêm, không được xoá.")


def _log_name(model: type[models.Model]) -> str:
    name: str = getattr(model, "LOG_NAME", "Nhật ký")
    return name
