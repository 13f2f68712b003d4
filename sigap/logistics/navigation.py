"""Staff menu entries of emergency logistics."""

from django.utils.translation import gettext_lazy as _

from sigap.core.menu import MenuItem
from sigap.logistics.views.common import LOGISTICS_ROLES, STOCK_VIEW_ROLES

ITEMS = [
    MenuItem(
        label=_("Emergency logistics"),
        url_name="logistics:dashboard",
        roles=frozenset(LOGISTICS_ROLES),
        order=40,
        service="logistics",
    ),
    MenuItem(
        label=_("Warehouse stock"),
        url_name="logistics:stock",
        roles=frozenset(STOCK_VIEW_ROLES),
        order=41,
        service="logistics",
    ),
]
