"""Staff menu entries of BPNT."""

from django.utils.translation import gettext_lazy as _

from sigap.bpnt.views import BPNT_ROLES, TICKET_VIEW_ROLES
from sigap.bpnt.views_companions import AREA_VIEW_ROLES
from sigap.bpnt.views_letters import LETTER_ROLES
from sigap.core.menu import MenuItem

ITEMS = [
    MenuItem(
        label=_("BPNT problem tickets"),
        url_name="bpnt:ticket_list",
        roles=frozenset(TICKET_VIEW_ROLES),
        order=60,
        service="bpnt",
    ),
    MenuItem(
        label=_("BPNT distribution stages"),
        url_name="bpnt:stage_list",
        roles=frozenset(BPNT_ROLES),
        order=61,
        service="bpnt",
    ),
    MenuItem(
        label=_("BPNT monitoring visits"),
        url_name="bpnt:visit_list",
        roles=frozenset(BPNT_ROLES),
        order=62,
        service="bpnt",
    ),
    MenuItem(
        label=_("BPNT education sessions"),
        url_name="bpnt:session_list",
        roles=frozenset(BPNT_ROLES),
        order=63,
        service="bpnt",
    ),
    MenuItem(
        label=_("BPNT letters to approve"),
        url_name="bpnt:letter_list",
        roles=frozenset(LETTER_ROLES),
        order=65,
        service="bpnt",
    ),
    MenuItem(
        label=_("BPNT companion areas"),
        url_name="bpnt:area_list",
        roles=frozenset(AREA_VIEW_ROLES),
        order=64,
        service="bpnt",
    ),
]
