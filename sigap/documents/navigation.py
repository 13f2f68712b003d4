"""Staff menu entries of the documents app."""

from django.utils.translation import gettext_lazy as _

from sigap.core.menu import MenuItem
from sigap.documents.access import AGENDA_ROLES, TEMPLATE_EDITORS

ITEMS = [
    MenuItem(
        label=_("Outgoing-mail agenda"),
        url_name="documents:agenda",
        roles=frozenset(AGENDA_ROLES),
        order=60,
    ),
    MenuItem(
        label=_("Document templates"),
        url_name="documents:template_list",
        roles=frozenset(TEMPLATE_EDITORS),
        order=90,
    ),
]
