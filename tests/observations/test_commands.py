"""The command line: import (any format, dry run, summary), export, review, DHIS2 code table, rules."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from nqtrack.observations.models import AuditEntry, Observation, Origin, ValidationRuleRow
from nqtrack.programmes.models import Programme
from tests.observations.conftest import state
from tests.observations.dhis2_payloads import CODES

pytestmark = pytest.mark.django_db
HEADER = "Mã chỉ tiêu,Tên chỉ tiêu,Mã đơn vị,Tên đơn vị,Kỳ,Giá trị,Đơn vị tính,Trạng thái,Nguồn,Ghi chú\r\n"


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_import_checks_then_writes_with_the_same_summary(figures: Programme, tmp_path: Path) -> None:
    path = tmp_path / "so-lieu.csv"
    path.write_text(HEADER + 'forest_cover,,24,,2024,"38,1",%,Chính thức,Cục Thống kê,\r\n', encoding="utf-8")
    before = state()
    assert run("import", str(path), "--dry-run") == (
        "so-lieu.csv (CSV theo mẫu nqtrack): kiểm tra xong, chưa ghi gì. Sẽ thêm 1, sửa 0, xoá 0; "
        "giữ nguyên 0; bỏ qua 0 dòng trống.\n"
    )
    assert state() == before
    assert run("import", str(path)) == (
        "so-lieu.csv (CSV theo mẫu nqtrack): đã thêm 1, sửa 0, xoá 0; giữ nguyên 0; bỏ qua 0 dòng trống.\n"
    )
    created = AuditEntry.objects.get(action="create", indicator__code="forest_cover", period="2024")
    assert created.channel == "cli"
    assert created.actor.startswith("cli:")


def test_import_fails_with_every_row_and_column(figures: Programme, tmp_path: Path) -> None:
    path = tmp_path / "xau.csv"
    path.write_text(
        HEADER + "forest_cover,,24,,2024,x,,,,\r\nforest_cover,,24,,20245,1,,,,\r\n", encoding="utf-8"
    )
    before = state()
    with pytest.raises(CommandError) as caught:
        run("import", str(path))
    assert str(caught.value) == (
        "xau.csv (CSV theo mẫu nqtrack): 2 lỗi, không ghi dòng nào.\n"
        "  dòng 2, cột 'Giá trị': 'x' không phải là số\n"
        "  dòng 3, cột 'Kỳ': '20245' không phải kỳ hợp lệ; dùng 2024 (năm), 2024Q1 (quý), 2024S1 (6 tháng), "
        "202403 (tháng)"
    )
    assert state() == before


def test_import_recognises_a_dhis2_document_by_its_content(figures: Programme, tmp_path: Path) -> None:
    codes = tmp_path / "codes.csv"
    codes.write_text(CODES, encoding="utf-8")
    assert run("dhis2_codes", str(codes)) == "codes.csv: 3 dataElement, 2 orgUnit.\n"
    document = tmp_path / "values.txt"
    value = {"dataElement": "f7n9E0hX8qk", "period": "2024", "orgUnit": "DiszpKrYNg8", "value": "38.1"}
    document.write_text(json.dumps({"dataValues": [value]}))
    assert run("import", str(document)) == (
        "values.txt (DHIS2 dataValueSets JSON): SUCCESS — Đã nhập xong. imported 1, updated 0, "
        "ignored 0, deleted 0.\n"
    )
    assert (
        AuditEntry.objects.get(action="create", indicator__code="forest_cover", period="2024").channel
        == "dhis2"
    )


def test_export_writes_the_layout_the_import_reads(figures: Programme, tmp_path: Path) -> None:
    target = tmp_path / "xuat.csv"
    # 27 published figures of the province for 2023 are in use (one per indicator and period).
    assert (
        run("export", "-o", str(target), "--format", "csv", "--from", "2023", "--to", "2023")
        == f"{target}: 27 dòng.\n"
    )
    before = state()
    assert "giữ nguyên 27" in run("import", str(target))
    assert state() == before
    template = tmp_path / "mau.xlsx"
    rows = figures.indicators.count()
    assert run("export", "-o", str(template), "--template", "--year", "2024") == f"{template}: {rows} dòng.\n"


def test_review_steps_from_the_command_line(figures: Programme, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(HEADER + "forest_cover,,24,,2024,38.1,,,,\r\n", encoding="utf-8")
    run("import", str(path))
    assert run("review", "submit", "--year", "2024", "--group", "12") == (
        "nhóm chỉ tiêu (12), Tỉnh Bắc Giang, năm 2024: 1 số liệu.\n"
    )
    run("review", "approve", "--year", "2024", "--group", "12")
    with pytest.raises(CommandError) as caught:
        run("review", "unlock", "--year", "2024", "--group", "12")
    assert str(caught.value) == "Cần ghi lý do mở khoá (ít nhất 5 ký tự)."
    run("review", "unlock", "--year", "2024", "--group", "12", "--reason", "Sửa theo niên giám")
    assert Observation.objects.get(origin=Origin.REPORTED).review_state == "draft"
    assert (
        run("review", "close-year", "--year", "2024", "--on", "2025-01-15")
        == "Năm 2024 khoá sổ từ ngày 15/01/2025.\n"
    )


def test_validation_rules_are_listed_and_configured(figures: Programme, tmp_path: Path) -> None:
    listing = run("validation_rules")
    assert "bounds:forest_cover\tbounds\tblock\tforest_cover\tminimum=0.0, maximum=100.0" in listing
    config = tmp_path / "rules.yaml"
    config.write_text(
        "- {code: 'bounds:forest_cover', kind: bounds, indicators: [forest_cover], severity: "
        "comment, minimum: 30, maximum: 60}\n"
        "- {code: 'jump:forest_cover', kind: jump, indicators: [forest_cover], severity: warn, "
        "active: false}\n",
        encoding="utf-8",
    )
    assert run("validation_rules", "--load", str(config)) == "rules.yaml: đã nạp 2 quy tắc.\n"
    listing = run("validation_rules")
    assert "bounds:forest_cover\tbounds\tcomment\tforest_cover\tminimum=30.0, maximum=60.0" in listing
    assert "jump:forest_cover\t" not in listing
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "- {code: x, kind: nonsense, indicators: [forest_cover], severity: warn}\n", encoding="utf-8"
    )
    with pytest.raises(CommandError):
        run("validation_rules", "--load", str(bad))
    assert ValidationRuleRow.objects.count() == 2


def test_a_large_file_shows_a_progress_bar(
    figures: Programme, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lon.csv"
    path.write_text(HEADER + "forest_cover,,24,,2024,,,,,\r\n" * 600, encoding="utf-8")
    assert run("import", str(path), "--dry-run").endswith("bỏ qua 1 dòng trống.\n")
    progress = capsys.readouterr().err
    assert "Kiểm tra" in progress
    assert "600/600" in progress
