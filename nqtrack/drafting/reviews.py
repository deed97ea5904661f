"""Reviewing a drafted programme before it is loaded: the draft's items, their sources, edits and the load.

A draft is a programme file (docs/programme-format.md) in which every drafted item carries a comment
``# nguồn: dòng …, ký tự A–B; …; CHƯA CHẮC: …`` (``nqtrack draft-programme`` writes it). The comments are
read here as the items' notes, so that a draft downloaded, edited and uploaded again keeps them: each
comment line becomes a marker key of the mapping it sits in while the file is read, and a comment again
when it is written. A draft is kept only when it is a valid programme file (``parse_programme``), so
every page of the review works on a well-formed programme; loading it goes through the same service as
``nqtrack load-programme`` (``programme_load``), all or nothing.
"""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nqtrack.domain.drafting import draft_programme
from nqtrack.domain.programme import Problem, ProgrammeFileError, parse_programme
from nqtrack.drafting.models import ProgrammeDraft
from nqtrack.observations.formats.limits import FileRejected, check_size, check_zip
from nqtrack.observations.vocabulary import words
from nqtrack.programmes import models as programme_models
from nqtrack.programmes.drafts import SUPPORTED, DocumentError, document_text
from nqtrack.programmes.services import CodedItem, LoadSummary, programme_code_clashes, programme_load

DRAFT_SUFFIXES = (".yaml", ".yml")
NOTE_KEY = "__note__"
UNCERTAIN = "CHƯA CHẮC: "
ACCEPTED = "ĐÃ DUYỆT: "  # an uncertain reading a person has checked and accepted
_COMMENT = re.compile(r"(?m)^(?P<indent>[ ]*)# (?P<text>nguồn: .*?)\s*$")
_MARKER = re.compile(r"(?m)^(?P<indent>[ ]*)__note__: (?P<id>n\d+)$")
_SOURCE = re.compile(r"^nguồn: dòng (?P<line>\d+), ký tự (?P<start>\d+)–(?P<end>\d+)")
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
MIN_TEXT = 20  # fewer letters than this is no programme document (an empty file, a scan)


class DraftRejected(Exception):
    """An upload or an edit refused as a whole; nothing was kept. ``problems`` say where, when known."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


# -- notes ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ItemNote:
    """An item's comment: where in the document it came from and whether its reading is uncertain."""

    text: str
    line: int | None = None
    span: tuple[int, int] | None = None

    @property
    def uncertain(self) -> bool:
        return UNCERTAIN in self.text

    @property
    def accepted(self) -> bool:
        return ACCEPTED in self.text

    @property
    def doubts(self) -> str:
        """Why the reading is uncertain (or was, before it was accepted)."""
        for mark in (UNCERTAIN, ACCEPTED):
            if mark in self.text:
                return self.text.split(mark, 1)[1]
        return ""

    def accept(self) -> str:
        return self.text.replace(UNCERTAIN, ACCEPTED)


def note_from_comment(text: str) -> ItemNote:
    match = _SOURCE.match(text)
    if match is None:
        return ItemNote(text)
    return ItemNote(text, int(match["line"]), (int(match["start"]), int(match["end"])))


# -- the draft file ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class DraftFile:
    """A draft's data with its comments: ``data`` holds a ``__note__`` key naming a comment of ``notes``."""

    data: dict[str, Any]
    notes: dict[str, str] = field(default_factory=dict)

    def note(self, item: dict[str, Any]) -> ItemNote | None:
        key = item.get(NOTE_KEY)
        return note_from_comment(self.notes[key]) if key in self.notes else None

    def to_yaml(self) -> str:
        text = yaml.dump(
            _notes_last(self.data), Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=110
        )

        def comment(match: re.Match[str]) -> str:
            return f"{match['indent']}# {self.notes[match['id']]}"

        return _MARKER.sub(comment, text)


def _notes_last(value: Any) -> Any:
    """Each mapping with its marker last, so that its comment closes the item as the drafter writes it."""
    if isinstance(value, dict):
        result = {k: _notes_last(v) for k, v in value.items() if k != NOTE_KEY}
        if NOTE_KEY in value:
            result[NOTE_KEY] = value[NOTE_KEY]
        return result
    if isinstance(value, list):
        return [_notes_last(v) for v in value]
    return value


def read_draft(text: str, *, name: str) -> DraftFile:
    """Read a draft programme file; raise ``DraftRejected`` (nothing kept) when it is not a valid one."""
    text = unicodedata.normalize("NFC", text)
    try:
        parse_programme(text, filename=name)
    except ProgrammeFileError as error:
        raise DraftRejected(
            _("Tệp %(name)s không phải bản nháp chương trình hợp lệ: %(count)s lỗi, không lưu gì.")
            % {"name": name, "count": len(error.problems)},
            error.problems,
        ) from error
    notes: dict[str, str] = {}

    def marker(match: re.Match[str]) -> str:
        key = f"n{len(notes) + 1}"
        notes[key] = match["text"]
        return f"{match['indent']}{NOTE_KEY}: {key}"

    try:
        data = yaml.load(_COMMENT.sub(marker, text), Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        # A comment moved where no key can stand (before an item's dash): the items lose their notes, the
        # programme is the same.
        data, notes = yaml.load(text, Loader=_LOADER), {}  # noqa: S506 - a safe loader
    return DraftFile(data, notes)


def fingerprint(draft_yaml: str) -> str:
    """Names one state of a draft: an edit made on an older state is refused rather than mixed in."""
    return hashlib.sha256(draft_yaml.encode("utf-8")).hexdigest()[:16]


# -- the items --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TargetItem:
    index: int
    group: dict[str, Any]
    indicator: dict[str, Any]
    target: dict[str, Any]


def target_items(data: dict[str, Any]) -> list[TargetItem]:
    found: list[TargetItem] = []
    for group in data.get("indicator_groups") or []:
        for indicator in group.get("indicators") or []:
            for target in indicator.get("targets") or []:
                found.append(TargetItem(len(found), group, indicator, target))
    return found


def indicators(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for g in data.get("indicator_groups") or [] for i in g.get("indicators") or []]


def milestones(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for g in data.get("indicator_groups") or [] for m in g.get("milestones") or []]


def tasks(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for g in data.get("task_groups") or [] for t in g.get("tasks") or []]


def assignments(data: dict[str, Any]) -> list[dict[str, Any]]:
    return list(data.get("assignments") or [])


def drop_items(data: dict[str, Any], dropped: list[dict[str, Any]]) -> None:
    """Remove the given items; an indicator left without targets goes too, as a group left empty."""
    gone = {id(item) for item in dropped}
    for group in data.get("indicator_groups") or []:
        for indicator in group.get("indicators") or []:
            if indicator.get("targets"):
                indicator["targets"] = [t for t in indicator["targets"] if id(t) not in gone]
        group["indicators"] = [i for i in group.get("indicators") or [] if i.get("targets")]
        if "milestones" in group:
            group["milestones"] = [m for m in group["milestones"] if id(m) not in gone]
    data["indicator_groups"] = [
        g for g in data.get("indicator_groups") or [] if g.get("indicators") or g.get("milestones")
    ]
    for task_group in data.get("task_groups") or []:
        task_group["tasks"] = [t for t in task_group.get("tasks") or [] if id(t) not in gone]
    data["task_groups"] = [g for g in data.get("task_groups") or [] if g.get("tasks")]
    data["assignments"] = [a for a in data.get("assignments") or [] if id(a) not in gone]


# -- the document's text with the items marked ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Piece:
    """A piece of the document's text: plain, or the source of an item (its anchor, whether uncertain)."""

    text: str
    anchor: str = ""
    uncertain: bool = False


def marked_text(text: str, spans: list[tuple[tuple[int, int], str, bool]]) -> list[Piece]:
    """``text`` cut into pieces at the items' spans (an overlapping span starts where the one before
    ended; a span outside the text is left out)."""
    pieces: list[Piece] = []
    cursor = 0
    for (start, end), anchor, uncertain in sorted(spans, key=lambda s: (s[0][0], s[0][1])):
        start = max(start, cursor)
        end = min(end, len(text))
        if start >= end:
            continue
        if start > cursor:
            pieces.append(Piece(text[cursor:start]))
        pieces.append(Piece(text[start:end], anchor, uncertain))
        cursor = end
    if cursor < len(text):
        pieces.append(Piece(text[cursor:]))
    return pieces


# -- indicators already in the catalogue ------------------------------------------------------------------


def _keys(indicator: dict[str, Any]) -> set[str]:
    found = set()
    for key in indicator.get("statistics_keys") or []:
        found.add(key["key"] if isinstance(key, dict) else str(key))
    return found


def catalogue_matches(data: dict[str, Any]) -> dict[str, list[programme_models.Indicator]]:
    """For each drafted indicator (by code), the loaded indicators with the same name or statistics key,
    outside the programme the draft would replace."""
    loaded = list(
        programme_models.Indicator.objects.select_related("programme")
        .exclude(programme__code=data.get("code"))
        .order_by("programme__code", "position")
    )
    by_name: dict[str, list[programme_models.Indicator]] = {}
    by_key: dict[str, list[programme_models.Indicator]] = {}
    for row in loaded:
        by_name.setdefault(words(row.name), []).append(row)
        for key in row.statistics_keys:
            by_key.setdefault(key["key"] if isinstance(key, dict) else str(key), []).append(row)
    matches: dict[str, list[programme_models.Indicator]] = {}
    for indicator in indicators(data):
        found = list(by_name.get(words(str(indicator.get("name", ""))), []))
        for key in sorted(_keys(indicator)):
            found += [row for row in by_key.get(key, []) if row not in found]
        if found:
            matches[str(indicator["code"])] = found
    return matches


def reuse_indicator(indicator: dict[str, Any], existing: programme_models.Indicator) -> None:
    """Give a drafted indicator the statistics keys, unit and direction of one in the catalogue, so that
    the same published series is imported for both programmes.

    The drafted code stays: an indicator's code is unique across programmes (its entered figures belong
    to its programme), so taking the existing code would stop the load.
    """
    indicator["unit"] = existing.unit
    indicator["direction"] = existing.direction
    if existing.statistics_keys:
        indicator["statistics_keys"] = [dict(key) for key in existing.statistics_keys]


# -- uploads ----------------------------------------------------------------------------------------------


NAME_BYTES = 200  # a file name's length on disk is bounded (255 bytes on most file systems)


def _safe_name(name: str) -> str:
    """The uploaded file's own name, without folders or control characters, short enough to write."""
    base = unicodedata.normalize("NFC", Path(name.replace("\\", "/")).name)
    cleaned = "".join(c for c in base if c.isprintable() and c != "/")
    path = Path(cleaned)
    stem, suffix = (path.stem, path.suffix) if len(path.suffix) <= 10 else (cleaned, "")
    while stem and len((stem + suffix).encode("utf-8")) > NAME_BYTES:
        stem = stem[:-1]
    return (stem + suffix) if stem else "tệp" + suffix


def uploaded_size_check(*, name: str, size: int) -> None:
    """Refuse an empty upload or one above the upload limit before it is read (the figures' limit)."""
    try:
        check_size(_safe_name(name), size)
    except FileRejected as error:
        raise DraftRejected(str(error)) from error


def _draft_text(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DraftRejected(
            _("Tệp %(name)s không phải văn bản UTF-8: hãy lưu lại dưới dạng UTF-8.") % {"name": name}
        ) from error


def uploaded_text(*, name: str, data: bytes) -> tuple[str, str | None]:
    """The document's text and no draft, or no text and the draft, of an uploaded file.

    Raises ``DraftRejected`` with the reason for a file of another kind, too large, empty, unreadable,
    without a text layer, or a programme file that is not valid.
    """
    name = _safe_name(name)
    try:
        check_size(name, len(data))
    except FileRejected as error:
        raise DraftRejected(str(error)) from error
    suffix = Path(name).suffix.casefold()
    if suffix in DRAFT_SUFFIXES:
        return "", _draft_text(name, data)
    if suffix not in SUPPORTED:
        raise DraftRejected(
            _(
                "Không đọc được tệp %(name)s: chỉ nhận văn bản .docx, .pdf (có lớp chữ), .txt hoặc .md, "
                "hoặc bản nháp .yaml đã tải về."
            )
            % {"name": name}
        )
    if suffix == ".docx" and zipfile.is_zipfile(io.BytesIO(data)):
        try:
            check_zip(name, data).close()  # a Word file is a zip: refuse a zip bomb before it is opened
        except FileRejected as error:
            raise DraftRejected(str(error)) from error
    with tempfile.TemporaryDirectory(prefix="nqtrack-draft-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            text = document_text(path)
        except DocumentError as error:
            raise DraftRejected(str(error)) from error
    text = unicodedata.normalize("NFC", text)
    if sum(1 for c in text if c.isalpha()) < MIN_TEXT:
        raise DraftRejected(
            _("Tệp %(name)s gần như không có chữ: không có gì để lập bản nháp.") % {"name": name}
        )
    return text, None


def draft_create(*, user: Any, name: str, data: bytes) -> ProgrammeDraft:
    """Draft an uploaded document (or take back a downloaded draft) and keep it for its review."""
    text, draft_yaml = uploaded_text(name=name, data=data)
    name = _safe_name(name)
    if draft_yaml is None:
        draft_yaml = draft_programme(text).to_yaml()
        try:
            parse_programme(draft_yaml, filename=name)
        except ProgrammeFileError as error:  # the drafter's fault, not the document's: said as it is
            raise DraftRejected(
                _("Không lập được bản nháp hợp lệ từ %(name)s: %(count)s lỗi.")
                % {"name": name, "count": len(error.problems)},
                error.problems,
            ) from error
    else:
        draft_yaml = read_draft(draft_yaml, name=name).to_yaml()
    return ProgrammeDraft.objects.create(
        user=user, document_name=name, document_text=text, draft_yaml=draft_yaml
    )


def draft_replace(*, draft: ProgrammeDraft, name: str, data: bytes) -> None:
    """Replace a draft's file by an edited one uploaded (the document's text stays)."""
    name = _safe_name(name)
    if Path(name).suffix.casefold() not in DRAFT_SUFFIXES:
        raise DraftRejected(
            _("Tệp %(name)s không phải bản nháp: ở đây chỉ nhận tệp .yaml đã tải về.") % {"name": name}
        )
    uploaded_size_check(name=name, size=len(data))
    draft.draft_yaml = read_draft(_draft_text(name, data), name=name).to_yaml()
    draft.save(update_fields=["draft_yaml", "updated_at"])


def draft_save(*, draft: ProgrammeDraft, edited: DraftFile) -> None:
    """Keep an edited draft, once it is a valid programme file (else ``DraftRejected``, nothing kept)."""
    text = edited.to_yaml()
    read_draft(text, name=draft.document_name)
    draft.draft_yaml = text
    draft.save(update_fields=["draft_yaml", "updated_at"])


# -- loading ----------------------------------------------------------------------------------------------


def _codes(data: dict[str, Any]) -> Iterator[CodedItem]:
    """(kind, code, path) of every indicator and target code the draft would write."""
    for g, group in enumerate(data.get("indicator_groups") or []):
        for i, indicator in enumerate(group.get("indicators") or []):
            path = f"indicator_groups[{g}].indicators[{i}]"
            yield "indicator", str(indicator["code"]), f"{path}.code"
            for t, target in enumerate(indicator.get("targets") or []):
                yield "target", str(target["code"]), f"{path}.targets[{t}].code"
    for i, indicator in enumerate(data.get("supporting_indicators") or []):
        yield "indicator", str(indicator["code"]), f"supporting_indicators[{i}].code"


def replaces_programme(data: dict[str, Any]) -> programme_models.Programme | None:
    """The loaded programme the draft would replace (same code), if any."""
    return programme_models.Programme.objects.filter(code=data.get("code")).first()


def load_problems(data: dict[str, Any], *, replace: bool) -> list[Problem]:
    """What stops the draft from loading beside the programmes already loaded (the file being valid)."""
    code = str(data["code"])
    problems: list[Problem] = []
    if not replace and programme_models.Programme.objects.filter(code=code).exists():
        problems.append(
            Problem(
                None,
                "code",
                _(
                    "Đã có chương trình mã “%(code)s”: nạp bản nháp sẽ thay chương trình đó. Hãy đổi mã "
                    "chương trình, hoặc đánh dấu “Thay chương trình đã nạp”."
                )
                % {"code": code},
            )
        )
    # The loader's own check, so the page lists before a load exactly what the load would refuse.
    return problems + programme_code_clashes(programme_code=code, items=_codes(data))


class LoadRefused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


@transaction.atomic
def draft_load(*, draft: ProgrammeDraft, replace: bool) -> LoadSummary:
    """Load the draft as ``nqtrack load-programme`` loads a file: every row or none.

    Raises ``LoadRefused`` with the problems (of the file, or of its codes beside the loaded programmes),
    and nothing is written.
    """
    try:
        programme = parse_programme(draft.draft_yaml, filename=draft.document_name)
    except ProgrammeFileError as error:
        raise LoadRefused(error.problems) from error
    problems = load_problems(read_draft(draft.draft_yaml, name=draft.document_name).data, replace=replace)
    if problems:
        raise LoadRefused(problems)
    try:
        summary = programme_load(programme=programme, filename=draft.document_name)
    except ProgrammeFileError as error:  # a code taken by another programme since the check above
        raise LoadRefused(error.problems) from error
    draft.loaded_at = timezone.now()
    draft.loaded_code = summary.programme.code
    draft.save(update_fields=["loaded_at", "loaded_code", "updated_at"])
    return summary
