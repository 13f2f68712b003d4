"""axe-core on every public page, in Indonesian: no serious or critical WCAG violation, and
nothing scrolls sideways.

Each page is also kept as a screenshot at phone and desktop width (test-artifacts/a11y-*).
"""

import pytest

from sigap.accounts.roles import Role
from sigap.applications.services import request_create
from sigap.applications.tests import factories
from sigap.conftest import screenshot
from sigap.documents.selectors import documents_for_subject
from sigap.portal.tests.browser.conftest import (
    DESKTOP,
    PHONE,
    axe_violations,
    describe,
    wide_elements,
)
from sigap.portal.tests.browser.flows import apply_online

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _audit(page, name: str, found: dict[str, str]) -> None:
    """Audits the page as it is now at phone width (where most citizens read it), then keeps a
    screenshot at phone and at desktop width."""
    page.set_viewport_size(PHONE)
    if violations := axe_violations(page):
        found[f"{name} {page.url}"] = describe(violations)
    if wide := wide_elements(page):
        found[f"{name} {page.url}"] = f"scrolls sideways on a phone: {wide}"
    screenshot(page, f"a11y-{name}-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, f"a11y-{name}-desktop")
    page.set_viewport_size(PHONE)


def _tracked_request(catalogue, cast):
    standard = catalogue["tarakan-sembako"]
    return request_create(
        standard=standard,
        product_code="kks-new",
        person=factories.person(),
        user=cast.user("tarakan", Role.FRONT_OFFICE),
        uploads=factories.files_for(standard, "kks-new"),
    )


def test_public_pages_have_no_serious_accessibility_violations(audit_page, catalogue, cast):
    page, base = audit_page, audit_page.base_url
    request = _tracked_request(catalogue, cast)
    receipt = documents_for_subject(request).first()
    found: dict[str, str] = {}
    for name, path in [
        ("home", "/"),
        ("catalogue", "/services/"),
        ("standard", "/services/tarakan-sembako/"),
        ("office", "/offices/tarakan/"),
        ("track-form", "/track/"),
        ("track", f"/track/{request.code}"),
        ("complaint", "/complaints/new/"),
        ("survey", "/survey/tarakan-sembako/"),
        ("skm-results", "/skm/tarakan/"),
        ("verify", f"/verify/{receipt.token}"),
        ("report-card", "/report-card/tarakan/"),
        ("pledge", "/pledge/tarakan/"),
        ("login", "/staff/login/"),
    ]:
        response = page.goto(base + path)
        assert response.ok, f"{path}: {response.status}"
        assert page.locator("html").get_attribute("lang") == "id"
        _audit(page, name, found)
    assert not found, "\n\n".join(f"{page_name}\n{text}" for page_name, text in found.items())


def test_the_apply_wizard_has_no_serious_accessibility_violations(audit_page, catalogue):
    found: dict[str, str] = {}
    code = apply_online(
        audit_page,
        "tarakan-sembako",
        "Penerbitan KKS",
        on_page=lambda page, name: _audit(page, name, found),
    )
    assert len(code) == 10
    assert not found, "\n\n".join(f"{page_name}\n{text}" for page_name, text in found.items())
