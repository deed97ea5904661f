"""Evidence attached to a progress update: which files and links are accepted. Pure.

A file is judged by its extension **and** its first bytes, so a renamed executable is not accepted as a
PDF. Office documents of the zip family (docx, xlsx, odt, ods) share one signature; legacy doc/xls share
the OLE one.
"""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import urlsplit

__all__ = ["ALLOWED_EXTENSIONS", "MAX_EVIDENCE_BYTES", "MAX_FILES", "file_problem", "link_problem"]

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024  # 10 MB: a scanned signed plan fits; a video does not
MAX_FILES = 5

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


def link_problem(url: str) -> str | None:
    """What is wrong with an evidence link, or None: only http(s) addresses with a host are accepted."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc or " " in url.strip():
        return f"Đường dẫn “{url}” không hợp lệ: ghi đầy đủ, bắt đầu bằng http:// hoặc https://."
    return None
