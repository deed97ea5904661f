"""Vietnamese document citations: "Kế hoạch số 12-KH/UBND ngày 05/9/2022". Pure.

Two numbering forms are in use:

- Party documents (Hướng dẫn 36-HD/VPTW): ``<số>-<loại>/<cơ quan>``, e.g. ``11-NQ/TW``, ``51-KH/TU``,
  ``12-KH/HU``.
- State documents (Nghị định 30/2020/NĐ-CP): ``<số>/<loại>-<cơ quan>``, with the year for legal
  documents: ``123/QĐ-UBND``, ``30/2020/NĐ-CP``; an official letter (công văn) has no type:
  ``1234/UBND-KTN``.

``<loại>`` is the abbreviation of the kind of document (KH for Kế hoạch); it must match the kind named
in the citation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

__all__ = [
    "KIND_ABBREVIATIONS",
    "Citation",
    "DocumentNumber",
    "DocumentNumberError",
    "parse_citation",
    "parse_document_number",
]

# Kind of document → the abbreviations its number may carry (Party and State forms differ for some).
KIND_ABBREVIATIONS: dict[str, frozenset[str]] = {
    "Nghị quyết": frozenset({"NQ"}),
    "Quyết định": frozenset({"QĐ"}),
    "Chỉ thị": frozenset({"CT"}),
    "Kết luận": frozenset({"KL"}),
    "Quy định": frozenset({"QĐi", "QyĐ"}),
    "Quy chế": frozenset({"QC"}),
    "Hướng dẫn": frozenset({"HD"}),
    "Kế hoạch": frozenset({"KH"}),
    "Chương trình": frozenset({"CTr"}),
    "Báo cáo": frozenset({"BC"}),
    "Thông báo": frozenset({"TB"}),
    "Tờ trình": frozenset({"TTr"}),
    "Đề án": frozenset({"ĐA"}),
    "Phương án": frozenset({"PA"}),
    "Nghị định": frozenset({"NĐ"}),
    "Thông tư": frozenset({"TT"}),
    "Công văn": frozenset({"CV"}),  # Party form 123-CV/TU; the State form has no type (1234/UBND-KTN)
}
EXAMPLE = "Kế hoạch số 12-KH/UBND ngày 05/9/2022"

_ORGAN = r"[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*"
_TYPE = r"[A-ZĐ][A-Za-zĐđ]{0,3}"
_PARTY = re.compile(rf"^(?P<seq>\d{{1,5}})-(?P<type>{_TYPE})/(?P<organ>{_ORGAN})$")
_STATE = re.compile(rf"^(?P<seq>\d{{1,5}})(?:/(?P<year>\d{{4}}))?/(?P<type>{_TYPE})-(?P<organ>{_ORGAN})$")
_LETTER = re.compile(rf"^(?P<seq>\d{{1,5}})/(?P<organ>{_ORGAN})$")
_KINDS = "|".join(sorted(KIND_ABBREVIATIONS, key=len, reverse=True))
_CITATION = re.compile(
    rf"^(?P<kind>{_KINDS})\s+số\s+(?P<number>\S+)\s+ngày\s+"
    r"(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))"
    r"(?:\s+của\s+(?P<issuer>.+))?$",
    re.IGNORECASE,
)


class DocumentNumberError(ValueError):
    """A citation or document number in the wrong form; the message says how to write it."""


@dataclass(frozen=True, slots=True)
class DocumentNumber:
    """A parsed number: sequence, year (State legal documents), type abbreviation, issuing organ."""

    text: str
    sequence: int
    type_code: str  # "" for a State official letter
    organ: str
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """A parsed citation: kind, number, date and, when the text names it, the issuer."""

    kind: str
    number: DocumentNumber
    date: date
    issuer: str = ""

    @property
    def text(self) -> str:
        """The citation written the usual way: "Kế hoạch số 12-KH/UBND ngày 05/9/2022"."""
        day = f"{self.date.day:02d}/{self.date.month}/{self.date.year}"
        return f"{self.kind} số {self.number.text} ngày {day}"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def parse_document_number(text: str, *, kind: str | None = None) -> DocumentNumber:
    """Parse a number such as ``12-KH/UBND`` or ``123/QĐ-UBND``; with ``kind``, check its abbreviation."""
    number = _nfc(text)
    letter = _LETTER.match(number)
    if letter is not None and kind == "Công văn":  # State letters: the organ alone ("1234/UBND-KTN")
        return DocumentNumber(number, int(letter["seq"]), "", letter["organ"])
    match = _PARTY.match(number) or _STATE.match(number)
    if match is None:
        raise DocumentNumberError(
            f"Số, ký hiệu “{number}” không đúng dạng: văn bản của Đảng ghi như 12-KH/TU, "
            "văn bản nhà nước ghi như 123/QĐ-UBND hoặc 30/2020/NĐ-CP."
        )
    year = match.groupdict().get("year")
    parsed = DocumentNumber(
        number, int(match["seq"]), match["type"], match["organ"], int(year) if year else None
    )
    if kind is not None:
        _check_kind(parsed, kind)
    return parsed


def _check_kind(number: DocumentNumber, kind: str) -> None:
    allowed = KIND_ABBREVIATIONS.get(kind)
    if allowed is None:
        raise DocumentNumberError(f"Không biết loại văn bản “{kind}”.")
    if number.type_code not in allowed:
        wanted = " hoặc ".join(sorted(allowed))
        raise DocumentNumberError(
            f"Ký hiệu “{number.type_code}” trong số “{number.text}” không khớp loại văn bản “{kind}” "
            f"(cần {wanted})."
        )


def _canonical_kind(text: str) -> str:
    lowered = _nfc(text).lower()
    return next(k for k in KIND_ABBREVIATIONS if k.lower() == lowered)


def parse_citation(text: str) -> Citation:
    """Parse "Kế hoạch số 12-KH/UBND ngày 05/9/2022 [của …]"; raise ``DocumentNumberError`` if wrong."""
    cited = _nfc(text)
    match = _CITATION.match(cited)
    if match is None:
        raise DocumentNumberError(
            f"Không đọc được văn bản “{cited}”: ghi theo dạng <loại văn bản> số <số, ký hiệu> ngày "
            f"<ngày/tháng/năm>, ví dụ “{EXAMPLE}”."
        )
    kind = _canonical_kind(match["kind"])
    number = parse_document_number(match["number"], kind=kind)
    day, month, year = (match["d"] or match["d2"]), (match["m"] or match["m2"]), (match["y"] or match["y2"])
    try:
        issued = date(int(year), int(month), int(day))
    except ValueError:
        raise DocumentNumberError(f"Ngày {day}/{month}/{year} không có thật.") from None
    if number.year is not None and number.year != issued.year:
        raise DocumentNumberError(f"Năm trong số, ký hiệu ({number.year}) khác năm ban hành ({issued.year}).")
    return Citation(kind, number, issued, (match["issuer"] or "").strip())
