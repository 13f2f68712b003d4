"""The staff side in Chromium: logging in through the login page, and the main staff pages at
phone and desktop width (screenshots in test-artifacts/staff-*), none scrolling sideways, none
with a serious or critical axe-core violation; the menu folds under a button on a phone."""

import pytest

from sigap.accounts.roles import Role
from sigap.applications.services import request_create
from sigap.applications.tests import factories
from sigap.conftest import screenshot
from sigap.portal.tests.browser.conftest import (
    DESKTOP,
    PHONE,
    axe_violations,
    describe,
    log_in_as,
    wide_elements,
)

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
    if page.get_by_role("button", name="Menu").is_visible():  # a phone: the menu is folded
        page.get_by_role("button", name="Menu").click()
    assert page.get_by_role("navigation").get_by_role("link", name="Antrean kerja").is_visible()


@pytest.mark.parametrize(
    ("office", "role", "paths"),
    [
        (
            "tarakan",
            Role.FRONT_OFFICE,
            ["/staff/", "/staff/queue/", "/staff/requests/", "/staff/requests/{code}/"],
        ),
        ("tarakan", Role.HEAD_OF_OFFICE, ["/staff/dashboard/", "/staff/agenda/", "/staff/skm/"]),
        ("banten", Role.WAREHOUSE_OFFICER, ["/staff/logistics/", "/staff/logistics/stock/"]),
        ("banten", Role.HEAD_OF_DIVISION, ["/staff/children/"]),
        ("sragen", Role.SOCIAL_COMPANION, ["/staff/bpnt/tickets/"]),
        ("sragen", Role.COMPLAINTS_OFFICER, ["/staff/complaints/"]),
    ],
)
def test_the_main_staff_pages_fit_a_phone_and_a_desktop(
    audit_page, catalogue, cast, office, role, paths
):
    page = audit_page  # axe-core runs in it (its context lets the audit script in)
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
    too_wide, inaccessible = {}, {}
    for path in paths:
        response = page.goto(page.base_url + path.format(code=code))
        assert response.ok, f"{path}: {response.status}"
        assert page.locator("main#main").count() == 1, path
        name = path.strip("/").replace("/", "-").replace("{code}", "request")
        if violations := axe_violations(page):
            inaccessible[path] = describe(violations)
        for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(size)
            if wide := wide_elements(page):
                too_wide[f"{path} ({label})"] = wide
            screenshot(page, f"{name}-{label}")
        page.set_viewport_size(PHONE)
    assert not too_wide
    assert not inaccessible, "\n".join(f"{p}:\n{v}" for p, v in inaccessible.items())


def test_on_a_phone_the_staff_menu_folds_under_a_button(page, cast):
    log_in_as(page, cast.user("tarakan", Role.HEAD_OF_OFFICE))
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + "/staff/dashboard/")
    toggle = page.get_by_role("button", name="Menu")
    menu_link = page.get_by_role("navigation").get_by_role("link", name="Dasbor")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not menu_link.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and menu_link.is_visible()
    assert not wide_elements(page)  # a list of entries, not a strip scrolling sideways
    screenshot(page, "staff-menu-open-phone")
    page.set_viewport_size(DESKTOP)
    assert not toggle.is_visible() and menu_link.is_visible()
