"""A bad units file stops the load with the file and line named, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from nqtrack.places import services
from nqtrack.places.models import AdminUnit, UnitSuccession
from nqtrack.places.services import units_load_history
from nqtrack.places.unitsfile import UnitsFileError

pytestmark = pytest.mark.django_db


def copy_with(tmp_path: Path, units_csv: Path, line: int, new_text: str) -> Path:
    """The real file with physical line ``line`` (1 = header) replaced by ``new_text``."""
    lines = units_csv.read_text(encoding="utf-8").splitlines()
    lines[line - 1] = new_text
    path = tmp_path / "units.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def assert_nothing_written() -> None:
    assert AdminUnit.objects.count() == 0
    assert UnitSuccession.objects.count() == 0


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2025-01-01,commune,07210,Phường Hoàng Văn Thụ,Phường,999", "mã cấp trên '999' không có"),
        ("2025-01-01,commune,07210,Phường Hoàng Văn Thụ,Phường", "cần 6 cột, có 5"),
        ("2025-01-01,commune,7210,Phường Hoàng Văn Thụ,Phường,213", "mã '7210' không hợp lệ"),
        ("2025-13-01,commune,07210,Phường Hoàng Văn Thụ,Phường,213", "snapshot_date '2025-13-01'"),
        ("2025-01-01,ward,07210,Phường Hoàng Văn Thụ,Phường,213", "level 'ward'"),
        ("2025-01-01,commune,07210,,Phường,213", "thiếu tên"),
        ("2025-01-01,commune,07210,Phường Hoàng Văn Thụ,Quận,213", "loại 'Quận'"),
        ("2025-01-01,commune,07201,Phường Thọ Xương,Phường,213", "mã 07201 lặp lại"),
        (
            "2025-01-01,district,07210,Phường Hoàng Văn Thụ,Phường,213",
            "mã '07210' không hợp lệ cho cấp district",
        ),
    ],
)
def test_bad_row_names_file_and_line_and_writes_nothing(
    tmp_path: Path, units_csv: Path, row: str, message: str
) -> None:
    lines = units_csv.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith("2025-01-01,commune,07210,"))
    path = copy_with(tmp_path, units_csv, line, row)
    with pytest.raises(UnitsFileError) as caught:
        units_load_history(csv_path=path)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}, dòng {line}: ")
    assert message in str(caught.value)
    assert_nothing_written()


def test_bad_header_and_missing_file(tmp_path: Path, units_csv: Path) -> None:
    path = copy_with(tmp_path, units_csv, 1, "date,level,code,name,type,parent")
    with pytest.raises(UnitsFileError, match=r"dòng 1: dòng tiêu đề"):
        units_load_history(csv_path=path)
    with pytest.raises(UnitsFileError, match="không tìm thấy tệp"):
        units_load_history(csv_path=tmp_path / "missing.csv")
    assert_nothing_written()


def test_not_utf8(tmp_path: Path, units_csv: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_bytes(units_csv.read_text(encoding="utf-8").encode("cp1258", errors="replace"))
    with pytest.raises(UnitsFileError, match="không phải UTF-8"):
        units_load_history(csv_path=path)
    assert_nothing_written()


def test_failure_while_writing_rolls_everything_back(
    units_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_write_edges", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        units_load_history(csv_path=units_csv)
    assert_nothing_written()
