"""The complaints entry of the staff menu."""

from django.utils.translation import gettext_lazy as _

from sigap.complaints.access import READ_ROLES
from sigap.core.menu import MenuItem

ITEMS = [
    MenuItem(label=_("Complaints"), url_name="complaints:staff_list", roles=READ_ROLES, order=60)
]
