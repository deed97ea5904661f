"""Limits on uploaded files: size, rows, and what an XLSX (a zip) may expand to.

An XLSX is a zip of XML files; a small file can expand to gigabytes (a zip bomb). Python's zipfile stops
decompressing an entry at the size its directory declares, so checking the declared sizes before opening
the workbook bounds what will be read. XML entity tricks are refused by defusedxml, which openpyxl uses
when it is installed (it is a dependency of this project's environment).
"""

from __future__ import annotations

import io
import zipfile
from itertools import accumulate

from django.conf import settings

MIB = 1024 * 1024


class FileRejected(ValueError):
    """A file refused before any row is read; the message says why, in Vietnamese."""


def max_file_bytes() -> int:
    return int(getattr(settings, "NQTRACK_MAX_UPLOAD_BYTES", 10 * MIB))


def max_expanded_bytes() -> int:
    return int(getattr(settings, "NQTRACK_MAX_XLSX_EXPANDED_BYTES", 50 * MIB))


def max_rows() -> int:
    return int(getattr(settings, "NQTRACK_MAX_IMPORT_ROWS", 100_000))


MAX_ZIP_ENTRIES = 1000
# A dataValueSets document nests 3 deep (object → "dataValues" list → value object); Python's json parser
# recurses once per level and fails with RecursionError near 1,000.
MAX_JSON_DEPTH = 8
MAX_COMPRESSION_RATIO = 200  # an XML sheet compresses about 10:1; a bomb 1000:1 and more


def check_size(name: str, size: int) -> None:
    """Refuse an empty file or one above the upload limit."""
    if size == 0:
        raise FileRejected(f"Tệp '{name}' rỗng.")
    limit = max_file_bytes()
    if size > limit:
        raise FileRejected(
            f"Tệp '{name}' dung lượng {_size(size)}, vượt giới hạn {_size(limit)}. "
            "Hãy chia thành nhiều tệp nhỏ hơn."
        )


def check_zip(name: str, data: bytes) -> zipfile.ZipFile:
    """Open an XLSX's zip after checking its entries' declared sizes (refuse a zip bomb)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as error:
        raise FileRejected(f"Tệp '{name}' bị hỏng: không mở được như bảng tính Excel ({error}).") from error
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise FileRejected(f"Tệp '{name}' chứa {len(entries)} phần, quá giới hạn {MAX_ZIP_ENTRIES}.")
    expanded = sum(entry.file_size for entry in entries)
    limit = max_expanded_bytes()
    if expanded > limit:
        raise FileRejected(
            f"Tệp '{name}' khi giải nén lên tới {_size(expanded)}, vượt giới hạn {_size(limit)} "
            "(có thể là tệp nén độc hại)."
        )
    for entry in entries:
        large = entry.file_size > MIB
        if large and entry.compress_size and entry.file_size / entry.compress_size > MAX_COMPRESSION_RATIO:
            raise FileRejected(
                f"Tệp '{name}': phần '{entry.filename}' nén với tỷ lệ bất thường "
                f"({entry.file_size // entry.compress_size}:1), không đọc (có thể là tệp nén độc hại)."
            )
    return archive


_OTHER_BYTES = bytes(sorted(set(range(256)) - set(b'"[]{}')))  # bytes to delete: all but quotes and brackets
_SAME_BRACKETS = bytes.maketrans(b"{}", b"[]")
_STEP = {ord("["): 1, ord("]"): -1}


def _outer_brackets(text: str) -> bytes:
    """The brackets of a JSON text outside its strings, ``{}`` written ``[]``: escapes go first, then
    everything but quotes and brackets; two quotes side by side can go too (an empty string, or the end of
    one string and the start of the next), then every other piece between quotes is inside a string."""
    data = text.encode("utf-8", "surrogatepass").replace(b"\\\\", b"").replace(b'\\"', b"")
    kept = data.translate(None, _OTHER_BYTES).replace(b'""', b"")
    return b"".join(kept.split(b'"')[0::2]).translate(_SAME_BRACKETS)


def _deeper(brackets: bytes, limit: int) -> bool:
    return any(depth > limit for depth in accumulate(map(_STEP.__getitem__, brackets)))


def json_too_deep(text: str, limit: int) -> bool:
    """Whether the arrays and objects of a JSON text nest deeper than ``limit`` (brackets inside strings
    do not count), found without recursion, so that a document is refused before ``json.loads`` recurses.

    Taking off the innermost pairs (``[]``) is cheap and a shallow file vanishes after a few rounds: the
    depth of what is left is a lower bound, and each round took off pairs one level deeper at most."""
    brackets = _outer_brackets(text)
    reduced, rounds = brackets, 0
    while rounds < limit and b"[]" in reduced:
        reduced, rounds = reduced.replace(b"[]", b""), rounds + 1
    if _deeper(reduced, limit):
        return True
    if not _deeper(reduced, limit - rounds):
        return False
    return _deeper(brackets, limit)


def check_json_depth(name: str, text: str) -> None:
    """Refuse a JSON text nesting deeper than ``MAX_JSON_DEPTH``."""
    if json_too_deep(text, MAX_JSON_DEPTH):
        raise FileRejected(
            f"Tệp '{name}' có các mảng và đối tượng JSON lồng nhau quá {MAX_JSON_DEPTH} tầng "
            "(dataValueSets của DHIS2 chỉ cần 3 tầng): không đọc tệp này."
        )


def _size(size: int) -> str:
    """A size the Vietnamese way: "2,5 MB", or "700 KB" below a tenth of a megabyte."""
    if size < MIB // 10:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / MIB:.1f} MB".replace(".", ",")
