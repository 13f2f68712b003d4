"""The registry entries of the staff menu."""

from django.utils.translation import gettext_lazy as _

from sigap.core.menu import MenuItem
from sigap.registry.selectors import IMPORT_ROLES, REGISTRY_ROLES

ITEMS = [
    MenuItem(label=_("Registry"), url_name="registry:search", roles=REGISTRY_ROLES, order=40),
    MenuItem(label=_("Imports"), url_name="registry:imports", roles=IMPORT_ROLES, order=41),
]
