"""Settings for the Gobierno Abierto portal, read from the environment (see .env.example).

Local runs need no configuration: DEBUG is on, the database is a SQLite file in the project
folder and the cache lives in memory. Production sets DEBUG=false and must provide a secret
key, in SECRET_KEY or in the file SECRET_KEY_FILE names (`make run` creates var/secret_key).
Bad values stop the start with a message naming the variable.
"""

import os
import re
from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    """Read a boolean, failing loudly on anything that is not clearly one."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} debe ser true o false, no {value!r}.")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} debe ser un número entero, no {value!r}.") from None


def env_str(name, default=""):
    """A text setting; unset or empty means the default (so a blank line in .env is harmless)."""
    return os.environ.get(name, "").strip() or default


def env_path(name, default):
    return Path(env_str(name, str(default)))


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def read_secret_key():
    if key := env_str("SECRET_KEY"):
        return key
    if path := env_str("SECRET_KEY_FILE"):
        try:
            return Path(path).read_text().strip()
        except OSError as error:
            raise ImproperlyConfigured(
                f"SECRET_KEY_FILE={path!r} no se puede leer: {error.strerror}."
            ) from None
    return ""


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = read_secret_key()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY es obligatoria cuando DEBUG está apagado (producción); también se "
            "puede leer de un archivo con SECRET_KEY_FILE."
        )
    SECRET_KEY = "solo-para-desarrollo-local-no-usar-en-produccion"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
if DEBUG:
    ALLOWED_HOSTS += ["testserver"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "portal.apps.PortalAdminConfig",  # django.contrib.admin with the portal's admin site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    "import_export",
    "simple_history",
    "axes",
    "django_tasks_db",
    "corsheaders",
    "portal",
    "commitments",
    "secretariat",
    "participation",
    "opendata",
    "engagement",
    "api",
]

# Static files leave at WhiteNoise; public pages cached for anonymous visitors leave at
# PageCacheMiddleware, before the layers they do not need; a cached page keeps the headers
# the layers after it added (CSP, Permissions-Policy, X-Frame-Options, Vary: Cookie).
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the page cache, so a cached API answer gets its CORS headers too.
    "corsheaders.middleware.CorsMiddleware",
    # Before the page cache: it resolves /en/… in English and keys pages by language.
    "core.middleware.LanguageMiddleware",
    "core.middleware.PageCacheMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

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
                "portal.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Persistent connections, checked before reuse: a restarted PostgreSQL costs no error.
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # An embedded database for several server processes and the report worker: readers never
    # wait for a writer (write-ahead log), a writer waits its turn for up to 20 s instead of
    # failing with "database is locked", and a transaction takes the write lock when it begins
    # (a read that later writes cannot be refused halfway through).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        **DATABASES["default"].get("OPTIONS", {}),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", _("Español (México)")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
USE_TZ = True
# Dates go through the named formats only ("DATE_FORMAT" in prose, "SHORT_DATE_FORMAT" in
# tables), so each language has one style of each; English's are ours (portal/formats/en).
FORMAT_MODULE_PATH = ["portal.formats"]

# Runtime files that are not code: the local secret key, the page cache's content version.
VAR_DIR = env_path("VAR_DIR", BASE_DIR / "var")

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env_path("STATIC_ROOT", BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env_path("MEDIA_ROOT", BASE_DIR / "media")

# Production serves compressed files with hashed names from collectstatic's manifest. Until
# collectstatic has run, pages link the plain names and WhiteNoise serves the source folders,
# instead of every page failing with "Missing staticfiles manifest entry".
STATIC_MANIFEST_MISSING = not DEBUG and not (STATIC_ROOT / "staticfiles.json").exists()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "core.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or STATIC_MANIFEST_MISSING

# Evidence and minutes are PDFs, office files or photos; anything larger is refused.
MAX_UPLOAD_MB = env_int("MAX_UPLOAD_MB", 5)
# An office file (a zip) may inflate to at most this much, in at most this many members.
MAX_UNZIPPED_MB = env_int("MAX_UNZIPPED_MB", 50)
MAX_ZIP_MEMBERS = env_int("MAX_ZIP_MEMBERS", 2000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Spreadsheet imports (plan matrix, measurements, milestone progress): the file's size and
# how many rows it may have; a bigger load is split into several files.
IMPORT_MAX_MB = env_int("IMPORT_MAX_MB", 5)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 5000)

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": 60 * 60,
            # A Redis that does not answer must not hold a request: the page cache then
            # skips it for PAGE_CACHE_RETRY_SECONDS (see core/cache.py).
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": 60 * 60,
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }
# Variants of one page (filters, dates…) kept per content version; the plain page always is.
PAGE_CACHE_MAX_VARIANTS = env_int("PAGE_CACHE_MAX_VARIANTS", 500)
PAGE_CACHE_RETRY_SECONDS = env_int("PAGE_CACHE_RETRY_SECONDS", 30)

# Days after a Secretariado session by which its signed minutes must be public
# (the forum's obligations panel, /secretariado/obligaciones/, and check_plan).
MINUTES_DUE_DAYS = env_int("MINUTES_DUE_DAYS", 15)
# Without Redis, server processes share the content version through this file.
PAGE_CACHE_VERSION_FILE = env_path("PAGE_CACHE_VERSION_FILE", VAR_DIR / "content-version")
# Names the deployed code in the page cache's keys (e.g. the commit); empty: the newest date of
# the code's files. Several nodes share the pages they cache only under the same one.
BUILD_ID = env_str("BUILD_ID", "")

# The open-data API (api/): anyone's page may read it (GET only); answers computed per
# client address and minute (cached answers are free), e.g. "120/min".
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "120/min")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Only what the site itself serves: no inline scripts or styles, no nonces (cached pages
# are shared), nothing from another origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)


def proxy_ssl_header(value):
    """`X-Forwarded-Proto: https` → ("HTTP_X_FORWARDED_PROTO", "https")."""
    if not value:
        return None
    name, sep, expected = value.partition(":")
    if not sep or not name.strip() or not expected.strip():
        raise ImproperlyConfigured(
            f"SECURE_PROXY_SSL_HEADER debe verse como «X-Forwarded-Proto: https», no {value!r}."
        )
    return ("HTTP_" + name.strip().upper().replace("-", "_"), expected.strip())


# Behind a TLS proxy: the header the proxy sets (and strips from clients) on HTTPS requests.
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(env_str("SECURE_PROXY_SSL_HEADER", ""))

LOGIN_URL = "admin:login"

# Staff logins: django-axes checks every attempt first and refuses an address after
# AXES_FAILURE_LIMIT failures in a row, for AXES_COOLOFF_MINUTES (or until `axes_reset`).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
# Behind a reverse proxy: how many proxies append to X-Forwarded-For (0: no proxy, the
# address is the connection's). The client is the address the outermost proxy saw.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT no puede ser negativo.")

# A staff session ends after SESSION_IDLE_MINUTES without a request (each request renews
# it); a password change ends every other session of that account (Django's session hash).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True

# History rows are shown only to who may view that model's history (the roles' groups).
SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS = True
# History is read, never restored: a revert would bypass the services (and edit published facts).
SIMPLE_HISTORY_REVERT_DISABLED = True

SITE_NAME = env_str("SITE_NAME", "Gobierno Abierto León")
MUNICIPALITY = env_str("MUNICIPALITY", "León, Guanajuato")
# What a page says about itself (meta description, Open Graph) when it says nothing else.
SITE_DESCRIPTION = _(
    "Seguimiento público del Plan de Acción Municipal de Gobierno Abierto: compromisos con "
    "semáforo, avance y evidencias, y el trabajo del Secretariado Técnico."
)
# The site's public address, for links that leave a page (PDFs, e-mail, feeds, security.txt).
# By default where `make run` serves it (HOST and PORT, as gunicorn.conf.py binds).
SITE_URL = env_str(
    "SITE_URL", f"http://{env_str('HOST', '127.0.0.1')}:{env_str('PORT', '8000')}"
).rstrip("/")
if not re.fullmatch(r"https?://[^/\s?#]+(/[^\s?#]*)?", SITE_URL):
    raise ImproperlyConfigured(
        f"SITE_URL={SITE_URL!r}: debe ser una dirección http(s)://servidor[/ruta], sin espacios."
    )

# The licence of the open data (/datos/): an SPDX identifier, its name and its address.
# The default name is lazy, read in each page's language; a name set in the environment is
# shown as written.
OPEN_DATA_LICENSE = {
    "name": env_str("OPEN_DATA_LICENSE", "CC-BY-4.0"),
    "title": env_str(
        "OPEN_DATA_LICENSE_TITLE", _("Creative Commons Atribución 4.0 Internacional (CC BY 4.0)")
    ),
    "path": env_str("OPEN_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/deed.es"),
}

# `manage.py backup` writes moments to the microsecond (core/exact_json.py).
SERIALIZATION_MODULES = {"exactjson": "core.exact_json"}

# PDF reports (portal/reports/): kept on disk, one file per report, day and content version.
# With several app nodes, a folder they and the report worker share (README «Varios nodos»).
REPORTS_ROOT = env_path("REPORTS_ROOT", VAR_DIR / "reports")
# Spreadsheets checked in the admin and waiting for their confirmation, which may reach
# another node: shared like REPORTS_ROOT.
IMPORTS_ROOT = env_path("IMPORTS_ROOT", VAR_DIR / "imports")
# Where the links inside a PDF point (evidence, the portal); the site's own address.
REPORTS_BASE_URL = env_str("REPORTS_BASE_URL", SITE_URL).rstrip("/")
# Large reports are built off the request path by a worker (`manage.py db_worker`, started
# by `make run`); TASKS_BACKEND=django.tasks.backends.immediate.ImmediateBackend builds them
# in the request instead.
# At most this many large reports wait for the worker; beyond it a new one is answered
# «inténtalo más tarde» (503 with Retry-After) instead of growing the queue.
REPORTS_QUEUE_MAX = env_int("REPORTS_QUEUE_MAX", 20)
# What that answer tells the browser to wait, in seconds.
REPORTS_RETRY_AFTER = env_int("REPORTS_RETRY_AFTER", 120)
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "reports"],
    }
}

# Questions and subscriptions (engagement/): sends per hour from one address, per form.
PUBLIC_FORM_RATE_LIMIT = env_int("PUBLIC_FORM_RATE_LIMIT", 5)

# Who answers for personal data (aviso de privacidad) and receives ARCO requests. As above,
# the default name and hours are read in each page's language, values set here as written.
TRANSPARENCY_UNIT = {
    "name": env_str(
        "TRANSPARENCY_UNIT_NAME", _("Unidad de Transparencia del Municipio de León, Guanajuato")
    ),
    "address": env_str(
        "TRANSPARENCY_UNIT_ADDRESS",
        "Palacio Municipal, Plaza Principal s/n, Zona Centro, C. P. 37000, León, Guanajuato",
    ),
    "email": env_str("TRANSPARENCY_UNIT_EMAIL", "transparencia@leon.gob.mx"),
    "phone": env_str("TRANSPARENCY_UNIT_PHONE", "477 788 0000"),
    "hours": env_str("TRANSPARENCY_UNIT_HOURS", _("lunes a viernes de 8:00 a 15:30 h")),
}
# Where to report a security problem (/.well-known/security.txt).
SECURITY_CONTACT = env_str("SECURITY_CONTACT", "mailto:seguridad@leon.gob.mx")


# Mail (Django 6.1 MAILERS; its old EMAIL_* settings may not be defined next to it): SMTP
# when EMAIL_HOST is set; else files in EMAIL_FILE_PATH (`make run` writes them under
# var/mail/, so nothing leaves the machine); else the console while developing, or SMTP on
# localhost in production.
def read_mailers():
    host = env_str("EMAIL_HOST")
    file_path = env_str("EMAIL_FILE_PATH")
    port = env_int("EMAIL_PORT", 25)
    if not 0 < port < 65536:
        raise ImproperlyConfigured(f"EMAIL_PORT debe estar entre 1 y 65535, no {port}.")
    use_tls = env_bool("EMAIL_USE_TLS", False)
    use_ssl = env_bool("EMAIL_USE_SSL", False)
    if use_tls and use_ssl:
        raise ImproperlyConfigured(
            "EMAIL_USE_TLS y EMAIL_USE_SSL no pueden estar encendidas a la vez."
        )
    if host or not (file_path or DEBUG):
        return {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": host or "localhost",
                "port": port,
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": use_tls,
                "use_ssl": use_ssl,
                "timeout": env_int("EMAIL_TIMEOUT", 10),
            },
        }
    if file_path:
        return {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(BASE_DIR / file_path)},
        }
    return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}


MAILERS = {"default": read_mailers()}


def email_address(name, default):
    """An address setting, alone or as «Nombre <correo@dominio>»; refuses anything else."""
    value = env_str(name, default)
    address = parseaddr(value)[1]
    try:
        validate_email(address)
    except ValidationError:
        raise ImproperlyConfigured(
            f"{name} debe ser un correo («correo@dominio» o «Nombre <correo@dominio>»), "
            f"no {value!r}."
        ) from None
    return value


DEFAULT_FROM_EMAIL = email_address("DEFAULT_FROM_EMAIL", "gobierno.abierto@leon.gob.mx")
SERVER_EMAIL = email_address("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = env_list("ADMINS", [])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
