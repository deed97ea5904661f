"""The review report (báo cáo sơ kết / tổng kết / hằng năm) as plain data, built once.

`nqtrack.reports.content` fills this tree from the database; the DOCX template, the XLSX annex and the PDF
(converted from the DOCX) all render the same tree, so every figure is computed once. Templates reach
these fields by name (docs/reports.md lists them), so renaming a field breaks offices' templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from nqtrack.domain.progress.model import Assessment, Status

__all__ = [
    "CATEGORY_OF",
    "Category",
    "Header",
    "KeyProjectLine",
    "MilestoneLine",
    "ReportContent",
    "ReportKind",
    "ReportPeriod",
    "ResultGroup",
    "Signature",
    "SourceLine",
    "TargetLine",
    "TaskGroupLine",
    "TaskGroupResult",
    "TaskLine",
    "YearFigure",
]


class ReportKind(StrEnum):
    SO_KET = "so-ket"  # mid-term review: "sơ kết 3 năm"
    TONG_KET = "tong-ket"  # final review of the whole programme so far
    ANNUAL = "annual"  # the yearly report


class Category(StrEnum):
    """How section I groups the targets: achieved, on course, off course, not judged."""

    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"  # final: the deadline has passed and the target was missed
    ON_COURSE = "on_course"
    OFF_COURSE = "off_course"
    INSUFFICIENT_DATA = "insufficient_data"


# "At risk" is met today, so it is reported with the achieved targets; section II names the risk.
CATEGORY_OF: dict[Status, Category] = {
    Status.ACHIEVED: Category.ACHIEVED,
    Status.AT_RISK: Category.ACHIEVED,
    Status.NOT_ACHIEVED: Category.NOT_ACHIEVED,
    Status.ON_TRACK: Category.ON_COURSE,
    Status.NEEDS_ACCELERATION: Category.OFF_COURSE,
    Status.LIMITED_PROGRESS: Category.OFF_COURSE,
    Status.MOVING_AWAY: Category.OFF_COURSE,
    Status.INSUFFICIENT_DATA: Category.INSUFFICIENT_DATA,
}


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    """The years a report covers: 2022–2025 for "sơ kết 3 năm", one year for the yearly report."""

    kind: ReportKind
    first_year: int
    last_year: int

    @property
    def span(self) -> int:
        """Years elapsed, as a review counts them: 2022–2025 is "3 năm"."""
        return self.last_year - self.first_year

    @property
    def label(self) -> str:
        """'sơ kết 3 năm 2022–2025', 'tổng kết 2022–2030', 'năm 2025'."""
        if self.kind is ReportKind.SO_KET:
            return f"sơ kết {self.span} năm {self.first_year}–{self.last_year}"
        if self.kind is ReportKind.TONG_KET:
            return f"tổng kết {self.first_year}–{self.last_year}"
        return f"năm {self.last_year}"


@dataclass(frozen=True, slots=True)
class Header:
    """The heading block: organ and number on the left, national line, place and date on the right.

    Party documents (Hướng dẫn 36-HD/VPTW): "ĐẢNG CỘNG SẢN VIỆT NAM" on the right, the organ with "*"
    below it on the left, "Số …-BC/TU". State documents (Nghị định 30/2020/NĐ-CP): the national motto
    on the right, "Số: …/BC-UBND" on the left.
    """

    party: bool
    organ_parent: str  # the superior organ above the issuing one, when the format shows it
    organ: str  # "TỈNH ỦY BẮC GIANG"
    organ_mark: str  # "*" under a Party organ; empty for a state organ (a rule is drawn instead)
    number: str  # "Số …-BC/TU"; the officer writes the number when the report is registered
    national: str  # "ĐẢNG CỘNG SẢN VIỆT NAM" or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto: str  # "Độc lập - Tự do - Hạnh phúc" (state only)
    place_date: str  # "Bắc Giang, ngày 31 tháng 12 năm 2025"
    reference: str  # how the annex cites the report: "Báo cáo số …-BC/TU ngày 31/12/2025"


@dataclass(frozen=True, slots=True)
class YearFigure:
    """One cell of the annex: the value used for a year, as published."""

    year: int
    text: str  # Vietnamese form, the published precision kept: "155.876,0"; empty when none
    value: float | None
    decimals: int
    mark: str  # "ư" estimate, "sb" preliminary, "" otherwise

    @property
    def display(self) -> str:
        """'13,45 (ư)': the figure with its status mark."""
        return f"{self.text} ({self.mark})" if self.text and self.mark else self.text


@dataclass(frozen=True, slots=True)
class SourceLine:
    number: int  # cited in the annex as [number]
    text: str  # "http://bacgiangtv.vn/…, công bố ngày 22/10/2019"
    url: str


@dataclass(frozen=True, slots=True)
class TargetLine:
    """A numeric target with its figures, status and what it now takes (Phụ lục 1, one row)."""

    number: int  # 1-based, in programme order
    code: str
    group_number: int  # (1)…(12) of the programme
    indicator: str  # the indicator's name
    wording: str  # the programme's sentence, verbatim
    goal: str  # "khoảng 15–16%/năm (bình quân 2021–2030)"
    unit: str  # unit of the figures: "%", "tỷ đồng" …
    target_year: int
    low: float | None
    high: float | None
    values: tuple[YearFigure, ...]  # one per year of ReportContent.years
    latest: str  # "13,85 (2024)"; empty when no figure
    status: Status
    status_words: str  # "Cần đẩy nhanh" (the words of the web pages)
    category: Category
    explanation: str  # the engine's sentence without its status label
    needed: str  # "cần tăng 15,99–17,67%/năm"; empty when achieved or unknown
    sources: tuple[int, ...]  # numbers of ReportContent.sources
    assessment: Assessment
    chart_png: bytes | None = None  # the web page's chart, when it can be drawn
    region_goal: str = ""  # the region's target for the same indicator: "8–9%/năm (bình quân 2021–2030)"
    # Why the target cannot be judged, with the marks of the figures it names ("năm 2023: 84,6% (ư), …");
    # empty when it is judged. ``assessment`` stays the engine's, unmarked.
    reason: str = ""

    @property
    def source_refs(self) -> str:
        """'[1], [2]': the citations of the figures shown."""
        return ", ".join(f"[{n}]" for n in self.sources)


@dataclass(frozen=True, slots=True)
class ResultGroup:
    """Targets of one category, for section I."""

    category: Category
    heading: str  # "a) Các chỉ tiêu đã đạt (2 chỉ tiêu)"
    targets: tuple[TargetLine, ...]


@dataclass(frozen=True, slots=True)
class TaskLine:
    """A task (III.x.y) or an assignment (IV.x) with who leads it, when it is due and how it stands."""

    code: str  # "III.2.5", "IV.2"
    group: str  # the task group's title, or "Tổ chức thực hiện"
    text: str  # the paragraph's first sentence, whole
    full_text: str
    lead: str  # leading organisations, "" when the programme names none
    due: str  # "Thường xuyên", "tháng 9/2022", "năm 2025", "" when none
    due_date: date | None  # last day of the due period
    status: str  # "Hoàn thành", "Đúng tiến độ", "Chậm tiến độ", "Chưa báo cáo", "Chưa theo dõi"
    done: bool | None  # None: not tracked
    late: bool | None  # None: not tracked or not due
    documents: str  # "Nghị quyết số 11-NQ/TW; …"
    result: str = ""  # what its latest report says ("năm 2024: …"); empty when nothing is reported
    reported: bool | None = None  # None: not tracked; False: no report received by the as-of date


@dataclass(frozen=True, slots=True)
class TaskGroupLine:
    number: int
    title: str
    count: int


@dataclass(frozen=True, slots=True)
class TaskGroupResult:
    """Section III of the report for one task group: how its tasks stand and what their reports say."""

    number: int  # 1…6; 0 for the assignments of "Tổ chức thực hiện"
    heading: str  # "1. Về …"
    summary: str  # "5 nhiệm vụ: 1 hoàn thành, 4 chưa báo cáo."
    reports: tuple[str, ...]  # "III.2.1 (năm 2024): …", from the tasks' latest reports
    to_complete: str  # the marked place the officer fills when no report says anything; else empty


@dataclass(frozen=True, slots=True)
class KeyProjectLine:
    name: str
    kind: str  # "đường giao thông", "cầu" …
    task_code: str
    status: str


@dataclass(frozen=True, slots=True)
class MilestoneLine:
    group_number: int
    text: str
    due: str  # "năm 2025"
    due_date: date | None
    reached: bool  # the due date is on or before the as-of date
    status: str


@dataclass(frozen=True, slots=True)
class Signature:
    lines: tuple[str, ...]  # "T/M BAN THƯỜNG VỤ", "BÍ THƯ"
    name: str  # left empty: the signer of the report is not the signer of the programme


@dataclass(frozen=True, slots=True)
class ReportContent:
    programme_code: str
    programme_title: str
    issuer: str
    period: ReportPeriod
    as_of: date
    header: Header
    title: str  # "BÁO CÁO"
    subject: str  # "Sơ kết 3 năm thực hiện Chương trình hành động …"
    intro: str
    indicator_summary: str
    results: tuple[ResultGroup, ...]
    indicator_count: str  # "29 chỉ tiêu: 2/29 chỉ tiêu đạt và vượt, …"
    leadership: tuple[str, ...]  # section I: the reports of III.1 and IV, or one marked place
    task_results: tuple[TaskGroupResult, ...]  # section III, per group
    causes: tuple[str, ...]  # section IV.2: the marked places for the causes (chủ quan, khách quan)
    lessons: tuple[str, ...]  # section V: marked places
    proposals: tuple[str, ...]  # section VII: marked places
    year_results: tuple[str, ...]  # the annual report: the other figures of its year against the year before
    milestones: tuple[MilestoneLine, ...]
    tasks_tracked: bool
    task_summary: str
    task_groups: tuple[TaskGroupLine, ...]
    key_projects: tuple[KeyProjectLine, ...]
    limitations: tuple[str, ...]
    directions: tuple[str, ...]
    directions_heading: str  # "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"
    years: tuple[int, ...]  # annex columns, base year to the as-of year
    targets: tuple[TargetLine, ...]
    tasks: tuple[TaskLine, ...]
    sources: tuple[SourceLine, ...]
    signature: Signature
    recipients: tuple[str, ...]
    legend: str  # what the marks after figures mean
    # the annual report: each indicator with a plan for its year, against that plan (before year_results)
    plan_results: tuple[str, ...] = ()

    @property
    def charted(self) -> tuple[TargetLine, ...]:
        """The targets that carry a chart."""
        return tuple(t for t in self.targets if t.chart_png)
