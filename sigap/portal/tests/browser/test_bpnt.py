"""Seed 004 (Sragen, BPNT/Sembako) end to end in Chromium at phone width, with the officers the
seed names: Customer Service (the complaint officer) records a KKS problem, the social companion
takes it up and resolves it with a recommendation to PT Pos, which is only a draft: the Kepala
Bidang initials it, the Kepala Dinas reads the draft and signs, and only then is the letter
numbered and issued with the Kepala Dinas's signature block.

BPNT tickets have no public tracking page (the companion reports back to the KPM in person);
the ticket page's status stands in for it."""

import io

import pytest
from pypdf import PdfReader

from sigap.accounts.roles import Role
from sigap.bpnt.models import LetterDraft, LetterStatus, ProblemTicket, TicketStatus
from sigap.bpnt.tests.conftest import make_kpm
from sigap.conftest import screenshot
from sigap.portal.tests.browser.conftest import assert_pdf, log_in_as, wide_elements
from sigap.portal.tests.browser.flows import fill, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_a_kks_problem_ends_in_a_recommendation_signed_by_the_kepala_dinas(page, cast):
    sragen = cast.office("sragen")
    kpm = make_kpm(sragen, "3314010101800001", "33.14.01.2001")
    companion = cast.user("sragen", Role.SOCIAL_COMPANION)
    kabid = cast.user("sragen", Role.HEAD_OF_DIVISION)
    kadis = cast.user("sragen", Role.HEAD_OF_OFFICE)

    log_in_as(page, cast.user("sragen", Role.CUSTOMER_SERVICE))
    page.goto(f"{page.base_url}/staff/bpnt/tickets/new")
    fill(
        page,
        {
            # Spaced as on the KTP: the identity rules take it.
            "nik": "3314 0101 0180 0001",
            "kind": "kks_lost",
            "reporter": "beneficiary",
            "description": "Kartu KKS hilang saat di pasar.",
            "assigned_to": str(companion.pk),
        },
    )
    submit(page)
    ticket = ProblemTicket.objects.get()
    assert ticket.person == kpm

    log_in_as(page, companion)
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
    assert ticket.status == TicketStatus.AWAITING_LETTER and not ticket.document_number
    letter = LetterDraft.objects.get()

    log_in_as(page, kabid)
    page.goto(f"{page.base_url}/staff/bpnt/letters/")
    page.locator(f"a[href$='/letters/{letter.pk}/']").first.click()
    page.wait_for_load_state()
    assert "Perihal" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Paraf untuk Kepala Dinas").click()
    letter.refresh_from_db()
    assert letter.status == LetterStatus.INITIALLED and not letter.document_number

    log_in_as(page, kadis)
    page.goto(f"{page.base_url}/staff/bpnt/letters/{letter.pk}/")
    draft = page.locator(f"a[href$='/letters/{letter.pk}/draft.pdf']").get_attribute("href")
    assert "DRAF" in _text(assert_pdf(page, draft))
    screenshot(page, "bpnt-letter-to-sign-phone")
    assert not wide_elements(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Setujui dan tandatangani").click()
    letter.refresh_from_db()
    ticket.refresh_from_db()
    assert letter.status == LetterStatus.SIGNED and ticket.status == TicketStatus.RESOLVED

    page.goto(detail)
    screenshot(page, "bpnt-ticket-resolved-phone")
    link = page.locator(f"a[href$='/tickets/{ticket.pk}/letter.pdf']")
    text = _text(assert_pdf(page, link.get_attribute("href")))
    assert ticket.document_number in text
    assert kadis.display_name in text and kadis.nip in text.replace(" ", "")
    assert kabid.display_name in text  # the paraf
