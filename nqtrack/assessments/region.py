"""The region view: the programme's targets beside the regional targets they serve (96/NQ-CP, 11-NQ/TW).

The regional targets are data (``programmes/region-11-nqtw.yaml``, format below and in docs/dashboard.md);
this module reads and checks the file and says, target by target, whether the province aims lower than the
region.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Literal

import yaml
from django.conf import settings
from pydantic import BaseModel, ConfigDict, ValidationError

from nqtrack.domain.progress.rules import higher_is_better
from nqtrack.domain.targets import Comparator, Direction, Target, TargetKind
from nqtrack.programmes import models as pm
from nqtrack.programmes.selectors import domain_target

DEFAULT_REGION_FILE = Path(settings.BASE_DIR) / "programmes" / "region-11-nqtw.yaml"
_TOLERANCE = 1e-9


class RegionFileError(ValueError):
    """The regional targets file cannot be read; the message says where and what."""


class _Document(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str
    title: str
    url: str


class _RegionTarget(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    indicator: str
    document: str
    kind: TargetKind
    comparator: Comparator
    low: float | None = None
    high: float | None = None
    unit: str
    year: int | None = None
    period: tuple[int, int] | None = None
    direction: Direction | None = None
    quote: str
    quote_language: Literal["vi", "en"] = "vi"


class _RegionFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    format: Literal["nqtrack-region/1"]
    region: str
    implements: str
    documents: list[_Document]
    targets: list[_RegionTarget]


@dataclass(frozen=True, slots=True)
class RegionTarget:
    indicator_code: str
    target: Target
    quote: str
    quote_language: str
    document_title: str
    document_url: str


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    implements: str
    targets: tuple[RegionTarget, ...]
    document_title: str = ""  # the file's first document: the one that sets the targets (96/NQ-CP)


class Comparison(StrEnum):
    BELOW = "below"  # the province aims lower than the region
    SAME = "same"
    ABOVE = "above"
    NOT_COMPARABLE = "not_comparable"  # different kinds or units
    NO_COUNTERPART = "no_counterpart"  # the programme has no target for this indicator


@dataclass(frozen=True, slots=True)
class RegionRow:
    region: RegionTarget
    province: pm.Target | None
    comparison: Comparison


def region_load(*, path: Path | None = None) -> Region:
    """Read and check the regional targets file; raise RegionFileError naming the problem."""
    source = path or Path(getattr(settings, "NQTRACK_REGION_TARGETS", DEFAULT_REGION_FILE))
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
        parsed = _RegionFile.model_validate(raw)
    except OSError as error:
        raise RegionFileError(f"Không đọc được tệp chỉ tiêu vùng {source}: {error.strerror}.") from error
    except yaml.YAMLError as error:
        raise RegionFileError(f"Tệp chỉ tiêu vùng {source} không phải YAML hợp lệ: {error}.") from error
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors(include_url=False)
        )
        raise RegionFileError(f"Tệp chỉ tiêu vùng {source} sai: {problems}.") from error
    return _region(parsed, source)


def _region(parsed: _RegionFile, source: Path) -> Region:
    documents = {d.code: d for d in parsed.documents}
    targets = []
    for number, item in enumerate(parsed.targets):
        document = documents.get(item.document)
        if document is None:
            raise RegionFileError(
                f"Tệp chỉ tiêu vùng {source} sai: targets.{number}.document: "
                f"không có văn bản '{item.document}' trong documents."
            )
        target = Target(
            kind=item.kind,
            comparator=item.comparator,
            low=item.low,
            high=item.high,
            direction=item.direction or Direction.HIGHER,
            year=item.year,
            period=item.period,
            unit=item.unit,
        )
        targets.append(
            RegionTarget(
                item.indicator, target, item.quote, item.quote_language, document.title, document.url
            )
        )
    first = parsed.documents[0].title if parsed.documents else ""
    return Region(parsed.region, parsed.implements, tuple(targets), first)


def region_comparison(*, programme: pm.Programme, region: Region) -> list[RegionRow]:
    """Each regional target beside the programme's target for the same indicator, in the region's order."""
    targets = pm.Target.objects.filter(indicator__programme=programme).select_related("indicator__programme")
    by_indicator: dict[str, pm.Target] = {}
    for target in targets.order_by("position"):
        by_indicator.setdefault(target.indicator.code, target)
    rows = []
    for item in region.targets:
        province = by_indicator.get(item.indicator_code)
        if province is None:
            rows.append(RegionRow(item, None, Comparison.NO_COUNTERPART))
            continue
        own = domain_target(province)
        regional = _with_direction(item.target, own.direction)
        rows.append(RegionRow(item, province, compare_ambition(province=own, region=regional)))
    return rows


def _with_direction(target: Target, direction: Direction) -> Target:
    """The regional target read in the programme indicator's direction (the file states it rarely)."""
    return replace(target, direction=direction)


def compare_ambition(*, province: Target, region: Target) -> Comparison:
    """Whether the province aims lower, the same or higher than the region (weakest bounds compared)."""
    if province.kind != region.kind or _unit(province) != _unit(region):
        return Comparison.NOT_COMPARABLE
    ours, theirs = _ambition(province), _ambition(region)
    if ours is None or theirs is None:
        return Comparison.NOT_COMPARABLE
    if abs(ours - theirs) <= _TOLERANCE * max(1.0, abs(theirs)):
        return Comparison.SAME
    return Comparison.BELOW if ours < theirs else Comparison.ABOVE


def _unit(target: Target) -> str:
    defaults = {
        TargetKind.AVERAGE_GROWTH: "percent_per_year",
        TargetKind.ANNUAL_CHANGE: "percentage_points_per_year",
    }
    return target.unit or defaults.get(target.kind, "")


def _ambition(target: Target) -> float | None:
    """The weakest bound, signed so that more is more ambitious."""
    if target.kind == TargetKind.ANNUAL_CHANGE:  # amounts in the good direction: more is more
        return target.low if target.low is not None else target.high
    if higher_is_better(target):
        return target.low if target.low is not None else target.high
    bound = target.high if target.high is not None else target.low
    return -bound if bound is not None else None
