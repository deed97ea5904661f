"""Argument types shared by management commands."""

from __future__ import annotations

from datetime import date

from django.core.management.base import CommandError


def iso_day(text: str) -> date:
    """A ``YYYY-MM-DD`` argument as a date (``type=iso_day``); anything else stops the command."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Ngày “{text}” không đúng dạng YYYY-MM-DD.") from None
