"""Staff menu entries of the reports: the dashboard and the service pledge."""

from django.utils.translation import gettext_lazy as _

from sigap.accounts.roles import Role
from sigap.core.menu import MenuItem

ITEMS = [
    MenuItem(
        label=_("Dashboard"),
        url_name="reports:dashboard",
        roles=frozenset({Role.HEAD_OF_OFFICE, Role.HEAD_OF_DIVISION}),
        order=90,
    ),
    MenuItem(
        label=_("Service pledge"),
        url_name="reports:pledge_edit",
        roles=frozenset({Role.HEAD_OF_OFFICE}),
        order=91,
    ),
]
