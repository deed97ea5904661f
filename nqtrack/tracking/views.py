"""Tracking pages: translate the request, call selectors and services, render. No business logic here.

Every page needs a signed-in user: the work of the organisations is internal, and the task list writes
(it refreshes the statuses for today on every load, so a late task shows as late at once).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nqtrack.accounts.files import serve_protected_file
from nqtrack.programmes.models import Programme
from nqtrack.programmes.selectors import ProgrammeNotFound, programme_get
from nqtrack.tracking import selectors, services
from nqtrack.tracking.forms import (
    MilestoneForm,
    ProjectForm,
    RegisterForm,
    ReviewForm,
    ScheduleForm,
    UpdateForm,
)
from nqtrack.tracking.models import Evidence, Kind, ProgressUpdate, TrackedItem


def _programme(request: HttpRequest) -> Programme:
    try:
        return programme_get(code=request.GET.get("programme"))
    except ProgrammeNotFound:
        raise Http404(_("Chưa nạp chương trình nào: chạy `nqtrack bootstrap`.")) from None


def _item(request: HttpRequest, code: str) -> TrackedItem:
    item = selectors.item_get(programme=_programme(request), code=code)
    if item is None:
        raise Http404(_("Không có nhiệm vụ này."))
    return item


def _attach(form: Form, error: ValidationError) -> None:
    """Put a service's errors on the form's fields (unknown fields: on the form itself)."""
    for name, problems in error.message_dict.items():
        for problem in problems:
            form.add_error(name if name in form.fields else None, problem)


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    """Tasks with filters by group, organisation, status and due; statuses refreshed for today."""
    programme = _programme(request)
    today = timezone.localdate()
    services.tracking_refresh_statuses(programme=programme, today=today)
    filters = selectors.ItemFilters(
        group=request.GET.get("nhom", ""),
        organisation=request.GET.get("don_vi", ""),
        status=request.GET.get("trang_thai", ""),
        due=request.GET.get("han", ""),
    )
    try:
        items, problem = selectors.items_list(user=request.user, programme=programme, filters=filters), ""
    except selectors.FilterError as error:
        items, problem = [], str(error)
    context = {
        "programme": programme,
        "items": items,
        "filters": filters,
        "choices": selectors.filter_choices(programme=programme),
        "filter_problem": problem,
        "tiles": selectors.task_tiles(programme=programme, today=today),
        "today": today,
    }
    return render(request, "tracking/list.html", context, status=400 if problem else 200)


@login_required
def task_board(request: HttpRequest) -> HttpResponse:
    """The items in one column per status."""
    programme = _programme(request)
    services.tracking_refresh_statuses(programme=programme)
    columns = selectors.items_board(user=request.user, programme=programme)
    return render(request, "tracking/board.html", {"programme": programme, "columns": columns})


def _item_context(request: HttpRequest, item: TrackedItem, **forms: object) -> dict[str, object]:
    page = selectors.item_page(user=request.user, item=item, today=timezone.localdate())
    context: dict[str, object] = {"programme": item.programme, "page": page, "item": item}
    context.setdefault("update_form", UpdateForm(periods=page.periods, one_off=item.kind == Kind.ONE_OFF))
    context["schedule_form"] = ScheduleForm(
        initial={"start": item.start, "due": item.due, "cycle": item.cycle}
    )
    context["review_form"] = ReviewForm()
    context.update(forms)
    return context


@login_required
def task_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A task: its text, organisations, sub-tasks, updates with evidence, documents and key projects."""
    item = _item(request, code)
    if item.status_on != timezone.localdate():  # first look today: bring the statuses up to date
        services.tracking_refresh_statuses(programme=item.programme)
        item.refresh_from_db(fields=["status", "status_on"])
    return render(request, "tracking/item.html", _item_context(request, item))


@login_required
@require_POST
def update_post(request: HttpRequest, code: str) -> HttpResponse:
    """Post a progress update; on a problem, the page again with every message and nothing saved."""
    item = _item(request, code)
    page = selectors.item_page(user=request.user, item=item, today=timezone.localdate())
    form = UpdateForm(request.POST, request.FILES, periods=page.periods, one_off=item.kind == Kind.ONE_OFF)
    if form.is_valid():
        data = services.UpdateInput(
            narrative=form.cleaned_data["narrative"],
            period=form.cleaned_data.get("period") or "",
            percent=form.cleaned_data.get("percent"),
            completes=bool(form.cleaned_data.get("completes")),
            document=form.cleaned_data.get("document") or "",
            issuer=form.cleaned_data.get("issuer") or "",
            links=form.cleaned_links(),
            files=tuple(form.cleaned_data.get("evidence") or ()),
        )
        try:
            services.update_post(user=request.user, item=item, data=data)
        except PermissionDenied as denied:
            return render(request, "tracking/denied.html", {"message": str(denied)}, status=403)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Đã gửi báo cáo tiến độ."))
            return redirect("tracking:item", code=item.code)
    return render(request, "tracking/item.html", _item_context(request, item, update_form=form), status=400)


@login_required
@require_POST
def update_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept an update, or return it with a comment."""
    update = get_object_or_404(
        ProgressUpdate.objects.select_related("item__programme", "organisation", "author"), pk=pk
    )
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.update_review(
                user=request.user,
                update=update,
                accept=form.cleaned_data["decision"] == "accept",
                comment=form.cleaned_data["comment"],
            )
        except PermissionDenied as denied:
            return render(request, "tracking/denied.html", {"message": str(denied)}, status=403)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Đã ghi kết quả duyệt."))
            return redirect("tracking:item", code=update.item.code)
    context = _item_context(request, update.item, review_form=form)
    context["review_errors_for"] = update.pk
    return render(request, "tracking/item.html", context, status=400)


@login_required
@require_POST
def item_schedule(request: HttpRequest, code: str) -> HttpResponse:
    """Change a task's start, due and reporting cycle."""
    item = _item(request, code)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            services.item_set_schedule(user=request.user, item=item, **form.cleaned_data)
        except PermissionDenied as denied:
            return render(request, "tracking/denied.html", {"message": str(denied)}, status=403)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Đã cập nhật thời hạn."))
            return redirect("tracking:item", code=item.code)
    return render(request, "tracking/item.html", _item_context(request, item, schedule_form=form), status=400)


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, to users whose view scope covers its organisation (refusals are recorded)."""
    evidence = get_object_or_404(
        Evidence.objects.exclude(file="").select_related("update__organisation"), pk=pk
    )
    area, _slash, name = (evidence.file.name or "").partition("/")
    allowed = selectors.evidence_downloadable(user=request.user, evidence=evidence)
    return serve_protected_file(request=request, area=area, name=name, allowed=allowed)


@login_required
def my_organisation(request: HttpRequest) -> HttpResponse:
    """What the user's organisations have due, late, waiting for review or returned."""
    programme = _programme(request)
    today = timezone.localdate()
    services.tracking_refresh_statuses(programme=programme, today=today)
    context = {
        "programme": programme,
        "organisations": selectors.my_organisations(user=request.user, programme=programme, today=today),
        "to_review": selectors.updates_waiting(user=request.user, programme=programme),
        "today": today,
    }
    return render(request, "tracking/mine.html", context)


@login_required
def register(request: HttpRequest) -> HttpResponse:
    """The document register; with the permission, a form to enter a document and link it to tasks."""
    programme = _programme(request)
    form = RegisterForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        codes = [c.strip() for c in form.cleaned_data["items"].split(",") if c.strip()]
        items = [selectors.item_get(programme=programme, code=c) for c in codes]
        unknown = [c for c, i in zip(codes, items, strict=True) if i is None]
        try:
            if unknown:
                raise ValidationError({"items": [f"Không có nhiệm vụ {', '.join(unknown)}."]})
            services.document_register(
                user=request.user,
                programme=programme,
                citation=form.cleaned_data["document"],
                issuer=form.cleaned_data["issuer"],
                title=form.cleaned_data["title"],
                links=[(i, form.cleaned_data["relation"]) for i in items if i is not None],
            )
        except PermissionDenied as denied:
            return render(request, "tracking/denied.html", {"message": str(denied)}, status=403)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Đã vào sổ văn bản."))
            return redirect("tracking:register")
    if request.method == "POST":
        status = 400
    documents = selectors.documents_register(
        user=request.user, programme=programme, query=request.GET.get("q", "")
    )
    context = {
        "programme": programme,
        "documents": documents,
        "form": form,
        "can_register": selectors.can_register_documents(user=request.user),
        "query": request.GET.get("q", ""),
    }
    return render(request, "tracking/register.html", context, status=status)


@login_required
def projects(request: HttpRequest) -> HttpResponse:
    """The key projects: status, location, responsible organisation, milestones."""
    programme = _programme(request)
    rows = selectors.projects_list(user=request.user, programme=programme)
    return render(request, "tracking/projects.html", {"programme": programme, "projects": rows})


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One key project; for those who may update it, forms to change its status and add milestones."""
    page = selectors.project_page(user=request.user, pk=pk)
    if page is None:
        raise Http404(_("Không có công trình, dự án này."))
    project = page.project
    programme = project.item.programme
    form = ProjectForm(
        request.POST if request.POST.get("form") == "project" else None,
        programme=programme,
        can_reassign=page.can_reassign,
        initial={"status": project.status, "responsible": project.responsible, "note": project.note},
    )
    milestone_form = MilestoneForm(request.POST if request.POST.get("form") == "milestone" else None)
    if request.method == "POST":
        try:
            if form.is_bound and form.is_valid():
                services.project_update(user=request.user, project=project, **form.cleaned_data)
                return redirect("tracking:project", pk=project.pk)
            if milestone_form.is_bound and milestone_form.is_valid():
                services.project_add_milestone(
                    user=request.user, project=project, **milestone_form.cleaned_data
                )
                return redirect("tracking:project", pk=project.pk)
        except PermissionDenied as denied:
            return render(request, "tracking/denied.html", {"message": str(denied)}, status=403)
        except ValidationError as error:
            _attach(form if form.is_bound else milestone_form, error)
    context = {
        "programme": programme,
        "project": project,
        "can_edit": page.can_edit,
        "form": form,
        "milestone_form": milestone_form,
    }
    return render(request, "tracking/project.html", context, status=400 if request.method == "POST" else 200)
