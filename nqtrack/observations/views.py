"""Pages of the figures (/so-lieu/): the entry grid, review, file import, export, the audit log.

Views read the request, call a service or a selector, and render; every page needs a signed-in user.
The selectors filter what a user reads by their view scope and the services check their capture scope
or remit (docs/security.md); a refused page answers 403 (a refused review step goes back to the grid
with the reason).
"""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nqtrack.core.params import SMALL_MAX, given_number, given_year
from nqtrack.observations.choices import unit_choices
from nqtrack.observations.dhis2_options import Dhis2ImportOptions, Dhis2ParameterError, IdScheme, Strategy
from nqtrack.observations.entries import WRITES, EntrySummary, observations_save_cells
from nqtrack.observations.exports import EXPORT_KINDS, observations_export, template_xlsx
from nqtrack.observations.files import observations_import_upload
from nqtrack.observations.formats.limits import FileRejected, check_size
from nqtrack.observations.formats.sniff import KIND_LABELS, Kind
from nqtrack.observations.forms import CellInput, entry_rows, posted_cells
from nqtrack.observations.jobs import import_in_background, import_job_get, import_job_request
from nqtrack.observations.models import Channel
from nqtrack.observations.permissions import require_import_files
from nqtrack.observations.presenters import STATE_LABELS, CellResult, grid_view, outcome_views
from nqtrack.observations.review import REVIEW_STEPS, Batch, ReviewRefused
from nqtrack.observations.selectors import (
    Grid,
    Selection,
    audit_for_cell,
    audit_for_unit,
    batch_unit,
    entry_grid,
    home_unit_code,
    review_queue,
)
from nqtrack.observations.summaries import counts_text, summary_lines
from nqtrack.places.models import AdminUnit
from nqtrack.programmes.models import Indicator, IndicatorGroup, Programme
from nqtrack.programmes.selectors import ProgrammeNotFound, programme_get

MAX_YEARS = 12
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _programme(request: HttpRequest) -> Programme:
    try:
        return programme_get(code=request.GET.get("programme") or request.POST.get("programme"))
    except ProgrammeNotFound as error:
        raise Http404(str(error)) from error


def _group_number(params: QueryDict) -> int | None:
    """The indicator group asked for (``nhom``); None: every group; a bad value: 400 (``BadParameter``)."""
    return given_number(params, "nhom", low=0, high=SMALL_MAX)


def _years(request: HttpRequest, programme: Programme) -> list[int]:
    """The years ``tu``–``den`` (at most ``MAX_YEARS``), by default the last five; a bad year: 400."""
    now = timezone.localdate().year
    first = given_year(request.GET, "tu") or max(programme.effective_base_year, now - 5)
    last = given_year(request.GET, "den") or min(max(now, first), programme.period_end)
    last = max(first, min(last, first + MAX_YEARS - 1))
    return list(range(first, last + 1))


# -- the entry grid ---------------------------------------------------------------------------------------


@login_required
def grid(request: HttpRequest) -> HttpResponse:
    """The entry grid of one unit; POST saves the edited cells and shows what each became."""
    programme = _programme(request)
    unit_code = (
        request.GET.get("ma")
        or request.GET.get("don_vi")
        or home_unit_code(user=request.user, programme=programme)
    ).strip()
    group_number = _group_number(request.GET)
    years = _years(request, programme)
    results: dict[str, CellResult] = {}
    typed: dict[str, CellInput] = {}
    saved: EntrySummary | None = None
    if request.method == "POST":
        before = entry_grid(
            user=request.user,
            programme=programme,
            unit_code=unit_code,
            years=years,
            group_number=group_number,
        )
        saved = _save(request, programme, before, results, typed)
    current = entry_grid(
        user=request.user, programme=programme, unit_code=unit_code, years=years, group_number=group_number
    )
    context = {
        "programme": programme,
        "grid": current,
        "groups": grid_view(current, results, typed),
        "group_choices": IndicatorGroup.objects.filter(programme=programme).order_by("number"),
        "group_number": group_number,
        "unit_choices": unit_choices(user=request.user, programme=programme, year=years[-1], grid=current),
        "states": STATE_LABELS,
        "saved": saved,
        "saved_text": counts_text(saved) if saved is not None else "",
        "failed": sum(1 for r in results.values() if r.outcome == "failed"),
        "query": request.GET.urlencode(),
    }
    return render(request, "observations/grid.html", context)


def _save(
    request: HttpRequest,
    programme: Programme,
    before: Grid,
    results: dict[str, CellResult],
    typed: dict[str, CellInput],
) -> EntrySummary:
    """Save the edited cells; fill ``results`` (per cell) and ``typed`` (what a failed cell held)."""
    cells = posted_cells(request.POST, before)
    rows, keys, parse_errors = entry_rows(cells)
    given = {c.key: c for _, c in cells}
    for error in parse_errors:
        results[error.column] = CellResult("failed", [error.message])
        typed[error.column] = given[error.column]
    summary = observations_save_cells(user=request.user, programme=programme, rows=rows, channel=Channel.WEB)
    for outcome in summary.outcomes:
        key = keys[outcome.row]
        if outcome.errors:
            results[key] = CellResult("failed", [e.message for e in outcome.errors])
            typed[key] = given[key]
        elif outcome.action in WRITES:
            results[key] = CellResult("changed", [outcome.label], [w.message for w in outcome.warnings])
    return summary


# -- review -----------------------------------------------------------------------------------------------


@login_required
@require_POST
def review(request: HttpRequest) -> HttpResponse:
    """Submit, approve, return or unlock one batch, then go back to the grid."""
    programme = _programme(request)
    batch = _batch(request, programme)
    step = REVIEW_STEPS.get(request.POST.get("buoc", ""))
    if step is None:
        raise Http404(_("Không có bước duyệt này."))
    try:
        count = step.take(
            user=request.user, batch=batch, reason=request.POST.get("ly_do", ""), channel=Channel.WEB
        )
        messages.success(request, _(step.done) % {"n": count, "batch": batch.label})
    except ReviewRefused as refused:
        messages.error(request, " ".join([refused.message, *refused.problems]))
    except PermissionDenied as denied:
        # Back to the page the step was taken from, with the reason: the step was refused, nothing changed.
        messages.error(request, str(denied))
    return HttpResponseRedirect(_back(request))


def _batch(request: HttpRequest, programme: Programme) -> Batch:
    year = given_year(request.POST, "nam")
    unit = batch_unit(unit_key=request.POST.get("don_vi", ""), year=year) if year else None
    if year is None or unit is None:
        raise Http404(_("Không có đơn vị hoặc năm này."))
    number = _group_number(request.POST)
    group = IndicatorGroup.objects.filter(programme=programme, number=number).first() if number else None
    if number and group is None:
        raise Http404(_("Không có nhóm chỉ tiêu này."))
    return Batch(programme=programme, unit=unit, year=year, group=group)


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("observations:grid")


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """The submitted batches waiting for the user's approval (their remit, never their own figures)."""
    programme = _programme(request)
    context = {"programme": programme, "queue": review_queue(user=request.user, programme=programme)}
    return render(request, "observations/queue.html", context)


# -- import from a file -----------------------------------------------------------------------------------


# DHIS2's import parameters the upload form posts, by DHIS2's names (kept for the confirmation).
DHIS2_UPLOAD_PARAMETERS = (
    "importStrategy",
    "idScheme",
    "dataElementIdScheme",
    "orgUnitIdScheme",
    "categoryOptionComboIdScheme",
    "atomic",
    "firstRowIsHeader",
)


def _upload_dir() -> Path:
    return Path(getattr(settings, "NQTRACK_IMPORT_DIR", settings.VAR_DIR / "imports"))


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """Upload → check (dry run, every row's outcome) → confirm → write all rows or none."""
    programme = _programme(request)
    require_import_files(user=request.user, programme=programme)
    context: dict[str, object] = {
        "programme": programme,
        "formats": KIND_LABELS.values(),
        "strategies": [s.value for s in Strategy],
        # ATTRIBUTE:<uid> is refused (nqtrack keeps no attribute values): not offered
        "id_schemes": [i.value for i in IdScheme if i is not IdScheme.ATTRIBUTE],
    }
    if request.method != "POST":
        return render(request, "observations/upload.html", context)
    try:
        name, data, token = _uploaded(request)
    except FileRejected as error:
        context["error"] = str(error)
        return render(request, "observations/upload.html", context, status=400)
    try:
        dhis2 = Dhis2ImportOptions.from_params(request.POST)
    except Dhis2ParameterError as error:
        _forget(request, token)
        context["error"] = error.message
        return render(request, "observations/upload.html", context, status=400)
    dhis2_params = {k: request.POST[k] for k in DHIS2_UPLOAD_PARAMETERS if request.POST.get(k)}
    context["dhis2_params"] = dhis2_params
    confirm = request.POST.get("xac_nhan") == "1"
    # A large file is written by a background job, with the DHIS2 options chosen here.
    if confirm and import_in_background(size=len(data)) and isinstance(request.user, User):
        job = import_job_request(
            user=request.user, programme=programme, name=name, data=data, dhis2_params=dhis2_params
        )
        _forget(request, token)
        return HttpResponseRedirect(reverse("observations:import_job", kwargs={"pk": job.pk}))
    try:
        result = observations_import_upload(
            user=request.user,
            programme=programme,
            name=name,
            data=data,
            dry_run=not confirm,
            channel=Channel.WEB,
            dhis2=dhis2,
        )
    except FileRejected as error:
        _forget(request, token)  # refused as a whole: nothing to confirm later
        context["error"] = str(error)
        return render(request, "observations/upload.html", context, status=400)
    except PermissionDenied as error:
        _forget(request, token)
        context["error"] = str(error)
        return render(request, "observations/upload.html", context, status=403)
    if confirm or not result.ok:  # written, or refused: no confirmation will follow
        _forget(request, token)
    context.update({"result": result, "lines": summary_lines(result), "token": token, "confirmed": confirm})
    if result.entries is not None:
        rows = {o.row for o in result.entries.outcomes}
        context["outcomes"] = outcome_views(result.entries)
        context["unmatched"] = [e for e in result.entries.errors if e.row not in rows]
    if result.dhis2 is not None:
        context["dhis2_json"] = json.dumps(result.dhis2.summary, ensure_ascii=False, indent=2)
    return render(request, "observations/upload.html", context, status=200 if result.ok else 400)


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A large import written in the background: its state (the page reloads itself until the job has
    finished) and its result."""
    job = import_job_get(user=request.user, pk=pk)
    if job is None:
        raise Http404(_("Không có lần nhập tệp này."))
    context: dict[str, object] = {"job": job, "programme": job.programme}
    if job.dhis2_summary is not None:  # as the upload page shows a file written at once
        context["dhis2_json"] = json.dumps(job.dhis2_summary, ensure_ascii=False, indent=2)
    return render(request, "observations/import_job.html", context)


def _uploaded(request: HttpRequest) -> tuple[str, bytes, str]:
    """The file of this request (kept for the confirmation), or the one a token names."""
    upload_file = request.FILES.get("tep")
    if upload_file is not None:
        name = Path(upload_file.name or "tệp").name
        check_size(name, upload_file.size or 0)
        data = upload_file.read()
        token = uuid.uuid4().hex
        folder = _upload_dir()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{request.user.pk}-{token}.bin").write_bytes(data)
        (folder / f"{request.user.pk}-{token}.name").write_text(name, encoding="utf-8")
        return name, data, token
    token = request.POST.get("token", "")
    stored = _upload_dir() / f"{request.user.pk}-{token}.bin"
    if not _TOKEN.match(token) or not stored.exists():
        raise FileRejected(_("Chưa chọn tệp, hoặc tệp đã kiểm tra không còn; hãy tải tệp lên lại."))
    name = (_upload_dir() / f"{request.user.pk}-{token}.name").read_text(encoding="utf-8")
    return name, stored.read_bytes(), token


def _forget(request: HttpRequest, token: str) -> None:
    for suffix in (".bin", ".name"):
        (_upload_dir() / f"{request.user.pk}-{token}{suffix}").unlink(missing_ok=True)


# -- export and template ----------------------------------------------------------------------------------


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """The export form; with ``dinh_dang`` the file itself."""
    programme = _programme(request)
    kind_text = request.GET.get("dinh_dang")
    if not kind_text:
        context = {
            "programme": programme,
            "kinds": [(k.value, KIND_LABELS[k]) for k in EXPORT_KINDS],
            "groups": IndicatorGroup.objects.filter(programme=programme).order_by("number"),
            "year": timezone.localdate().year - 1,
        }
        return render(request, "observations/export.html", context)
    if kind_text not in {k.value for k in EXPORT_KINDS}:
        raise Http404(_("Không có định dạng này."))
    selection = Selection(
        unit_codes=tuple(c.strip() for c in request.GET.get("don_vi", "").split(",") if c.strip()),
        first_year=given_year(request.GET, "tu"),
        last_year=given_year(request.GET, "den"),
        group_number=_group_number(request.GET),
        include_drafts=request.GET.get("nhap") == "1",
    )
    exported = observations_export(
        user=request.user, programme=programme, selection=selection, kind=Kind(kind_text)
    )
    return _download(exported.filename, exported.content_type, exported.data)


@login_required
def template(request: HttpRequest) -> HttpResponse:
    """The Excel template of the programme for one year."""
    programme = _programme(request)
    year = given_year(request.GET, "nam") or timezone.localdate().year - 1
    unit_code = request.GET.get("don_vi") or home_unit_code(user=request.user, programme=programme)
    try:
        exported = template_xlsx(programme=programme, year=year, unit_code=unit_code, user=request.user)
    except AdminUnit.DoesNotExist as error:  # no such unit that year: 404, not a refusal
        raise Http404(str(error)) from error
    return _download(exported.filename, exported.content_type, exported.data)


def _download(filename: str, content_type: str, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# -- the audit log ----------------------------------------------------------------------------------------


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    """The recorded changes of one figure (unit, indicator, period) or of one unit's figures."""
    programme = _programme(request)
    unit_code = request.GET.get("don_vi") or home_unit_code(user=request.user, programme=programme)
    code, period = request.GET.get("chi_tieu"), request.GET.get("ky", "")
    indicator = Indicator.objects.filter(programme=programme, code=code).first() if code else None
    if indicator is not None and period:
        entries = list(
            audit_for_cell(
                user=request.user,
                programme=programme,
                indicator=indicator,
                unit_code=unit_code,
                period=period,
            )
        )
    else:
        entries = list(audit_for_unit(user=request.user, programme=programme, unit_code=unit_code))
    context = {
        "programme": programme,
        "entries": entries,
        "indicator": indicator,
        "period": period,
        "unit_code": unit_code,
        "grid_url": reverse("observations:grid") + "?" + urlencode({"don_vi": unit_code}),
    }
    return render(request, "observations/audit.html", context)
