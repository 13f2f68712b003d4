"""Staff menu entries of requests."""

from django.utils.translation import gettext_lazy as _

from sigap.accounts.roles import Role
from sigap.core.menu import MenuItem

ITEMS = [
    MenuItem(label=_("Work queue"), url_name="applications:queue", order=10),
    MenuItem(label=_("Requests"), url_name="applications:list", order=11),
    MenuItem(
        label=_("New request"),
        url_name="applications:new",
        roles=frozenset({Role.FRONT_OFFICE, Role.CUSTOMER_SERVICE}),
        order=12,
    ),
]
