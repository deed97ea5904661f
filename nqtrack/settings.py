"""Settings for nqtrack, read from the environment with safe embedded defaults.

With nothing set, nqtrack runs on a SQLite file under ``var/`` in DEBUG mode. ``DATABASE_URL`` selects
PostgreSQL (production). ``NQTRACK_DEBUG=0`` is production: a secret key must then come from the
environment.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("NQTRACK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no variable: 1/true/yes/on mean yes."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("NQTRACK_DEBUG", True)
_DEV_SECRET = "dev-only-insecure-key-never-used-in-production"  # noqa: S105 - refused below when DEBUG is off
SECRET_KEY = os.environ.get("NQTRACK_SECRET_KEY", _DEV_SECRET)
if not DEBUG and SECRET_KEY == _DEV_SECRET:
    raise ImproperlyConfigured("NQTRACK_SECRET_KEY must be set when NQTRACK_DEBUG is off.")
ALLOWED_HOSTS = os.environ.get("NQTRACK_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "nqtrack.core",
    "nqtrack.places",
    "nqtrack.programmes",
    "nqtrack.observations",
    "nqtrack.assessments",
    "nqtrack.tracking",
    "nqtrack.accounts",
    "nqtrack.reports",
    "nqtrack.web",
    "django_htmx",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "nqtrack.urls"
WSGI_APPLICATION = "nqtrack.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'nqtrack.sqlite3'}"
if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database lives here (git-ignored)
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", _default_db), conn_max_age=60)}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "nqtrack" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"

# The shipped seed: the programme file and the published figures loaded by `nqtrack bootstrap`.
NQTRACK_SEED_PROGRAMME = BASE_DIR / "programmes" / "bac-giang-11-nqtw.yaml"
NQTRACK_SEED_UNITS = BASE_DIR / "data" / "bac-giang-admin-units.csv"
NQTRACK_SEED_STATISTICS = BASE_DIR / "data" / "bac-giang-statistics.csv"
