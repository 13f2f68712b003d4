"""Seed 001 (Tarakan, Sembako certificate letters) end to end in Chromium: the citizen applies
online, the front office, back office, section head and head of office act on the request page,
the letter is issued as a PDF and the public tracking page says it is done."""

import pytest

from sigap.accounts.roles import Role
from sigap.conftest import screenshot
from sigap.portal.tests.browser.conftest import assert_pdf, log_in_as
from sigap.portal.tests.browser.flows import act, apply_online, assert_no_error

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANALYSIS = {
    "aid_type": "Sembako",
    "problem": "KKS hilang",
    "analysis": "Kartu hilang saat pindah rumah; saldo masih ada",
    "solution": "Penerbitan KKS baru melalui bank penyalur",
    "kks_number": "6013011234567890",
    "siks_ng_updated": "on",
    "kpm_educated": "on",
}


def test_a_citizen_applies_online_and_staff_issue_the_letter(page, catalogue, cast):
    csp_errors: list[str] = []
    page.on("console", lambda m: csp_errors.append(m.text) if m.type == "error" else None)
    code = apply_online(page, "tarakan-sembako", "Penerbitan KKS")
    screenshot(page, "sembako-apply-done-phone")
    assert_pdf(page, "/apply/tarakan-sembako/receipt/")

    request_url = f"{page.base_url}/staff/requests/{code}/"
    staff = lambda role: cast.user("tarakan", role)  # noqa: E731
    for role, fields, checks in [
        (Role.FRONT_OFFICE, {}, ""),  # receive
        (Role.FRONT_OFFICE, {}, "complete"),  # check
        (Role.BACK_OFFICE, ANALYSIS, ""),  # analyse, SIKS-NG updated, KPM educated
        (Role.SECTION_HEAD, {}, ""),  # initial
        (Role.HEAD_OF_OFFICE, {}, ""),  # sign
        (Role.FRONT_OFFICE, {}, ""),  # register in the agenda
        (Role.FRONT_OFFICE, {"received_by": "Nur Aisyah"}, ""),  # hand over
    ]:
        log_in_as(page, staff(role))
        page.goto(request_url)
        act(page, fields, checks=checks)
        assert_no_error(page)
    assert page.locator(".badge-ok").first.inner_text() == "Selesai"
    screenshot(page, "sembako-staff-request-done-phone")
    letter = page.locator("a[href*='/staff/documents/']", has_text="Penerbitan KKS").first
    assert_pdf(page, letter.get_attribute("href"))

    page.context.clear_cookies()
    page.goto(f"{page.base_url}/track/")
    page.get_by_label("nomor").fill(code)
    page.get_by_role("button").last.click()
    assert page.locator("h1").inner_text() == code
    assert "Selesai" in page.locator(".badge").first.inner_text()
    screenshot(page, "sembako-track-done-phone")
    assert not [e for e in csp_errors if "Content Security Policy" in e]
