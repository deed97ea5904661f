"""Assessments to and from the JSON stored per (target, unit, as-of): pure Python, no Django.

The explanation texts are left out: they follow from the assessment and the target alone
(``nqtrack.domain.progress.text.explain``), so they are rebuilt when read. That keeps a stored row to a few
hundred bytes instead of two paragraphs in two languages, and a reworded explanation needs no refresh.
An assessment that carries no explanation (the fixed "province total" answer for a commune) is stored
with ``explain: false`` and read back without one. Numbers that are not finite are kept as the text
``"inf"``, ``"-inf"`` or ``"nan"`` so that reading gives back exactly what was computed.
"""

from __future__ import annotations

import math
from dataclasses import fields, replace
from typing import Any

from nqtrack.domain.progress.model import Assessment, Method, RequiredPerYear, Status
from nqtrack.domain.progress.text import explain
from nqtrack.domain.targets import Target

type Json = dict[str, Any]

_FLOAT_FIELDS = frozenset(f.name for f in fields(Assessment) if f.type == "float | None")
_STRUCTURED = frozenset({"explain", "status", "method", "required_per_year", "gap_years"})
# The fields that default to None, stored only when set.
_OPTIONAL = tuple(f.name for f in fields(Assessment) if f.default is None)
_SPECIAL = {"inf": math.inf, "-inf": -math.inf, "nan": math.nan}


def assessment_encode(a: Assessment, *, explain_on_read: bool = True) -> Json:
    """The stored form of ``a``: every field but the explanations, JSON-ready; empty fields left out."""
    data: Json = {"explain": explain_on_read, "status": a.status.value, "method": a.method.value}
    for name in _OPTIONAL:
        value = getattr(a, name)
        if value is not None:
            data[name] = _number(value) if name in _FLOAT_FIELDS else value
    need = a.required_per_year
    if need.low is not None or need.high is not None:
        data["required_per_year"] = {"low": _number(need.low), "high": _number(need.high)}
    if a.gap_years:
        data["gap_years"] = list(a.gap_years)
    return data


def assessment_decode(data: Json, target: Target) -> Assessment:
    """The assessment stored as ``data`` for ``target``, with its explanations rebuilt."""
    values: Json = {k: v for k, v in data.items() if k not in _STRUCTURED}
    values.update({k: _float(v) for k, v in values.items() if k in _FLOAT_FIELDS})
    need = data.get("required_per_year", {})
    a = Assessment(
        **values,
        status=Status(data["status"]),
        method=Method(data["method"]),
        required_per_year=RequiredPerYear(low=_float(need.get("low")), high=_float(need.get("high"))),
        gap_years=tuple(data.get("gap_years", ())),
    )
    if not data["explain"]:
        return a
    vi, en = explain(a, target)
    return replace(a, explanation_vi=vi, explanation_en=en)


def _number(x: float | None) -> float | str | None:
    if x is None or math.isfinite(x):
        return x
    return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")


def _float(x: float | str | None) -> float | None:
    if isinstance(x, str):
        return _SPECIAL[x]
    return None if x is None else float(x)
