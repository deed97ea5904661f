"""Which format a file is, from its content (its name only has to agree).

An XLSX is a zip holding ``xl/workbook.xml``; a DHIS2 JSON document is an object with ``dataValues``; a
DHIS2 XML document has the root ``dataValueSet`` (DXF2) or ``adx`` (ADX); a DHIS2 CSV starts with the
column ``dataelement``; the published-statistics CSV has ``indicator`` and
``source_url``; anything else that is UTF-8 text with our headers is the template's CSV. A file whose name
says one format and whose content is another is refused: it is probably not the file the user meant.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import PurePath
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from nqtrack.observations.formats.csvrows import csv_rows
from nqtrack.observations.formats.limits import FileRejected, check_json_depth, check_size, check_zip
from nqtrack.observations.formats.tabular import header_fields


class Kind(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"
    DHIS2_JSON = "dhis2-json"
    DHIS2_CSV = "dhis2-csv"
    DHIS2_XML = "dhis2-xml"
    DHIS2_ADX = "dhis2-adx"
    STATISTICS_CSV = "statistics-csv"


KIND_LABELS = {
    Kind.XLSX: "bảng tính Excel (.xlsx)",
    Kind.CSV: "CSV theo mẫu nqtrack",
    Kind.DHIS2_JSON: "DHIS2 dataValueSets JSON",
    Kind.DHIS2_CSV: "DHIS2 dataValueSets CSV",
    Kind.DHIS2_XML: "DHIS2 dataValueSets XML (DXF2)",
    Kind.DHIS2_ADX: "ADX (IHE Aggregate Data Exchange)",
    Kind.STATISTICS_CSV: "CSV số liệu đã công bố",
}
_EXTENSIONS = {
    ".xlsx": {Kind.XLSX},
    ".csv": {Kind.CSV, Kind.DHIS2_CSV, Kind.STATISTICS_CSV},
    ".txt": {Kind.CSV, Kind.DHIS2_CSV, Kind.STATISTICS_CSV, Kind.DHIS2_JSON},
    ".json": {Kind.DHIS2_JSON},
    ".xml": {Kind.DHIS2_XML, Kind.DHIS2_ADX},
    ".adx": {Kind.DHIS2_ADX},
}
DHIS2_KINDS = (Kind.DHIS2_JSON, Kind.DHIS2_CSV, Kind.DHIS2_XML, Kind.DHIS2_ADX)
_SIGNATURES = {
    b"\xd0\xcf\x11\xe0": "bảng tính Excel 97–2003 (.xls), không được hỗ trợ; hãy lưu lại thành .xlsx",
    b"%PDF": "tệp PDF",
    b"\x89PNG": "ảnh PNG",
    b"\xff\xd8\xff": "ảnh JPEG",
    b"\x1f\x8b": "tệp nén gzip",
    b"Rar!": "tệp nén RAR",
    b"7z\xbc\xaf": "tệp nén 7z",
}


def sniff(name: str, data: bytes) -> Kind:
    """The format of ``data``; raise ``FileRejected`` with a Vietnamese message when it is not one we
    read, is too large, or is not what its name says."""
    check_size(name, len(data))
    kind = _zip_kind(name, data) if data.startswith(b"PK\x03\x04") else _text_kind(name, data)
    extension = PurePath(name).suffix.lower()
    allowed = _EXTENSIONS.get(extension)
    if allowed is not None and kind not in allowed:
        raise FileRejected(
            f"Tệp '{name}' có đuôi {extension} nhưng nội dung là {KIND_LABELS[kind]}: "
            "có thể đã chọn nhầm tệp hoặc đổi tên sai."
        )
    return kind


def _zip_kind(name: str, data: bytes) -> Kind:
    with check_zip(name, data) as archive:
        names = set(archive.namelist())
    if "xl/workbook.xml" in names:
        return Kind.XLSX
    if "word/document.xml" in names:
        raise FileRejected(f"Tệp '{name}' là văn bản Word (.docx), không phải bảng tính Excel.")
    if "ppt/presentation.xml" in names:
        raise FileRejected(f"Tệp '{name}' là bản trình chiếu PowerPoint, không phải bảng tính Excel.")
    raise FileRejected(f"Tệp '{name}' là tệp nén ZIP, không phải bảng tính Excel (.xlsx).")


def _text_kind(name: str, data: bytes) -> Kind:
    for signature, what in _SIGNATURES.items():
        if data.startswith(signature):
            raise FileRejected(f"Tệp '{name}' là {what}, không phải tệp số liệu.")
    text = decode_text(name, data)
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return _json_kind(name, stripped)
    if stripped.startswith("<"):
        return _xml_kind(name, data)
    return _csv_kind(name, text)


def xml_root(data: bytes, *, name: str) -> Element:
    """The root element of an XML upload; ``FileRejected`` for XML that is broken or unsafe."""
    text = decode_text(name, data)
    try:
        return fromstring(text.encode("utf-8"))
    except DefusedXmlException as error:
        raise FileRejected(
            f"Tệp '{name}' là XML có khai báo DTD, thực thể hoặc tham chiếu ngoài, "
            f"không đọc vì lý do an toàn ({type(error).__name__})."
        ) from error
    except ParseError as error:
        line, column = error.position
        raise FileRejected(f"Tệp '{name}' không phải XML hợp lệ (dòng {line}, cột {column}).") from error


def local(tag: str) -> str:
    """A tag without its namespace."""
    return tag.rsplit("}", 1)[-1]


def _xml_kind(name: str, data: bytes) -> Kind:
    tag = local(xml_root(data, name=name).tag)
    if tag == "dataValueSet":
        return Kind.DHIS2_XML
    if tag == "adx":
        return Kind.DHIS2_ADX
    raise FileRejected(
        f"Tệp '{name}' là XML nhưng không phải dataValueSet của DHIS2 (DXF2) hay ADX "
        f"(phần tử gốc là <{tag}>)."
    )


def decode_text(name: str, data: bytes) -> str:
    """UTF-8 text (with or without a byte-order mark), or UTF-16 with its byte-order mark (Excel's "Unicode
    Text"); refuse anything else, saying that a UTF-16 file without one must be saved as CSV UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise FileRejected(
                f"Tệp '{name}' không phải văn bản UTF-16 hợp lệ (byte lỗi ở vị trí {error.start}). "
                "Trong Excel hãy lưu dưới dạng “CSV UTF-8”."
            ) from error
    sample = data[:4096]
    zeros = sorted((sample[0::2].count(0), sample[1::2].count(0)))  # UTF-16: every other byte is 0
    if len(sample) >= 2 and zeros[1] * 4 >= len(sample) and zeros[0] * 8 < zeros[1]:
        raise FileRejected(
            f"Tệp '{name}' là văn bản UTF-16 không có dấu thứ tự byte (BOM), không đọc được. "
            "Trong Excel hãy lưu dưới dạng “CSV UTF-8 (phân cách bằng dấu phẩy)”."
        )
    if b"\x00" in sample:
        raise FileRejected(f"Tệp '{name}' là tệp nhị phân không nhận ra được, không phải tệp số liệu.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRejected(
            f"Tệp '{name}' không phải văn bản UTF-8 (byte lỗi ở vị trí {error.start}). "
            "Trong Excel hãy lưu dưới dạng “CSV UTF-8”."
        ) from error


def json_document(name: str, text: str) -> object:
    """The JSON document of an uploaded file; ``FileRejected`` for one that is not JSON, nests deeper than
    ``MAX_JSON_DEPTH`` (refused before the parser recurses into it) or holds a number of thousands of
    digits (which Python refuses to read)."""
    check_json_depth(name, text)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise FileRejected(
            f"Tệp '{name}' không phải JSON hợp lệ: {error.msg} (dòng {error.lineno}, cột {error.colno})."
        ) from error
    except (ValueError, RecursionError) as error:
        raise FileRejected(f"Tệp '{name}' có nội dung JSON không đọc được ({error}).") from error


def _json_kind(name: str, text: str) -> Kind:
    document = json_document(name, text)
    if isinstance(document, dict) and isinstance(document.get("dataValues"), list):
        return Kind.DHIS2_JSON
    raise FileRejected(
        f"Tệp '{name}' là JSON nhưng không phải dataValueSets của DHIS2 (thiếu danh sách 'dataValues')."
    )


def _csv_kind(name: str, text: str) -> Kind:
    first_line = text.splitlines()[0] if text.strip() else ""
    header = next(csv_rows(first_line, name=name, delimiter=csv_delimiter(first_line)), [])
    cells = [cell.strip().strip('"').lower() for cell in header]
    if cells and cells[0] == "dataelement":
        return Kind.DHIS2_CSV
    if {"indicator", "source_url"} <= set(cells):
        return Kind.STATISTICS_CSV
    fields, _ = header_fields(header)
    if len(fields) >= 2:
        return Kind.CSV
    raise FileRejected(
        f"Không nhận ra định dạng tệp '{name}': dòng đầu phải là tiêu đề cột của mẫu nqtrack "
        "(Mã chỉ tiêu, Mã đơn vị, Kỳ, Giá trị …) hoặc của DHIS2 (dataelement, period, orgunit …)."
    )


def csv_delimiter(header_line: str) -> str:
    """The separator of a CSV: a semicolon (Excel in some locales) or a tab when the header uses it."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","
