"""The organisation section of a programme: who leads, who works with them, by when, what they report.

"Giao Ban cán sự đảng UBND tỉnh chủ trì, phối hợp với các cơ quan tham mưu, giúp việc của Tỉnh ủy theo
dõi, kiểm tra …; định kỳ sơ kết, tổng kết, báo cáo …" gives the lead (the subject, up to its first verb),
the partners ("phối hợp với …", and the body the lead directs: "chỉ đạo UBND tỉnh …"), the due ("hoàn
thành trong tháng 9/2022") and the reporting duty ("định kỳ 6 tháng báo cáo … trước ngày 15 tháng 6").
Pure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from nqtrack.domain.drafting.dates import due_in, reporting_in

__all__ = ["AssignmentDraft", "deadline_in", "organisation_kind", "read_assignment", "slug"]

_VERBS = (
    "chủ trì",
    "tham mưu",
    "chỉ đạo",
    "căn cứ",
    "đẩy mạnh",
    "xây dựng",
    "tổ chức",
    "có trách nhiệm",
    "chịu trách nhiệm",
    "thực hiện",
    "theo dõi",
    "hướng dẫn",
    "phối hợp",
    "tuyên truyền",
    "triển khai",
    "nghiên cứu",
    "lãnh đạo",
    "quán triệt",
    "rà soát",
    "ban hành",
    "tăng cường",
    "bố trí",
    "kiểm tra",
    "giám sát",
    "cụ thể hóa",
    "cụ thể hoá",
    "tập trung",
    "vận động",
    "đôn đốc",
    "là cơ quan",
    "thường xuyên",
    "định kỳ",
    "trên cơ sở",
)
_VERB = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in _VERBS) + r")(?!\w)", re.IGNORECASE)
_OPENING = re.compile(r"^(?:giao(?:\s+cho)?|đề nghị|yêu cầu|các đồng chí)\s+", re.IGNORECASE)
_ORG_HEAD = re.compile(
    r"^(?:Ban|Sở|Bộ|Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|Đảng|Mặt trận|MTTQ|Các|các|Hội|Văn phòng|Tỉnh|Huyện|"
    r"Thành|Công an|Liên đoàn|Liên minh|Đoàn|Cục|Kho bạc|Ngân hàng|Trường|Báo|Đài|Viện|Trung tâm|Chi cục|"
    r"Tòa án|Viện kiểm sát|Thanh tra|Bảo hiểm|Cơ quan|Chính phủ|Quốc hội|Thủ tướng)(?!\w)"
)
_PARTNERS = re.compile(r"phối hợp(?:\s+chặt chẽ)?\s+với\s+", re.IGNORECASE)
_DIRECTS = re.compile(r"(?<!\w)chỉ đạo\s+", re.IGNORECASE)
_ONE_OFF = re.compile(
    r"thành lập|ban hành\s+(?:Kế hoạch|Chương trình|Đề án|Quyết định)|xây dựng,?\s+ban hành\s+Kế hoạch"
)
_DEADLINE = re.compile(
    r"(?:hoàn thành|xong|trình)\s+(?:trước|trong|vào|chậm nhất)?\s*(?:ngày|tháng|quý|năm)"
    r"|trước\s+(?:ngày|tháng|quý|năm)\s+\d|trong\s+(?:tháng|quý)\s+[\dIV]|trong năm\s+\d{4}"
    r"|quý\s+[IV]+/\d{4}",
    re.IGNORECASE,
)


@dataclass(slots=True)
class AssignmentDraft:
    text: str
    lead: list[str] = field(default_factory=list)  # organisation names as written
    cooperating: list[str] = field(default_factory=list)
    due: str | None = None
    recurring: bool = True
    reporting: str | None = None  # the reporting duty in words, when the text sets one
    doubts: list[str] = field(default_factory=list)


def slug(text: str, *, separator: str = "_", limit: int = 48) -> str:
    """An ASCII code from Vietnamese words: "Ban Tuyên giáo Tỉnh ủy" → "ban_tuyen_giao_tinh_uy"."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    code = ""
    for word in words:
        candidate = f"{code}{separator}{word}" if code else word
        if len(candidate) > limit:
            break
        code = candidate
    return code or "x"


def deadline_in(text: str) -> str | None:
    """The due of a task or assignment, only where the text sets a deadline ("hoàn thành trong tháng
    9/2022", "trước ngày 30/6/2023", "Quý II/2023"); "tầm nhìn đến năm 2050" is not one."""
    match = _DEADLINE.search(text)
    if match is None:
        return None
    return due_in(text[match.start() : match.start() + 80])


def _split_organisations(text: str) -> list[str]:
    """ "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh" → two; "Các huyện ủy, thành ủy" one."""
    parts = [text]
    for separator in (r"\s+và\s+", r",\s+"):
        split: list[str] = []
        for part in parts:
            pieces = re.split(separator, part)
            if all(_ORG_HEAD.match(p) for p in pieces):
                split.extend(pieces)
            else:
                split.append(part)
        parts = split
    return [p.strip(" ,;:") for p in parts if p.strip(" ,;:")]


def _first_verb(text: str) -> int | None:
    """Where the first verb starts; "cơ quan tham mưu, giúp việc" names a body, it is not a verb."""
    for match in _VERB.finditer(text):
        # "các cơ quan tham mưu", "các tổ chức chính trị - xã hội": a body's name, not its verb.
        if not text[: match.start()].casefold().endswith(("cơ quan ", "các ", "những ")):
            return match.start()
    return None


def _subject(text: str) -> str:
    """The organisation a sentence opens with, up to its first verb."""
    body = _OPENING.sub("", text.strip())
    verb = _first_verb(body)
    if verb is None or verb == 0:
        return ""
    subject = body[:verb].strip(" ,;:")
    return subject if _ORG_HEAD.match(subject) and len(subject) < 160 else ""


def _object_of(text: str, start: int) -> str:
    """The organisation after "phối hợp với" / "chỉ đạo", up to the next verb."""
    rest = text[start:]
    verb = _first_verb(rest)
    end = verb if verb is not None else len(rest)
    end = min(end, *(i for i in (rest.find(";"), rest.find("."), len(rest)) if i >= 0))
    phrase = rest[:end].strip(" ,;:")
    return phrase if _ORG_HEAD.match(phrase) and len(phrase) < 160 else ""


def read_assignment(text: str) -> AssignmentDraft:
    """Lead, partners, due, whether it recurs and the reporting duty of one assignment paragraph."""
    draft = AssignmentDraft(text)
    subject = _subject(text)
    if subject:
        draft.lead = _split_organisations(subject)
    else:
        draft.doubts.append("không tìm thấy cơ quan chủ trì")
    for pattern in (_PARTNERS, _DIRECTS):
        for match in pattern.finditer(text):
            partner = _object_of(text, match.end())
            for name in _split_organisations(partner) if partner else []:
                if name not in draft.lead and name not in draft.cooperating:
                    draft.cooperating.append(name)
    draft.due = deadline_in(text)
    draft.reporting = reporting_in(text)
    draft.recurring = draft.due is None and _ONE_OFF.search(text) is None
    if draft.reporting is not None:
        draft.recurring = True
    return draft


def organisation_kind(name: str) -> str:
    """party, state, front or other, from the words of the name."""
    lowered = name.casefold()
    if re.search(
        r"đảng|tỉnh ủy|tỉnh uỷ|huyện ủy|thành ủy|ban tuyên giáo|ban thường vụ|ban tổ chức|"
        r"ban dân vận|ban nội chính|ủy ban kiểm tra|đảng ủy|cấp ủy",
        lowered,
    ):
        return "party"
    if re.search(
        r"mặt trận|mttq|chính trị - xã hội|đoàn thể|đoàn thanh niên|hội liên hiệp|hội nông dân|"
        r"hội cựu chiến binh|liên đoàn lao động",
        lowered,
    ):
        return "front"
    if re.search(
        r"ubnd|ủy ban nhân dân|uỷ ban nhân dân|hđnd|hội đồng nhân dân|sở |bộ |chính phủ|"
        r"công an|kho bạc|cục |chi cục|thủ tướng",
        lowered + " ",
    ):
        return "state"
    return "other"
