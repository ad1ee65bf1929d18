"""Gutcheck settings: one module, driven by environment variables.

Development needs no environment at all; production (DEBUG=0) refuses to start
without the settings it cannot safely guess.
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG=0.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS must be set when DEBUG=0 (comma-separated host names)."
        )
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    "blog",
    "evidence",
    "comments",
    "audit",
]

MIDDLEWARE = [
    "config.middleware.reject_nul_characters",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "blog.context_processors.site",
            ],
        },
    },
]

# SQLite is the embedded default. WAL lets readers work while a writer commits,
# the busy timeout makes writers queue instead of failing, and IMMEDIATE
# transactions take the write lock up front so two writers never deadlock on
# an upgrade from a read lock.
SQLITE_PATH = os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{SQLITE_PATH}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=20000;"
            "PRAGMA foreign_keys=ON;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_PATH") or None}

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # An unreachable Redis degrades to no cache (config/cache.py); short socket timeouts
    # keep a silent network from holding requests while that is detected.
    CACHES = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "gutcheck",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Mail goes where EMAIL_URL says, e.g. submission://user:password@mail.example:587 (SMTP
# with STARTTLS). "console:" prints every message, recipients and private links included,
# to the server log: development's default, and in production only as an explicit choice.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if not EMAIL_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "EMAIL_URL must be set when DEBUG=0, e.g. submission://user:password@mail.example:587"
            " (or console: to print mail to the server log on purpose)."
        )
    EMAIL_URL = "console:"
_email = dj_email_url.parse(EMAIL_URL)
if "EMAIL_BACKEND" not in _email:
    raise ImproperlyConfigured(
        f"EMAIL_URL starts with an unknown scheme ({EMAIL_URL.split(':')[0]!r}); "
        "use smtp://, submission://, console:, file:// or dummy:."
    )
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"] or None
# A mail server that does not answer must not hold a reader's request for long.
EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"] or 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "redactie@gutcheck.example")
EDITORS_EMAIL = env_list("EDITORS_EMAIL") or ["redactie@gutcheck.example"]

LOGIN_URL = "admin:login"

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Editorial policy knobs.
GUTCHECK = {
    "MEDICAL_REVIEW_REQUIRED": env_bool("MEDICAL_REVIEW_REQUIRED", True),
    "REVIEW_VALID_DAYS": int(os.environ.get("REVIEW_VALID_DAYS", str(3 * 365))),
    "REVIEW_DUE_WARNING_DAYS": int(os.environ.get("REVIEW_DUE_WARNING_DAYS", "60")),
    "STALE_EVIDENCE_YEARS": int(os.environ.get("STALE_EVIDENCE_YEARS", "5")),
    "MAX_BODY_CHARS": 200_000,
    # Hard limit on rendering one text (Markdown body or reader comment), in seconds:
    # this base plus the allowance per 1,000 characters (200,000 characters: 6 s).
    "RENDER_SECONDS": float(os.environ.get("RENDER_SECONDS", "1")),
    "RENDER_SECONDS_PER_1000_CHARS": float(
        os.environ.get("RENDER_SECONDS_PER_1000_CHARS", "0.025")
    ),
    "ARTICLES_PER_PAGE": 10,
}

# Reader comments (defaults and meaning in comments/conf.py).
GUTCHECK_COMMENTS = {
    "RATE_LIMIT": int(os.environ.get("COMMENTS_RATE_LIMIT", "5")),
    "RATE_WINDOW_SECONDS": int(os.environ.get("COMMENTS_RATE_WINDOW_SECONDS", "600")),
    "NOTIFY_EVERY_MINUTES": int(os.environ.get("COMMENTS_NOTIFY_EVERY_MINUTES", "15")),
    "RETENTION_DAYS": int(os.environ.get("COMMENTS_RETENTION_DAYS", "90")),
    "TRUSTED_PROXIES": int(os.environ.get("COMMENTS_TRUSTED_PROXIES", "0")),
}
if os.environ.get("COMMENTS_CLIENT_IP_HEADER"):
    # Read as-is, X-Forwarded-For's left-most entry is whatever the client sent.
    raise ImproperlyConfigured(
        "COMMENTS_CLIENT_IP_HEADER has been replaced by COMMENTS_TRUSTED_PROXIES: set it to "
        "the number of reverse proxies in front of the site (1 for a single nginx)."
    )
if GUTCHECK_COMMENTS["TRUSTED_PROXIES"] < 0:
    raise ImproperlyConfigured("COMMENTS_TRUSTED_PROXIES must be 0 or more.")

# Importing sources and checking their integrity (evidence/importers, docs/integrity.md).
# Crossref asks for a contact address ("polite pool"); NCBI allows 10 requests/s with a key, 3 without.
CROSSREF_MAILTO = os.environ.get("CROSSREF_MAILTO", DEFAULT_FROM_EMAIL)
NCBI_API_KEY = os.environ.get("NCBI_API_KEY", "")
SOURCE_IMPORT = {
    "HTTP_TIMEOUT_SECONDS": float(os.environ.get("IMPORT_HTTP_TIMEOUT", "15")),
    "CROSSREF_REQUESTS_PER_SECOND": int(os.environ.get("CROSSREF_REQUESTS_PER_SECOND", "5")),
    "MAX_FILE_BYTES": int(os.environ.get("IMPORT_MAX_FILE_BYTES", str(5 * 1024 * 1024))),
    "MAX_RECORDS": int(os.environ.get("IMPORT_MAX_RECORDS", "2000")),
}
