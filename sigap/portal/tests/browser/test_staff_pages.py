"""The staff side in Chromium: logging in through the login page, and the main staff pages at
phone and desktop width (screenshots in test-artifacts/staff-*), none scrolling sideways."""

import pytest

from sigap.accounts.roles import Role
from sigap.applications.services import request_create
from sigap.applications.tests import factories
from sigap.conftest import screenshot
from sigap.portal.tests.browser.conftest import DESKTOP, PHONE, log_in_as, wide_elements

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_clerk_logs_in_through_the_login_page(page, cast):
    user = cast.user("tarakan", Role.FRONT_OFFICE)
    response = page.goto(page.base_url + "/staff/")
    assert "/staff/login/" in page.url, (response.status, response.request.redirected_from)
    page.get_by_label("Nama pengguna atau NIP").fill(user.username)
    page.locator("input[name=password]").fill("wrong-password")
    page.get_by_role("button", name="Masuk").click()
    assert page.locator(".error-summary").is_visible()
    page.locator("input[name=password]").fill("x-test-password-1")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/staff/")
    assert page.get_by_role("button", name="Keluar").is_visible()  # logged in
    assert page.get_by_role("navigation").get_by_role("link", name="Antrean kerja").is_visible()


@pytest.mark.parametrize(
    ("office", "role", "paths"),
    [
        (
            "tarakan",
            Role.FRONT_OFFICE,
            ["/staff/", "/staff/queue/", "/staff/requests/", "/staff/requests/{code}/"],
        ),
        ("tarakan", Role.HEAD_OF_OFFICE, ["/staff/dashboard/", "/staff/agenda/"]),
        ("banten", Role.WAREHOUSE_OFFICER, ["/staff/logistics/", "/staff/logistics/stock/"]),
        ("banten", Role.HEAD_OF_DIVISION, ["/staff/children/"]),
        ("sragen", Role.SOCIAL_COMPANION, ["/staff/bpnt/tickets/"]),
        ("sragen", Role.COMPLAINTS_OFFICER, ["/staff/complaints/"]),
    ],
)
def test_the_main_staff_pages_fit_a_phone_and_a_desktop(page, catalogue, cast, office, role, paths):
    user = cast.user(office, role)
    code = ""
    if office == "tarakan":
        standard = catalogue["tarakan-sembako"]
        code = request_create(
            standard=standard,
            product_code="kks-new",
            person=factories.person(),
            user=cast.user("tarakan", Role.FRONT_OFFICE),
            uploads=factories.files_for(standard, "kks-new"),
        ).code
    log_in_as(page, user)
    too_wide = {}
    for path in paths:
        response = page.goto(page.base_url + path.format(code=code))
        assert response.ok, f"{path}: {response.status}"
        name = path.strip("/").replace("/", "-").replace("{code}", "request")
        for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(size)
            if wide := wide_elements(page):
                too_wide[f"{path} ({label})"] = wide
            screenshot(page, f"{name}-{label}")
        page.set_viewport_size(PHONE)
    assert not too_wide
