"""Browser checks of a standard's page: phone layout, print button, PDF link, no CSP errors."""

import pytest

from sigap.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_standard_reads_on_a_phone_and_prints(catalogue, page):
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(page.base_url + "/services/tarakan-sembako/")
    # Phone width: the two-part table stacks, nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    row = page.locator("#component-time_limit td").last
    assert "30 menit" in row.inner_text()
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="Cetak").click()
    assert page.evaluate("window.__printed === true")
    assert not [e for e in errors if "Content Security Policy" in e]
    screenshot(page, "standard-tarakan-sembako-phone")
    response = page.request.get(page.base_url + "/services/tarakan-sembako/pdf")
    assert response.ok and response.body().startswith(b"%PDF")
