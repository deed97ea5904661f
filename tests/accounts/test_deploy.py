"""Hardened settings: `check --deploy` is clean in production, CSP and security headers on every page."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NQTRACK_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    return (
        env
        | {
            "NQTRACK_DEBUG": "0",
            "NQTRACK_SECRET_KEY": secrets.token_urlsafe(50),
            "NQTRACK_ALLOWED_HOSTS": "nqtrack.bacgiang.gov.vn",
            "NQTRACK_VAR_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "nqtrack.settings",
        }
        | extra
    )


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_the_production_settings(tmp_path: Path) -> None:
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert (result.returncode, result.stdout.strip(), result.stderr.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
        "",
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    del env["NQTRACK_SECRET_KEY"]
    result = manage(env, "check")
    assert result.returncode == 1
    assert "NQTRACK_SECRET_KEY must be set when NQTRACK_DEBUG is off." in result.stderr


def test_production_settings_are_hardened(tmp_path: Path) -> None:
    code = (
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER, s.DEBUG, "
        "s.STORAGES['staticfiles']['BACKEND'], s.PASSWORD_HASHERS[0])"
    )
    result = manage(production_env(tmp_path), "shell", "-c", code)
    assert result.stdout.strip().splitlines()[-1] == (
        "True True True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https') False "
        "whitenoise.storage.CompressedManifestStaticFilesStorage "
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    )


@pytest.mark.django_db
def test_every_page_carries_the_content_security_policy_and_security_headers(client: Client) -> None:
    response = client.get("/cong-khai/")
    assert response["Content-Security-Policy"] == (
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in response.content.decode()  # no inline script without a nonce
