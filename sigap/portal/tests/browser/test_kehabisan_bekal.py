"""Seed 002 (Sragen, cash help for stranded travellers) end to end in Chromium: the front office
files at the counter with the police letter, checks it, the back office pays in cash and hands
over, the kwitansi is a PDF and the public tracking page says it is done."""

import pytest

from sigap.accounts.roles import Role
from sigap.cashaid.tests.conftest import intake_data
from sigap.conftest import screenshot
from sigap.portal.tests.browser.conftest import assert_pdf, log_in_as
from sigap.portal.tests.browser.flows import act, assert_no_error, file_at_counter, track

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_front_office_files_and_the_back_office_pays_the_cash_help(page, catalogue, cast):
    log_in_as(page, cast.user("sragen", Role.FRONT_OFFICE))
    code = file_at_counter(
        page,
        "sragen-kehabisan-bekal",
        {"nik": "3314012003900321", "name": "Budi Santoso"},
        {**intake_data(), "police-letter": "surat-polisi.pdf"},
    )
    # The receipt for the applicant is the one document so far.
    documents = page.locator("a[href^='/staff/documents/'][href$='/download']")
    assert documents.count() == 1
    assert_pdf(page, documents.first.get_attribute("href"))
    for role, fields, checks in [
        (Role.FRONT_OFFICE, {}, ""),  # receive
        (Role.FRONT_OFFICE, {}, "complete"),  # check the police letter
        (Role.BACK_OFFICE, {"amount_paid": "150000"}, ""),  # pay in cash
        (Role.BACK_OFFICE, {"received_by": "Budi Santoso"}, ""),  # hand over
    ]:
        log_in_as(page, cast.user("sragen", role))
        page.goto(f"{page.base_url}/staff/requests/{code}/")
        act(page, fields, checks=checks)
        assert_no_error(page)
    assert page.locator(".badge-ok").first.inner_text() == "Selesai"
    assert "SKET/123/XI/2026/Polres Sragen" in page.locator("main").inner_text()
    screenshot(page, "kehabisan-bekal-staff-done-phone")
    kwitansi = documents.filter(has_text="Kwitansi bantuan kehabisan bekal")
    assert_pdf(page, kwitansi.get_attribute("href"))
    assert track(page, code) == "Selesai"
