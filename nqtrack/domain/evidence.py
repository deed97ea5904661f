"""Evidence attached to a progress update: which files and links are accepted. Pure.

A file is judged by its extension **and** its first bytes, so a renamed executable is not accepted as a
PDF. Office documents of the zip family (docx, xlsx, odt, ods) share one signature; legacy doc/xls share
the OLE one.
"""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import urlsplit

from nqtrack.domain.text_limits import LINK, too_long

__all__ = [
    "ALLOWED_EXTENSIONS",
    "MAX_EVIDENCE_BYTES",
    "MAX_FILES",
    "MAX_LINKS",
    "file_problem",
    "link_problem",
    "links_problem",
]

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024  # 10 MB: a scanned signed plan fits; a video does not
MAX_FILES = 5
MAX_LINKS = 10

_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": _ZIP,
    ".xlsx": _ZIP,
    ".odt": _ZIP,
    ".ods": _ZIP,
    ".doc": _OLE,
    ".xls": _OLE,
}
ALLOWED_EXTENSIONS = tuple(_SIGNATURES)


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def file_problem(name: str, size: int, head: bytes) -> str | None:
    """What is wrong with an uploaded file, in Vietnamese, or None when it is accepted."""
    extension = PurePath(name).suffix.lower()
    allowed = ", ".join(e.lstrip(".") for e in ALLOWED_EXTENSIONS)
    if extension not in _SIGNATURES:
        return f"Tệp “{name}”: loại tệp không được nhận; chỉ nhận {allowed}."
    if size == 0:
        return f"Tệp “{name}” rỗng."
    if size > MAX_EVIDENCE_BYTES:
        return f"Tệp “{name}” nặng {_size_text(size)}, vượt giới hạn {_size_text(MAX_EVIDENCE_BYTES)}."
    if not head.startswith(_SIGNATURES[extension]):
        return f"Tệp “{name}”: nội dung không phải tệp {extension.lstrip('.')} như tên tệp ghi."
    return None


def links_problem(count: int) -> str | None:
    """What is wrong with the number of links given with one update, or None."""
    if count > MAX_LINKS:
        return f"Gửi tối đa {MAX_LINKS} đường dẫn minh chứng mỗi lần (đã gửi {count})."
    return None


def link_problem(url: str) -> str | None:
    """What is wrong with an evidence link, or None: only http(s) addresses with a host, at most 500
    characters (the length stored), are accepted."""
    cleaned = url.strip()
    shown = cleaned if len(cleaned) <= 60 else cleaned[:60] + "…"
    if problem := too_long(f"Đường dẫn “{shown}”", cleaned, LINK):
        return problem
    try:
        parts = urlsplit(cleaned)
    except ValueError:  # "http://[x": not an address at all
        parts = urlsplit("")
    if parts.scheme not in {"http", "https"} or not parts.netloc or " " in cleaned:
        return f"Đường dẫn “{url}” không hợp lệ: ghi đầy đủ, bắt đầu bằng http:// hoặc https://."
    return None
