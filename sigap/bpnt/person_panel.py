"""The BPNT section of a person's registry page: which of the seed's four conditions are met
this budget year, the person's problem tickets, and a link to the BPNT person page."""

import datetime

from sigap.bpnt import selectors
from sigap.core.access import has_role
from sigap.registry.person_page import PersonPanel


def _context(user, person) -> dict | None:
    from sigap.bpnt.views import BPNT_ROLES

    office = getattr(user, "office", None)
    if office is None:
        return None
    year = datetime.date.today().year
    criteria = selectors.bpnt_eligibility(person, office=office, year=year)
    works_bpnt = user.is_superuser or has_role(user, *BPNT_ROLES)
    tickets = selectors.tickets_for_user(user).filter(person=person)[:50] if works_bpnt else []
    return {
        "year": year,
        "criteria": criteria,
        "eligible": selectors.is_eligible(criteria),
        "person": person,
        "link": works_bpnt,
        "tickets": tickets,
    }


PANEL = PersonPanel(key="bpnt", template="bpnt/_registry_panel.html", context=_context)
