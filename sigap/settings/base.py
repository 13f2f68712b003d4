"""Settings shared by every environment; values come from the environment (see README)."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from sigap.core.storage import s3_storage
from sigap.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("SIGAP_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Public base URL used in QR codes and notifications (letters are printed and scanned later).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Sigap's own apps, in dependency order: `sigap demo` loads each app's demo data in this order.
SIGAP_APPS = [
    "sigap.core",
    "sigap.accounts",
    "sigap.regions",
    "sigap.identity",
    "sigap.standards",
    "sigap.documents",
    "sigap.notifications",
    "sigap.registry",
    "sigap.applications",
    "sigap.cashaid",
    "sigap.logistics",
    "sigap.childcare",
    "sigap.bpnt",
    "sigap.complaints",
    "sigap.surveys",
    "sigap.privacy",
    "sigap.reports",
    "sigap.portal",
    "sigap.api",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
    "auditlog",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    *SIGAP_APPS,
]

MIDDLEWARE = [
    "sigap.core.health.HealthMiddleware",
    "sigap.core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sigap.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, whose check reads the form body: refuses bodies over their limit unread.
    "sigap.core.limits.BodyLimitMiddleware",
    "sigap.core.input_guard.InputGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sigap.accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
    "sigap.core.middleware.FriendlyErrorPagesMiddleware",
]

ROOT_URLCONF = "sigap.urls"
WSGI_APPLICATION = "sigap.wsgi.application"
ASGI_APPLICATION = "sigap.asgi.application"

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
                "sigap.core.context_processors.sigap",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sigap.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the task worker use the file at the same time.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploaded files are private: no URL route serves MEDIA_URL; views stream files after permission
# checks. (Django needs some value here: its test live server inspects it.)
MEDIA_URL = "/private-media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads and issued documents on S3-compatible object storage (MinIO, Garage, AWS) when a
# bucket is named, so several web machines share them (private; see sigap.core.storage).
SIGAP_S3_BUCKET = env_str("SIGAP_S3_BUCKET", "")
if SIGAP_S3_BUCKET:
    STORAGES["default"] = s3_storage(
        bucket=SIGAP_S3_BUCKET,
        endpoint_url=env_str("SIGAP_S3_ENDPOINT_URL", ""),
        region=env_str("SIGAP_S3_REGION", ""),
        access_key=env_str("SIGAP_S3_ACCESS_KEY", ""),
        secret_key=env_str("SIGAP_S3_SECRET_KEY", ""),
        prefix=env_str("SIGAP_S3_PREFIX", ""),
        url_seconds=env_int("SIGAP_S3_URL_SECONDS", 300),
        addressing_style=env_str("SIGAP_S3_ADDRESSING", "path"),
    )
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880
SIGAP_UPLOAD_MAX_BYTES = env_int("SIGAP_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
# Registry lists (CSV/XLSX) are far larger than other uploads: 10^6 rows of CSV are ~140 MB.
SIGAP_IMPORT_MAX_BYTES = env_int("SIGAP_IMPORT_MAX_BYTES", 200 * 1024 * 1024)

EMAIL_OPTIONS = {
    "host": env_str("EMAIL_HOST", "localhost"),
    "port": env_int("EMAIL_PORT", 25),
    "username": env_str("EMAIL_HOST_USER", ""),
    "password": env_str("EMAIL_HOST_PASSWORD", ""),
    "use_tls": env_bool("EMAIL_USE_TLS", False),
}
_email_backend = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
MAILERS = {
    "default": {
        "BACKEND": _email_backend,
        "OPTIONS": EMAIL_OPTIONS if _email_backend.endswith("smtp.EmailBackend") else {},
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "sigap@localhost")

# SMS/WhatsApp gateway adapter (see sigap.notifications): "console" or "http".
SIGAP_SMS_BACKEND = env_str("SIGAP_SMS_BACKEND", "console")
SIGAP_SMS_URL = env_str("SIGAP_SMS_URL", "")
SIGAP_SMS_KEY = env_str("SIGAP_SMS_KEY", "")

# Electronic signatures (TTE) on issued PDFs (see sigap.documents.signing): none, pkcs12, remote.
SIGAP_SIGNING_BACKEND = env_str("SIGAP_SIGNING_BACKEND", "none")
SIGAP_SIGNING_PKCS12_DIR = env_str("SIGAP_SIGNING_PKCS12_DIR", str(VAR_DIR / "signing"))
SIGAP_SIGNING_PKCS12_PASSPHRASE = env_str("SIGAP_SIGNING_PKCS12_PASSPHRASE", "")
SIGAP_SIGNING_URL = env_str("SIGAP_SIGNING_URL", "")
SIGAP_SIGNING_USER = env_str("SIGAP_SIGNING_USER", "")
SIGAP_SIGNING_PASSWORD = env_str("SIGAP_SIGNING_PASSWORD", "")
SIGAP_SIGNING_TRUST_ROOTS = env_list("SIGAP_SIGNING_TRUST_ROOTS", [])
SIGAP_SIGNING_CRLS = env_list("SIGAP_SIGNING_CRLS", [])

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": [],
    }
}
if TASKS["default"]["BACKEND"] in ("django_tasks_rq.RQBackend", "sigap.core.tasks_rq.RQBackend"):
    # Redis queue: `sigap rqworker default` runs its workers (see README, production). Sigap's
    # subclass retries a task whose work-horse was killed (sigap.core.tasks_rq).
    TASKS["default"]["BACKEND"] = "sigap.core.tasks_rq.RQBackend"
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL", "redis://127.0.0.1:6379/0")}}
    # The worker must run django-tasks' jobs with their Job class (else: "'Task' object is
    # not callable", and every task fails).
    RQ = {"JOB_CLASS": "django_tasks_rq.Job"}
    TASKS["default"]["QUEUES"] = ["default"]

# A cache every web process shares (rate limits on public forms count across processes):
# a database table by default, Redis when REDIS_CACHE_URL is set.
if env_str("REDIS_CACHE_URL", ""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("REDIS_CACHE_URL"),
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "sigap"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "sigap_cache",
        }
    }

AUDITLOG_INCLUDE_ALL_MODELS = True
# Loading fixtures or a backup (raw saves) is not a user's change: no audit entries for it.
AUDITLOG_DISABLE_ON_RAW_SAVE = True
# The audit trail says who changed what, without becoming a second copy of personal data.
AUDITLOG_MASK_TRACKING_FIELDS = (
    "nik",
    "kk_number",
    "child_nik",
    "birth_date",
    "address",
    "phone",
    "email",
    "complainant_name",
    "complainant_phone",
    "complainant_email",
    "complainant_address",
    "password",
)
AUDITLOG_EXCLUDE_TRACKING_MODELS = (
    "sessions",
    "admin",
    "contenttypes",
    "auditlog",
    "axes",
    "django_tasks_db",
    "otp_totp",
    "otp_static",
    "core.accesslog",
)

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
# Locked: this username from this address. Separately, one user's failures would lock every
# colleague behind the same address (an office's NAT, the proxy).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "sigap.core.client_ip.client_ip"
AXES_USERNAME_CALLABLE = "sigap.core.client_ip.login_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# TOTP second factor: mandatory for the head of office and administrators (accounts.two_factor).
SIGAP_ENFORCE_2FA = env_bool("SIGAP_ENFORCE_2FA", True)
# Under DEBUG, Django's debug pages for a missing page or a crash only when asked for:
# otherwise `make run` shows the site's own Indonesian 404 and 500 pages.
SIGAP_DEBUG_PAGES = env_bool("SIGAP_DEBUG_PAGES", False)
OTP_TOTP_ISSUER = "Sigap"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every page satisfies this policy: no inline script, no CDN (see README, "Security").
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 50

# Proxies whose X-Forwarded-For is believed (addresses or networks, e.g. "127.0.0.1"); empty:
# the client is REMOTE_ADDR. Lockouts and rate limits count by this address (core.client_ip).
SIGAP_TRUSTED_PROXIES = env_list("SIGAP_TRUSTED_PROXIES", [])
# Public lookups by code (/track/, /verify/, complaints): per address, and misses of everyone.
SIGAP_LOOKUP_RATE_PER_ADDRESS = env_int("SIGAP_LOOKUP_RATE_PER_ADDRESS", 30)
SIGAP_LOOKUP_MISSES_OVERALL = env_int("SIGAP_LOOKUP_MISSES_OVERALL", 500)
SIGAP_LOOKUP_RATE_WINDOW = env_int("SIGAP_LOOKUP_RATE_WINDOW", 300)
# Largest request body (all files of a form together); views may allow more (core.limits).
SIGAP_REQUEST_MAX_BYTES = env_int("SIGAP_REQUEST_MAX_BYTES", 40 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "sigap.core.limits.CountingUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
