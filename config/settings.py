"""One settings module, driven by environment variables. A bad value stops the start with a clear error.

Embedded default: SQLite (WAL, IMMEDIATE transactions) and the in-memory channel layer, for one
process on the chair's laptop. DATABASE_URL (PostgreSQL) and REDIS_URL (channels-redis) switch to the
multi-process setup.
"""

from __future__ import annotations

import os
import secrets
import socket
from pathlib import Path
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

from committee.network import local_addresses

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: expected one of 1/0, true/false, yes/no, on/off")


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one kept in var/ so sessions survive a restart."""
    if os.environ.get("SECRET_KEY"):
        key = os.environ["SECRET_KEY"]
        if len(key) < 50 or len(set(key)) < 5:
            raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long, of at least 5 different ones")
        return key
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)

# Phones reach the laptop by its LAN address: allow this machine's own names and addresses, and
# nothing else unless ALLOWED_HOSTS says so (the WebSocket origin check relies on this list).
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [
    "localhost",
    "127.0.0.1",
    "[::1]",
    socket.gethostname(),
    f"{socket.gethostname()}.local",
    *local_addresses(),
]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
for origin in CSRF_TRUSTED_ORIGINS:
    if urlparse(origin).scheme not in {"http", "https"}:
        raise ImproperlyConfigured(f"CSRF_TRUSTED_ORIGINS: {origin!r} must start with http:// or https://")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "channels",
    "committee",
    "debate",
    "resolutions",
    "record",
]

MIDDLEWARE = [
    # Pages and answers compressed (a phone's first load on a slow network); Django pads each gzip
    # stream with random bytes against BREACH, and its CSRF tokens are masked per response.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "committee.security.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    }
]


def _databases() -> dict:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        return {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "db.sqlite3")),
                # WAL lets the projector and phones read while the chair writes; IMMEDIATE makes
                # each writer take the lock up front, so two actions never interleave. FULL sync:
                # an action the chair saw acknowledged survives the laptop's battery dying.
                # Each request has a thread and a connection of its own, closed when it ends.
                "CONN_MAX_AGE": 0,
                "OPTIONS": {
                    "transaction_mode": "IMMEDIATE",
                    "timeout": 20,
                    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
                },
                # Tests too use a file, as the server does: requests read and write from threads of
                # their own, which an in-memory database shared between threads locks out.
                "TEST": {"NAME": str(VAR_DIR / "test.sqlite3")},
            }
        }
    import dj_database_url

    scheme = urlparse(url).scheme
    if scheme not in {"postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL: scheme {scheme!r} is not supported; use postgresql://user@host:5432/name "
            "(or leave DATABASE_URL unset for the embedded SQLite database)"
        )
    # Each request has a thread of its own: connections come from a pool (psycopg's), as opening one
    # per request costs milliseconds.
    config = dj_database_url.parse(url, conn_max_age=0)
    config.setdefault("OPTIONS", {})["pool"] = {"min_size": 2, "max_size": 20, "timeout": 10}
    config.setdefault("TEST", {})
    return {"default": config}


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# Several processes: their channel layer, the phones' press counts (committee/limits.py) and the
# sessions' cache.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
REDIS_PREFIX = os.environ.get("REDIS_PREFIX", "mun")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{REDIS_PREFIX}:cache",
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 20_000}}
    }


def _channel_layers() -> dict:
    url = REDIS_URL
    if not url:
        # One process only: every screen must be served by this same daphne. Channels' in-memory layer,
        # made safe for a busy room (committee/live/layer.py): no screen is ever dropped from its groups.
        return {"default": {"BACKEND": "committee.live.layer.RoomChannelLayer"}}
    if urlparse(url).scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured(f"REDIS_URL: {url!r} must start with redis://, rediss:// or unix://")
    return {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [url], "prefix": REDIS_PREFIX},
        }
    }


CHANNEL_LAYERS = _channel_layers()

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "admin:login"

# A delegate's phone stays bound to its delegation for the whole conference.
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
# Every request and every chair screen's heartbeat reads its session: from the cache, written through
# to the database (a session outlives a restart). The cache is this process's memory, or Redis when
# several processes serve (REDIS_URL): a sign-out in one is then a sign-out in all.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_SAMESITE = "Lax"

# HTTPS=true: the site is served over HTTPS (a reverse proxy that terminates TLS and sets
# X-Forwarded-Proto, or daphne with a certificate). Cookies then go over HTTPS only, plain HTTP is
# redirected, and browsers are told to use HTTPS for a year (HSTS_SECONDS to change it).
# Left unset, the LAN mode: the chair's laptop serves the room's Wi-Fi over plain HTTP, which phones
# reach by the laptop's address (a certificate for a private address is not to be had): the
# HTTPS-only settings are off, and `manage.py check --deploy` is told so (SILENCED_SYSTEM_CHECKS)
# for those settings only. Every other deployment check holds in both modes.
HTTPS = env_bool("HTTPS", False)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    try:
        SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 60 * 60 * 24 * 365))
    except ValueError as error:
        raise ImproperlyConfigured("HSTS_SECONDS must be a whole number of seconds") from error
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
    SILENCED_SYSTEM_CHECKS: list[str] = []
else:
    SILENCED_SYSTEM_CHECKS = [
        "security.W004",  # HSTS: for HTTPS only
        "security.W008",  # redirect to HTTPS: there is no HTTPS on the room's Wi-Fi
        "security.W012",  # session cookie over HTTPS only
        "security.W016",  # CSRF cookie over HTTPS only
    ]

# The UN's six languages (committee/languages.py). A page speaks its person's language: the choice
# made on the screen (the language cookie), else the browser's; the projector the committee's.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [
    ("en-gb", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
    ("ru", "Русский"),
    ("zh-hans", "中文"),
]
# The catalogues of every app and template, one per language (make messages writes them).
LOCALE_PATHS = [BASE_DIR / "config" / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
try:
    import zoneinfo

    zoneinfo.ZoneInfo(TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
    raise ImproperlyConfigured(f"TIME_ZONE={TIME_ZONE!r} is not a known time zone") from error
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# collectstatic writes here (`make run` does it): names with a hash of the content, each with a .gz and
# a .br beside it; whitenoise serves those to browsers that take them, cached for good (a new file is
# a new name). STATIC_ROOT may point elsewhere (the tests collect once for all their servers).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or VAR_DIR / "staticfiles")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # While developing (DEBUG), files are served as they are edited, from the app folders.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG else "config.storage.StaticFiles"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# The live path's knobs (committee/live/). GC: "quiet" runs Python's full collections at quiet moments
# under `manage.py serve` (committee/live/heap.py), "python" leaves them to Python.
GC_POLICY = os.environ.get("GC_POLICY", "quiet").strip().lower()
if GC_POLICY not in {"quiet", "python"}:
    raise ImproperlyConfigured(f"GC_POLICY={GC_POLICY!r}: expected quiet or python")
LIVE = {
    "RELAY_YIELD_EVERY": 48,  # sockets written between two turns of the event loop
    "STUCK_FOR": 30.0,  # seconds a socket's buffer may stay full before its connection is dropped
    "SEND_BUFFER": 256 * 1024,  # bytes a socket may hold that its screen has not read (kernel, Twisted)
    "BALLOT_GATHER": 0.003,  # seconds the first ballot of a burst waits for the others
    "MERGE_QUIET": 0.010,  # a merged broadcast is rendered once no change joined it for this long
    "MERGE_AT_MOST": 0.100,  # ... and this long after its first change at the latest
    "OVERDUE_AFTER": 1.0,  # a screen behind a version known this long missed it: it resyncs
    "DATABASE_EVERY": 5.0,  # seconds between two reads of a committee's version from the database
    "PRESS_BURST": 12,  # presses a delegation's phones may make at once
    "PRESS_PER_SECOND": 2.0,  # and then, on average
    "SOCKET_BURST": 30,  # messages a screen's socket may send at once (a page pings every 2.5 s)
    "SOCKET_PER_SECOND": 5.0,  # and then, on average; beyond, they are dropped unread
    "SOCKET_DROPS": 50,  # messages dropped before the socket is closed as flooding (code 4429)
    "REQUEST_BURST": 12,  # HTTP requests a phone may make at once (a page and its scripts, a press)
    "REQUEST_PER_SECOND": 2.0,  # and then, on average: beyond, a request waits for its turn
    "REQUESTS_WAITING": 10,  # a phone's requests that may wait; the next is answered 429
    "CONNECT_BURST": 60,  # socket handshakes of one delegation's phones (or one address) at once
    "CONNECT_PER_SECOND": 10.0,  # and then, on average
    "BROADCAST_FAILURES": "log",  # "log": logged and healed by the screens' resync; "raise" (tests)
}

# The record's minutes, exports and statistics are made by worker processes beside the server, so that
# a secretariat's export never holds up the room (record/worker.py); 0: in the request's
# own thread.
try:
    RECORD_WORKERS = int(os.environ.get("RECORD_WORKERS", "1"))
except ValueError as error:
    raise ImproperlyConfigured("RECORD_WORKERS must be a whole number of processes (0: none)") from error
if not 0 <= RECORD_WORKERS <= 8:
    raise ImproperlyConfigured("RECORD_WORKERS must be from 0 to 8")

# A position paper (PDF or DOCX) may weigh this much; a bigger upload is refused in words.
POSITION_PAPER_LARGEST = 5_000_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"as_refusal": {"()": "config.logging.AsRefusal"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "refusals": {"class": "logging.StreamHandler", "filters": ["as_refusal"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # A request too big (too many fields, too many bytes) is refused with 400: one line, no traceback.
    "loggers": {
        f"django.security.{name}": {"handlers": ["refusals"], "propagate": False}
        for name in ("TooManyFieldsSent", "RequestDataTooBig", "TooManyFilesSent")
    },
}
