"""Seed 002 at Sragen's counter, at phone width: the NIK step warns at once that the person was
already helped, a form error keeps the uploaded police letter, and a second help for the same
incident gets no submit button."""

import pytest

from sigap.accounts.roles import Role
from sigap.cashaid.tests.conftest import intake_data
from sigap.conftest import screenshot
from sigap.portal.tests.browser.conftest import log_in_as
from sigap.portal.tests.browser.flows import file_at_counter, fill, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NIK = "3314012003900321"
SERVICE = "sragen-kehabisan-bekal"


def test_the_counter_warns_at_the_nik_keeps_the_letter_and_refuses_a_second_help(
    page, catalogue, cast
):
    log_in_as(page, cast.user("sragen", Role.FRONT_OFFICE))
    first = file_at_counter(
        page,
        SERVICE,
        {"nik": NIK, "name": "Budi Santoso"},
        {**intake_data(), "police-letter": "surat-polisi.pdf"},
    )

    # The NIK step: the warning comes as the NIK is typed, before anything else.
    page.goto(f"{page.base_url}/staff/requests/new/{SERVICE}/")
    page.locator("[name=nik]").fill(f"{NIK[:6]} {NIK[6:12]} {NIK[12:]}")
    page.locator("[name=nik]").press("Tab")  # the officer moves on: HTMX asks on change
    warning = page.locator("#nik-lookup .message-error")
    warning.wait_for()
    assert first in warning.inner_text()
    screenshot(page, "kehabisan-bekal-nik-warning-phone")
    page.locator("[name=name]").fill("Budi Santoso")
    submit(page)

    # A form error (amount too small) keeps the uploaded letter on the draft.
    fill(page, {**intake_data(amount="5"), "police-letter": "surat-polisi-kedua.pdf"})
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    assert page.locator(".error-summary").is_visible()
    assert "surat-polisi-kedua.pdf" in page.locator("main").inner_text()
    screenshot(page, "kehabisan-bekal-upload-kept-phone")
    fill(page, {"amount": "150000"})
    submit(page)

    # Same police letter: the check page says why and offers no submit button.
    main = page.locator("main")
    assert first in main.inner_text()
    assert main.locator("button[type=submit]").count() == 0
    screenshot(page, "kehabisan-bekal-refused-phone")
