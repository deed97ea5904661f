"""Checks of an uploaded DOCX package before python-docx and docxtpl read it.

A DOCX is a zip of XML parts. Word never writes a document type declaration in them, but a hand-made
file can: ``<!DOCTYPE x [<!ENTITY a "…">]>`` with entities defined by other entities ("billion laughs")
makes an XML parser expand a few kilobytes into gigabytes, or stop with an error that would crash the
upload. So every XML part is read first with a parser that expands no entity and loads no DTD, and a
part that declares a DOCTYPE or an entity is refused; so is a zip that would expand beyond reason (a zip
bomb: Python's zipfile never inflates an entry beyond the size its directory declares, so the declared
sizes bound what is read).
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import PurePosixPath

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information

MIB = 1024 * 1024
MAX_PARTS = 1000
MAX_EXPANDED_BYTES = 50 * MIB
MAX_COMPRESSION_RATIO = 200  # for parts above 1 MB: XML compresses about 10:1, a bomb 1000:1 and more
NOT_A_DOCX = "Tệp mẫu không phải là tệp Word (DOCX) hợp lệ."
CONTENT_TYPES = "[Content_Types].xml"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"

# The markers of a document type declaration, in the encodings an OOXML part may use (UTF-8, UTF-16).
_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


def _parser() -> etree.XMLParser:
    """A parser that expands no entity, reads no DTD, opens no network address, keeps the default limits."""
    return etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, dtd_validation=False, huge_tree=False
    )


def _mb(size: int) -> str:
    return f"{size / MIB:.1f}".replace(".", ",") + " MB"


def _size_problem(entries: list[zipfile.ZipInfo]) -> str | None:
    if len(entries) > MAX_PARTS:
        return f"Tệp mẫu có {len(entries)} phần, vượt giới hạn {MAX_PARTS} phần."
    expanded = sum(entry.file_size for entry in entries)
    if expanded > MAX_EXPANDED_BYTES:
        return (
            f"Tệp mẫu khi giải nén lên tới {_mb(expanded)}, vượt giới hạn {_mb(MAX_EXPANDED_BYTES)} "
            "(có thể là tệp nén độc hại)."
        )
    for entry in entries:
        ratio = entry.file_size / entry.compress_size if entry.compress_size else 0
        if entry.file_size > MIB and ratio > MAX_COMPRESSION_RATIO:
            return (
                f"Tệp mẫu có phần {entry.filename} nén với tỷ lệ bất thường ({int(ratio)}:1), "
                "không đọc (có thể là tệp nén độc hại)."
            )
    return None


def _xml_problem(name: str, data: bytes) -> str | None:
    """What is wrong with one XML part: a DOCTYPE or an entity declaration, or XML that does not parse."""
    declared = any(marker in data for marker in _MARKERS)
    if not declared:
        try:
            root = etree.fromstring(data, parser=_parser())
        except etree.XMLSyntaxError:
            return f"Tệp mẫu có phần {name} không phải XML hợp lệ: tệp Word bị hỏng."
        docinfo = root.getroottree().docinfo
        declared = bool(docinfo.doctype) or docinfo.internalDTD is not None
    if declared:
        return (
            f"Tệp mẫu có phần {name} khai báo DOCTYPE hoặc thực thể XML (<!DOCTYPE>, <!ENTITY>). "
            "Word không bao giờ ghi những khai báo này và chúng có thể làm treo máy chủ "
            "(“billion laughs”), nên mẫu không được nhận. Hãy mở tệp bằng Word, lưu lại rồi tải lên."
        )
    return None


def _xml_parts(archive: zipfile.ZipFile, names: list[str]) -> list[str]:
    """The parts read as XML besides the content types (checked first): by name (.xml, .rels) and by the
    content types the package declares."""
    xml = {n for n in names if n.lower().endswith((".xml", ".rels"))}
    if CONTENT_TYPES in names:
        types = etree.fromstring(archive.read(CONTENT_TYPES), parser=_parser())
        defaults = {
            (d.get("Extension") or "").lower()
            for d in types.iter(f"{CT}Default")
            if "xml" in (d.get("ContentType") or "")
        }
        overrides = {
            (o.get("PartName") or "").lstrip("/")
            for o in types.iter(f"{CT}Override")
            if "xml" in (o.get("ContentType") or "")
        }
        xml |= {n for n in names if PurePosixPath(n).suffix.lower().lstrip(".") in defaults or n in overrides}
    return sorted(xml - {CONTENT_TYPES})


def _parts_problem(archive: zipfile.ZipFile, names: list[str]) -> str | None:
    """The first XML part that may not be read: the content types first, since they say which parts are
    XML."""
    if CONTENT_TYPES in names:
        problem = _xml_problem(CONTENT_TYPES, archive.read(CONTENT_TYPES))
        if problem is not None:
            return problem
    for name in _xml_parts(archive, names):
        problem = _xml_problem(name, archive.read(name))
        if problem is not None:
            return problem
    return None


def docx_problem(data: bytes) -> str | None:
    """What makes ``data`` unsafe or unfit to read as a DOCX, in Vietnamese, or None when it may be read."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return NOT_A_DOCX
    with archive:
        problem = _size_problem(entries)
        if problem is not None:
            return problem
        try:
            return _parts_problem(archive, [e.filename for e in entries if not e.is_dir()])
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
            return NOT_A_DOCX
