"""Writes of reported figures: the grid, the Excel/CSV template and DHIS2 all come through here.

A write is planned first (``plan_entries``: match every row, compare with what is stored, check locks,
closed years, the version the user saw, and the validation rules), then applied. A file is written whole
or not at all (``observations_import_entries``); the grid saves each good cell and reports each bad one
(``observations_save_cells``). Every change is recorded in the audit log with its channel, and the stored
assessments of the units written are refreshed once the write commits (``signals.figures_changed``).

Rules the plan applies (docs/observations.md):

- one reported figure per (indicator, unit, period); a row for a stored figure updates it, an identical
  row leaves it unchanged, a row equal to the published figure in use (value and status) adds nothing;
- a figure whose (unit, year, indicator group) is submitted or approved, or whose year is closed, cannot
  change;
- a figure changed by someone else since the user saw it (``EntryRow.seen_version``) is not overwritten:
  the user is told what it became.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy, gettext_noop, ngettext
from django.utils.translation import gettext as _

from nqtrack.core.messages import Worded, said_in, translatable
from nqtrack.core.users import AnyUser
from nqtrack.domain.periods import Period, PeriodError, parse_period
from nqtrack.domain.validation import Finding, Rule, Severity, check_value, refusals
from nqtrack.domain.vnnumbers import format_vn_number
from nqtrack.observations.audit import Actor, actor_for, audit_entry, audit_write, snapshot
from nqtrack.observations.in_use import StoredAround, best_figure, stored_around
from nqtrack.observations.models import AuditAction, Observation, Origin, ReviewState, Status
from nqtrack.observations.permissions import capture_allowed, figure_readable, require_capture
from nqtrack.observations.resolve import NotFound, Resolver
from nqtrack.observations.rows import EntryRead, EntryRow, RowError, text_overflows
from nqtrack.observations.rules import programme_rules
from nqtrack.observations.signals import figures_changed_send
from nqtrack.observations.vocabulary import STATUS_LABELS, status_code, unit_matches, vn_text
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Indicator, Programme

# DHIS2 error codes for the problems a data value can have (dhis2-core ErrorCode, E76xx).
E_DATA_ELEMENT = "E7610"
E_PERIOD = "E7611"
E_ORG_UNIT = "E7612"
E_VALUE_MISSING = "E7618"
E_VALUE = "E7619"
E_COMMENT = "E7620"
E_APPROVED = "E7642"
E_PERIOD_CLOSED = "E7643"
E_CONCURRENT = "NQ001"  # not in DHIS2: the value changed since it was read
# DHIS2 2.43's code for values that affect the same data value (2.42 has none): two rows for one figure
# with different values
E_DUPLICATE = "E8128"
E_RULE = "NQ003"  # not in DHIS2: a validation rule refused the value
E_SCOPE = "NQ004"  # not in DHIS2: the figure is outside the user's capture scope


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    UNCHANGED = "unchanged"
    SKIP = "skip"
    REJECT = "reject"


# Shown only (``Outcome.label``), never compared: translated lazily, in the language active when shown.
ACTION_LABELS: dict[Action, Promise] = {
    Action.CREATE: gettext_lazy("Thêm"),
    Action.UPDATE: gettext_lazy("Sửa"),
    Action.DELETE: gettext_lazy("Xoá"),
    Action.UNCHANGED: gettext_lazy("Giữ nguyên"),
    Action.SKIP: gettext_lazy("Bỏ qua (ô trống)"),
    Action.REJECT: gettext_lazy("Từ chối"),
}
WRITES = (Action.CREATE, Action.UPDATE, Action.DELETE)


@dataclass(frozen=True, slots=True)
class Figure:
    """A reported figure's content, as written or to be written."""

    value: Decimal
    value_text: str
    status: str
    source: str
    comment: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "value": self.value_text,
            "status": self.status,
            "source": self.source,
            "comment": self.comment,
        }


@dataclass(slots=True)
class Outcome:
    """What a row does (or would do): the action, the stored and the new figure, errors and warnings."""

    entry: EntryRow
    action: Action = Action.REJECT
    indicator: Indicator | None = None
    unit: AdminUnit | None = None
    period: Period | None = None
    stored: Observation | None = None
    new: Figure | None = None
    followup: bool = False
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)

    @property
    def row(self) -> int:
        return self.entry.row

    @property
    def old(self) -> dict[str, Any] | None:
        return snapshot(self.stored) if self.stored is not None else None

    @property
    def label(self) -> str:
        return str(ACTION_LABELS[self.action])

    def cell(self) -> tuple[Indicator, AdminUnit, Period]:
        """The figure the row is about (only for rows whose indicator, unit and period were found)."""
        if self.indicator is None or self.unit is None or self.period is None:
            raise ValueError(f"row {self.row} was not matched")
        return self.indicator, self.unit, self.period

    def figure(self) -> Figure:
        if self.new is None:
            raise ValueError(f"row {self.row} has no new figure")
        return self.new


@dataclass(slots=True)
class EntrySummary:
    """The result of a write: one outcome per row, and every error and warning with row and column."""

    filename: str
    channel: str
    dry_run: bool
    outcomes: list[Outcome] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: Action) -> int:
        return sum(1 for o in self.outcomes if o.action is action)

    @property
    def counts(self) -> dict[Action, int]:
        return {action: self.count(action) for action in Action}


class EntriesRejected(Exception):
    """The file has errors; nothing was written. ``summary`` lists them with row and column."""

    def __init__(self, summary: EntrySummary) -> None:
        count = len(summary.errors)
        message = ngettext(
            "%(file)s: %(n)s lỗi, không ghi dòng nào", "%(file)s: %(n)s lỗi, không ghi dòng nào", count
        )
        super().__init__(message % {"file": summary.filename, "n": count})
        self.summary = summary


class _Concurrent(Exception):
    """A stored figure changed between the check and the write."""


# -- public services --------------------------------------------------------------------------------------


def observations_import_entries(
    *,
    user: AnyUser | None,
    programme: Programme,
    read: EntryRead,
    channel: str,
    filename: str,
    dry_run: bool = False,
    default_status: str = Status.UNKNOWN,
    on_row: Callable[[], None] | None = None,
    partial: bool = False,
    ignore: frozenset[Action] = frozenset(),
) -> EntrySummary:
    """Write every row of a file, or none: raise ``EntriesRejected`` (nothing written) when any row is bad.

    ``dry_run`` checks everything and writes nothing. ``on_row`` is called once per row checked (a
    progress bar). ``partial`` (DHIS2's default) writes the good rows and reports the bad ones instead
    of raising. A row whose write is in ``ignore`` (DHIS2's strategies: CREATE
    updates nothing, UPDATE creates nothing) is left unchanged.
    """
    require_capture(user=user)
    summary = EntrySummary(filename=filename, channel=channel, dry_run=dry_run, errors=list(read.errors))
    summary.warnings.extend(read.warnings)
    with transaction.atomic():
        plan_entries(
            summary,
            user=user,
            programme=programme,
            rows=read.rows,
            labels=read.labels,
            default=default_status,
            on_row=on_row,
            ignore=ignore,
        )
        _refuse_outside_scope(summary, user, read.labels)
        _collect(summary)
        if summary.errors and not partial:
            raise EntriesRejected(summary)
        if not dry_run:
            _apply_all(summary, actor_for(user=user, channel=channel), read.labels, partial=partial)
            _say_figures_changed(programme, summary)
    return summary


def observations_save_cells(
    *, user: AnyUser | None, programme: Programme, rows: list[EntryRow], channel: str
) -> EntrySummary:
    """Save the changed cells of the grid: each good cell is written, each bad one is reported with its
    reason and left as it was."""
    require_capture(user=user)
    summary = EntrySummary(filename="", channel=channel, dry_run=False)
    actor = actor_for(user=user, channel=channel)
    labels = {
        "value": _("Giá trị"),
        "status": _("Trạng thái"),
        "comment": _("Ghi chú"),
        "period": _("Năm"),
        "unit": _("Đơn vị"),
    }
    with transaction.atomic():
        plan_entries(
            summary, user=user, programme=programme, rows=rows, labels=labels, default=Status.OFFICIAL
        )
        _refuse_outside_scope(summary, user, labels)
        for outcome in summary.outcomes:
            if outcome.action in WRITES:
                try:
                    with transaction.atomic():
                        _apply(outcome, actor, source="")
                except (_Concurrent, IntegrityError):
                    _refuse(outcome, labels, "value", _changed_meanwhile(outcome), E_CONCURRENT)
        _collect(summary)
        _say_figures_changed(programme, summary)
    return summary


def _say_figures_changed(programme: Programme, summary: EntrySummary) -> None:
    """Ask for the stored assessments of the units whose figures were written to be refreshed once the
    transaction commits.

    The store reads approved figures only, so a draft changes no fingerprint and the refresh recomputes
    nothing; every write asks all the same, so that what the store reads is decided in one place (its
    fingerprints), not by each writer.
    """
    codes = {o.unit.code for o in summary.outcomes if o.action in WRITES and o.unit is not None}
    if codes:
        figures_changed_send(programme=programme, unit_codes=codes)


# -- planning ---------------------------------------------------------------------------------------------


def plan_entries(
    summary: EntrySummary,
    *,
    user: AnyUser | None,
    programme: Programme,
    rows: list[EntryRow],
    labels: dict[str, str],
    default: str,
    on_row: Callable[[], None] | None = None,
    ignore: frozenset[Action] = frozenset(),
) -> None:
    """Fill ``summary.outcomes`` with what each row would do (writes nothing).

    A stored figure ``user`` may not read counts as absent (:func:`_forget_unreadable`): what a row would
    do, and every word said about it, must not depend on it.
    """
    resolver = Resolver(programme)
    outcomes = [_resolve(resolver, row, labels) for row in rows]
    stored = _load(programme, [o for o in outcomes if not o.errors])
    _forget_unreadable(stored, user)
    seen: dict[tuple[int, int, str], Outcome] = {}
    for outcome in outcomes:
        if not outcome.errors:
            _decide(outcome, stored, seen, labels, default, ignore)
        if on_row is not None:
            on_row()
    _overlay(stored, outcomes)
    rules = programme_rules(programme=programme)
    names = {i.code: i.name for i in Indicator.objects.filter(programme=programme)}
    for outcome in outcomes:
        if outcome.action in (Action.CREATE, Action.UPDATE) and not outcome.errors:
            _validate(outcome, stored, rules, names, labels)
    summary.outcomes.extend(outcomes)


def _resolve(resolver: Resolver, row: EntryRow, labels: dict[str, str]) -> Outcome:
    outcome = Outcome(entry=row)
    try:
        outcome.period = parse_period(row.period) if row.period else None
        if outcome.period is None:
            _refuse(outcome, labels, "period", _("thiếu kỳ (năm)"), E_PERIOD)
    except PeriodError as error:
        _refuse(outcome, labels, "period", str(error), E_PERIOD)
    try:
        outcome.indicator = resolver.indicator(row.indicator)
    except NotFound as error:
        _refuse(outcome, labels, "indicator", str(error), E_DATA_ELEMENT)
    if outcome.period is not None:
        try:
            outcome.unit = resolver.unit(row.unit, outcome.period.code, name=row.unit_name)
        except NotFound as error:
            _refuse(outcome, labels, "unit", str(error), E_ORG_UNIT)
    if (
        outcome.indicator is not None
        and row.measure_unit
        and not unit_matches(row.measure_unit, outcome.indicator.unit)
    ):
        _refuse(
            outcome,
            labels,
            "measure_unit",
            translatable(
                gettext_noop("đơn vị tính '%(unit)s' khác đơn vị của chỉ tiêu (%(indicator_unit)s)"),
                unit=row.measure_unit,
                indicator_unit=outcome.indicator.unit,
            ),
            E_VALUE,
        )
    if row.status is not None and row.status != "" and status_code(row.status) is None:
        allowed = ", ".join(STATUS_LABELS.values())
        message = translatable(
            gettext_noop("trạng thái '%(status)s' không hợp lệ; cho phép %(allowed)s"),
            status=row.status,
            allowed=allowed,
        )
        _refuse(outcome, labels, "status", message, E_VALUE)
    _refuse_long_texts(outcome, labels)
    return outcome


def _refuse_long_texts(outcome: Outcome, labels: dict[str, str]) -> None:
    """Refuse a comment or a source longer than may be stored (rows.text_overflows), naming the limit."""
    for column, length, limit in text_overflows(outcome.entry):
        message = translatable(
            gettext_noop("%(what)s dài %(length)s ký tự, vượt giới hạn %(limit)s ký tự"),
            what=translatable(gettext_noop("ghi chú") if column == "comment" else gettext_noop("nguồn")),
            length=format_vn_number(length, 0),
            limit=format_vn_number(limit, 0),
        )
        _refuse(outcome, labels, column, message, E_COMMENT if column == "comment" else E_VALUE)


def _load(programme: Programme, outcomes: list[Outcome]) -> StoredAround:
    unit_ids = {o.unit.pk for o in outcomes if o.unit is not None}
    years = {o.period.year for o in outcomes if o.period is not None}
    return stored_around(programme=programme, unit_ids=unit_ids, years=years)


def _forget_unreadable(stored: StoredAround, user: AnyUser | None) -> None:
    """Drop the reported figures ``user`` may not read (another unit's drafts, docs/security.md).

    A row about one is then decided as if nothing were stored: it shows no old value, and it is refused by
    the capture scope alone (:func:`_refuse_outside_scope`) or, repeating the published figure in use,
    passes — the same answer whether or not a draft is there. A row the user may write has a figure they
    may read (the view scope holds the capture scope). The values the validation rules see stay whole.
    """
    for key, obs in list(stored.reported.items()):
        if not figure_readable(user=user, observation=obs):
            del stored.reported[key]


def _decide(
    outcome: Outcome,
    stored: StoredAround,
    seen: dict[tuple[int, int, str], Outcome],
    labels: dict[str, str],
    default: str,
    ignore: frozenset[Action] = frozenset(),
) -> None:
    indicator, unit, period = outcome.cell()
    entry = outcome.entry
    key = (indicator.pk, unit.pk, period.code)
    outcome.stored = stored.reported.get(key)
    if _duplicate(outcome, seen.get(key), labels):
        return
    seen[key] = outcome
    if not _version_seen(outcome, labels):
        return
    value = entry.value
    if value is None and entry.keep_value and outcome.stored is not None:
        value = outcome.stored.value  # only the comment or the follow-up flag changes
    if value is None and not entry.delete:
        outcome.action = Action.SKIP
        return
    if entry.delete or value is None:
        outcome.action = Action.DELETE if outcome.stored is not None else Action.UNCHANGED
    else:
        outcome.new = _figure(entry, value, outcome.stored, default)
        if entry.value is None and outcome.stored is not None:
            outcome.new = replace(outcome.new, value_text=outcome.stored.value_text)
        outcome.action = _compare(outcome.new, outcome.stored, stored.published.get(key, []), entry)
    if outcome.action in ignore:
        outcome.action = Action.UNCHANGED
        return
    if outcome.action in WRITES:
        _check_locks(outcome, stored, labels)


def _figure(entry: EntryRow, value: Decimal, stored: Observation | None, default: str) -> Figure:
    status = status_code(entry.status) if entry.status else None
    keep_source = (stored.source_document or stored.source_url) if stored is not None else ""
    return Figure(
        value=value,
        value_text=entry.value_text,
        status=status or (stored.status if stored is not None else default),
        source=entry.source if entry.source is not None else keep_source,
        comment=entry.comment if entry.comment is not None else (stored.comment if stored else ""),
    )


def _compare(
    new: Figure, stored: Observation | None, published: list[Observation], entry: EntryRow
) -> Action:
    if stored is not None:
        same = (
            stored.value == new.value
            and stored.status == new.status
            and (stored.source_document or stored.source_url) == new.source
            and stored.comment == new.comment
            and (entry.followup is None or stored.followup == entry.followup)
        )
        return Action.UNCHANGED if same else Action.UPDATE
    in_use = best_figure(published)
    if (
        in_use is not None
        and in_use.value == new.value
        and (entry.status is None or in_use.status == new.status)
    ):
        return Action.UNCHANGED  # the published figure already says this
    return Action.CREATE


def _duplicate(outcome: Outcome, first: Outcome | None, labels: dict[str, str]) -> bool:
    """A second row for the same figure: unchanged when it repeats the first, an error otherwise."""
    if first is None:
        return False
    if first.entry.value == outcome.entry.value and first.entry.delete == outcome.entry.delete:
        outcome.action = Action.UNCHANGED
        return True
    empty = translatable(gettext_noop("trống"))
    message = translatable(
        gettext_noop(
            "trùng với dòng %(first)s (cùng chỉ tiêu, đơn vị và kỳ) nhưng khác giá trị: "
            "%(value)s ≠ %(first_value)s"
        ),
        first=first.row,
        value=outcome.entry.value_text or empty,
        first_value=first.entry.value_text or empty,
    )
    _refuse(outcome, labels, "value", message, E_DUPLICATE)
    return True


def _version_seen(outcome: Outcome, labels: dict[str, str]) -> bool:
    """False (with an error) when the figure changed since the user read it."""
    expected = outcome.entry.seen_version
    current = outcome.stored.version if outcome.stored is not None else 0
    if expected is None or expected == current:
        return True
    _refuse(outcome, labels, "value", _changed_meanwhile(outcome), E_CONCURRENT)
    return False


def _changed_meanwhile(outcome: Outcome) -> str:
    text = outcome.entry.value_text
    mine = vn_text(text) if text else translatable(gettext_noop("ô trống"))
    stored = _reread(outcome)
    if stored is None:
        return translatable(
            gettext_noop("Ô này vừa bị người khác xoá; giá trị bạn nhập (%(mine)s) chưa được lưu."), mine=mine
        )
    who = (
        stored.updated_by.get_username()
        if stored.updated_by is not None
        else translatable(gettext_noop("người khác"))
    )
    when = timezone.localtime(stored.updated_at).strftime("%H:%M %d/%m/%Y")
    return translatable(
        gettext_noop(
            "Ô này vừa được %(who)s sửa lúc %(when)s thành %(value)s; giá trị bạn nhập (%(mine)s) chưa được "
            "lưu. Xem lại rồi lưu lần nữa nếu vẫn muốn thay."
        ),
        who=who,
        when=when,
        value=vn_text(stored.value_text),
        mine=mine,
    )


def _reread(outcome: Outcome) -> Observation | None:
    if outcome.indicator is None or outcome.unit is None or outcome.period is None:
        return None
    return (
        Observation.objects.filter(
            indicator=outcome.indicator, unit=outcome.unit, period=outcome.period.code, origin=Origin.REPORTED
        )
        .select_related("updated_by")
        .first()
    )


def _check_locks(outcome: Outcome, stored: StoredAround, labels: dict[str, str]) -> None:
    indicator, unit, period = outcome.cell()
    year = period.year
    closed = stored.closed.get(year)
    if closed is not None:
        _refuse(
            outcome,
            labels,
            "period",
            translatable(
                gettext_noop(
                    "năm %(year)s đã khoá sổ từ ngày %(date)s; không nhập thêm hay sửa số liệu năm này được"
                ),
                year=year,
                date=closed.strftime("%d/%m/%Y"),
            ),
            E_PERIOD_CLOSED,
        )
        return
    states = stored.batches.get((unit.pk, year, indicator.group_id), set())
    group = indicator.group
    if group is not None:
        what = translatable(gettext_noop("nhóm chỉ tiêu (%(number)s)"), number=group.number)
    else:
        what = translatable(gettext_noop("các chỉ tiêu bổ trợ"))
    batch = {"year": year, "what": what, "unit": unit.name}
    if ReviewState.APPROVED in states:
        message = gettext_noop(
            "số liệu năm %(year)s của %(what)s, %(unit)s đã được duyệt và bị khoá; "
            "cần mở khoá (ghi rõ lý do) trước khi sửa"
        )
        _refuse(outcome, labels, "value", translatable(message, **batch), E_APPROVED)
    elif ReviewState.SUBMITTED in states:
        message = gettext_noop(
            "số liệu năm %(year)s của %(what)s, %(unit)s đang chờ duyệt; "
            "người duyệt cần trả lại trước khi sửa"
        )
        _refuse(outcome, labels, "value", translatable(message, **batch), E_APPROVED)


def _overlay(stored: StoredAround, outcomes: list[Outcome]) -> None:
    """Put the planned values into the values validation sees."""
    for outcome in outcomes:
        if outcome.errors or outcome.unit is None or outcome.indicator is None or outcome.period is None:
            continue
        if not outcome.period.is_year:
            continue
        key = (outcome.indicator.code, outcome.period.year)
        if outcome.action in (Action.CREATE, Action.UPDATE) and outcome.new is not None:
            stored.values.setdefault(outcome.unit.pk, {})[key] = float(outcome.new.value)
        elif outcome.action is Action.DELETE:
            stored.values.get(outcome.unit.pk, {}).pop(key, None)


def _validate(
    outcome: Outcome, stored: StoredAround, rules: list[Rule], names: dict[str, str], labels: dict[str, str]
) -> None:
    indicator, unit, period = outcome.cell()
    new = outcome.figure()
    findings = check_value(
        rules,
        indicator=indicator.code,
        year=period.year,
        annual=period.is_year,
        value=float(new.value),
        values=stored.values.get(unit.pk, {}),
        names=names,
    )
    refused = refusals(findings, has_comment=bool(new.comment.strip()))
    for finding in refused:
        words = {"vi": finding.message_vi, "en": finding.message_en}
        if finding.severity is Severity.COMMENT:
            advice = gettext_noop("Ghi chú giải trình để lưu.")
            words = {language: f"{text} {said_in(advice, language)}" for language, text in words.items()}
        _refuse(outcome, labels, "value", Worded(words), E_RULE)
    for finding in findings:
        if not refused:  # a refused value's other findings would only be noise
            outcome.warnings.append(
                RowError(outcome.row, labels.get("value", "value"), _finding_words(finding), E_RULE)
            )
    outcome.followup = bool(outcome.entry.followup) or any(f.followup for f in findings)


def _finding_words(finding: Finding) -> Worded:
    """A validation finding in the active language, sayable in the other (the domain words it in both)."""
    return Worded({"vi": finding.message_vi, "en": finding.message_en})


def finding_message(finding: Finding) -> str:
    """A validation finding in the active language (the domain words it in Vietnamese and English)."""
    return finding.message_en if (get_language() or "vi").startswith("en") else finding.message_vi


def _refuse(outcome: Outcome, labels: dict[str, str], column: str, message: str, code: str) -> None:
    outcome.action = Action.REJECT
    outcome.errors.append(RowError(outcome.row, labels.get(column, column), message, code))


def _refuse_outside_scope(summary: EntrySummary, user: AnyUser | None, labels: dict[str, str]) -> None:
    """Refuse every row that would write a figure outside the user's capture scope (docs/security.md).

    A row outside the capture scope that equals the figure in use writes nothing and passes (an exported
    file of published figures comes back unchanged). Any other row outside it is refused by the scope
    first and alone: its other errors and warnings (a batch waiting for review or approved, a change since
    it was read, a validation rule) are dropped, as they would tell about figures and batches the user may
    not read. A stored figure the user may not read was left out when the row was planned
    (:func:`_forget_unreadable`), so "unchanged" never confirms a guess at another unit's draft.
    """
    for outcome in summary.outcomes:
        if outcome.unit is None or outcome.indicator is None or _writes_nothing_readable(outcome, user):
            continue
        if not capture_allowed(user=user, unit=outcome.unit, indicator=outcome.indicator):
            outcome.errors.clear()
            outcome.warnings.clear()
            message = translatable(
                gettext_noop("bạn không có quyền nhập số liệu “%(indicator)s” cho %(unit)s"),
                indicator=outcome.indicator.name,
                unit=outcome.unit.name,
            )
            _refuse(outcome, labels, "unit", message, E_SCOPE)


def _writes_nothing_readable(outcome: Outcome, user: AnyUser | None) -> bool:
    """Whether the row writes nothing (unchanged, or an empty cell) and compares with no figure the user
    may not read."""
    return (
        outcome.action in (Action.UNCHANGED, Action.SKIP)
        and not outcome.errors
        and (outcome.stored is None or figure_readable(user=user, observation=outcome.stored))
    )


def _collect(summary: EntrySummary) -> None:
    """Gather every row's errors and warnings into the summary, in row order."""
    for outcome in summary.outcomes:
        summary.errors.extend(outcome.errors)
        summary.warnings.extend(outcome.warnings)
    summary.errors.sort(key=lambda e: (e.row, e.column))
    summary.warnings.sort(key=lambda e: (e.row, e.column))


# -- applying ---------------------------------------------------------------------------------------------


def _apply_all(summary: EntrySummary, actor: Actor, labels: dict[str, str], *, partial: bool = False) -> None:
    for outcome in summary.outcomes:
        if outcome.action not in WRITES:
            continue
        try:
            with transaction.atomic():
                _apply(outcome, actor, source=_source(summary, outcome))
        except (_Concurrent, IntegrityError):
            _refuse(outcome, labels, "value", _changed_meanwhile(outcome), E_CONCURRENT)
            summary.errors.extend(outcome.errors)
            if not partial:  # a partial import reports the row and goes on with the others
                raise EntriesRejected(summary) from None


def _source(summary: EntrySummary, outcome: Outcome) -> str:
    if not summary.filename:
        return ""
    if summary.channel == "dhis2":
        return f"{summary.filename}, dataValues[{outcome.row}]"
    return f"{summary.filename}, dòng {outcome.row}"


def _apply(outcome: Outcome, actor: Actor, *, source: str) -> None:
    if outcome.action is Action.CREATE:
        _create(outcome, actor, source)
    elif outcome.action is Action.UPDATE:
        _update(outcome, actor, source)
    elif outcome.action is Action.DELETE:
        _delete(outcome, actor, source)


def _create(outcome: Outcome, actor: Actor, source: str) -> None:
    indicator, unit, period = outcome.cell()
    new = outcome.figure()
    now = timezone.now()
    obs = Observation(
        indicator=indicator,
        unit=unit,
        period=period.code,
        year=period.year,
        value=new.value,
        value_text=new.value_text,
        measure_unit=indicator.unit,
        status=new.status,
        comment=new.comment,
        followup=outcome.followup,
        origin=Origin.REPORTED,
        review_state=ReviewState.DRAFT,
        created_by_id=actor.user_id,
        updated_by_id=actor.user_id,
        updated_at=now,
        imported_from=source[:300],
        **_source_fields(new.source),
    )
    obs.save(force_insert=True)
    audit_write([audit_entry(actor, AuditAction.CREATE, obs, old=None, new=snapshot(obs), source=source)])
    outcome.stored = obs


def _update(outcome: Outcome, actor: Actor, source: str) -> None:
    stored, new = outcome.stored, outcome.figure()
    if stored is None:
        raise ValueError(f"row {outcome.row} updates nothing")
    old = snapshot(stored)
    fields: dict[str, Any] = {
        "value": new.value,
        "value_text": new.value_text,
        "status": new.status,
        "comment": new.comment,
        "followup": outcome.followup,
        "updated_at": timezone.now(),
        "updated_by_id": actor.user_id,
        **_source_fields(new.source),
    }
    changed = Observation.objects.filter(pk=stored.pk, version=stored.version).update(
        version=F("version") + 1, **fields
    )
    if changed != 1:
        raise _Concurrent
    stored.refresh_from_db()
    audit_write(
        [audit_entry(actor, AuditAction.UPDATE, stored, old=old, new=snapshot(stored), source=source)]
    )


def _delete(outcome: Outcome, actor: Actor, source: str) -> None:
    stored = outcome.stored
    if stored is None:
        raise ValueError(f"row {outcome.row} deletes nothing")
    entry = audit_entry(actor, AuditAction.DELETE, stored, old=snapshot(stored), new=None, source=source)
    deleted, _by_model = Observation.objects.filter(pk=stored.pk, version=stored.version).delete()
    if deleted != 1:
        raise _Concurrent
    audit_write([entry])


def _source_fields(source: str) -> dict[str, str]:
    """A source that is a web address goes to ``source_url``, any other text to ``source_document``."""
    if source.startswith(("http://", "https://")):
        return {"source_url": source[:1000], "source_document": ""}
    return {"source_url": "", "source_document": source[:300]}
