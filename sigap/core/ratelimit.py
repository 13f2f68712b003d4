"""Rate limits on public lookups by code (tracking codes, document tokens, complaint codes).

A guessed code is worth something only if guessing is cheap, so each lookup space counts twice
in the shared cache: every lookup per client address, and the misses of everyone together (a
guess spread over many addresses still runs out). Counting is fixed-window per key; the cache
must be shared by the web processes (database or Redis in production) for the limit to hold
across them.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sigap.core.client_ip import client_ip

MSG_TOO_MANY_LOOKUPS = _(
    "Too many lookups in a short time. Please wait a few minutes and try again."
)


@dataclass(frozen=True)
class LookupLimit:
    per_address: int
    misses_overall: int
    window_seconds: int


def lookup_limit() -> LookupLimit:
    return LookupLimit(
        per_address=settings.SIGAP_LOOKUP_RATE_PER_ADDRESS,
        misses_overall=settings.SIGAP_LOOKUP_MISSES_OVERALL,
        window_seconds=settings.SIGAP_LOOKUP_RATE_WINDOW,
    )


def _count(key: str, window: int) -> int:
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def lookup_refused(request: HttpRequest, space: str) -> bool:
    """Counts this lookup; True when the address, or the whole space, has used up its window.

    `space` names the codes looked up ("track", "verify", "complaint"), shared by the page and
    the API so switching between them gains nothing.
    """
    limit = lookup_limit()
    if (cache.get(f"sigap:rl:miss:{space}") or 0) >= limit.misses_overall:
        return True
    return _count(f"sigap:rl:lookup:{space}:{client_ip(request)}", limit.window_seconds) > (
        limit.per_address
    )


def lookup_missed(space: str) -> None:
    """Records a lookup that found nothing (counted for all addresses together)."""
    _count(f"sigap:rl:miss:{space}", lookup_limit().window_seconds)


class LookupRefused(Exception):
    """Raised by `lookup_guard`; the API answers 429 with MSG_TOO_MANY_LOOKUPS."""


def lookup_guard(request: HttpRequest, space: str) -> None:
    """`lookup_refused` for code that raises (API operations)."""
    if lookup_refused(request, space):
        raise LookupRefused(space)
