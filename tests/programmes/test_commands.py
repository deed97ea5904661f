"""The commands' shared ``--programme`` option (nqtrack.programmes.commands) and date argument type."""

from __future__ import annotations

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.core.management.base import CommandParser

from nqtrack.core.commandline import iso_day
from nqtrack.programmes.commands import (
    PROGRAMME_HELP,
    add_programme_argument,
    programme_from_code,
    programme_from_options,
)
from nqtrack.programmes.models import Programme
from tests.observations.conftest import state

HEADER = "Mã chỉ tiêu,Tên chỉ tiêu,Mã đơn vị,Tên đơn vị,Kỳ,Giá trị,Đơn vị tính,Trạng thái,Nguồn,Ghi chú\r\n"


def _parser(*, code_optional: bool = False) -> CommandParser:
    parser = CommandParser(prog="test")
    add_programme_argument(parser, code_optional=code_optional)
    return parser


@pytest.mark.django_db
def test_an_unknown_code_stops_with_the_message_of_programme_not_found(programme: Programme) -> None:
    programmes = list(Programme.objects.values_list("id", "code"))
    with pytest.raises(CommandError) as caught:
        programme_from_options({"programme": "khong-co"})
    assert str(caught.value) == "Chưa nạp chương trình 'khong-co'."
    assert list(Programme.objects.values_list("id", "code")) == programmes


@pytest.mark.django_db
def test_a_command_given_an_unknown_code_changes_nothing(programme: Programme, tmp_path: Path) -> None:
    path = tmp_path / "so-lieu.csv"
    path.write_text(HEADER + 'forest_cover,,24,,2024,"38,1",%,Chính thức,Cục Thống kê,\r\n', encoding="utf-8")
    before = state()
    with pytest.raises(CommandError) as caught:
        call_command("import", str(path), "--programme", "khong-co", stdout=StringIO(), stderr=StringIO())
    assert str(caught.value) == "Chưa nạp chương trình 'khong-co'."
    assert state() == before


@pytest.mark.django_db
def test_no_code_means_the_only_loaded_programme(programme: Programme) -> None:
    assert programme_from_options({"programme": None}) == programme
    assert programme_from_options({"programme": ""}) == programme
    assert programme_from_options({}) == programme
    assert programme_from_code(programme.code) == programme


@pytest.mark.django_db
def test_with_no_programme_loaded_the_command_says_so() -> None:
    with pytest.raises(CommandError) as caught:
        programme_from_options({"programme": None})
    assert str(caught.value) == "Chưa nạp chương trình nào."


def test_the_option_takes_a_code_and_is_none_when_absent() -> None:
    assert _parser().parse_args([]).programme is None
    assert _parser().parse_args(["--programme", "abc"]).programme == "abc"
    assert [a.help for a in _parser()._actions if a.dest == "programme"] == [PROGRAMME_HELP]


def test_a_code_optional_option_tells_absent_from_bare() -> None:
    parser = _parser(code_optional=True)
    assert parser.parse_args([]).programme is None
    assert parser.parse_args(["--programme"]).programme == ""
    assert parser.parse_args(["--programme", "abc"]).programme == "abc"


def test_iso_day_reads_a_date_and_refuses_anything_else() -> None:
    assert iso_day("2025-03-01") == date(2025, 3, 1)
    with pytest.raises(CommandError) as caught:
        iso_day("1/3/2025")
    assert str(caught.value) == "Ngày “1/3/2025” không đúng dạng YYYY-MM-DD."
