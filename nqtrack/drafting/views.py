"""Pages of the draft review (/chuong-trinh/du-thao/): upload a programme document, review its draft
beside the document's text, correct, accept or drop items, download and upload the draft, load it.

Only programme managers and administrators (``require_manage_programme``, the right that loads
programmes) reach these pages, and each sees only their own drafts. Nothing reaches the programme tables
before "Nạp chương trình", which loads the draft all or nothing (``reviews.draft_load``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nqtrack.accounts.scopes import require_manage_programme
from nqtrack.domain.programme import Problem
from nqtrack.drafting import reviews
from nqtrack.drafting.forms import (
    ACCEPT,
    DROP,
    HeaderForm,
    IndicatorForm,
    ItemActionForm,
    MilestoneForm,
    ReplaceForm,
    TargetForm,
    UploadForm,
)
from nqtrack.drafting.models import ProgrammeDraft
from nqtrack.observations.vocabulary import UNIT_LABELS


def _user_id(request: HttpRequest) -> int:
    """The signed-in user's id (the pages are behind ``login_required``)."""
    return int(request.user.pk or 0)


def _own_draft(request: HttpRequest, pk: int) -> ProgrammeDraft:
    draft = ProgrammeDraft.objects.filter(pk=pk, user_id=_user_id(request)).first()
    if draft is None:
        raise Http404(_("Không có bản nháp này."))
    return draft


@login_required
def drafts(request: HttpRequest) -> HttpResponse:
    """The user's drafts and the upload of a new document (or of a downloaded draft)."""
    require_manage_programme(user=request.user)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    context: dict[str, Any] = {"form": form}
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["tep"]
            try:
                draft = reviews.draft_create(user=request.user, name=upload.name or "tệp", data=_read(upload))
            except reviews.DraftRejected as error:
                context.update(error=error.message, problems=error.problems)
            else:
                messages.success(request, _("Đã lập bản nháp từ %(name)s.") % {"name": draft.document_name})
                return HttpResponseRedirect(reverse("drafting:review", kwargs={"pk": draft.pk}))
        context["status"] = 400
    context["drafts"] = ProgrammeDraft.objects.filter(user_id=_user_id(request))
    return render(request, "drafting/list.html", context, status=context.pop("status", 200))


def _read(upload: Any) -> bytes:
    """The uploaded file's bytes, refused before reading when larger than the upload limit."""
    reviews.uploaded_size_check(name=upload.name or "tệp", size=upload.size or 0)
    data: bytes = upload.read()
    return data


# -- the review page --------------------------------------------------------------------------------------


@dataclass(slots=True)
class TargetRow:
    anchor: str
    form: TargetForm
    target: dict[str, Any]
    note: reviews.ItemNote | None


@dataclass(slots=True)
class IndicatorRow:
    form: IndicatorForm
    indicator: dict[str, Any]
    group: dict[str, Any]
    matches: list[Any]
    targets: list[TargetRow] = field(default_factory=list)


@dataclass(slots=True)
class ItemRow:
    anchor: str
    form: MilestoneForm | ItemActionForm
    item: dict[str, Any]
    note: reviews.ItemNote | None


@dataclass(slots=True)
class Review:
    """The draft's forms, one per item, bound to a POST or filled from the draft."""

    file: reviews.DraftFile
    header: HeaderForm
    indicators: list[IndicatorRow]
    milestones: list[ItemRow]
    tasks: list[ItemRow]
    assignments: list[ItemRow]

    def forms(self) -> list[Any]:
        found: list[Any] = [self.header]
        for row in self.indicators:
            found += [row.form, *(t.form for t in row.targets)]
        found += [r.form for r in self.milestones + self.tasks + self.assignments]
        return found

    def spans(self) -> list[tuple[tuple[int, int], str, bool]]:
        notes = [(t.note, t.anchor) for row in self.indicators for t in row.targets]
        notes += [(r.note, r.anchor) for r in self.milestones + self.tasks + self.assignments]
        return [(n.span, anchor, n.uncertain) for n, anchor in notes if n is not None and n.span is not None]


def _target_initial(target: dict[str, Any]) -> dict[str, Any]:
    period = target.get("period") or [None, None]
    return {
        "kind": target.get("kind"),
        "comparator": target.get("comparator"),
        "low": target.get("low"),
        "high": target.get("high"),
        "year": target.get("year"),
        "period_start": period[0],
        "period_end": period[1],
    }


def _review(draft: ProgrammeDraft, data: Any = None) -> Review:
    file = reviews.read_draft(draft.draft_yaml, name=draft.document_name)
    programme = file.data
    identity = programme.get("identity") or {}
    header = HeaderForm(
        data,
        initial={
            "code": programme.get("code"),
            "title": identity.get("title"),
            "short_title": identity.get("short_title"),
            "number": identity.get("number") or "",
            "date": identity.get("date") or "",
        },
    )
    matches = reviews.catalogue_matches(programme)
    rows: list[IndicatorRow] = []
    by_indicator: dict[int, IndicatorRow] = {}
    for item in reviews.target_items(programme):
        row = by_indicator.get(id(item.indicator))
        if row is None:
            found = matches.get(str(item.indicator["code"]), [])
            choices = [(i.code, f"{i.name} ({i.code}, {i.programme.code})") for i in found]
            form = IndicatorForm(
                data,
                prefix=f"i{len(rows)}",
                initial={"name": item.indicator.get("name"), "unit": item.indicator.get("unit")},
                reuse_choices=choices,
            )
            row = IndicatorRow(form, item.indicator, item.group, found)
            by_indicator[id(item.indicator)] = row
            rows.append(row)
        anchor = f"t{item.index}"
        target_form = TargetForm(data, prefix=anchor, initial=_target_initial(item.target))
        row.targets.append(TargetRow(anchor, target_form, item.target, file.note(item.target)))

    def items(kind: str, found: list[dict[str, Any]]) -> list[ItemRow]:
        result = []
        for index, item in enumerate(found):
            anchor = f"{kind}{index}"
            if kind == "m":
                form: MilestoneForm | ItemActionForm = MilestoneForm(
                    data, prefix=anchor, initial={"text": item.get("text"), "due": item.get("due")}
                )
            else:
                form = ItemActionForm(data, prefix=anchor)
            result.append(ItemRow(anchor, form, item, file.note(item)))
        return result

    return Review(
        file,
        header,
        rows,
        items("m", reviews.milestones(programme)),
        items("n", reviews.tasks(programme)),
        items("p", reviews.assignments(programme)),
    )


def _number(value: float | None) -> float | int | None:
    """A bound as the file writes it: 15, not 15.0."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _set(item: dict[str, Any], key: str, value: Any) -> None:
    if value is None or value == "":
        item.pop(key, None)
    else:
        item[key] = value


def _accept(review: Review, item: dict[str, Any]) -> None:
    note = review.file.note(item)
    if note is not None and note.uncertain:
        review.file.notes[item[reviews.NOTE_KEY]] = note.accept()


def _apply(review: Review) -> None:
    """Write the forms' cleaned values into the draft's data."""
    programme = review.file.data
    head = review.header.cleaned_data
    programme["code"] = head["code"]
    identity = programme.setdefault("identity", {})
    identity["title"] = head["title"]
    identity["short_title"] = head["short_title"]
    identity["number"] = head["number"] or None
    identity["date"] = head["date"] or None
    dropped: list[dict[str, Any]] = []
    for row in review.indicators:
        values = row.form.cleaned_data
        row.indicator["name"] = values["name"]
        row.indicator["unit"] = values["unit"]
        chosen = next((i for i in row.matches if i.code == values["reuse"]), None)
        if chosen is not None:
            reviews.reuse_indicator(row.indicator, chosen)
        for target_row in row.targets:
            target = target_row.target
            values = target_row.form.cleaned_data
            if values["action"] == DROP:
                dropped.append(target)
                continue
            if values["action"] == ACCEPT:
                _accept(review, target)
            target["kind"] = values["kind"]
            target["comparator"] = values["comparator"]
            _set(target, "low", _number(values["low"]))
            _set(target, "high", _number(values["high"]))
            _set(target, "year", values["year"])
            start, end = values["period_start"], values["period_end"]
            _set(target, "period", [start, end] if start is not None else None)
    for item_row in review.milestones + review.tasks + review.assignments:
        values = item_row.form.cleaned_data
        if values["action"] == DROP:
            dropped.append(item_row.item)
            continue
        if values["action"] == ACCEPT:
            _accept(review, item_row.item)
        if isinstance(item_row.form, MilestoneForm):
            item_row.item["text"] = values["text"]
            item_row.item["due"] = values["due"]
    reviews.drop_items(programme, dropped)


def _render_review(
    request: HttpRequest,
    draft: ProgrammeDraft,
    review: Review,
    *,
    status: int = 200,
    error: str = "",
    problems: list[Problem] | None = None,
) -> HttpResponse:
    programme = review.file.data
    context = {
        "draft": draft,
        "review": review,
        "fingerprint": reviews.fingerprint(draft.draft_yaml),
        "pieces": reviews.marked_text(draft.document_text, review.spans()),
        "counts": {
            "targets": sum(len(r.targets) for r in review.indicators),
            "uncertain": sum(
                1 for r in review.indicators for t in r.targets if t.note is not None and t.note.uncertain
            )
            + sum(
                1
                for r in review.milestones + review.tasks + review.assignments
                if r.note is not None and r.note.uncertain
            ),
        },
        "unit_labels": UNIT_LABELS,
        "load_problems": reviews.load_problems(programme, replace=True),
        "replaces": reviews.replaces_programme(programme),
        "replace_form": ReplaceForm(),
        "error": error,
        "problems": problems or [],
    }
    return render(request, "drafting/review.html", context, status=status)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft beside the document's text; a POST saves the corrections, accepts and drops."""
    require_manage_programme(user=request.user)
    draft = _own_draft(request, pk)
    if request.method != "POST":
        return _render_review(request, draft, _review(draft))
    if request.POST.get("fingerprint") != reviews.fingerprint(draft.draft_yaml):
        messages.error(request, _("Bản nháp đã thay đổi từ khi trang này được mở: hãy xem lại rồi sửa tiếp."))
        return HttpResponseRedirect(reverse("drafting:review", kwargs={"pk": draft.pk}))
    bound = _review(draft, request.POST)
    if not all(form.is_valid() for form in bound.forms()):
        return _render_review(
            request,
            draft,
            bound,
            status=400,
            error=_("Có ô chưa hợp lệ: chưa lưu gì, hãy sửa các ô được đánh dấu."),
        )
    _apply(bound)
    try:
        reviews.draft_save(draft=draft, edited=bound.file)
    except reviews.DraftRejected as rejected:
        return _render_review(
            request,
            draft,
            _review(draft),
            status=400,
            error=_("Các sửa đổi làm bản nháp không hợp lệ: chưa lưu gì."),
            problems=rejected.problems,
        )
    messages.success(request, _("Đã lưu các sửa đổi của bản nháp."))
    return HttpResponseRedirect(reverse("drafting:review", kwargs={"pk": draft.pk}))


@login_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft as a programme file, to edit and upload again."""
    require_manage_programme(user=request.user)
    draft = _own_draft(request, pk)
    name = slugify(draft.document_name.rsplit(".", 1)[0].replace(".", "-")) or "ban-nhap"
    response = HttpResponse(draft.draft_yaml, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.yaml"'
    return response


@login_required
@require_POST
def replace(request: HttpRequest, pk: int) -> HttpResponse:
    """Take back an edited draft file in place of the draft (the document's text stays)."""
    require_manage_programme(user=request.user)
    draft = _own_draft(request, pk)
    form = ReplaceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tệp bản nháp (.yaml) để tải lên."))
        return HttpResponseRedirect(reverse("drafting:review", kwargs={"pk": draft.pk}))
    upload = form.cleaned_data["tep"]
    try:
        reviews.draft_replace(draft=draft, name=upload.name or "tệp", data=_read(upload))
    except reviews.DraftRejected as error:
        draft.refresh_from_db()
        return _render_review(
            request, draft, _review(draft), status=400, error=error.message, problems=error.problems
        )
    messages.success(request, _("Đã thay bản nháp bằng tệp %(name)s.") % {"name": upload.name})
    return HttpResponseRedirect(reverse("drafting:review", kwargs={"pk": draft.pk}))


@login_required
@require_POST
def load(request: HttpRequest, pk: int) -> HttpResponse:
    """Load the draft as a programme: every row or none."""
    require_manage_programme(user=request.user)
    draft = _own_draft(request, pk)
    try:
        summary = reviews.draft_load(draft=draft, replace=request.POST.get("thay") == "1")
    except reviews.LoadRefused as refused:
        return _render_review(
            request,
            draft,
            _review(draft),
            status=400,
            error=_("Chưa nạp: bản nháp còn %(count)s lỗi, không ghi gì vào hệ thống.")
            % {"count": len(refused.problems)},
            problems=refused.problems,
        )
    messages.success(
        request,
        _(
            "Đã nạp chương trình “%(code)s”: %(created)s mục mới, %(updated)s mục cập nhật, "
            "%(deleted)s mục xoá."
        )
        % {
            "code": summary.programme.code,
            "created": summary.created,
            "updated": summary.updated,
            "deleted": summary.deleted,
        },
    )
    return HttpResponseRedirect(reverse("drafting:review", kwargs={"pk": draft.pk}))


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    require_manage_programme(user=request.user)
    draft = _own_draft(request, pk)
    name = draft.document_name
    draft.delete()
    messages.success(request, _("Đã xoá bản nháp %(name)s.") % {"name": name})
    return HttpResponseRedirect(reverse("drafting:drafts"))
