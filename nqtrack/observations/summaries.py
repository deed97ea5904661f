"""The words of an import summary, the same on the web page and on the command line."""

from __future__ import annotations

from typing import Any

from nqtrack.observations.entries import Action, EntrySummary
from nqtrack.observations.files import UploadResult
from nqtrack.observations.services import ImportSummary


def summary_lines(result: UploadResult) -> list[str]:
    """A headline, then one line per error, conflict and warning."""
    head = f"{result.filename} ({result.kind_label})"
    if result.dhis2 is not None:
        return _dhis2_lines(head, result.dhis2.summary)
    if result.statistics is not None:
        return _statistics_lines(head, result.statistics)
    if result.entries is not None:
        return _entry_lines(head, result.entries)
    return [head]


def counts_text(summary: EntrySummary) -> str:
    c = summary.counts
    writes = f"thêm {c[Action.CREATE]}, sửa {c[Action.UPDATE]}, xoá {c[Action.DELETE]}"
    rest = f"giữ nguyên {c[Action.UNCHANGED]}; bỏ qua {c[Action.SKIP]} dòng trống"
    return f"{writes}; {rest}"


def _entry_lines(head: str, summary: EntrySummary) -> list[str]:
    if summary.errors:
        lines = [f"{head}: {len(summary.errors)} lỗi, không ghi dòng nào."]
        lines += [f"  {error}" for error in summary.errors]
    elif summary.dry_run:
        lines = [f"{head}: kiểm tra xong, chưa ghi gì. Sẽ {counts_text(summary)}."]
    else:
        lines = [f"{head}: đã {counts_text(summary)}."]
    return lines + [f"  cảnh báo: {warning}" for warning in summary.warnings]


def _dhis2_lines(head: str, summary: dict[str, Any]) -> list[str]:
    counts = summary["importCount"]
    lines = [
        f"{head}: {summary['status']} — {summary['description']} imported {counts['imported']}, "
        f"updated {counts['updated']}, ignored {counts['ignored']}, deleted {counts['deleted']}."
    ]
    for conflict in summary["conflicts"]:
        indexes = ", ".join(str(i) for i in conflict["indexes"])
        lines.append(
            f"  [{conflict['errorCode']}] {conflict['property']} '{conflict['object']}' "
            f"(giá trị số {indexes}): {conflict['value']}"
        )
    return lines


def _statistics_lines(head: str, summary: ImportSummary) -> list[str]:
    if summary.errors:
        return [f"{head}: {len(summary.errors)} lỗi, không ghi dòng nào."] + [
            f"  {e}" for e in summary.errors
        ]
    verb = "Sẽ thêm" if summary.dry_run else "Đã thêm"
    return [f"{head}: {verb} {summary.created} giá trị; {summary.unchanged} giá trị đã có, giữ nguyên."]
