"""Production: PostgreSQL, Redis-backed tasks, HTTPS behind a proxy; values from the environment."""

from sigap.core.request_id import json_logging
from sigap.env import env_bool, env_int, env_str

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")  # no default: refuse to start without one
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Off only where no TLS is in front (the stack test on the loopback).
SESSION_COOKIE_SECURE = env_bool("SIGAP_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Production sends real mail: SMTP unless another backend is named explicitly.
MAILERS = {
    "default": {
        "BACKEND": env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
        "OPTIONS": EMAIL_OPTIONS,  # noqa: F405
    }
}
STORAGES["staticfiles"] = {"BACKEND": "sigap.core.staticfiles.StaticFilesStorage"}  # noqa: F405
# The process manager probes over plain HTTP on the loopback (HealthMiddleware answers first).
SECURE_REDIRECT_EXEMPT = [r"^health/"]

# One JSON object per line on stderr (journald or any collector reads it), each with the id of
# the request it belongs to (sigap.core.request_id), so the proxy's log and ours can be joined.
LOGGING = json_logging(level=env_str("LOG_LEVEL", "INFO"))
