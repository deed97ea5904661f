"""Odd values a request may carry, and a snapshot of the database to show that a refused request changed
nothing (tests/web/test_odd_input.py, tests/web/test_fuzz.py)."""

from __future__ import annotations

from typing import Any

from django.apps import apps

SUPERSCRIPT_TWO = "²"  # "²".isdigit() is true, int("²") fails
ARABIC_THREE = "٣"  # int("٣") == 3: a digit, but not one typed on a Vietnamese keyboard
HUGE = "99999999999999999999"  # 20 digits: above every 64-bit integer

ODD_VALUES: tuple[str, ...] = (
    SUPERSCRIPT_TWO,
    ARABIC_THREE,
    "٢٠٢٤",  # 2024 in Arabic-Indic digits
    "２０２４",  # 2024 in full-width digits
    HUGE,
    "9" * 400,
    "1" * 5000,  # more digits than int() reads (4,300)
    "-1",
    "0",
    "1e3",
    "2024.5",
    "\x00",
    "20\x0024",
    "x" * 5000,
    "Năm 2024 – 二〇二四 – ٢٠٢٤",  # mixed scripts
    "",
    " ",
    "%",
    "'; --",
    "<b>2024</b>",
)

# Tables a GET may write to whatever it asks: the security log, sessions, a pending authenticator device.
UNTRACKED = {"accounts.securityevent", "sessions.session", "otp_totp.totpdevice"}


def database_state() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table (UNTRACKED aside)."""
    return {
        model._meta.label_lower: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.label_lower not in UNTRACKED and not model._meta.proxy
    }
