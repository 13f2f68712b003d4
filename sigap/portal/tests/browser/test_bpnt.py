"""Seed 004 (Sragen, BPNT/Sembako) end to end in Chromium, on its main path for a beneficiary:
a KKS problem reported to the social companion becomes a ticket, the companion takes it up and
resolves it with a recommendation to PT Pos, and the recommendation letter is a PDF.

BPNT tickets have no public tracking page (the companion reports back to the KPM in person);
the ticket page's status stands in for it."""

import pytest

from sigap.accounts.roles import Role
from sigap.bpnt.models import ProblemTicket, TicketStatus
from sigap.bpnt.tests.conftest import make_kpm
from sigap.conftest import screenshot
from sigap.portal.tests.browser.conftest import assert_pdf, log_in_as
from sigap.portal.tests.browser.flows import fill, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_kks_problem_ends_in_a_recommendation_letter_to_pt_pos(page, cast):
    sragen = cast.office("sragen")
    kpm = make_kpm(sragen, "3314010101800001", "33.14.01.2001")
    companion = cast.user("sragen", Role.SOCIAL_COMPANION)
    log_in_as(page, companion)

    page.goto(f"{page.base_url}/staff/bpnt/tickets/new")
    fill(
        page,
        {
            "nik": kpm.nik,
            "kind": "kks_lost",
            "reporter": "beneficiary",
            "description": "Kartu KKS hilang saat di pasar.",
            "assigned_to": str(companion.pk),
        },
    )
    submit(page)
    ticket = ProblemTicket.objects.get()
    detail = f"{page.base_url}/staff/bpnt/tickets/{ticket.pk}/"
    page.goto(detail)
    submit(page, f"form[action$='/tickets/{ticket.pk}/start']")
    page.goto(detail)
    resolve = f"form[action$='/tickets/{ticket.pk}/resolve']"
    fill(
        page,
        {"resolution": "Diterbitkan rekomendasi penggantian kartu.", "recommendation": "pos"},
        within=resolve,
    )
    submit(page, resolve)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.RESOLVED
    page.goto(detail)
    screenshot(page, "bpnt-ticket-resolved-phone")
    letter = page.locator(f"a[href$='/tickets/{ticket.pk}/letter.pdf']")
    assert_pdf(page, letter.get_attribute("href"))
