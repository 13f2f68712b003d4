"""The staff menu, collected from each app's optional `navigation.py`.

An app's `navigation.py` defines `ITEMS = [MenuItem(...)]`; an item shows to users holding one of
its roles (all staff when `roles` is empty).
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


def staff_menu(request: HttpRequest) -> list[dict]:
    user = request.user
    menu = []
    for item in _all_items():
        if item.roles and not (user.is_superuser or user.roles & item.roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        menu.append({"label": item.label, "url": url, "active": request.path.startswith(url)})
    return menu
