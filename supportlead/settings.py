"""Settings, read from the environment only (see .env.example and the README).

With nothing set the app runs for a newcomer: SQLite and a filesystem broker under
``var/``, mails written to ``var/mail/``. With ``DEBUG=0`` it is production: every
variable in ``REQUIRED_IN_PRODUCTION`` must be set, or start-up fails naming it.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, *, default: bool) -> bool:
    """A boolean that refuses anything but the obvious spellings ("ture" is an error)."""
    raw = env.str(name, default=None)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use 1/0, true/false, yes/no.")


DEBUG = env_bool("DEBUG", default=True)
TESTING = False  # set by tests/conftest.py

REQUIRED_IN_PRODUCTION = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "SITE_URL")
if not DEBUG:
    missing = [name for name in REQUIRED_IN_PRODUCTION if not env.str(name, default="")]
    if missing:
        raise ImproperlyConfigured(
            "DEBUG=0 (production) needs these environment variables: " + ", ".join(missing)
        )

VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env.str(
    "SECRET_KEY", default="django-insecure-dev-only-key-never-use-in-production-0123456789"
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
# Container health checks call http://127.0.0.1:8000/healthz from inside the container.
ALLOWED_HOSTS += env.list("HEALTHCHECK_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "django_filters",
    "axes",
    "mozilla_django_oidc",
    "django_scim",
    # The project's apps, bottom layer first (the import contract in pyproject.toml).
    "common",
    "audit",
    "notifications",
    "candidates",
    "succession",
    "mentorship",
    "agreements",
    "development",
    "supportdata",
    "reviews",
    "insights",
    "programme",
    "reports",
    "front",
    "scim",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # /scim/v2/ only: the identity provider's bearer token (off until HR creates one).
    "scim.middleware.ScimBearerAuth",
    "supportlead.middleware.SessionIdleExpiry",
    "django.contrib.messages.middleware.MessageMiddleware",
    "supportlead.middleware.ActorOnce",
    "supportlead.middleware.PersonRequiredForWrites",
    "audit.middleware.AuditReads",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "supportlead.urls"
WSGI_APPLICATION = "supportlead.wsgi.application"

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
                "supportlead.context_processors.navigation",
            ],
            # |day, |days_ago: how every page shows a date.
            "builtins": ["candidates.templatetags.candidates_tags"],
        },
    },
]

# --- Database -----------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server, the worker and beat share the file: WAL and immediate transactions
    # let them take turns instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use an in-memory database (shared cache, so a worker thread sees it too).
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A page's queries are short: PostgreSQL's JIT compiled the key positions' grouped
    # query for 65 ms to save a few, and parallel workers took 10 ms to start for a scan
    # of 4,000 rotations (docs/performance.md). Both off for the app's connections.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c jit=off -c max_parallel_workers_per_gather=0"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ---------------------------------------------------------------
# Sessions are written to the database and read from the cache (cached_db): a page does
# not pay a query to find who is asking, and a restarted cache loses no one's login.
if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
            "KEY_PREFIX": "supportlead",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


# --- Auth ---------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Company sign-in over OpenID Connect (mozilla-django-oidc): on when OIDC_ISSUER is set.
# The provider's endpoints are read from its discovery document (supportlead/sso.py).
OIDC_ISSUER = env.str("OIDC_ISSUER", default="").rstrip("/")
SSO_ENABLED = bool(OIDC_ISSUER)
OIDC_RP_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_SCOPES", default="openid email profile")
OIDC_PROVIDER_NAME = env.str("OIDC_PROVIDER_NAME", default="company sign-in")
# The claim that carries the e-mail matched against the people directory, and an
# optional group claim whose value OIDC_HR_GROUP grants view_all_talent.
OIDC_EMAIL_CLAIM = env.str("OIDC_EMAIL_CLAIM", default="email")
OIDC_GROUPS_CLAIM = env.str("OIDC_GROUPS_CLAIM", default="groups")
OIDC_HR_GROUP = env.str("OIDC_HR_GROUP", default="")
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT_SECONDS", default=10)
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False  # an account comes from the directory, never from a token
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
LOGIN_REDIRECT_URL_FAILURE = "sso_failed"
if SSO_ENABLED and not (OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET):
    raise ImproperlyConfigured(
        "OIDC_ISSUER is set: OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are needed too."
    )
# Local passwords: on by default; LOCAL_LOGIN=0 (with SSO on) keeps them for superusers
# only, the break-glass account.
LOCAL_LOGIN = env_bool("LOCAL_LOGIN", default=True)
if not LOCAL_LOGIN and not SSO_ENABLED:
    raise ImproperlyConfigured("LOCAL_LOGIN=0 needs company sign-in: set OIDC_ISSUER too.")

AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: refuses any attempt while its user or address is locked.
    "axes.backends.AxesStandaloneBackend",
    "supportlead.auth.LocalPasswordBackend",
    # Answers only the sign-in callback, and only while OIDC_ISSUER is set.
    "supportlead.sso.DirectoryOIDCBackend",
]

# Throttled logins (django-axes): after AXES_FAILURE_LIMIT failures for one username, or
# from one address, further attempts are refused for the cool-off. Lifted in admin
# (Axes › Access attempts) or with `manage.py axes_reset`.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("LOGIN_COOLOFF_MINUTES", default=15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
# The caller's address, by the one rule the audit uses too (TRUSTED_PROXIES below).
AXES_CLIENT_IP_CALLABLE = "audit.middleware.client_address"
AXES_VERBOSE = False

# Sessions end on logout and after SESSION_IDLE_HOURS without a request.
SESSION_IDLE_HOURS = env.float("SESSION_IDLE_HOURS", default=8)
SESSION_COOKIE_AGE = int(SESSION_IDLE_HOURS * 3600)
# How often a request moves the idle deadline on (one session write per such interval).
SESSION_TOUCH_SECONDS = min(300, SESSION_COOKIE_AGE // 4 or 1)

# The audit of confidential reads and exports, kept this long (a daily task deletes
# older rows). Behind reverse proxies, how many of them to trust for the caller's address
# (the audit's "from where" and the login throttle's per-address count).
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=400)
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)

# --- I18N ---------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- E-mail -------------------------------------------------------------------------
MAIL_DIR = VAR_DIR / "mail"
if env.str("EMAIL_URL", default=""):
    EMAIL_CONFIG = env.email_url("EMAIL_URL")
    if EMAIL_CONFIG.get("EMAIL_FILE_PATH"):  # filemail:///abs/path loses its leading slash
        EMAIL_CONFIG["EMAIL_FILE_PATH"] = "/" + EMAIL_CONFIG["EMAIL_FILE_PATH"].lstrip("/")
else:
    # Mails land as files under var/mail/, where a newcomer can read them.
    EMAIL_CONFIG = {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(MAIL_DIR),
    }
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="supportlead <noreply@supportlead.local>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
if EMAIL_CONFIG.get("EMAIL_FILE_PATH"):
    Path(EMAIL_CONFIG["EMAIL_FILE_PATH"]).mkdir(parents=True, exist_ok=True)

# --- Celery -------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
LONGEST_TASK_SECONDS = 600
BROKER_DIR = VAR_DIR / "broker"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # A message not acknowledged within this time is delivered again (a worker that died
    # mid-task): a little longer than the longest task may run, not an hour.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int(
            "CELERY_VISIBILITY_TIMEOUT", default=LONGEST_TASK_SECONDS + 60
        ),
        # How often a worker looks for such messages (kombu scans every tenth tick).
        "unacked_restore_interval": env.int("CELERY_RESTORE_INTERVAL_SECONDS", default=10),
    }
else:
    # Embedded broker: messages are files under var/broker, shared by every process on
    # this machine, so `make run` needs no server.
    (BROKER_DIR / "queue").mkdir(parents=True, exist_ok=True)
    (BROKER_DIR / "processed").mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
# At least once: a task is acknowledged when it is done, and a task whose worker process
# died is given back to the queue (not marked lost).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# Delivery: how long an undelivered notice is still worth sending, and how many tries.
NOTIFICATION_RESEND_MAX_AGE_HOURS = env.int("NOTIFICATION_RESEND_MAX_AGE_HOURS", default=72)
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=20)
# How long a notice may wait for its first try before the resend task takes it, the
# retries' first wait and how many retries (short in the fault tests).
NOTIFICATION_PENDING_GRACE_SECONDS = env.int("NOTIFICATION_PENDING_GRACE_SECONDS", default=900)
NOTIFICATION_RETRY_BASE_SECONDS = env.int("NOTIFICATION_RETRY_BASE_SECONDS", default=30)
NOTIFICATION_EMAIL_RETRIES = env.int("NOTIFICATION_EMAIL_RETRIES", default=6)

REMINDER_HOUR = env.int("REMINDER_HOUR", default=7)
if not 0 <= REMINDER_HOUR <= 23:
    raise ImproperlyConfigured(f"REMINDER_HOUR={REMINDER_HOUR} must be an hour, 0 to 23.")
CELERY_BEAT_SCHEDULE = {
    "daily-reminder-sweep": {
        "task": "notifications.tasks.reminders_sweep",
        "schedule": crontab(hour=REMINDER_HOUR, minute=0),
    },
    # Mails left pending (a lost worker) or failed (the mail server was down longer than
    # the retries) are sent again once the server answers.
    "resend-undelivered-mails": {
        "task": "notifications.tasks.notifications_resend",
        "schedule": crontab(minute="*/10"),
    },
    # The programme's health: this month's snapshot, taken again each day (idempotent)
    # so the month's last run is what the month keeps.
    "daily-audit-retention": {
        "task": "audit.tasks.audit_prune",
        "schedule": crontab(hour=REMINDER_HOUR, minute=45),
    },
    "daily-programme-snapshot": {
        "task": "reports.tasks.programme_snapshot",
        "schedule": crontab(hour=REMINDER_HOUR, minute=30),
    },
}

# --- Support's evidence: the helpdesk and incident tools (supportdata) ---------------
# A source with no credentials is off. Each base URL can point at a local stand-in.
ZENDESK_URL = env.str("ZENDESK_URL", default="").rstrip("/")
ZENDESK_EMAIL = env.str("ZENDESK_EMAIL", default="")
ZENDESK_API_TOKEN = env.str("ZENDESK_API_TOKEN", default="")
PAGERDUTY_URL = env.str("PAGERDUTY_URL", default="https://api.pagerduty.com").rstrip("/")
PAGERDUTY_API_TOKEN = env.str("PAGERDUTY_API_TOKEN", default="")
JIRA_URL = env.str("JIRA_URL", default="").rstrip("/")
JIRA_EMAIL = env.str("JIRA_EMAIL", default="")
JIRA_API_TOKEN = env.str("JIRA_API_TOKEN", default="")
JIRA_JQL = env.str("JIRA_JQL", default="project = SUP AND statusCategory = Done")
JIRA_SATISFACTION_FIELD = env.str("JIRA_SATISFACTION_FIELD", default="customfield_10031")
JIRA_SLA_FIELD = env.str("JIRA_SLA_FIELD", default="customfield_10030")
INCIDENTIO_URL = env.str("INCIDENTIO_URL", default="https://api.incident.io").rstrip("/")
INCIDENTIO_API_KEY = env.str("INCIDENTIO_API_KEY", default="")
# The nightly sync's hour; how far back a first sync reads; the longest wait a 429's
# Retry-After may ask; the first back-off after a 5xx (doubled each try).
SUPPORT_SYNC_HOUR = env.int("SUPPORT_SYNC_HOUR", default=2)
if not 0 <= SUPPORT_SYNC_HOUR <= 23:
    raise ImproperlyConfigured(f"SUPPORT_SYNC_HOUR={SUPPORT_SYNC_HOUR} must be an hour, 0 to 23.")
SUPPORT_SYNC_START_MONTHS = env.int("SUPPORT_SYNC_START_MONTHS", default=12)
SUPPORT_SYNC_MAX_WAIT_SECONDS = env.int("SUPPORT_SYNC_MAX_WAIT_SECONDS", default=120)
SUPPORT_SYNC_BACKOFF_SECONDS = float(env.str("SUPPORT_SYNC_BACKOFF_SECONDS", default="2"))
CELERY_BEAT_SCHEDULE["nightly-support-sync"] = {
    "task": "supportdata.tasks.support_sync",
    "schedule": crontab(hour=SUPPORT_SYNC_HOUR, minute=15),
}

# A readiness with no evidence and no confirmation newer than this is stale.
READINESS_STALE_MONTHS = env.int("READINESS_STALE_MONTHS", default=12)
if READINESS_STALE_MONTHS < 1:
    raise ImproperlyConfigured("READINESS_STALE_MONTHS must be at least 1.")

# --- Security (production) ----------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Everything the pages load comes from static/: no inline script, no inline style, no
# other origin (django-csp). The company sign-in is a link away, never embedded.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
if SSO_ENABLED:
    # The logout form (on every page) goes on to the provider to end its session too.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(OIDC_ISSUER)
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # Container health checks call /healthz over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    if env_bool("BEHIND_TLS_PROXY", default=True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- App ----------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
PAGE_SIZE = env.int("PAGE_SIZE", default=25)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # django-axes logs every successful login at INFO; lockouts are WARNING.
        "axes": {"level": "WARNING"},
        # The sources' HTTP client logs each request at INFO: a sync reads thousands.
        "httpx2": {"level": "WARNING"},
    },
}


# SCIM 2.0 provisioning (django-scim2), on the people directory; see scim/.
SCIM_SERVICE_PROVIDER = {
    "USER_MODEL_GETTER": "scim.filters.people",
    "USER_ADAPTER": "scim.adapters.PersonUser",
    "USER_FILTER_PARSER": "scim.filters.PersonFilterQuery",
    "GET_QUERYSET_POST_PROCESSOR_GETTER": "scim.adapters.queryset_post_processor_getter",
    "GET_OBJECT_POST_PROCESSOR_GETTER": "scim.adapters.object_post_processor_getter",
    "BASE_LOCATION_GETTER": "scim.adapters.base_location",
    "SERVICE_PROVIDER_CONFIG_MODEL": "scim.config.ServiceProviderConfig",
    "SCHEMAS_GETTER": "scim.schemas.schemas_getter",
    "AUTHENTICATION_SCHEMES": [
        {
            "type": "oauthbearertoken",
            "name": "Bearer token",
            "description": "A token HR creates in supportlead (People › Provisioning).",
            "primary": True,
        }
    ],
    "WWW_AUTHENTICATE_HEADER": 'Bearer realm="supportlead SCIM"',
}
