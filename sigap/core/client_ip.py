"""The client's address: REMOTE_ADDR, or the proxy's X-Forwarded-For only from a trusted proxy.

Behind nginx every client arrives from the proxy's address, so lockouts and rate limits keyed
on REMOTE_ADDR would treat the whole public as one client. The header is set by whoever sends
the request, though, so it is believed only when the request comes from an address listed in
SIGAP_TRUSTED_PROXIES; then the client is the right-most address in it that is not itself a
trusted proxy (what the last trusted hop saw).
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry)


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The address lockouts and rate limits count by (also django-axes' AXES_CLIENT_IP_CALLABLE)."""
    # Without a readable REMOTE_ADDR (a test client's force_login, a unix socket) the client is
    # the unspecified address: django-axes stores it in an address column, so "unknown" is no good.
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "") or "0.0.0.0"  # noqa: S104
    networks = _networks(tuple(getattr(settings, "SIGAP_TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed(forwarded.split(",")):
        address = _valid(hop)
        if address is None:
            # A hop we cannot read: stop believing the header past it.
            break
        if not _is_trusted(address, networks):
            return address
    return remote


def login_username(request: HttpRequest, credentials: dict | None) -> str:
    """The username django-axes records (AXES_USERNAME_CALLABLE): as typed, cut to the
    field's length, so a 100 KB "username" is a failed login, not a failed INSERT."""
    if credentials:
        username = credentials.get("username") or ""
    else:
        username = request.POST.get("username", "") if request is not None else ""
    return str(username)[:150]
