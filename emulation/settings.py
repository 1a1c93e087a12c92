"""Settings, read from the environment (and an optional .env file) with django-environ."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"  # git-ignored: the SQLite file, uploads, print jobs
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
# Without SECRET_KEY, management commands (check, makemigrations, migrate) still run; serving refuses to
# start with DEBUG off (emulation/wsgi.py, asgi.py) and `check --deploy` reports it (emulation/checks.py).
SECRET_KEY_MISSING = not SECRET_KEY
if SECRET_KEY_MISSING:
    SECRET_KEY = "django-insecure-dev-only-key-do-not-use-in-production"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "import_export",
    "rules.apps.AutodiscoverRulesConfig",
    "blocs",
    "awards",
    "emulation.devtools",
    "axes",
    "csp",
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
    "django_htmx.middleware.HtmxMiddleware",
    "emulation.site.middleware.NoStoreForUsersMiddleware",
    "csp.middleware.CSPMiddleware",
    # After the user, no-store and CSP, so its 400 page has the navigation and the same headers as any page.
    "emulation.site.middleware.RefuseNulMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]
# Server time and query count headers for `make bench` (emulation/bench.py); off in production.
BENCH_TIMING = env.bool("THIDUA_BENCH", default=False)
if BENCH_TIMING:
    MIDDLEWARE.insert(0, "emulation.devtools.bench_views.TimingMiddleware")

ROOT_URLCONF = "emulation.urls"
WSGI_APPLICATION = "emulation.wsgi.application"

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
                "emulation.site.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'thidua.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    # A connection kept across requests is tested before reuse: no 500 after the database restarts.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: refuses a locked-out user and address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Login throttling (django-axes, counted in the database so every process and host shares it): after
# LOGIN_MAX_FAILURES wrong passwords for one username from one address, that pair is locked for
# LOGIN_LOCKOUT_SECONDS or until an administrator unlocks it ("Tài khoản bị khóa"). Another user behind
# the same address is not locked.
LOGIN_MAX_FAILURES = env.int("LOGIN_MAX_FAILURES", default=5)
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=15 * 60)
# The client's address: REMOTE_ADDR, or the request.META key of a header set by the trusted reverse proxy
# (e.g. HTTP_X_REAL_IP; for HTTP_X_FORWARDED_FOR the right-most address, the one the proxy appended).
# Never set it to a header that clients can reach the app with directly.
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="REMOTE_ADDR")
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = LOGIN_MAX_FAILURES
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_LOCKOUT_SECONDS)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "emulation.site.lockouts.client_ip"
AXES_LOCKOUT_CALLABLE = "emulation.site.auth.locked_out"
AXES_VERBOSE = False

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("Tiếng Anh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["emulation.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and env.bool("STATIC_MANIFEST", default=True)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Files (attachments, batch PDFs) go through default_storage only: on several hosts MEDIA_ROOT is a shared
# folder (NFS), or set STORAGE_BACKEND=storages.backends.s3.S3Storage (README). Never served at /media/.
if env.str("STORAGE_BACKEND", default=""):
    STORAGES["default"] = {"BACKEND": env.str("STORAGE_BACKEND"), "OPTIONS": env.json("STORAGE_OPTIONS", default={})}
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Attachments of proposals: size limit in bytes.
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
# Every spreadsheet upload is bounded before it is read (emulation/lib/sheets.py); a form may lower a limit.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
UPLOAD_MAX_UNCOMPRESSED = env.int("UPLOAD_MAX_UNCOMPRESSED", default=40 * 1024 * 1024)
UPLOAD_MAX_ROWS = env.int("UPLOAD_MAX_ROWS", default=20_000)
UPLOAD_MAX_COLUMNS = env.int("UPLOAD_MAX_COLUMNS", default=300)
UPLOAD_MAX_CELL_CHARS = env.int("UPLOAD_MAX_CELL_CHARS", default=2000)
UPLOAD_MAX_SECONDS = env.float("UPLOAD_MAX_SECONDS", default=20.0)
UPLOAD_MAX_ERRORS_SHOWN = env.int("UPLOAD_MAX_ERRORS_SHOWN", default=50)
# A checked upload waits this many hours for the user's confirmation (blocs/staging), then is dropped.
STAGED_IMPORT_HOURS = env.int("STAGED_IMPORT_HOURS", default=24)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000

# Address of the site, put in front of links in e-mails (e.g. https://thidua.example.gov.vn).
SITE_URL = env.str("SITE_URL", default="")
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="thidua@localhost")
EMAIL_ENABLED = env.bool("EMAIL_ENABLED", default="EMAIL_URL" in env)

# Security: strict when DEBUG is off (manage.py check --deploy is clean).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = 60 * 60 * 10
# Content-Security-Policy (django-csp 4): no inline script, handler or eval; scripts, styles, images and
# fonts from this site only. SECURE_CSP has the shape of Django 6's built-in setting, so moving to Django 6
# is a rename (drop django-csp, keep SECURE_CSP, import CSP.SELF / CSP.NONE from django.utils.csp).
# Inline style attributes stay allowed (style-src-attr): a few widths and indents are computed per row.
SECURE_CSP = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [NONE],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": SECURE_CSP}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Rules the domain brief marks NOT CONFIRMED are settings with a default, never constants.
THIDUA = {
    # Minimum members of a bloc (warning below it).
    "BLOC_MIN_MEMBERS": env.int("THIDUA_BLOC_MIN_MEMBERS", default=5),
    # Default approval threshold of a ranking vote, in percent of the declared base.
    "VOTE_THRESHOLD_PERCENT": env.int("THIDUA_VOTE_THRESHOLD_PERCENT", default=50),
    # Default quorum: share of members present, in percent.
    "QUORUM_PERCENT": env.int("THIDUA_QUORUM_PERCENT", default=50),
}

# Long work runs in a task worker (`manage.py db_worker`), queued in the database: no broker, no thread in a
# web process. TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend runs tasks inline (tests).
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"), "QUEUES": ["default"]}}
# Background jobs (batch prints, large imports; emulation/lib/jobs.py): a running job whose worker has not reported
# for this long died with its worker; it is queued again up to JOB_MAX_ATTEMPTS runs in all, then marked failed.
JOB_STALE_SECONDS = env.int("JOB_STALE_SECONDS", default=120)
JOB_MAX_ATTEMPTS = env.int("JOB_MAX_ATTEMPTS", default=2)
# An Excel import of individuals larger than this (bytes) runs as a task; a smaller one inside the request.
IMPORT_TASK_MIN_BYTES = env.int("IMPORT_TASK_MIN_BYTES", default=256 * 1024)
