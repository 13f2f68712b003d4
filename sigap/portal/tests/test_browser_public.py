"""Browser checks of the public pages: they render with their assets under the CSP."""

import pytest

from sigap.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_home_loads_styles_and_scripts_without_csp_violations(page):
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if msg.type == "error" else None)
    page.goto(page.base_url + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    # The stylesheet applied: the header has the brand colour, not the browser default.
    colour = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(11, 79, 108)"
    assert page.evaluate("typeof window.htmx") == "object"
    assert not [v for v in violations if "Content Security Policy" in v]
    screenshot(page, "public-home-phone")


def test_language_switch_shows_english(page):
    page.goto(page.base_url + "/")
    page.get_by_role("button", name="EN", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
