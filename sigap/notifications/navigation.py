"""Staff menu entry of the notifications outbox (administrators only)."""

from django.utils.translation import gettext_lazy as _

from sigap.core.menu import MenuItem
from sigap.notifications.access import OUTBOX_ROLES

ITEMS = [
    MenuItem(
        label=_("Notifications"),
        url_name="notifications:outbox",
        roles=frozenset(OUTBOX_ROLES),
        order=95,
    ),
]
