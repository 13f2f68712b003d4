"""Staff menu entry of the register of data subject requests."""

from django.utils.translation import gettext_lazy as _

from sigap.core.menu import MenuItem
from sigap.privacy.access import REGISTER_ROLES

ITEMS = [
    MenuItem(
        label=_("Personal data"),
        url_name="privacy:register",
        roles=frozenset(REGISTER_ROLES),
        order=90,
    ),
]
