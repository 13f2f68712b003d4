"""Test settings: SQLite by default, PostgreSQL when TEST_DATABASE_URL is set."""

import tempfile
from pathlib import Path

import dj_database_url

from sigap.env import env_str

from .base import *  # noqa: F403

_url = env_str("TEST_DATABASE_URL", "")
if _url:
    DATABASES = {"default": dj_database_url.parse(_url)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="sigap-test-media-"))
SIGAP_SMS_BACKEND = "console"
AXES_ENABLED = True
# Tests log in with force_login; the 2FA tests switch enforcement on themselves.
SIGAP_ENFORCE_2FA = False
LANGUAGE_CODE = "id"
DEBUG = False
# Tests start with no service standard; the `catalogue` fixture loads the five seed files.
SIGAP_STANDARDS_LOAD_ON_MIGRATE = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
