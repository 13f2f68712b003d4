"""The SKM entry of the staff menu."""

from django.utils.translation import gettext_lazy as _

from sigap.core.menu import MenuItem
from sigap.surveys.access import SKM_READ_ROLES

ITEMS = [
    MenuItem(
        label=_("Satisfaction survey (SKM)"),
        url_name="surveys:staff_report",
        roles=frozenset(SKM_READ_ROLES),
        order=70,
    )
]
