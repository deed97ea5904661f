"""Build a review report's content once, from the database (the tree of nqtrack.domain.report_content).

Reads only: the programme, the assessments of ``programme_overview`` (the same figures and statuses as the
web pages), tasks, assignments, key projects and milestones.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nqtrack.assessments.presenters import STATUS_LOOK, needed_per_year
from nqtrack.assessments.region import RegionFileError, region_comparison, region_load
from nqtrack.assessments.selectors import TargetRow, programme_overview
from nqtrack.domain.progress import Assessment, Status
from nqtrack.domain.progress.text import STATUS_LABELS
from nqtrack.domain.report_assembly import (
    causes,
    directions,
    directions_heading,
    indicator_count,
    indicator_summary,
    leadership,
    lessons,
    limitations,
    plan_results,
    proposals,
    result_groups,
    task_results,
    task_summary,
    year_results,
)
from nqtrack.domain.report_content import (
    CATEGORY_OF,
    KeyProjectLine,
    MilestoneLine,
    ReportContent,
    ReportKind,
    Signature,
    SourceLine,
    TargetLine,
    TaskGroupLine,
    TaskLine,
    YearFigure,
)
from nqtrack.domain.report_text import (
    capitalised,
    due_date,
    due_text,
    figure_text,
    figures_unit_text,
    goal_text,
    intro_text,
    party_header,
    report_period,
    shorten,
    state_header,
    subject_text,
    to_complete,
    unit_text,
    vn_short_date,
)
from nqtrack.domain.targets import Direction
from nqtrack.domain.year_plans import PlanFigure, PlannedIndicator, plan_in_use
from nqtrack.observations.in_use import candidate_of
from nqtrack.observations.models import Observation
from nqtrack.observations.models import Status as FigureStatus
from nqtrack.observations.selectors import series_unit, visible
from nqtrack.observations.territory import abolished_level_note, other_bearers_q
from nqtrack.programmes import models as pm
from nqtrack.programmes.selectors import domain_target
from nqtrack.reports.task_status import (
    NOT_TRACKED,
    NOT_UPDATED,
    UNKNOWN_PROJECT,
    TaskState,
    project_states,
    task_states,
)

# A chart maker: (target row) → PNG bytes or None. nqtrack.reports.charts provides the real one.
ChartMaker = Callable[[TargetRow], bytes | None]

STATUS_MARKS = {"estimate": "ư", "preliminary": "sb"}
LEGEND = "(ư): số ước tính; (sb): số sơ bộ; số không ghi chú: số chính thức hoặc nguồn không nêu rõ."
ORGANISATION_TASKS = "Tổ chức thực hiện"
KEY_PROJECT_KINDS = {
    "road": "Đường giao thông",
    "bridge": "Cầu",
    "railway": "Đường sắt",
    "logistics": "Logistics",
    "tourism": "Du lịch",
    "heritage_dossier": "Hồ sơ di sản",
    "college": "Trường cao đẳng",
    "environmental_monitoring": "Quan trắc môi trường",
}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def programme_start_year(programme: pm.Programme) -> int:
    """The year implementation began: the programme's date, else that of the resolution it implements."""
    dates = [programme.date]
    implemented = programme.documents.filter(code=programme.implements).first()
    if implemented is not None:
        dates.append(implemented.date)
    for text in dates:
        if text and len(text) >= 4 and text[:4].isdigit():
            return int(text[:4])
    return programme.period_start


@dataclass
class _Sources:
    """Numbers the sources of the figures shown, in order of first use."""

    lines: list[SourceLine] = field(default_factory=list)
    numbers: dict[tuple[str, date | None], int] = field(default_factory=dict)

    def cite(self, obs: Observation) -> int | None:
        where = obs.source_document or obs.source_url
        if not where:
            return None
        key = (where, obs.published)
        if key not in self.numbers:
            self.numbers[key] = len(self.lines) + 1
            published = f", công bố ngày {vn_short_date(obs.published)}" if obs.published else ""
            self.lines.append(
                SourceLine(number=self.numbers[key], text=where + published, url=obs.source_url)
            )
        return self.numbers[key]


def _figure(year: int, obs: Observation | None) -> YearFigure:
    if obs is None:
        return YearFigure(year=year, text="", value=None, decimals=0, mark="")
    text = obs.value_text
    return YearFigure(
        year=year,
        text=figure_text(text),
        value=float(obs.value),
        decimals=len(text.split(".", 1)[1]) if "." in text else 0,
        mark=STATUS_MARKS.get(obs.status, ""),
    )


def _goal(target: pm.Target) -> str:
    goal = domain_target(target)
    return goal_text(
        kind=goal.kind,
        comparator=goal.comparator,
        low=goal.low,
        high=goal.high,
        unit=goal.unit,
        direction=goal.direction,
        year=goal.year,
        period=goal.period,
        out_of=target.judged.out_of,
    )


def _region_goals(programme: pm.Programme) -> dict[str, str]:
    """Indicator code → the region's target in words, for the targets the region file compares."""
    try:
        region = region_load()
    except RegionFileError:  # no region file: the report gives the province's targets alone
        return {}
    goals = {}
    for row in region_comparison(programme=programme, region=region):
        goal = row.region.target
        # the region file may leave the direction to the indicator ("giảm", not "tăng", for poverty)
        direction = domain_target(row.province).direction if row.province is not None else goal.direction
        goals[row.region.indicator_code] = goal_text(
            kind=goal.kind,
            comparator=goal.comparator,
            low=goal.low,
            high=goal.high,
            unit=goal.unit,
            direction=direction,
            year=goal.year,
            period=goal.period,
        )
    return goals


def _explanation(a: Assessment, reason: str, series: dict[int, Observation]) -> str:
    """The engine's sentence without its status label (the report's headings give it): "năm 2022: 62,3%,
    chưa đạt 66–67%; …" (``reason``, marked) for a target judged on nothing but one figure, which has no
    label to drop."""
    if a.status is Status.INSUFFICIENT_DATA and reason:
        return f"{reason}."
    return _marked(a.explanation_vi.removeprefix(f"{STATUS_LABELS[a.status][0]}: "), a, series)


def _marked(text: str, a: Assessment, series: dict[int, Observation]) -> str:
    """The latest and base figures a sentence quotes with the mark of an estimate or a preliminary figure,
    as in the annex: "năm 2023 đạt 23,96% (ư), …", "từ năm 2020 (18,3% (ư))"."""
    for year in sorted({y for y in (a.latest_year, a.base_year) if y is not None}):
        obs = series.get(year)
        mark = STATUS_MARKS.get(obs.status, "") if obs is not None else ""
        if mark:
            text = _mark_figure(text, year=year, mark=mark)
    return text


def _mark_figure(text: str, *, year: int, mark: str) -> str:
    """' (ư)' after the figure of ``year`` where the engine's sentence quotes it: "năm 2023 đạt 23,96%",
    "năm 2022: 62,3%" (up to the comma, semicolon or full stop that ends it), "từ năm 2020 (18,3%)",
    "đến năm 2024 (1,73%)"."""
    quoted = re.compile(rf"(\b[nN]ăm {year}(?: đạt|:) .+?)(?=[,;.](?: |$))")
    text = quoted.sub(lambda m: f"{m.group(1)} ({mark})", text, count=1)
    base = re.compile(rf"((?:từ|đến) năm {year} \([^()]+)\)")
    return base.sub(lambda m: f"{m.group(1)} ({mark}))", text, count=1)


def _with_level_note(explanation: str, note: str) -> str:
    """The explanation followed by the note on a level the merger abolished, as its own sentence."""
    if not note:
        return explanation
    ending = "" if explanation.endswith(".") or not explanation else "."
    return f"{explanation}{ending} {capitalised(note)}.".lstrip()


def _target_line(
    number: int,
    row: TargetRow,
    years: Sequence[int],
    sources: _Sources,
    chart: ChartMaker,
    region: dict[str, str],
    level_note: str,
) -> TargetLine:
    target, a = row.target, row.assessment
    # Why it cannot be judged, as the report quotes it: with the marks of the figures it names.
    reason = _marked(a.reason, a, row.series) if a.reason else ""
    shown = [row.series.get(year) for year in years]
    cited = (sources.cite(obs) for obs in shown if obs is not None)
    latest = row.latest
    return TargetLine(
        number=number,
        code=target.code,
        group_number=target.indicator.group.number if target.indicator.group else 0,
        indicator=_nfc(target.indicator.name),
        wording=_nfc(target.source_text),
        goal=_goal(target),
        unit=figures_unit_text(series_unit(row.series), target.indicator.unit),
        target_year=domain_target(target).end_year,
        low=target.judged.low,
        high=target.judged.high,
        values=tuple(_figure(year, obs) for year, obs in zip(years, shown, strict=True)),
        latest=f"{_figure(latest.year, latest).display} ({latest.year})" if latest and latest.year else "",
        status=a.status,
        status_words=STATUS_LOOK[a.status].words,
        category=CATEGORY_OF[a.status],
        explanation=_with_level_note(_explanation(a, reason, row.series), level_note),
        reason=reason,
        needed=needed_per_year(
            a,
            target.kind,
            target.direction or target.indicator.direction,
            target.unit or target.indicator.unit,
        ),
        sources=tuple(sorted({n for n in cited if n is not None})),
        assessment=a,
        chart_png=chart(row),
        region_goal=region.get(target.indicator.code, ""),
    )


def _documents(task: pm.Task) -> str:
    names = []
    for link in task.taskdocument_set.all():
        doc = link.document
        names.append(f"{doc.kind} số {doc.number}" if doc.number else _nfc(doc.title))
    return "; ".join(names)


def _state(states: dict[str, TaskState] | None, code: str) -> TaskState | None:
    return None if states is None else states.get(code)


def _status_words(state: TaskState | None, *, tracked: bool) -> str:
    if state is not None:
        return state.status
    return NOT_UPDATED if tracked else NOT_TRACKED


def _task_line(task: pm.Task, group: str, state: TaskState | None, *, tracked: bool) -> TaskLine:
    return TaskLine(
        code=task.code,
        group=_nfc(group),
        text=shorten(_nfc(task.text)),
        full_text=_nfc(task.text),
        lead=state.lead if state else "",
        due=due_text(task.due, recurring=task.kind == "recurring"),
        due_date=due_date(task.due) if task.due else None,
        status=_status_words(state, tracked=tracked),
        done=state.done if state else None,
        late=state.late if state else None,
        documents=_documents(task),
        result=state.result if state else "",
        reported=state.reported if state else (False if tracked else None),
    )


def _assignment_line(assignment: pm.Assignment, state: TaskState | None, *, tracked: bool) -> TaskLine:
    leads = [r.organisation.name for r in assignment.roles.all() if r.role == pm.AssignmentRole.LEAD]
    code = f"IV.{assignment.number}"
    return TaskLine(
        code=code,
        group=ORGANISATION_TASKS,
        text=shorten(_nfc(assignment.text)),
        full_text=_nfc(assignment.text),
        lead=state.lead if state and state.lead else ", ".join(leads),
        due=due_text(assignment.due, recurring=assignment.recurring),
        due_date=due_date(assignment.due) if assignment.due else None,
        status=_status_words(state, tracked=tracked),
        done=state.done if state else None,
        late=state.late if state else None,
        documents="",
        result=state.result if state else "",
        reported=state.reported if state else (False if tracked else None),
    )


def _tasks(
    programme: pm.Programme, states: dict[str, TaskState] | None
) -> tuple[list[TaskLine], list[TaskGroupLine]]:
    tracked = states is not None
    groups = programme.task_groups.prefetch_related("tasks__taskdocument_set__document")
    lines: list[TaskLine] = []
    group_lines: list[TaskGroupLine] = []
    for group in groups:
        tasks = list(group.tasks.all())
        group_lines.append(TaskGroupLine(number=group.number, title=_nfc(group.title), count=len(tasks)))
        lines += [_task_line(t, group.title, _state(states, t.code), tracked=tracked) for t in tasks]
    assignments = programme.assignments.prefetch_related("roles__organisation")
    lines += [_assignment_line(a, _state(states, f"IV.{a.number}"), tracked=tracked) for a in assignments]
    return lines, group_lines


def _key_projects(programme: pm.Programme, states: dict[int, str] | None) -> list[KeyProjectLine]:
    projects = pm.KeyProject.objects.filter(task__group__programme=programme).select_related("task")
    return [
        KeyProjectLine(
            name=capitalised(_nfc(p.name)),
            kind=KEY_PROJECT_KINDS.get(p.kind, p.kind),
            task_code=p.task.code,
            status=NOT_TRACKED if states is None else states.get(p.pk, UNKNOWN_PROJECT),
        )
        for p in projects.order_by("task__group__number", "task__position", "position")
    ]


def _milestones(programme: pm.Programme, as_of: date) -> list[MilestoneLine]:
    rows = pm.Milestone.objects.filter(group__programme=programme).select_related("group")
    lines = []
    for m in rows.order_by("group__number", "position"):
        day = due_date(m.due)
        lines.append(
            MilestoneLine(
                group_number=m.group.number,
                text=capitalised(_nfc(m.text)),
                due=due_text(m.due, recurring=False),
                due_date=day,
                reached=day is not None and day <= as_of,
                status="",
            )
        )
    return lines


def _signature(programme: pm.Programme) -> Signature:
    title = programme.signed_by_title
    return Signature(lines=tuple(p.strip() for p in title.split(",") if p.strip()), name="")


def _programme_day(text: str) -> str:
    """The programme's date as a citation writes it ("2022-05-05" → "05/5/2022"); empty when unknown."""
    day = due_date(text) if text and len(text) == 10 else None
    return f"{day.day:02d}/{day.month}/{day.year}" if day else ""


_PARTY_ORGANS = ("Tỉnh ủy", "Thành ủy", "Huyện ủy", "Đảng ủy")


def _recipients(programme: pm.Programme) -> tuple[str, ...]:
    """ "Nơi nhận": whom the report goes to is the office's choice (a marked place); the copy kept is
    "- Lưu Văn phòng Tỉnh ủy." in a Party report (Hướng dẫn 36-HD/VPTW), "- Lưu: VT." in a state one
    (Nghị định 30/2020/NĐ-CP)."""
    if programme.issuer_kind != "party":
        return (f"- {to_complete('nơi nhận')};", "- Lưu: VT.")
    issuer = _nfc(programme.issuer).lower()
    organ = next((name for name in _PARTY_ORGANS if name.lower() in issuer), "")
    return (f"- {to_complete('nơi nhận')},", f"- Lưu Văn phòng {organ}." if organ else "- Lưu Văn phòng.")


def _plan_figures(programme: pm.Programme, year: int) -> dict[int, list[PlanFigure]]:
    """Indicator id → the published plan figures of ``year`` for the programme's province (its territory,
    never a unit that took its code later), dated as the figure-in-use rule dates them."""
    rows = (
        Observation.objects.filter(
            indicator__programme=programme,
            unit__code=programme.province_code,
            status=FigureStatus.PLAN,
            year=year,
            period=str(year),
            partial=False,
        )
        .exclude(other_bearers_q(programme=programme))
        .order_by("id")
    )
    plans: dict[int, list[PlanFigure]] = {}
    for obs in visible(rows):
        plans.setdefault(obs.indicator_id, []).append(
            PlanFigure(
                ident=obs.pk,
                value=float(obs.value),
                text=obs.value_text,
                bound=obs.bound,
                source=obs.source_document or obs.source_url,
                published=candidate_of(obs).published,
                unit=obs.measure_unit,
            )
        )
    return plans


def _planned(programme: pm.Programme, rows: Sequence[TargetRow], year: int) -> list[PlannedIndicator]:
    """The report's indicators (in the order of its targets) with a plan for ``year``, and the year's
    figure in use beside it."""
    plans = _plan_figures(programme, year)
    planned: list[PlannedIndicator] = []
    seen: set[int] = set()
    for row in rows:
        indicator = row.target.indicator
        plan = plan_in_use(plans.get(indicator.pk, ()))
        if plan is None or indicator.pk in seen:
            continue
        seen.add(indicator.pk)
        now, before = row.series.get(year), row.series.get(year - 1)
        planned.append(
            PlannedIndicator(
                indicator=_nfc(indicator.name),
                unit=unit_text(indicator.unit),
                lower_is_better=(row.target.direction or indicator.direction) == Direction.LOWER,
                plan=plan,
                figure=_figure(year, now) if now is not None else None,
                figure_unit=now.measure_unit if now is not None else "",
                previous=_figure(year - 1, before) if before is not None else None,
            )
        )
    return planned


def _no_chart(row: TargetRow) -> bytes | None:
    return None


def report_content_build(
    *,
    user: Any,
    programme: pm.Programme,
    as_of: date,
    kind: ReportKind,
    first_year: int | None = None,
    chart: ChartMaker = _no_chart,
) -> ReportContent:
    """The whole report for ``programme`` on ``as_of``: figures up to that year, tasks on that day.

    ``user`` is the reader (scopes will filter what a report may show); ``first_year`` overrides the
    year implementation began (``programme_start_year``).
    """
    period = report_period(kind=kind, as_of=as_of, first_year=first_year or programme_start_year(programme))
    overview = programme_overview(programme=programme, as_of=as_of.year)
    years = tuple(range(programme.effective_base_year, as_of.year + 1))
    sources = _Sources()
    rows = [row for group in overview.groups for row in group.targets]
    region = _region_goals(programme)
    targets = [
        _target_line(
            i,
            row,
            years,
            sources,
            chart,
            region,
            abolished_level_note(programme=programme, target=row.target, as_of=as_of),
        )
        for i, row in enumerate(rows, start=1)
    ]
    states = task_states(programme=programme, as_of=as_of)
    tracked = states is not None
    tasks, task_groups = _tasks(programme, states)
    milestones = _milestones(programme, as_of)
    planned = _planned(programme, rows, as_of.year) if kind is ReportKind.ANNUAL else []
    header_of = party_header if programme.issuer_kind == "party" else state_header
    return ReportContent(
        programme_code=programme.code,
        programme_title=_nfc(programme.title),
        issuer=_nfc(programme.issuer),
        period=period,
        as_of=as_of,
        header=header_of(issuer=_nfc(programme.issuer), day=as_of),
        title="BÁO CÁO",
        subject=subject_text(period, _nfc(programme.title)),
        intro=intro_text(
            period,
            title=_nfc(programme.title),
            issuer=_nfc(programme.issuer),
            number=programme.number,
            day=_programme_day(programme.date),
        ),
        indicator_summary=indicator_summary(targets, end_year=programme.period_end),
        results=result_groups(targets),
        indicator_count=indicator_count(targets),
        leadership=leadership(tasks),
        task_results=task_results(tasks, [(g.number, g.title) for g in task_groups], tracked=tracked),
        causes=causes(),
        lessons=lessons(),
        proposals=proposals(),
        plan_results=plan_results(planned, year=as_of.year),
        year_results=year_results(targets, year=as_of.year, planned=planned)
        if kind is ReportKind.ANNUAL
        else (),
        milestones=tuple(milestones),
        tasks_tracked=tracked,
        task_summary=task_summary(tasks, tracked=tracked),
        task_groups=tuple(task_groups),
        key_projects=tuple(_key_projects(programme, project_states(programme=programme))),
        limitations=limitations(targets, tasks, milestones, tracked=tracked, as_of=as_of),
        directions=directions(targets, tasks, milestones, tracked=tracked),
        directions_heading=directions_heading(period, programme_end=programme.period_end),
        years=years,
        targets=tuple(targets),
        tasks=tuple(tasks),
        sources=tuple(sources.lines),
        signature=_signature(programme),
        recipients=_recipients(programme),
        legend=LEGEND,
    )
