"""Settings, read from the environment (12-factor) with safe development defaults.

``DJANGO_ENV=production`` turns on the strict profile: a missing ``SECRET_KEY`` fails at
start-up, DEBUG is off and every ``check --deploy`` setting is on.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Queue

from tsinghua_coop import serving

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

PRODUCTION = env("DJANGO_ENV", default="development") == "production"

if PRODUCTION:
    SECRET_KEY = env("SECRET_KEY")
    DEBUG = env.bool("DEBUG", default=False)
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
else:
    SECRET_KEY = env("SECRET_KEY", default="development-only-not-secret-0123456789abcdefghijklmnop")
    DEBUG = env.bool("DEBUG", default=True)
    ALLOWED_HOSTS = env.list(
        "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"]
    )

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "apps.core.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "import_export",
    "tsinghua_coop.third_party.LoginProtectionConfig",
    "django_celery_beat",
    "csp",
    "apps.core",
    "apps.regions",
    "apps.partners",
    "apps.agreements",
    "apps.funds",
    "apps.institutes",
    "apps.offices",
    "apps.projects",
    "apps.events",
    "apps.requests",
    "apps.achievements",
    "apps.impact",
    "apps.experts",
    "apps.challenges",
    "apps.partnerportal",
    "apps.subscriptions",
    "apps.figures",
    "apps.public",
    "apps.search",
    "apps.matching",
    "apps.api",
    "apps.accounts",
    "apps.operations",
    "apps.outcomes",
    "apps.opendata",
    "apps.dossiers",
    "apps.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tsinghua_coop.db_router.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "apps.core.middleware.AdminLanguageMiddleware",
    "apps.core.middleware.RefuseInvalidInputMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tsinghua_coop.urls"

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
                "apps.public.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "tsinghua_coop.wsgi.application"


def checkout_database_url():
    """The URL of the checkout's own cluster, on the port scripts/devservices.py recorded when
    it started it; never a guessed one, where another checkout's cluster may answer."""
    record = BASE_DIR / ".data" / "postgres-port"
    try:
        port = int(record.read_text().strip())
    except (OSError, ValueError):
        raise ImproperlyConfigured(
            "DATABASE_URL is not set and this checkout has no PostgreSQL cluster of its own "
            f"running ({record} is missing): start it with `python3 scripts/devservices.py "
            "postgres` (scripts/up and scripts/test do), or set DATABASE_URL."
        ) from None
    return f"postgres://postgres@127.0.0.1:{port}/tsinghua_coop"


# One engine everywhere: PostgreSQL. Without DATABASE_URL the checkout's own embedded cluster
# (scripts/devservices.py) is used.
DATABASES = {
    "default": env.db_url_config(env("DATABASE_URL", default="") or checkout_database_url())
}
# The connection budget (apps/core/budget.py, README "Connection budget"): a host's web workers
# hold at most DATABASE_CONNECTIONS_PER_HOST connections to each database (the primary, the
# replica), whatever their threads; 0 sets no bound (the default outside production).
WEB_WORKERS = serving.web_workers()
WEB_THREADS = serving.web_threads()
DATABASE_CONNECTIONS_PER_HOST = env.int(
    "DATABASE_CONNECTIONS_PER_HOST",
    default=WEB_WORKERS * serving.CONNECTIONS_PER_WORKER if PRODUCTION else 0,
)
DATABASE_CONNECTIONS_PER_PROCESS = DATABASE_CONNECTIONS_PER_HOST // WEB_WORKERS
# A thread waits this long for a slot, then its request is answered 503. Waits are long only
# when the host's cores are overloaded (the queue ahead of a thread is served in order); keep it
# under the proxy's timeout (nginx: 60 s).
DATABASE_CONNECTION_WAIT_SECONDS = env.float("DATABASE_CONNECTION_WAIT_SECONDS", default=30.0)
# Fewer slots than threads: a connection closes (gives its slot back) at the end of its request.
CONNECTIONS_SHARED = 0 < DATABASE_CONNECTIONS_PER_PROCESS < WEB_THREADS
DATABASES["default"]["ENGINE"] = "apps.core.postgresql"
DATABASES["default"]["CONN_MAX_AGE"] = env.int(
    "CONN_MAX_AGE", default=0 if CONNECTIONS_SHARED else 60
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# DATABASE_POOLER=pgbouncer: DATABASE_URL points at PgBouncer in transaction mode (README,
# "Scale"), where a named cursor could outlive its transaction's server connection.
DATABASE_POOLER = env.str("DATABASE_POOLER", default="")
if DATABASE_POOLER not in ("", "pgbouncer"):
    raise ImproperlyConfigured(
        f"DATABASE_POOLER={DATABASE_POOLER!r}: leave it empty or say pgbouncer"
    )
if DATABASE_POOLER:
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# A PostgreSQL read replica for the public site's and the API's reads (tsinghua_coop/db_router.py).
# Without one the alias is the primary itself and the router never uses it (no connection is
# opened); tests run it as a mirror of the test database.
REPLICA_URL = env("DATABASE_REPLICA_URL", default="")
READ_REPLICA = bool(REPLICA_URL)
DATABASES["replica"] = {
    **(env.db_url_config(REPLICA_URL) if REPLICA_URL else DATABASES["default"]),
    "ENGINE": DATABASES["default"]["ENGINE"],
    "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
    "CONN_HEALTH_CHECKS": True,
    "TEST": {"MIRROR": "default"},
}
if READ_REPLICA:
    # A replica that does not answer costs a request at most this long (libpq's minimum is 2 s);
    # the router then reads the primary for REPLICA_BREAK_SECONDS without trying it.
    DATABASES["replica"]["OPTIONS"] = {
        "connect_timeout": env.int("DATABASE_REPLICA_CONNECT_TIMEOUT", default=2),
        **DATABASES["replica"].get("OPTIONS", {}),
    }
REPLICA_BREAK_SECONDS = env.float("DATABASE_REPLICA_BREAK_SECONDS", default=5.0)
# After a request that may have written, that client's reads stay on the primary this long.
REPLICA_PIN_SECONDS = env.int("DATABASE_REPLICA_PIN_SECONDS", default=15)
DATABASE_ROUTERS = ["tsinghua_coop.db_router.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Front-end libraries built from npm packages by `npm ci` (package.json "build"): the chart
# bundle (ECharts) and the map of China (echarts@4.9.0 map/json/china.json), served as static files.
STATICFILES_DIRS += [("npm", BASE_DIR / "node_modules" / ".portal")]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Anonymous downloads, built once per data version (apps.core.prebuilt). Behind the proxy,
# DOWNLOADS_ACCEL_REDIRECT names its internal location of this folder (X-Accel-Redirect).
DOWNLOADS_ROOT = env.path("DOWNLOADS_ROOT", default=str(BASE_DIR / ".data" / "downloads"))
DOWNLOADS_ACCEL_REDIRECT = env("DOWNLOADS_ACCEL_REDIRECT", default="")
# The API's CSV/XLSX for anyone but staff: at most this many rows (the whole list is open data).
API_ANONYMOUS_EXPORT_ROWS = env.int("API_ANONYMOUS_EXPORT_ROWS", default=10000)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "apps.core.staticfiles.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Redis is the cache and Celery's broker. Without REDIS_URL the cache is local memory and
# tasks run in-process, so a new machine needs no Redis to try the portal.
REDIS_URL = env("REDIS_URL", default="")
# The cache is an optimisation, never a dependency: with Redis down every read is a miss and
# pages come from the database (apps/core/cache_backend.py). Short socket timeouts, and a
# circuit breaker that stops trying for CACHE_BREAK_SECONDS after a failure, keep an outage
# from costing each request a connect timeout.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "apps.core.cache_backend.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="coop"),
            "OPTIONS": {
                "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT", default=0.25),
                "socket_timeout": env.float("CACHE_SOCKET_TIMEOUT", default=1.0),
                "BREAK_SECONDS": env.float("CACHE_BREAK_SECONDS", default=5.0),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Date formats of our own where Django's Chinese ones pad months and days with zeros.
FORMAT_MODULE_PATH = ["tsinghua_coop.formats"]

# The release of the code (a commit), where the deployment names it; else the page cache
# derives one from the sources (apps.core.pagecache.code_release).
CODE_RELEASE = env("CODE_RELEASE", default="")

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# One queue per task family, so that a long import or report never holds up an e-mail or the
# figures; production runs one worker per queue with its own limits (README, "Workers and
# queues"). A worker started without -Q consumes them all (scripts/up).
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_QUEUES = [
    Queue(name) for name in ("default", "notifications", "figures", "imports", "exports", "reports")
]
CELERY_TASK_ROUTES = {
    "apps.requests.tasks.*": {"queue": "notifications"},
    "apps.challenges.tasks.*": {"queue": "notifications"},
    "apps.partnerportal.tasks.*": {"queue": "notifications"},
    "apps.subscriptions.tasks.*": {"queue": "notifications"},
    "apps.operations.tasks.remind_*": {"queue": "notifications"},
    "apps.operations.tasks.send_weekly_digests": {"queue": "notifications"},
    "apps.outcomes.tasks.remind_*": {"queue": "notifications"},
    "apps.figures.tasks.*": {"queue": "figures"},
    "apps.operations.tasks.validate_import": {"queue": "imports"},
    "apps.operations.tasks.run_import": {"queue": "imports"},
    "apps.operations.tasks.run_export": {"queue": "exports"},
    "apps.core.tasks.build_download": {"queue": "exports"},
    "apps.operations.tasks.generate_report": {"queue": "reports"},
    "apps.dossiers.tasks.*": {"queue": "reports"},
}
# Readers on the request path leave the rebuild of the summary tables to the worker (the
# "figures" queue) and serve the previous figures meanwhile (apps.figures.summary); they
# rebuild themselves when a queued rebuild has waited this long (no worker on the queue).
FIGURES_REBUILD_IN_BACKGROUND = env.bool("FIGURES_REBUILD_IN_BACKGROUND", default=True)
FIGURES_STALE_SECONDS = env.int("FIGURES_STALE_SECONDS", default=300)
# The release calendar of contract sums (apps.figures.release): a release every ``months``
# months on day ``day`` (the worker checks daily); counts follow every change.
FIGURES_RELEASE_CALENDAR = {
    "months": env.int("FIGURES_RELEASE_MONTHS", default=1),
    # 1 to 28: a day every month has.
    "day": min(max(env.int("FIGURES_RELEASE_DAY", default=1), 1), 28),
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="coop-portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_NOTIFICATION_EMAILS = env.list("STAFF_NOTIFICATION_EMAILS", default=[])

# The department's contact, shown in every public page's footer.
DEPARTMENT_CONTACT = {
    "address_zh": env(
        "DEPARTMENT_ADDRESS_ZH", default="北京市海淀区清华大学 科技开发部，邮编 100084"
    ),
    "address_en": env(
        "DEPARTMENT_ADDRESS_EN",
        default="S&T Development Department, Tsinghua University, Haidian District, Beijing 100084",
    ),
    "phone": env("DEPARTMENT_PHONE", default=""),
    "email": env("DEPARTMENT_EMAIL", default=""),
}

# Technology requests (apps.requests). Attachments live outside MEDIA_ROOT and are served only
# to staff; PUBLIC_BASE_URL builds the links in emails sent by the worker (no request there).
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", default="http://localhost:8000")
REQUEST_ATTACHMENTS_ROOT = env.path(
    "REQUEST_ATTACHMENTS_ROOT", default=str(BASE_DIR / ".data" / "request-attachments")
)
REQUEST_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
REQUEST_ATTACHMENT_MAX_FILES = 5
REQUEST_ATTACHMENT_MAX_TOTAL_BYTES = 25 * 1024 * 1024
# Attachments are checked by what they are (apps/requests/attachments.py): Office/ZIP
# containers by apps.core.uploads (UPLOAD_MAX_* below), PDFs opened by pypdf with at most this
# many pages, and no file that is two formats at once (a PDF that is also a ZIP, HTML or program).
REQUEST_ATTACHMENT_PDF_MAX_PAGES = 2000
# (requests, seconds) per client address, counted in the cache.
REQUEST_SUBMIT_RATE = (env.int("REQUEST_SUBMIT_RATE_PER_HOUR", default=10), 3600)
REQUEST_TRACKING_MISS_RATE = (30, 3600)
# Behind a reverse proxy: the request header (as in request.META, e.g. HTTP_X_REAL_IP) where the
# proxy puts the client's address; with a list (X-Forwarded-For) the last entry, the one the proxy
# saw, is used. Empty: REMOTE_ADDR.
REQUEST_CLIENT_ADDRESS_HEADER = env("REQUEST_CLIENT_ADDRESS_HEADER", default="")

# Partner sign-in by e-mail link (apps.partnerportal): a link works once, within this many
# seconds; the form is limited per client address and per e-mail address (count, seconds); a
# partner's session lasts this long.
PARTNER_SIGNIN_LINK_MAX_AGE = env.int("PARTNER_SIGNIN_LINK_MAX_AGE", default=30 * 60)
PARTNER_SIGNIN_RATE_PER_IP = (20, 3600)
PARTNER_SIGNIN_RATE_PER_EMAIL = (5, 3600)
PARTNER_SESSION_MAX_AGE = env.int("PARTNER_SESSION_MAX_AGE", default=8 * 3600)
# Subscriptions (apps.subscriptions): the confirmation link's life (seconds), the form's limits
# per client address and per e-mail address, and the digest's longest look back (days).
SUBSCRIPTION_CONFIRM_MAX_AGE = 3 * 24 * 3600
SUBSCRIPTION_RATE_PER_IP = (20, 3600)
SUBSCRIPTION_RATE_PER_EMAIL = (3, 3600)
SUBSCRIPTION_DIGEST_MAX_DAYS = 14
# Publishing fails fast while the broker is away (with retry=False alone kombu still spends
# seconds per task waiting for a channel, celery#6046); what could not be queued waits in the
# outbox for the periodic sweep.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
# Periodic schedules live in the database (apps/operations/schedules.py), editable in the admin;
# a CELERY_BEAT_SCHEDULE here would overwrite those edits each time beat starts.

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
# The REST API's schema (apps/api): OpenAPI 3 by drf-spectacular, Swagger UI and ReDoc from the
# sidecar package's static files, never from a CDN.
REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"] = "apps.api.schema.ApiAutoSchema"
# The OpenAPI document is generated once per code version and kept here (apps/api/schema.py).
API_SCHEMA_DIR = env.path("API_SCHEMA_DIR", default=str(BASE_DIR / ".cache" / "api-schema"))
SPECTACULAR_SETTINGS = {
    "TITLE": "University–region cooperation portal API",
    "DESCRIPTION": (
        "Public records for everyone; staff see and change what their Django permissions "
        "allow (session or `Authorization: Token …`). Lists take `?format=csv|xlsx`."
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Two choice sets would both be named OrganizationKindEnum (Organization.kind, and the
    # technology request's organization_kind): name the request's its own.
    "ENUM_NAME_OVERRIDES": {
        "RequesterKindEnum": "apps.requests.choices.RequesterKind",
        "AgreementStatusEnum": "apps.agreements.models.AgreementStatus",
        "ContractStatusEnum": "apps.agreements.models.ContractStatus",
        "MembershipStatusEnum": "apps.partners.models.MembershipStatus",
        "ProjectStatusEnum": "apps.projects.models.ProjectStatus",
        "RequestStatusEnum": "apps.requests.choices.RequestStatus",
    },
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "RENDERER_WHITELIST": ["rest_framework.renderers.JSONRenderer"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.api.schema.add_error_responses",
    ],
}

# Staff operations (apps.accounts, apps.operations): login lock-out, change history, imports,
# periodic reminders edited in the admin, background reports.
AUTHENTICATION_BACKENDS = [
    "apps.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
MIDDLEWARE += [
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
REMINDER_CONTRACT_ENDING_DAYS = 30
REMINDER_MEMBERSHIP_LAPSING_DAYS = 60
# An agreement in force is reminded this long before it ends (to renew it) and before its review.
REMINDER_AGREEMENT_ENDING_DAYS = 90
REMINDER_AGREEMENT_REVIEW_DAYS = 60
REPORTS_ROOT = env.path("REPORTS_ROOT", default=str(BASE_DIR / ".data" / "reports"))

# Uploaded Office/ZIP containers (apps.core.uploads, used by imports and request attachments):
# what an archive may unpack to, how much tighter than ordinary files it may be packed, and
# how many parts it may hold.
UPLOAD_MAX_UNCOMPRESSED_BYTES = env.int("UPLOAD_MAX_UNCOMPRESSED_BYTES", default=300 * 1024 * 1024)
UPLOAD_MAX_COMPRESSION_RATIO = env.int("UPLOAD_MAX_COMPRESSION_RATIO", default=100)
UPLOAD_MAX_ZIP_MEMBERS = env.int("UPLOAD_MAX_ZIP_MEMBERS", default=2000)

# Spreadsheet imports run as background jobs (apps.operations.imports): the upload is kept
# under IMPORTS_ROOT by job id until it expires.
IMPORTS_ROOT = env.path("IMPORTS_ROOT", default=str(BASE_DIR / ".data" / "imports"))
IMPORT_MAX_UPLOAD_BYTES = env.int("IMPORT_MAX_UPLOAD_BYTES", default=60 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=200_000)
IMPORT_MAX_COLUMNS = 60
IMPORT_MAX_CELL_CHARACTERS = 10_000
IMPORT_PREVIEW_ROWS = 20
IMPORT_ERRORS_PER_PAGE = 50
# Errors kept per job; past that the preview says how many more there were.
IMPORT_MAX_ERRORS = 10_000
IMPORT_BATCH_ROWS = 1000
IMPORT_EXPIRY_HOURS = env.int("IMPORT_EXPIRY_HOURS", default=24)

# Staff exports (admin and API) of more rows than this become background jobs with a private
# download link under EXPORTS_ROOT, kept EXPORT_EXPIRY_HOURS.
EXPORT_BACKGROUND_THRESHOLD = env.int("EXPORT_BACKGROUND_THRESHOLD", default=5000)
EXPORTS_ROOT = env.path("EXPORTS_ROOT", default=str(BASE_DIR / ".data" / "exports"))
EXPORT_EXPIRY_HOURS = env.int("EXPORT_EXPIRY_HOURS", default=72)

# Backups (manage.py backup / restore, apps/core/backup.py): the database and these folders of
# files people uploaded. Import uploads, exports and reports are left out: they expire within
# days or are made again from the database.
BACKUP_ROOT = env.path("BACKUP_ROOT", default=str(BASE_DIR / ".data" / "backups"))
BACKUP_FILE_ROOTS = {"media": MEDIA_ROOT, "request-attachments": REQUEST_ATTACHMENTS_ROOT}

# Input that cannot be valid is refused before a view sees it (apps/core/middleware.py): a
# query-string value longer than this is answered 400.
QUERY_VALUE_MAX_LENGTH = 1000

# Content-Security-Policy (django-csp): scripts and styles from the portal itself only; no
# inline script anywhere (the API docs use drf-spectacular's split Swagger view, whose
# initialiser is a script file). Styles allow inline attributes: the admin's templates and the
# chart library set element styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "jieba": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
