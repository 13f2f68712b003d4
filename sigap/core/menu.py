"""The staff menu, collected from each app's optional `navigation.py`.

An app's `navigation.py` defines `ITEMS = [MenuItem(...)]`; an item shows to users holding one of
its roles (all staff when `roles` is empty) and, when it names a `service` (the extension key of
a standard, e.g. "childcare"), only where the user's office takes part in that service.
"""

from dataclasses import dataclass, field
from functools import cache
from importlib import import_module

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    roles: frozenset[str] = field(default_factory=frozenset)
    order: int = 100
    # The extension key of the standards the page serves; empty: every office.
    service: str = ""


@cache
def _all_items() -> tuple[MenuItem, ...]:
    items: list[MenuItem] = []
    for app in settings.SIGAP_APPS:
        try:
            module = import_module(f"{app}.navigation")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.navigation":
                raise
            continue
        items.extend(module.ITEMS)
    return tuple(sorted(items, key=lambda item: item.order))


def services_for(request: HttpRequest) -> frozenset[str] | None:
    """The services the user's office takes part in (None: all, a superuser); once a request."""
    if not hasattr(request, "_sigap_services"):
        from sigap.standards.selectors import services_run_by

        user = request.user
        request._sigap_services = (
            None if user.is_superuser else services_run_by(getattr(user, "office", None))
        )
    return request._sigap_services


def staff_menu(request: HttpRequest) -> list[dict]:
    user = request.user
    menu = []
    for item in _all_items():
        if item.roles and not (user.is_superuser or user.roles & item.roles):
            continue
        if item.service:
            services = services_for(request)
            if services is not None and item.service not in services:
                continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        menu.append({"label": item.label, "url": url, "active": request.path.startswith(url)})
    return menu
