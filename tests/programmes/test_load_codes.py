"""A programme file whose indicator or target code belongs to another programme is refused by the loader.

Codes are unique across programmes in the database; the loader says which code and which programme
before it writes anything, instead of failing on the database's constraint. Reloading a programme with
its own codes is no clash. The draft review page lists and refuses the same clash through the same check.
"""

from __future__ import annotations

import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connections
from django.urls import reverse

from nqtrack.cli import main
from nqtrack.domain.programme import ProgrammeFileError
from nqtrack.drafting.models import ProgrammeDraft
from nqtrack.observations.models import AuditEntry, Observation
from nqtrack.observations.services import observations_import_file
from nqtrack.programmes import models as m
from nqtrack.programmes.models import Indicator, Programme
from nqtrack.programmes.services import programme_load_file
from tests.accounts.conftest import Cast, client_for
from tests.programmes.test_load import row_counts
from tests.seed import SEED_PROGRAMME, SEED_STATISTICS

pytestmark = pytest.mark.django_db

# A small second programme: one indicator with one target, and one supporting indicator.
OTHER = """\
format: nqtrack-programme/1
code: chuong-trinh-khac
identity:
  title: Chương trình khác
  short_title: Chương trình khác
  issuer: Ủy ban nhân dân tỉnh
  issuer_kind: state
  implements: ''
  province_code: '24'
  period: [2021, 2030]
general_objective: []
indicator_groups:
- number: 1
  text: Tăng trưởng kinh tế bình quân đạt 10%/năm.
  indicators:
  - code: {indicator}
    name: Tốc độ tăng trưởng GRDP
    unit: percent_per_year
    targets:
    - code: {target}
      kind: average_growth
      comparator: at_least
      low: 10
      period: [2021, 2030]
      series_kind: growth_rate
      source_text: Tăng trưởng kinh tế bình quân đạt 10%/năm
supporting_indicators:
- code: {supporting}
  name: Dân số trung bình
  unit: persons
task_groups: []
assignments: []
organisations: []
"""
OWN = {"indicator": "grdp_khac", "target": "grdp_khac_2021_2030", "supporting": "dan_so_khac"}


def _file(tmp_path: Path, **codes: str) -> Path:
    path = tmp_path / "khac.yaml"
    path.write_text(OTHER.format(**(OWN | codes)), encoding="utf-8")
    return path


def _rows() -> dict[str, object]:
    """Every programme table's count, and the programme, indicator and target codes by their programme."""
    return {
        "counts": row_counts(),
        "indicators": set(m.Indicator.objects.values_list("programme__code", "code")),
        "targets": set(m.Target.objects.values_list("indicator__programme__code", "code")),
    }


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        (
            {"indicator": "grdp_growth"},
            "tệp (indicator_groups[0].indicators[0].code): Mã chỉ số “grdp_growth” đã thuộc chương trình "
            "“bac-giang-11-nqtw”; mỗi chỉ số chỉ thuộc một chương trình.",
        ),
        (
            {"target": "grdp_growth_2021_2030"},
            "tệp (indicator_groups[0].indicators[0].targets[0].code): Mã chỉ tiêu “grdp_growth_2021_2030” "
            "đã thuộc chương trình “bac-giang-11-nqtw”: hãy đổi mã chỉ tiêu.",
        ),
    ],
)
def test_a_code_of_another_programme_is_refused_and_nothing_is_written(
    tmp_path: Path, codes: dict[str, str], message: str
) -> None:
    programme_load_file(path=SEED_PROGRAMME)
    path = _file(tmp_path, **codes)
    before = _rows()
    with pytest.raises(CommandError) as caught:
        call_command("load_programme", str(path), stdout=StringIO())
    assert str(caught.value) == f"{path}: 1 lỗi\n  {path}, {message}"
    assert _rows() == before
    assert not m.Programme.objects.filter(code="chuong-trinh-khac").exists()


def test_every_clash_is_listed_at_once_and_the_command_exits_with_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    programme_load_file(path=SEED_PROGRAMME)
    supporting = m.Indicator.objects.filter(group=None).values_list("code", flat=True).first()
    assert supporting is not None
    path = _file(tmp_path, indicator="grdp_growth", target="share_services_2030", supporting=supporting)
    before = _rows()
    monkeypatch.setattr(sys, "argv", ["nqtrack", "load-programme", str(path)])
    # A command run from the command line closes the connections when it ends; here that would close the
    # test's own transaction (on PostgreSQL), so they stay open.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"CommandError: {path}: 3 lỗi\n"
        f"  {path}, tệp (indicator_groups[0].indicators[0].code): Mã chỉ số “grdp_growth” đã thuộc chương "
        "trình “bac-giang-11-nqtw”; mỗi chỉ số chỉ thuộc một chương trình.\n"
        f"  {path}, tệp (indicator_groups[0].indicators[0].targets[0].code): Mã chỉ tiêu "
        "“share_services_2030” đã thuộc chương trình “bac-giang-11-nqtw”: hãy đổi mã chỉ tiêu.\n"
        f"  {path}, tệp (supporting_indicators[0].code): Mã chỉ số “{supporting}” đã thuộc chương trình "
        "“bac-giang-11-nqtw”; mỗi chỉ số chỉ thuộc một chương trình.\n"
    )
    assert _rows() == before


def test_a_programme_reloaded_with_its_own_codes_loads(tmp_path: Path) -> None:
    programme_load_file(path=SEED_PROGRAMME)
    path = _file(tmp_path)
    first = programme_load_file(path=path)
    assert (first.programme.code, first.deleted) == ("chuong-trinh-khac", 0)
    after_first = _rows()
    assert set(m.Indicator.objects.filter(programme=first.programme).values_list("code", flat=True)) == {
        "grdp_khac",
        "dan_so_khac",
    }
    changed = path.read_text(encoding="utf-8").replace("low: 10\n", "low: 11\n", 1)
    path.write_text(changed, encoding="utf-8")
    out = StringIO()
    call_command("load_programme", str(path), stdout=out)
    assert (
        out.getvalue() == "Đã nạp chương trình 'chuong-trinh-khac': 0 mục mới, 1 mục cập nhật, 0 mục xoá.\n"
    )
    assert _rows() == after_first
    assert m.Target.objects.get(code="grdp_khac_2021_2030").low == 11.0
    # and the seed programme, reloaded beside it, is no clash with itself either
    again = programme_load_file(path=SEED_PROGRAMME)
    assert (again.created, again.updated, again.deleted) == (0, 0, 0)


def test_the_draft_page_lists_the_same_clash_and_its_load_writes_nothing(cast: Cast) -> None:
    client = client_for(cast, "manager")
    uploaded = client.post(
        reverse("drafting:drafts"),
        {
            "tep": SimpleUploadedFile(
                "khac.yaml", OTHER.format(**(OWN | {"target": "share_services_2030"})).encode()
            )
        },
    )
    assert uploaded.status_code == 302
    draft = ProgrammeDraft.objects.get()
    clash = (
        "indicator_groups[0].indicators[0].targets[0].code: Mã chỉ tiêu “share_services_2030” đã thuộc "
        "chương trình “bac-giang-11-nqtw”: hãy đổi mã chỉ tiêu."
    )
    page = client.get(reverse("drafting:review", kwargs={"pk": draft.pk}))
    assert f'<ul class="draft-problems"><li>{clash}</li></ul>' in page.content.decode()
    before = _rows()
    refused = client.post(reverse("drafting:load", kwargs={"pk": draft.pk}))
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "✗ Chưa nạp: bản nháp còn 1 lỗi, không ghi gì vào hệ thống." in html
    assert f"tệp ({clash.replace(': ', '): ', 1)}" in html
    assert _rows() == before
    draft.refresh_from_db()
    assert draft.loaded_at is None


def test_a_file_that_drops_an_indicator_with_figures_is_refused_and_nothing_changes(
    units: None, tmp_path: Path
) -> None:
    """A reload may not delete what recorded work holds (figures, their audit, progress reports): the file
    is refused with what holds the item, as a problem of the file, and nothing of it is written."""
    programme = programme_load_file(path=SEED_PROGRAMME).programme
    observations_import_file(path=SEED_STATISTICS, programme=programme)
    held = Observation.objects.filter(indicator__code="main_targets_met").count()
    assert held == 2  # one in each published file
    block = (
        "  - code: main_targets_met\n"
        '    name: "Số chỉ tiêu kinh tế - xã hội chủ yếu đạt và vượt kế hoạch năm"\n'
        "    unit: count\n"
        "    direction: higher\n"
        "    statistics_keys:\n"
        "      - {key: main_targets_met}\n"
    )
    text = SEED_PROGRAMME.read_text(encoding="utf-8")
    assert text.count(block) == 1
    # The same file with a changed title and without the indicator: neither may be written.
    dropped = text.replace(block, "").replace("title: ", "title: Bản sửa - ", 1)
    path = tmp_path / "dropped.yaml"
    path.write_text(dropped, encoding="utf-8")
    before = (
        Programme.objects.get(pk=programme.pk).title,
        Indicator.objects.count(),
        Observation.objects.count(),
    )
    with pytest.raises(ProgrammeFileError) as caught:
        programme_load_file(path=path)
    [problem] = caught.value.problems
    # What holds it: the figure and, where the import audited it value by value, its audit entries.
    audit = AuditEntry.objects.filter(indicator__code="main_targets_met").count()
    holders = "dòng nhật ký số liệu, số liệu" if audit else "số liệu"
    assert (problem.path, problem.message) == (
        "chỉ tiêu:main_targets_met",
        f"tệp bỏ chỉ tiêu 'main_targets_met' nhưng đã có {held + audit} {holders} gắn với nó; "
        "hãy giữ lại mục này",
    )
    after = (
        Programme.objects.get(pk=programme.pk).title,
        Indicator.objects.count(),
        Observation.objects.count(),
    )
    assert after == before
