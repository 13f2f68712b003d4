"""Browser checks of the refusals a visitor can meet: a wrong tracking code, a body too large."""

import pytest

from sigap.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1366])
def test_a_wrong_code_typed_on_the_tracking_form_is_answered_on_the_form(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.base_url + "/track/")
    page.get_by_label("Nomor registrasi Anda").fill("zzzz zzzz zz")
    page.get_by_role("button", name="Lacak").click()
    page.wait_for_load_state()
    assert page.url.endswith("/track/ZZZZZZZZZZ")
    summary = page.locator(".error-summary")
    assert "Nomor tidak ditemukan" in summary.inner_text()
    assert page.get_by_label("Nomor registrasi Anda").input_value() == "ZZZZZZZZZZ"
    screenshot(page, f"track-not-found-{width}")
    page.get_by_label("Nomor registrasi Anda").fill("[]")
    page.get_by_role("button", name="Lacak").click()
    page.wait_for_load_state()
    assert "hanya huruf dan angka" in page.locator(".error-summary").inner_text()


def test_a_complaint_form_sent_too_large_gets_the_indonesian_page(page):
    page.goto(page.base_url + "/complaints/new/")
    # What a script (or a paste of a huge text) would send: far past the form's 64 KB.
    with page.expect_navigation():
        page.evaluate(
            """() => {
            const form = document.querySelector("main form[method=post]");
            const pad = document.createElement("textarea");
            pad.name = "body";
            pad.value = "x".repeat(200000);
            form.appendChild(pad);
            form.submit();
        }"""
        )
    assert "Terlalu besar" in page.locator("h1").inner_text()
    assert "paling besar" in page.locator(".error-summary").inner_text()
    colour = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(11, 79, 108)"
    screenshot(page, "too-large-phone")
