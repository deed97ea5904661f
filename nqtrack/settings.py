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
from django.utils.csp import CSP

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
    "nqtrack.drafting",
    "nqtrack.reports",
    "nqtrack.web",
    "nqtrack.api",
    "ninja",  # django-ninja's templates and static files: the API's interactive docs, served from here
    "django_htmx",
    "django_tasks_db",  # the database task backend (NQTRACK_TASKS=database); its tables always exist
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "nqtrack.api.middleware.ApiErrorBodyMiddleware",  # /api/: every error as the API's JSON body
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "nqtrack.accounts.middleware.SessionRenewalMiddleware",  # the idle timeout renewed at most once a minute
    "nqtrack.web.middleware.VietnameseFirstMiddleware",  # before LocaleMiddleware: Vietnamese unless switched
    "django.middleware.locale.LocaleMiddleware",
    "nqtrack.web.middleware.NulRefusedMiddleware",  # a NUL in a path or value never reaches a query
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nqtrack.web.middleware.PrivateNoStoreMiddleware",  # signed in: Cache-Control: private, no-store
    "django_otp.middleware.OTPMiddleware",
    "nqtrack.accounts.middleware.TwoFactorMiddleware",
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
                "django.template.context_processors.csp",
                "nqtrack.web.context.site",  # the programme named in the header
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
# The second batch: explicit unit_code, unit_name and period columns (data/README.md, section 1b).
NQTRACK_SEED_STATISTICS_2 = BASE_DIR / "data" / "bac-giang-statistics-2.csv"
# A confirmed upload of at least this many bytes (about 10,000 rows of CSV) is written by a background task,
# its page showing the job's state and result (nqtrack/observations/jobs.py).
NQTRACK_IMPORT_BACKGROUND_BYTES = int(os.environ.get("NQTRACK_IMPORT_BACKGROUND_BYTES", str(1_000_000)))

# Background work (review reports, reminders): Django's task framework. The immediate backend runs a task
# at once, in the process that enqueues it; a deployment with a worker names its backend here.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# NQTRACK_TASKS=database (production, docs/performance.md): tasks are stored in the database and run by
# `nqtrack db_worker` processes (django-tasks-db), so a large import, an assessment of everything or a report
# does not hold a web request.
if os.environ.get("NQTRACK_TASKS", "immediate") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# What the pages compute (nqtrack.core.pagecache; docs/performance.md): in this process's memory by default,
# in Redis through Django's own backend when NQTRACK_CACHE_URL names one (redis://127.0.0.1:6379/0), which
# every web process and the task worker then share.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "nqtrack",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
if os.environ.get("NQTRACK_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["NQTRACK_CACHE_URL"],
            "KEY_PREFIX": "nqtrack",
        }
    }

# -- accounts and security (docs/security.md) -------------------------------------------------------------
# Argon2 first: new and re-hashed passwords use it; older hashes still verify and are upgraded on login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "nqtrack.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},  # Django's offline list
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "nqtrack.accounts.passwords.RepeatedPatternValidator"},  # "passwordpassword", "abcabcabc"
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:overview"
# An idle session ends after NQTRACK_SESSION_MINUTES and when the browser closes. A request renews it when
# its last renewal is a minute old (SessionRenewalMiddleware), not on every request: one write a minute.
SESSION_COOKIE_AGE = int(os.environ.get("NQTRACK_SESSION_MINUTES", "60")) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
OTP_TOTP_ISSUER = "nqtrack"
# Login throttling: NQTRACK_LOGIN_MAX_FAILURES failed attempts for one user name within the window lock it.
NQTRACK_LOGIN_MAX_FAILURES = int(os.environ.get("NQTRACK_LOGIN_MAX_FAILURES", "5"))
NQTRACK_LOGIN_WINDOW_MINUTES = int(os.environ.get("NQTRACK_LOGIN_WINDOW_MINUTES", "15"))
NQTRACK_LOGIN_LOCK_MINUTES = int(os.environ.get("NQTRACK_LOGIN_LOCK_MINUTES", "15"))

# E-mail (invitations, password resets), with Django 6.1's MAILERS (the EMAIL_* settings are deprecated):
# printed on the console in development; in production sent by SMTP to NQTRACK_EMAIL_HOST, by default the
# machine's own mail relay (localhost:25).
_SMTP_HOST = os.environ.get("NQTRACK_EMAIL_HOST", "")
MAILERS = {
    "default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if DEBUG and not _SMTP_HOST
    else {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _SMTP_HOST or "localhost",
            "port": int(os.environ.get("NQTRACK_EMAIL_PORT", "25")),
            "username": os.environ.get("NQTRACK_EMAIL_USER", ""),
            "password": os.environ.get("NQTRACK_EMAIL_PASSWORD", ""),
            "use_tls": env_bool("NQTRACK_EMAIL_TLS", False),
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("NQTRACK_EMAIL_FROM", "nqtrack <no-reply@localhost>")

# The demo users' passwords (`nqtrack demo-users`, development only): random per installation, kept here in
# the clear for the developer and hashed in the database like every password.
NQTRACK_DEMO_USERS_FILE = Path(os.environ.get("NQTRACK_DEMO_USERS_FILE", VAR_DIR / "demo-users.tsv"))

# The API (/api/, docs/api.md): requests per user (or per address when anonymous), django-ninja's throttle.
NQTRACK_API_RATE = os.environ.get("NQTRACK_API_RATE", "600/m")
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 1000

# Uploaded files: never served by URL; only through nqtrack.accounts.files.serve_protected_file.
MEDIA_ROOT = Path(os.environ.get("NQTRACK_MEDIA_ROOT", VAR_DIR / "uploads"))

# Content Security Policy, the same in development as in production so a violation shows up in the browser
# tests: only this origin, scripts and <style> elements only with the request's nonce, no plugins, no
# framing. Inline style attributes stay allowed (they cannot run code).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True

# Static files: WhiteNoise serves them from the app directories in development and from STATIC_ROOT
# (`nqtrack collectstatic`, hashed names, compressed) in production.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

if not DEBUG:
    # Production (docs/deploy.md): HTTPS only behind a proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("NQTRACK_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("NQTRACK_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("NQTRACK_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("NQTRACK_HSTS_PRELOAD", True)
    CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("NQTRACK_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
