# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The one settings module, driven by environment variables (see README.md).

``NAERHED_MODE=production`` turns on every deployment safeguard and requires a
secret key and allowed hosts; a bad value anywhere stops start-up with a
message naming the variable.
"""

from __future__ import annotations

from pathlib import Path

import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from naerhed.lib.env import database_from_url, env_bool, env_choice, env_int, env_list, env_str

# Lets admin and queryset classes be subscripted at run time (ModelAdmin[Citizen]).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(env_str("NAERHED_VAR_DIR", str(PROJECT_DIR / "var")) or PROJECT_DIR / "var")

MODE = env_choice("NAERHED_MODE", "development", ("development", "production"))
PRODUCTION = MODE == "production"
DEBUG = env_bool("NAERHED_DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("NAERHED_DEBUG must be off when NAERHED_MODE=production")

_secret = env_str("NAERHED_SECRET_KEY")
if PRODUCTION and (not _secret or len(_secret) < 50 or len(set(_secret)) < 5):
    raise ImproperlyConfigured(
        "NAERHED_SECRET_KEY (or NAERHED_SECRET_KEY_FILE) must be set to at least 50 varied characters "
        "when NAERHED_MODE=production"
    )
SECRET_KEY = _secret or "development-only-key-never-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env_list(
    "NAERHED_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("NAERHED_ALLOWED_HOSTS must list the host names when NAERHED_MODE=production")
CSRF_TRUSTED_ORIGINS = env_list("NAERHED_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "naerhed.accounts",
    "naerhed.audit",
    "naerhed.organisation",
    "naerhed.workforce",
    "naerhed.citizens",
    "naerhed.grants",
    "naerhed.visits",
    "naerhed.planning",
    "naerhed.carer_day",
    "naerhed.board",
    "naerhed.absences",
    "naerhed.quality",
    "naerhed.messaging",
    "naerhed.klippekort",
    "naerhed.portal",
    "naerhed.importer",
    "naerhed.management",
    "naerhed.demo",
    "naerhed.api",
    "naerhed.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "naerhed.audit.middleware.RequestContextMiddleware",
]

ROOT_URLCONF = "naerhed.urls"
WSGI_APPLICATION = "naerhed.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

_database_url = env_str("DATABASE_URL")
if _database_url is None:
    # The embedded default: one SQLite file under the var directory.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    _database_url = f"sqlite:///{VAR_DIR / 'naerhed.sqlite3'}"
DATABASES = {"default": database_from_url(_database_url, base_dir=PROJECT_DIR)}
# Background jobs (naerhed.jobs): a thread of the web process unless Redis is configured,
# then Celery workers (``celery -A naerhed.jobs.celery_app worker``).
REDIS_URL = env_str("REDIS_URL") or None
NAERHED_JOBS = env_choice("NAERHED_JOBS", "celery" if REDIS_URL else "inprocess", ("inprocess", "celery"))
if NAERHED_JOBS == "celery" and REDIS_URL is None:
    raise ImproperlyConfigured("NAERHED_JOBS=celery needs REDIS_URL (redis://host:port/db)")
if REDIS_URL is not None and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(f"REDIS_URL={REDIS_URL!r} must start with redis://, rediss:// or unix://")

# Messages to citizens (naerhed.messaging): SMS through an HTTP gateway when NAERHED_SMS_URL is set,
# otherwise written to a file under the var directory (the demo's "phone").
NAERHED_SMS_URL = env_str("NAERHED_SMS_URL") or None
NAERHED_SMS_TOKEN = env_str("NAERHED_SMS_TOKEN") or None
NAERHED_SMS_SENDER = env_str("NAERHED_SMS_SENDER", "Hjemmepleje") or "Hjemmepleje"
NAERHED_SMS_TIMEOUT = env_int("NAERHED_SMS_TIMEOUT", 10, minimum=1)
NAERHED_SMS_MAX_ATTEMPTS = env_int("NAERHED_SMS_MAX_ATTEMPTS", 6, minimum=1)
NAERHED_SMS_GATEWAY = env_choice(
    "NAERHED_SMS_GATEWAY", "http" if NAERHED_SMS_URL else "file", ("file", "http")
)
NAERHED_SMS_FILE = VAR_DIR / "sms" / "outbox.jsonl"
if NAERHED_SMS_GATEWAY == "http" and not (NAERHED_SMS_URL or "").startswith(("http://", "https://")):
    raise ImproperlyConfigured("NAERHED_SMS_GATEWAY=http needs NAERHED_SMS_URL (http:// or https://)")
if PRODUCTION and NAERHED_SMS_GATEWAY == "http" and not (NAERHED_SMS_URL or "").startswith("https://"):
    raise ImproperlyConfigured("NAERHED_SMS_URL must use https:// when NAERHED_MODE=production")
if len(NAERHED_SMS_SENDER) > 11:
    raise ImproperlyConfigured("NAERHED_SMS_SENDER must be at most 11 characters (an SMS sender name)")
# The in-process scheduler runs `naerhed messages tick` every minute while the web server runs.
NAERHED_MESSAGES_TICK_SECONDS = env_int("NAERHED_MESSAGES_TICK_SECONDS", 60, minimum=0)
# Staff log-in lock (naerhed.accounts.throttle): this many wrong passwords for one user name within
# so many minutes lock it for the rest of that time; an address is locked after five times as many.
NAERHED_LOGIN_MAX_FAILURES = env_int("NAERHED_LOGIN_MAX_FAILURES", 5, minimum=1)
NAERHED_LOGIN_LOCK_MINUTES = env_int("NAERHED_LOGIN_LOCK_MINUTES", 15, minimum=1)
# Housekeeping (naerhed.accounts.housekeeping): old log-in failures and phone request ids removed.
NAERHED_HOUSEKEEPING_SECONDS = env_int("NAERHED_HOUSEKEEPING_SECONDS", 3600, minimum=0)
# Jobs run every so many seconds while the server runs (naerhed.jobs.periodic; Celery beat with Redis).
NAERHED_PERIODIC_JOBS = {
    "messaging.tick": NAERHED_MESSAGES_TICK_SECONDS,
    "accounts.housekeeping": NAERHED_HOUSEKEEPING_SECONDS,
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = (
    [
        {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
        {
            "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 12},
        },
        {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
        {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    ]
    if PRODUCTION
    else []
)

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    # WhiteNoise expects the collected-static folder to exist; in development it stays empty.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

SESSION_COOKIE_AGE = env_int("NAERHED_SESSION_SECONDS", 8 * 3600, minimum=300)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("NAERHED_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("NAERHED_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("NAERHED_HSTS_PRELOAD", default=False)
    SECURE_REFERRER_POLICY = "same-origin"

# CPR numbers must never reach a log: nothing here logs request bodies, and the
# audit log stores citizen ids, never CPR numbers.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice("NAERHED_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")),
    },
}
