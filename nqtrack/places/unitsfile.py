"""Read and check ``data/bac-giang-admin-units.csv`` (see ``data/README.md`` §2).

Every problem is a :class:`UnitsFileError` that names the file and, where it belongs to a row, the physical
line number in the file (the header is line 1). Nothing here touches the database.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

COLUMNS = ("snapshot_date", "level", "code", "name", "type", "parent_code")
SNAPSHOT_OLD = date(2022, 10, 1)
SNAPSHOT_NEW = date(2025, 1, 1)
SNAPSHOTS = (SNAPSHOT_OLD, SNAPSHOT_NEW)

CODE_DIGITS = {"province": 2, "district": 3, "commune": 5}
PARENT_LEVEL = {"district": "province", "commune": "district"}
TYPES = {
    "province": frozenset({"Tỉnh", "Thành phố"}),
    "district": frozenset({"Thành phố", "Huyện", "Thị xã", "Quận"}),
    "commune": frozenset({"Phường", "Xã", "Thị trấn"}),
}


class UnitsFileError(ValueError):
    """The units file cannot be used; ``line`` is the 1-based line in the file (None: the whole file)."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}, dòng {line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class UnitRow:
    """One checked row: a unit as listed in one GSO snapshot."""

    snapshot: date
    level: str
    code: str
    name: str
    unit_type: str
    parent_code: str
    line: int


def read_units_csv(path: Path) -> list[UnitRow]:
    """Read and check every row and the parent links; raise :class:`UnitsFileError` on the first fault."""
    rows = list(_read_rows(path))
    _check_whole_file(path, rows)
    return rows


def _read_rows(path: Path) -> Iterable[UnitRow]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None or tuple(h.strip() for h in header) != COLUMNS:
                raise UnitsFileError(
                    path, 1, f"dòng tiêu đề phải là {','.join(COLUMNS)}; đọc được {header!r}"
                )
            rows = [_check_row(path, reader.line_num, fields) for fields in reader if any(fields)]
    except FileNotFoundError as exc:
        raise UnitsFileError(path, None, "không tìm thấy tệp") from exc
    except UnicodeDecodeError as exc:
        raise UnitsFileError(path, None, f"tệp không phải UTF-8 ({exc.reason})") from exc
    except csv.Error as exc:
        raise UnitsFileError(path, None, f"lỗi định dạng CSV: {exc}") from exc
    return rows


def _check_row(path: Path, line: int, fields: list[str]) -> UnitRow:
    if len(fields) != len(COLUMNS):
        raise UnitsFileError(path, line, f"cần {len(COLUMNS)} cột, có {len(fields)}")
    snapshot_text, level, code, name, unit_type, parent_code = (f.strip() for f in fields)
    if snapshot_text not in {d.isoformat() for d in SNAPSHOTS}:
        expected = " hoặc ".join(d.isoformat() for d in SNAPSHOTS)
        raise UnitsFileError(path, line, f"snapshot_date '{snapshot_text}' không hợp lệ (cần {expected})")
    if level not in CODE_DIGITS:
        raise UnitsFileError(
            path, line, f"level '{level}' không hợp lệ (cần province, district hoặc commune)"
        )
    if not re.fullmatch(rf"\d{{{CODE_DIGITS[level]}}}", code):
        raise UnitsFileError(
            path, line, f"mã '{code}' không hợp lệ cho cấp {level} (cần {CODE_DIGITS[level]} chữ số)"
        )
    if not name:
        raise UnitsFileError(path, line, "thiếu tên (name)")
    if unit_type not in TYPES[level]:
        raise UnitsFileError(path, line, f"loại '{unit_type}' không hợp lệ cho cấp {level}")
    if (level == "province") != (parent_code == ""):
        raise UnitsFileError(path, line, "parent_code phải để trống với tỉnh và có giá trị với cấp dưới")
    return UnitRow(date.fromisoformat(snapshot_text), level, code, name, unit_type, parent_code, line)


def _check_whole_file(path: Path, rows: list[UnitRow]) -> None:
    seen: dict[tuple[date, str], UnitRow] = {}
    for row in rows:
        key = (row.snapshot, row.code)
        if key in seen:
            raise UnitsFileError(
                path,
                row.line,
                f"mã {row.code} lặp lại trong danh sách {row.snapshot} (đã có ở dòng {seen[key].line})",
            )
        seen[key] = row
    for row in rows:
        parent = seen.get((row.snapshot, row.parent_code)) if row.parent_code else None
        if row.parent_code and (parent is None or parent.level != PARENT_LEVEL[row.level]):
            raise UnitsFileError(
                path,
                row.line,
                f"mã cấp trên '{row.parent_code}' không có ở cấp {PARENT_LEVEL[row.level]} "
                f"trong danh sách {row.snapshot}",
            )
    for snapshot in SNAPSHOTS:
        provinces = [r for r in rows if r.snapshot == snapshot and r.level == "province"]
        if len(provinces) != 1:
            raise UnitsFileError(path, None, f"danh sách {snapshot} cần đúng một tỉnh, có {len(provinces)}")
    if len({r.code for r in rows if r.level == "province"}) != 1:
        raise UnitsFileError(path, None, "hai danh sách phải cùng một tỉnh")
