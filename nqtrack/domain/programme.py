"""The programme file (docs/programme-format.md): parse, validate with line numbers, write back.

Parsing is pure: text in, a frozen ``Programme`` out, or ``ProgrammeFileError`` listing every problem with
the line it concerns. The structure is declared once as pydantic dataclasses, so the same declaration
validates the file and serialises it back (load → export → load gives the same programme).
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml
from pydantic import ConfigDict, TypeAdapter, ValidationError
from pydantic.dataclasses import dataclass as schema

from nqtrack.domain.progress.model import Method
from nqtrack.domain.targets import Comparator, Direction, TargetKind

FORMAT = "nqtrack-programme/1"
_STRICT = ConfigDict(extra="forbid", frozen=True)
_CODE = r"^[A-Za-z0-9][A-Za-z0-9_.\-/]*$"
# A due date: a year ("2025"), a month ("2022-09") or a day ("2022-09-30").
_DUE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


@schema(config=_STRICT)
class SignedBy:
    title: str
    name: str


@schema(config=_STRICT)
class Identity:
    title: str
    issuer: str
    issuer_kind: Literal["party", "state"]
    implements: str
    province_code: str
    period: tuple[int, int]
    short_title: str = ""
    number: str | None = None
    date: str | None = None
    base_year: int | None = None
    signed_by: SignedBy | None = None
    progress_method: Method = Method.RATIO
    usd_exchange_rate: float | None = None  # VND per USD the programme's USD equivalents assume, if stated
    # The territory the programme covers: its province as the unit list of this date (YYYY-MM-DD) frames
    # it, e.g. Bắc Giang on 2022-10-01, which goes on as "Bắc Giang (địa bàn cũ)" after a merger.
    territory_as_of: str | None = None

    @property
    def effective_base_year(self) -> int:
        """The base year of progress: stated, or the year before the period starts."""
        return self.base_year if self.base_year is not None else self.period[0] - 1


@schema(config=_STRICT)
class NumberedText:
    number: int
    text: str


@schema(config=_STRICT)
class Vision:
    year: int
    text: str


@schema(config=_STRICT)
class StatisticsKey:
    """A key of published data that means this indicator, optionally for a fixed unit (GSO code)."""

    key: str
    unit_code: str | None = None


@schema(config=_STRICT)
class Baseline:
    year: int
    value: float


@schema(config=_STRICT)
class Equivalent:
    value: float
    unit: str


@schema(config=_STRICT)
class Rebased:
    """A target re-based by a later decision, when what it counted no longer exists (the districts after
    1/7/2025): the new terms it is judged on, from ``since`` (the day the original basis ended), with the
    decision that set them and its words. Left out, a keyword keeps the original target's (kind, unit)."""

    since: str  # YYYY-MM-DD
    decided_by: str
    source_text: str
    comparator: Comparator
    kind: TargetKind | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    year: int | None = None
    period: tuple[int, int] | None = None
    out_of: int | None = None


@schema(config=_STRICT)
class TargetSpec:
    code: str
    kind: TargetKind
    comparator: Comparator
    source_text: str
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    year: int | None = None
    period: tuple[int, int] | None = None
    direction: Direction | None = None
    tolerance: float | None = None
    base_year: int | None = None
    baseline: Baseline | None = None
    series_break: int | None = None  # first year of a new series: no progress is computed across it
    out_of: int | None = None
    equivalent: Equivalent | None = None
    series_kind: Literal["level", "growth_rate"] = "level"
    part_of: str | None = None
    method: Method | None = None  # overrides the programme's progress method for this target
    rebased: Rebased | None = None  # judged on these terms instead (a level abolished, a decision)


@schema(config=_STRICT)
class Indicator:
    code: str
    name: str
    unit: str
    direction: Direction = Direction.HIGHER
    statistics_keys: tuple[StatisticsKey, ...] = ()
    targets: tuple[TargetSpec, ...] = ()


@schema(config=_STRICT)
class Milestone:
    code: str
    text: str
    due: str
    units: tuple[str, ...] = ()
    kind: str = ""


@schema(config=_STRICT)
class IndicatorGroup:
    number: int
    text: str
    indicators: tuple[Indicator, ...] = ()
    milestones: tuple[Milestone, ...] = ()


@schema(config=_STRICT)
class KeyProject:
    code: str
    name: str
    kind: str = ""


@schema(config=_STRICT)
class Task:
    code: str
    text: str
    kind: Literal["one_off", "recurring"] = "recurring"
    due: str | None = None
    key_projects: tuple[KeyProject, ...] = ()
    documents: tuple[str, ...] = ()


@schema(config=_STRICT)
class TaskGroup:
    number: int
    title: str
    tasks: tuple[Task, ...] = ()


@schema(config=_STRICT)
class Assignment:
    number: int
    text: str
    lead: tuple[str, ...] = ()
    cooperating: tuple[str, ...] = ()
    due: str | None = None
    recurring: bool = False


@schema(config=_STRICT)
class Organisation:
    code: str
    name: str
    kind: Literal["party", "state", "front", "other"] = "other"
    parent: str | None = None
    unit_code: str | None = None


@schema(config=_STRICT)
class Document:
    code: str
    title: str
    kind: str = ""
    number: str | None = None
    date: str | None = None
    issuer: str = ""


@schema(config=_STRICT)
class Programme:
    format: Literal["nqtrack-programme/1"]
    code: str
    identity: Identity
    general_objective: tuple[str, ...]
    indicator_groups: tuple[IndicatorGroup, ...]
    task_groups: tuple[TaskGroup, ...]
    assignments: tuple[Assignment, ...]
    preamble: str = ""
    purposes: tuple[NumberedText, ...] = ()
    vision: Vision | None = None
    supporting_indicators: tuple[Indicator, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    documents: tuple[Document, ...] = ()

    def indicators(self) -> Iterator[Indicator]:
        """Every indicator: those of the groups, then the supporting ones."""
        for group in self.indicator_groups:
            yield from group.indicators
        yield from self.supporting_indicators

    def targets(self) -> Iterator[tuple[Indicator, TargetSpec]]:
        """Every numeric target with its indicator, in document order."""
        for group in self.indicator_groups:
            for indicator in group.indicators:
                for spec in indicator.targets:
                    yield indicator, spec


_ADAPTER: TypeAdapter[Programme] = TypeAdapter(Programme)
# libyaml's safe loader reads the same YAML with the same line marks, ten times faster than the pure
# Python one (a long programme file loads in a second instead of ten).
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem of a programme file: where (line and path) and what."""

    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"dòng {self.line}" if self.line else "tệp"
        return f"{where} ({self.path or 'gốc'}): {self.message}"


@dataclass(slots=True)
class ProgrammeFileError(Exception):
    """A programme file that cannot be loaded, with every problem found."""

    filename: str
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"{self.filename}: {len(self.problems)} lỗi"]
        lines += [f"  {self.filename}, {problem}" for problem in self.problems]
        return "\n".join(lines)


def parse_programme(text: str, *, filename: str = "<programme>") -> Programme:
    """Parse and validate a programme file; raise ``ProgrammeFileError`` listing every problem."""
    text = unicodedata.normalize("NFC", text)
    try:
        root = yaml.compose(text, Loader=_LOADER)
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - _LOADER is a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ProgrammeFileError(filename, [Problem(line, "", f"YAML không hợp lệ: {error}")]) from error
    lines = _line_index(root)
    try:
        programme = _ADAPTER.validate_python(data)
    except ValidationError as error:
        problems = [_problem_from_pydantic(item, lines) for item in error.errors()]
        raise ProgrammeFileError(filename, problems) from error
    problems = [
        Problem(_nearest_line(path, lines), path.split("#")[0], msg) for path, msg in _check(programme)
    ]
    if problems:
        raise ProgrammeFileError(filename, problems)
    return programme


def programme_to_dict(programme: Programme) -> dict[str, Any]:
    """The programme as plain data in the file's shape, without empty optional keys."""
    # Optional keys left at their default are omitted, as a person writing the file would.
    return _ADAPTER.dump_python(programme, mode="json", exclude_defaults=True)  # type: ignore[no-any-return]


_REBASED: TypeAdapter[Rebased] = TypeAdapter(Rebased)


def rebased_to_dict(rebased: Rebased) -> dict[str, Any]:
    """Re-based terms as plain data in the file's shape (the keys given), as the database keeps them."""
    return _REBASED.dump_python(rebased, mode="json", exclude_none=True)  # type: ignore[no-any-return]


def rebased_from_dict(data: dict[str, Any]) -> Rebased:
    """Re-based terms from the plain data ``rebased_to_dict`` wrote."""
    return _REBASED.validate_python(data)


def programme_to_yaml(programme: Programme) -> str:
    """Write the programme as a YAML programme file."""
    return yaml.safe_dump(programme_to_dict(programme), allow_unicode=True, sort_keys=False, width=110)


def programme_to_json(programme: Programme) -> str:
    """Write the programme as JSON (same structure as the YAML file)."""
    return json.dumps(programme_to_dict(programme), ensure_ascii=False, indent=2)


# -- validation beyond the shape ------------------------------------------------------------------------

_BOUNDS: dict[Comparator, tuple[bool, bool]] = {  # (needs low, needs high)
    Comparator.RANGE: (True, True),
    Comparator.AT_LEAST: (True, False),
    Comparator.MORE_THAN: (True, False),
    Comparator.EQUAL: (True, False),
    Comparator.ABOUT: (True, False),
    Comparator.AT_MOST: (False, True),
    Comparator.LESS_THAN: (False, True),
}


def _check(programme: Programme) -> Iterator[tuple[str, str]]:
    """Yield (path, message) for every rule the shape alone cannot express."""
    yield from _check_codes(programme)
    yield from _check_targets(programme)
    yield from _check_rebased_targets(programme)
    yield from _check_references(programme)
    yield from _check_texts(programme)


def _is_iso_day(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _check_codes(programme: Programme) -> Iterator[tuple[str, str]]:
    if not re.match(r"^[a-z0-9-]+$", programme.code):
        yield "code", "mã chương trình chỉ gồm chữ thường không dấu, số và dấu '-'"
    as_of = programme.identity.territory_as_of
    if as_of is not None and not _is_iso_day(as_of):
        yield "identity.territory_as_of", f"'{as_of}' không phải ngày dạng YYYY-MM-DD"
    kinds = {
        "indicator": [(f"indicator:{i.code}", i.code) for i in programme.indicators()],
        "target": [(f"target:{t.code}", t.code) for _, t in programme.targets()],
        "organisation": [(f"organisation:{o.code}", o.code) for o in programme.organisations],
        "document": [(f"document:{d.code}", d.code) for d in programme.documents],
    }
    for kind, entries in kinds.items():
        counts = Counter(code for _, code in entries)
        seen: Counter[str] = Counter()
        for path, code in entries:
            seen[code] += 1
            where = path if seen[code] == 1 else f"{path}#{seen[code]}"  # the n-th entry with this code
            if not re.match(_CODE, code):
                yield where, f"mã {kind} '{code}' không hợp lệ"
            if counts[code] > 1:
                yield where, f"mã {kind} '{code}' bị trùng"
    for name, numbers in (
        ("indicator_groups", [g.number for g in programme.indicator_groups]),
        ("task_groups", [g.number for g in programme.task_groups]),
        ("assignments", [a.number for a in programme.assignments]),
    ):
        if numbers != list(range(1, len(numbers) + 1)):
            yield name, f"các mục phải đánh số liên tiếp từ 1, đang là {numbers}"


def _check_targets(programme: Programme) -> Iterator[tuple[str, str]]:
    codes = {t.code for _, t in programme.targets()}
    for _, spec in programme.targets():
        path = f"target:{spec.code}"
        yield from _check_terms(
            path, spec.kind, spec.comparator, spec.low, spec.high, year=spec.year, period=spec.period
        )
        if spec.part_of is not None and spec.part_of not in codes:
            yield path, f"'part_of' trỏ tới chỉ tiêu không tồn tại '{spec.part_of}'"


def _check_terms(
    path: str,
    kind: TargetKind,
    comparator: Comparator,
    low: float | None,
    high: float | None,
    *,
    year: int | None,
    period: tuple[int, int] | None,
) -> Iterator[tuple[str, str]]:
    """The rules of a target's terms: the bounds its comparator needs, in order, and its year or period."""
    needs_low, needs_high = _BOUNDS[comparator]
    if needs_low and low is None:
        yield path, f"so sánh '{comparator}' cần giá trị 'low'"
    if needs_high and high is None:
        yield path, f"so sánh '{comparator}' cần giá trị 'high'"
    if low is not None and high is not None and low > high:
        yield path, f"'low' ({low}) lớn hơn 'high' ({high})"
    if kind in (TargetKind.AVERAGE_GROWTH, TargetKind.ANNUAL_CHANGE):
        if period is None:
            yield path, f"chỉ tiêu loại '{kind}' cần 'period' [năm đầu, năm cuối]"
    elif year is None:
        yield path, f"chỉ tiêu loại '{kind}' cần 'year'"
    if period is not None and period[0] > period[1]:
        yield path, "'period' phải có năm đầu không sau năm cuối"


def _check_rebased_targets(programme: Programme) -> Iterator[tuple[str, str]]:
    for _, spec in programme.targets():
        if spec.rebased is not None:
            yield from _check_rebased(f"target:{spec.code}.rebased", spec, spec.rebased)


def _check_rebased(path: str, spec: TargetSpec, rebased: Rebased) -> Iterator[tuple[str, str]]:
    """The re-based terms follow the rules of a target, the original's kind standing in for a missing one."""
    if not _is_iso_day(rebased.since):
        yield path, f"'since' ('{rebased.since}') không phải ngày dạng YYYY-MM-DD"
    kind = rebased.kind or spec.kind
    yield from _check_terms(
        path, kind, rebased.comparator, rebased.low, rebased.high, year=rebased.year, period=rebased.period
    )
    if not rebased.source_text.strip() or not rebased.decided_by.strip():
        yield path, "mục tiêu điều chỉnh cần câu gốc 'source_text' và văn bản điều chỉnh 'decided_by'"


def _check_references(programme: Programme) -> Iterator[tuple[str, str]]:
    organisations = {o.code for o in programme.organisations}
    documents = {d.code for d in programme.documents}
    for org in programme.organisations:
        if org.parent is not None and org.parent not in organisations:
            yield (
                f"organisation:{org.code}",
                f"cơ quan cấp trên '{org.parent}' không có trong 'organisations'",
            )
    for assignment in programme.assignments:
        path = f"assignment:{assignment.number}"
        for code in (c for c in (*assignment.lead, *assignment.cooperating) if c not in organisations):
            yield path, f"cơ quan '{code}' không có trong 'organisations'"
        yield from _check_due(path, assignment.due)
    for task in (task for group in programme.task_groups for task in group.tasks):
        for code in task.documents:
            if code not in documents:
                yield f"task:{task.code}", f"văn bản '{code}' không có trong 'documents'"
        yield from _check_due(f"task:{task.code}", task.due)
    for milestone in (ms for group in programme.indicator_groups for ms in group.milestones):
        yield from _check_due(f"milestone:{milestone.code}", milestone.due)
    if programme.documents and programme.identity.implements not in documents:
        yield "identity.implements", f"văn bản '{programme.identity.implements}' không có trong 'documents'"


def _check_due(path: str, due: str | None) -> Iterator[tuple[str, str]]:
    if due is not None and not _DUE.match(due):
        yield path, f"hạn '{due}' phải có dạng YYYY, YYYY-MM hoặc YYYY-MM-DD"


def _check_texts(programme: Programme) -> Iterator[tuple[str, str]]:
    for group in programme.indicator_groups:
        if not group.text.strip():
            yield f"indicator_groups.{group.number - 1}.text", "nội dung nhóm chỉ tiêu trống"
    for _, spec in programme.targets():
        if not spec.source_text.strip():
            yield f"target:{spec.code}", "thiếu câu gốc 'source_text'"


# -- line numbers -------------------------------------------------------------------------------------


def _line_index(root: yaml.Node | None) -> dict[str, int]:
    """Map every path ("indicator_groups.0.text") and every coded entry ("target:x") to its line."""
    lines: dict[str, int] = {}
    if root is not None:
        _walk(root, "", lines)
    return lines


def _walk(node: yaml.Node, path: str, lines: dict[str, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = f"{path}.{key_node.value}" if path else str(key_node.value)
            lines.setdefault(child, key_node.start_mark.line + 1)
            _walk(value_node, child, lines)
        _index_entry(node, path, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, f"{path}.{index}" if path else str(index), lines)


_ENTRY_KINDS = {
    "targets": "target",
    "indicators": "indicator",
    "supporting_indicators": "indicator",
    "milestones": "milestone",
    "tasks": "task",
    "organisations": "organisation",
    "documents": "document",
    "assignments": "assignment",
}


def _index_entry(node: yaml.MappingNode, path: str, lines: dict[str, int]) -> None:
    """Index an entry by its code (or number) so cross-field problems can name its line."""
    parts = path.split(".")
    kind = _ENTRY_KINDS.get(parts[-2]) if len(parts) >= 2 else None
    if kind is None:
        return
    keyed = {k.value: v for k, v in node.value if isinstance(v, yaml.ScalarNode)}
    ident = keyed.get("number") if kind == "assignment" else keyed.get("code")
    if ident is not None:
        key = f"{kind}:{ident.value}"
        occurrence = 2
        while key in lines:  # a repeated code: index its n-th entry as "kind:code#n"
            key = f"{kind}:{ident.value}#{occurrence}"
            occurrence += 1
        lines[key] = node.start_mark.line + 1


_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không có trong định dạng",
    "unexpected_keyword_argument": "trường không có trong định dạng",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "float_parsing": "phải là số",
    "float_type": "phải là số",
    "string_type": "phải là chuỗi văn bản",
    "enum": "giá trị không hợp lệ",
    "literal_error": "giá trị không hợp lệ",
    "tuple_type": "phải là danh sách",
    "too_short": "danh sách quá ngắn",
    "too_long": "danh sách quá dài",
    "dataclass_type": "phải là một mục (mapping)",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
}


def _problem_from_pydantic(item: Any, lines: dict[str, int]) -> Problem:
    path = ".".join(str(part) for part in item["loc"])
    line = _nearest_line(path, lines)
    message = _MESSAGES.get(item["type"], item["msg"])
    if item["type"] in ("enum", "literal_error"):
        message = f"{message}: {item['input']!r}; cho phép {item.get('ctx', {}).get('expected', '')}"
    elif item["type"] not in ("missing", "extra_forbidden", "unexpected_keyword_argument"):
        message = f"{message}: {item['input']!r}"
    return Problem(line, path, message)


def _nearest_line(path: str, lines: dict[str, int]) -> int | None:
    """The line of ``path``, or of its closest ancestor present in the file (for a missing key)."""
    while True:
        if path in lines:
            return lines[path]
        if "." not in path:
            return lines.get(path) or lines.get("")
        path = path.rsplit(".", 1)[0]
