"""The demo cast of the development default: made with real scopes, printed, never in production."""

from __future__ import annotations

import stat
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from pytest_django.fixtures import Settings

from nqtrack.accounts.demo import demo_users_ensure
from nqtrack.accounts.models import EventKind, Profile, Role, SecurityEvent
from nqtrack.programmes.models import Programme
from tests.accounts.test_deploy import manage, production_env
from tests.pages import seed_url

pytestmark = pytest.mark.django_db
LOGIN = "/tai-khoan/dang-nhap/"

EXPECTED_ROLES = [
    ("demo.quanly", "programme_manager"),
    ("demo.duyet_tinh", "reviewer"),
    ("demo.huyen_viet_yen", "reporter"),
    ("demo.xa_tu_lan", "reporter"),
    ("demo.ban_tuyen_giao", "reporter"),
    ("demo.lanh_dao", "viewer"),
]


@pytest.fixture
def debug(settings: Settings, tmp_path: Path) -> Path:
    """The development settings, with the password file in a temporary folder."""
    settings.DEBUG = True
    settings.NQTRACK_DEMO_USERS_FILE = tmp_path / "var" / "demo-users.tsv"
    return Path(settings.NQTRACK_DEMO_USERS_FILE)


def printed() -> list[list[str]]:
    out = StringIO()
    call_command("demo_users", stdout=out)
    return [line.split("\t") for line in out.getvalue().splitlines()]


def test_the_command_makes_one_user_per_role_with_real_scopes(programme: Programme, debug: Path) -> None:
    lines = printed()
    assert [(name, role) for name, _password, role in lines] == EXPECTED_ROLES
    assert all(len(password) >= 16 for _name, password, _role in lines)
    # the file holds the same lines, for the owner alone; the database holds hashes only
    assert debug.read_text(encoding="utf-8") == "".join("\t".join(line) + "\n" for line in lines)
    assert stat.S_IMODE(debug.stat().st_mode) == 0o600
    for name, password, _role in lines:
        user = User.objects.get(username=name)
        assert user.password.startswith("argon2$")
        assert password not in user.password
        assert user.check_password(password)
    assert set(Profile.objects.filter(demo=True).values_list("user__username", flat=True)) == {
        n for n, _r in EXPECTED_ROLES
    }
    department = Profile.objects.get(user__username="demo.ban_tuyen_giao")
    assert [u.code for u in department.capture_units.all()] == ["24"]
    assert [g.number for g in department.capture_indicator_groups.all()] == [5]
    assert [o.code for o in department.capture_organisations.all()] == ["provincial_propaganda_department"]
    commune = Profile.objects.get(user__username="demo.xa_tu_lan")
    assert [u.code for u in commune.capture_units.all()] == ["07774"]
    viewer = Profile.objects.get(user__username="demo.lanh_dao")
    assert [u.code for u in viewer.view_units.all()] == ["24"]
    assert viewer.view_organisations.count() == programme.organisations.filter(parent=None).count()


def test_running_again_keeps_the_passwords_and_a_lost_file_gives_new_ones(
    programme: Programme, debug: Path
) -> None:
    first = printed()
    assert printed() == first
    assert User.objects.filter(username__startswith="demo.").count() == 6
    debug.unlink()
    renewed = printed()
    assert [line[0] for line in renewed] == [line[0] for line in first]
    for (name, old, _role), (_name, new, _r) in zip(first, renewed, strict=True):
        assert new != old
        assert User.objects.get(username=name).check_password(new)


def test_a_demo_user_signs_in_at_once_without_a_two_factor_step(programme: Programme, debug: Path) -> None:
    manager = next(u for u in demo_users_ensure() if u.role == Role.PROGRAMME_MANAGER)
    client = Client()
    response = client.post(LOGIN, {"username": manager.username, "password": manager.password})
    assert (response.status_code, response["Location"]) == (302, seed_url("/"))  # the dashboard's address
    assert client.get("/so-lieu/").status_code == 200  # no detour through the two-factor pages


def test_with_the_production_settings_a_demo_user_cannot_sign_in(
    programme: Programme, debug: Path, settings: Settings
) -> None:
    viewer = next(u for u in demo_users_ensure() if u.role == Role.VIEWER)
    settings.DEBUG = False
    client = Client()
    response = client.post(LOGIN, {"username": viewer.username, "password": viewer.password})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert list(SecurityEvent.objects.values_list("kind", flat=True)) == [EventKind.LOGIN_FAILED]


def test_the_command_refuses_without_debug_and_makes_nobody(programme: Programme, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"Không tạo người dùng thử khi chạy ở chế độ vận hành"):
        call_command("demo_users", stdout=StringIO())
    assert not Profile.objects.filter(demo=True).exists()
    assert not User.objects.filter(username__startswith="demo.").exists()


def test_the_command_refuses_before_anything_is_loaded(db: None, debug: Path) -> None:
    with pytest.raises(CommandError, match=r"hãy chạy nqtrack bootstrap trước"):
        call_command("demo_users", stdout=StringIO())
    assert not User.objects.exists()
    assert not debug.exists()


def test_nqtrack_demo_users_refuses_with_nqtrack_debug_0(tmp_path: Path) -> None:
    result = manage(production_env(tmp_path), "demo-users")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "CommandError: Không tạo người dùng thử khi chạy ở chế độ vận hành (NQTRACK_DEBUG=0)."
    )
    assert not (tmp_path / "demo-users.tsv").exists()


def test_the_deploy_check_fails_while_a_demo_user_exists(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    assert manage(env, "migrate", "--verbosity", "0").returncode == 0
    code = (
        "from django.contrib.auth.models import User; from nqtrack.accounts.models import Profile; "
        "Profile.objects.create(user=User.objects.create_user('demo.quanly'), demo=True)"
    )
    assert manage(env, "shell", "-c", code).returncode == 0
    result = manage(env, "check", "--deploy")
    assert result.returncode == 1
    assert "(nqtrack.E001) Demo users exist: demo.quanly." in result.stderr
