"""Writes of programmes: load a programme file into the database.

Loading is an upsert keyed by the file's codes and numbers, so loading the same file twice changes
nothing, and rows that other records point at (indicators, targets, tasks) keep their identity when a
corrected file is loaded again.

A load that changes what an assessment reads (the programme's method or base year, an indicator, a
target) removes the programme's stored assessments in the same transaction, so no page ever shows an
answer to the old definition, and asks for them to be recomputed once the load commits.

Indicator and target codes are unique across programmes (an entered figure belongs to its indicator, so
to its programme): a file that uses a code of another programme is refused before anything is written,
with the code and the programme that holds it, rather than failing in the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from nqtrack.domain import programme as spec
from nqtrack.programmes import models as m
from nqtrack.programmes.signals import definitions_changed_send


@dataclass(frozen=True, slots=True)
class LoadSummary:
    """What a load did: the programme and the rows created, updated and deleted."""

    programme: m.Programme
    created: int
    updated: int
    deleted: int


@dataclass(slots=True)
class _Counter:
    created: int = 0
    updated: int = 0
    deleted: int = 0

    @property
    def changes(self) -> int:
        return self.created + self.updated + self.deleted


def programme_load_file(*, path: Path) -> LoadSummary:
    """Parse, validate and load a programme file; raise ``ProgrammeFileError`` and write nothing if bad."""
    text = path.read_text(encoding="utf-8-sig")
    return programme_load(programme=spec.parse_programme(text, filename=str(path)), filename=str(path))


type CodedItem = tuple[Literal["indicator", "target"], str, str]  # (kind, code, path in the file)


def programme_codes(programme: spec.Programme) -> Iterator[CodedItem]:
    """Every indicator and target code the programme would write, with its path in the file."""
    for g, group in enumerate(programme.indicator_groups):
        for i, indicator in enumerate(group.indicators):
            path = f"indicator_groups[{g}].indicators[{i}]"
            yield "indicator", indicator.code, f"{path}.code"
            for t, target in enumerate(indicator.targets):
                yield "target", target.code, f"{path}.targets[{t}].code"
    for i, indicator in enumerate(programme.supporting_indicators):
        yield "indicator", indicator.code, f"supporting_indicators[{i}].code"


def programme_code_clashes(*, programme_code: str, items: Iterable[CodedItem]) -> list[spec.Problem]:
    """The indicator and target codes among ``items`` that another programme already holds.

    The one check of the loader and of the draft review page (which lists the problems before a load);
    the programme's own codes, loaded earlier under ``programme_code``, are no clash.
    """
    wanted = list(items)
    indicator_codes = [code for kind, code, _path in wanted if kind == "indicator"]
    target_codes = [code for kind, code, _path in wanted if kind == "target"]
    taken = {
        ("indicator", code): owner
        for code, owner in m.Indicator.objects.filter(code__in=indicator_codes)
        .exclude(programme__code=programme_code)
        .values_list("code", "programme__code")
    } | {
        ("target", code): owner
        for code, owner in m.Target.objects.filter(code__in=target_codes)
        .exclude(indicator__programme__code=programme_code)
        .values_list("code", "indicator__programme__code")
    }
    problems: list[spec.Problem] = []
    for kind, code, path in wanted:
        owner = taken.get((kind, code))
        if owner is None:
            continue
        message = (
            _(
                "Mã chỉ số “%(code)s” đã thuộc chương trình “%(owner)s”; mỗi chỉ số chỉ thuộc một chương "
                "trình."
            )
            if kind == "indicator"
            else _("Mã chỉ tiêu “%(code)s” đã thuộc chương trình “%(owner)s”: hãy đổi mã chỉ tiêu.")
        )
        problems.append(spec.Problem(None, path, message % {"code": code, "owner": owner}))
    return problems


@transaction.atomic
def programme_load(*, programme: spec.Programme, filename: str = "<programme>") -> LoadSummary:
    """Write a parsed programme to the database in one transaction.

    Raises ``ProgrammeFileError`` (``filename`` names the file in it), and writes nothing, when one of its
    indicator or target codes belongs to another programme.
    """
    clashes = programme_code_clashes(programme_code=programme.code, items=programme_codes(programme))
    if clashes:
        raise spec.ProgrammeFileError(filename, clashes)
    try:
        return _programme_write(programme)
    except _StillUsed as used:  # the transaction rolls back: nothing of the file is written
        raise spec.ProgrammeFileError(filename, [used.problem]) from used


def _programme_write(programme: spec.Programme) -> LoadSummary:
    counter = _Counter()
    ident = programme.identity
    row = _upsert_one(
        m.Programme,
        {"code": programme.code},
        {
            "title": ident.title,
            "short_title": ident.short_title,
            "issuer": ident.issuer,
            "issuer_kind": ident.issuer_kind,
            "number": ident.number or "",
            "date": ident.date or "",
            "implements": ident.implements,
            "province_code": ident.province_code,
            "period_start": ident.period[0],
            "period_end": ident.period[1],
            "base_year": ident.base_year,
            "signed_by_title": ident.signed_by.title if ident.signed_by else "",
            "signed_by_name": ident.signed_by.name if ident.signed_by else "",
            "preamble": programme.preamble,
            "purposes": [{"number": p.number, "text": p.text} for p in programme.purposes],
            "general_objective": list(programme.general_objective),
            "vision_year": programme.vision.year if programme.vision else None,
            "vision_text": programme.vision.text if programme.vision else "",
            "progress_method": str(ident.progress_method),
            "usd_exchange_rate": ident.usd_exchange_rate,
            "territory_as_of": ident.territory_as_of or "",
        },
        counter,
    )
    definitions_changed = counter.changes
    documents = _load_documents(row, programme, counter)
    organisations = _load_organisations(row, programme, counter)
    before_indicators = counter.changes
    _load_indicators(row, programme, counter)
    definitions_changed += counter.changes - before_indicators
    _load_tasks(row, programme, documents, counter)
    _load_assignments(row, programme, organisations, counter)
    if definitions_changed:
        definitions_changed_send(programme=row)
    return LoadSummary(row, counter.created, counter.updated, counter.deleted)


def _load_documents(row: m.Programme, programme: spec.Programme, counter: _Counter) -> dict[str, m.Document]:
    wanted = {
        d.code: {
            "title": d.title,
            "kind": d.kind,
            "number": d.number or "",
            "date": d.date or "",
            "issuer": d.issuer,
            "position": i,
        }
        for i, d in enumerate(programme.documents)
    }
    return _sync(m.Document, {"programme": row}, "code", wanted, counter)


def _load_organisations(
    row: m.Programme, programme: spec.Programme, counter: _Counter
) -> dict[str, m.Organisation]:
    wanted: dict[Any, dict[str, Any]] = {
        o.code: {"name": o.name, "kind": o.kind, "unit_code": o.unit_code or "", "position": i}
        for i, o in enumerate(programme.organisations)
    }
    saved = _sync(m.Organisation, {"programme": row}, "code", wanted, counter)
    for org in programme.organisations:  # parents once every organisation exists
        parent = saved[org.parent] if org.parent else None
        _set_fields(saved[org.code], {"parent": parent}, counter)
    return saved


def _load_indicators(row: m.Programme, programme: spec.Programme, counter: _Counter) -> None:
    groups = _sync(
        m.IndicatorGroup,
        {"programme": row},
        "number",
        {g.number: {"text": g.text} for g in programme.indicator_groups},
        counter,
    )
    wanted: dict[Any, dict[str, Any]] = {}
    position = 0
    members: list[tuple[m.IndicatorGroup | None, spec.Indicator]] = [
        (groups[g.number], i) for g in programme.indicator_groups for i in g.indicators
    ]
    members += [(None, i) for i in programme.supporting_indicators]
    for group, indicator in members:
        wanted[indicator.code] = {
            "group": group,
            "name": indicator.name,
            "unit": indicator.unit,
            "direction": str(indicator.direction),
            "statistics_keys": [
                {"key": k.key, **({"unit_code": k.unit_code} if k.unit_code else {})}
                for k in indicator.statistics_keys
            ],
            "position": position,
        }
        position += 1
    indicators = _sync(m.Indicator, {"programme": row}, "code", wanted, counter)
    _load_targets(row, programme, indicators, counter)
    for spec_group in programme.indicator_groups:
        _sync(
            m.Milestone,
            {"group": groups[spec_group.number]},
            "code",
            {
                ms.code: {
                    "text": ms.text,
                    "due": ms.due,
                    "units": list(ms.units),
                    "kind": ms.kind,
                    "position": i,
                }
                for i, ms in enumerate(spec_group.milestones)
            },
            counter,
        )


def _load_targets(
    row: m.Programme, programme: spec.Programme, indicators: dict[str, m.Indicator], counter: _Counter
) -> None:
    wanted: dict[Any, dict[str, Any]] = {}
    for position, (indicator, target) in enumerate(programme.targets()):
        wanted[target.code] = {
            "indicator": indicators[indicator.code],
            "kind": str(target.kind),
            "comparator": str(target.comparator),
            "low": target.low,
            "high": target.high,
            "unit": target.unit or "",
            "year": target.year,
            "period_start": target.period[0] if target.period else None,
            "period_end": target.period[1] if target.period else None,
            "direction": str(target.direction) if target.direction else "",
            "tolerance": target.tolerance,
            "base_year": target.base_year,
            "series_break": target.series_break,
            "baseline_year": target.baseline.year if target.baseline else None,
            "baseline_value": target.baseline.value if target.baseline else None,
            "out_of": target.out_of,
            "equivalent_value": target.equivalent.value if target.equivalent else None,
            "equivalent_unit": target.equivalent.unit if target.equivalent else "",
            "series_kind": target.series_kind,
            "part_of": target.part_of or "",
            "method": str(target.method) if target.method else "",
            "source_text": target.source_text,
            "position": position,
            "rebased": _rebased(target.rebased),
        }
    _sync(m.Target, {"indicator__programme": row}, "code", wanted, counter)


def _rebased(rebased: spec.Rebased | None) -> dict[str, Any]:
    """The re-based terms as stored: the file's keys that are given, in the file's words."""
    return {} if rebased is None else spec.rebased_to_dict(rebased)


def _load_tasks(
    row: m.Programme, programme: spec.Programme, documents: dict[str, m.Document], counter: _Counter
) -> None:
    groups = _sync(
        m.TaskGroup,
        {"programme": row},
        "number",
        {g.number: {"title": g.title} for g in programme.task_groups},
        counter,
    )
    for group in programme.task_groups:
        tasks = _sync(
            m.Task,
            {"group": groups[group.number]},
            "code",
            {
                t.code: {"text": t.text, "kind": t.kind, "due": t.due or "", "position": i}
                for i, t in enumerate(group.tasks)
            },
            counter,
        )
        for task in group.tasks:
            saved = tasks[task.code]
            _sync(
                m.KeyProject,
                {"task": saved},
                "code",
                {
                    p.code: {"name": p.name, "kind": p.kind, "position": i}
                    for i, p in enumerate(task.key_projects)
                },
                counter,
            )
            _sync(
                m.TaskDocument,
                {"task": saved},
                "position",
                {i: {"document": documents[code]} for i, code in enumerate(task.documents)},
                counter,
            )


def _load_assignments(
    row: m.Programme, programme: spec.Programme, organisations: dict[str, m.Organisation], counter: _Counter
) -> None:
    saved = _sync(
        m.Assignment,
        {"programme": row},
        "number",
        {
            a.number: {"text": a.text, "due": a.due or "", "recurring": a.recurring}
            for a in programme.assignments
        },
        counter,
    )
    for assignment in programme.assignments:
        roles = [(m.AssignmentRole.LEAD, c) for c in assignment.lead]
        roles += [(m.AssignmentRole.COOPERATING, c) for c in assignment.cooperating]
        _sync(
            m.AssignmentOrganisation,
            {"assignment": saved[assignment.number]},
            "position",
            {i: {"role": role, "organisation": organisations[code]} for i, (role, code) in enumerate(roles)},
            counter,
        )


# -- generic upsert -----------------------------------------------------------------------------------


def _sync[M: models.Model](
    model: type[M], scope: dict[str, Any], key: str, wanted: dict[Any, dict[str, Any]], counter: _Counter
) -> dict[Any, M]:
    """Make the rows of ``model`` within ``scope`` exactly ``wanted`` (keyed by ``key``), touching only
    rows that differ, and return them by key."""
    existing = {getattr(obj, key): obj for obj in model._default_manager.filter(**scope)}
    own_scope = {k: v for k, v in scope.items() if "__" not in k}
    result: dict[Any, M] = {}
    for ident, fields in wanted.items():
        obj = existing.pop(ident, None)
        if obj is None:
            obj = model._default_manager.create(**own_scope, **{key: ident}, **fields)
            counter.created += 1
        else:
            _set_fields(obj, fields, counter)
        result[ident] = obj
    for ident, obj in existing.items():
        try:
            obj.delete()
        except ProtectedError as error:
            raise _StillUsed(model, ident, error) from error
        counter.deleted += 1
    return result


# What a programme file may drop, and what may still hold on to it, in the words of the refusal.
_ITEM_WORDS = {
    "Organisation": "cơ quan",
    "Indicator": "chỉ tiêu",
    "Target": "mục tiêu",
    "Task": "nhiệm vụ",
    "Document": "văn bản",
    "Assignment": "nhiệm vụ phân công",
}
_HOLDER_WORDS = {
    "Observation": "số liệu",
    "AuditEntry": "dòng nhật ký số liệu",
    "ProgressUpdate": "báo cáo tiến độ",
    "TrackedItem": "mục theo dõi",
}


class _StillUsed(Exception):
    """A row the new file leaves out that recorded work still refers to (figures, progress reports): the
    load is refused, nothing is written, and the message says what holds it."""

    def __init__(self, model: type[models.Model], ident: object, error: ProtectedError) -> None:
        holders = sorted({_HOLDER_WORDS.get(type(o).__name__, "bản ghi") for o in error.protected_objects})
        kind = _ITEM_WORDS.get(model.__name__, str(model._meta.verbose_name))
        self.problem = spec.Problem(
            None,
            f"{kind}:{ident}",
            _("tệp bỏ %(kind)s '%(ident)s' nhưng đã có %(count)s %(holders)s gắn với nó; hãy giữ lại mục này")
            % {
                "kind": kind,
                "ident": ident,
                "count": len(error.protected_objects),
                "holders": ", ".join(holders),
            },
        )
        super().__init__(self.problem.message)


def _upsert_one[M: models.Model](
    model: type[M], lookup: dict[str, Any], fields: dict[str, Any], counter: _Counter
) -> M:
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        counter.created += 1
        return model._default_manager.create(**lookup, **fields)
    _set_fields(obj, fields, counter)
    return obj


def _set_fields(obj: models.Model, fields: dict[str, Any], counter: _Counter) -> None:
    """Save only the fields whose value changed (nothing at all when none did)."""
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, fields[name])
        obj.save(update_fields=changed)
        counter.updated += 1
