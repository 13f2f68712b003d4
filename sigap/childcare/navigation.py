"""Staff menu entries of child cases."""

from django.utils.translation import gettext_lazy as _

from sigap.accounts.roles import Role
from sigap.core.menu import MenuItem

ITEMS = [
    MenuItem(
        label=_("Children"),
        url_name="childcare:list",
        roles=frozenset(
            {
                Role.SOCIAL_WORKER,
                Role.CHILD_COMPANION,
                Role.HEAD_OF_DIVISION,
                Role.HEAD_OF_OFFICE,
                Role.FRONT_OFFICE,
                Role.AUDITOR,
            }
        ),
        order=50,
        service="childcare",
    ),
]
