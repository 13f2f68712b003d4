"""Keeping bots and floods off the public complaint form without a third-party captcha.

Three layers: a honeypot field people never see, a minimum fill time proven by a signed
timestamp issued with the form, and a per-IP rate limit in Django's cache. The rate limit is
shared by every process only when the cache is (database or Redis cache in production; the
default local-memory cache counts per process).
"""

import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

_SALT = "sigap.complaints.form-started"
MIN_FILL_SECONDS = getattr(settings, "SIGAP_COMPLAINT_MIN_FILL_SECONDS", 3)
MAX_FILL_SECONDS = 2 * 60 * 60
RATE_LIMIT = getattr(settings, "SIGAP_COMPLAINT_RATE_LIMIT", 5)  # submissions per window per IP
RATE_WINDOW_SECONDS = getattr(settings, "SIGAP_COMPLAINT_RATE_WINDOW", 600)


def form_started_token() -> str:
    return signing.dumps(time.time(), salt=_SALT)


def filled_like_a_person(token: str, *, now: float | None = None) -> bool:
    """True when the form was issued by us between MIN and MAX seconds ago."""
    try:
        started = float(signing.loads(token, salt=_SALT, max_age=MAX_FILL_SECONDS))
    except (signing.BadSignature, TypeError, ValueError):
        return False
    return (now or time.time()) - started >= MIN_FILL_SECONDS


def client_key(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a proxy rewrites it.
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_limited(request: HttpRequest, scope: str) -> bool:
    """Counts this attempt; True once the IP has used up its attempts in the window."""
    key = f"sigap:rl:{scope}:{client_key(request)}"
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS)
        count = 1
    return count > RATE_LIMIT
