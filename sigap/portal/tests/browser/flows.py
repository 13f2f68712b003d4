"""Steps the end-to-end tests share: the citizen's online application, a staff member's action."""

from collections.abc import Callable

from sigap.applications.tests.factories import PDF_BYTES

NIK = "6571015205850555"


def pdf(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}


def apply_online(
    page, service: str, product: str, *, name: str = "Nur Aisyah", on_page: Callable | None = None
) -> str:
    """Walks the public wizard of `service` to the confirmation; returns the reference number.

    `on_page(page, name)` runs on every page of the wizard (the accessibility audit uses it).
    """
    seen = on_page or (lambda page, name: None)
    page.goto(f"{page.base_url}/apply/{service}/")
    seen(page, "apply-start")
    page.get_by_role("button", name="Mulai sekarang").click()
    seen(page, "apply-product")
    page.get_by_label(product).check()
    page.get_by_role("button", name="Lanjutkan").click()
    # A wrong NIK first: the error summary is shown and names the field.
    page.get_by_label("NIK").fill("12345")
    page.get_by_role("button", name="Lanjutkan").click()
    assert page.locator(".error-summary").is_visible()
    seen(page, "apply-nik-error")
    page.get_by_label("NIK").fill(NIK)
    page.get_by_role("button", name="Lanjutkan").click()
    seen(page, "apply-name")
    page.get_by_label("nama lengkap").fill(name)
    page.get_by_role("button", name="Lanjutkan").click()
    seen(page, "apply-contact")
    page.get_by_label("Nomor HP").fill("081200001111")
    page.get_by_role("button", name="Lanjutkan").click()
    seen(page, "apply-documents")
    for box in page.locator("input[type=file]").all():
        box.set_input_files(pdf(f"{box.get_attribute('name')}.pdf"))
    page.get_by_role("button", name="Lanjutkan").click()
    seen(page, "apply-check")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Setuju dan kirim").click()
    seen(page, "apply-done")
    return page.locator(".panel-confirmation .stat").inner_text().strip()


def act(page, fields: dict[str, str] | None = None, *, checks: str = "") -> None:
    """Fills the action form of the request page (fields by name, without the `act-` prefix)
    and presses its button; `checks` sets every requirement finding of a check step."""
    form = page.locator("#action form")
    if checks:
        for finding in form.locator(f"input[type=radio][name$=__status][value={checks}]").all():
            finding.check()
    fill(
        page,
        {f"act-{name}": value for name, value in (fields or {}).items()},
        within="#action form",
    )
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def assert_no_error(page) -> None:
    """The last action was accepted: no error summary (its text is the failure message)."""
    summary = page.locator(".error-summary")
    assert not summary.count(), summary.inner_text()


def fill(page, fields: dict[str, str], *, within: str = "main form") -> None:
    """Fills form fields by name: text, select, radio (by value), checkbox or file."""
    form = page.locator(within)
    for name, value in fields.items():
        boxes = form.locator(f"[name='{name}']")
        kind = boxes.first.get_attribute("type") or boxes.first.evaluate("e => e.tagName")
        if kind == "radio":
            boxes.and_(page.locator(f"[value='{value}']")).check()
        elif kind == "checkbox":
            boxes.check()
        elif kind == "file":
            boxes.set_input_files(pdf(value))
        elif kind == "SELECT":
            boxes.select_option(value)
        else:
            boxes.fill(value)


def submit(page, within: str = "main form") -> None:
    with page.expect_navigation():
        page.locator(within).locator("button[type=submit]").last.click()
    assert_no_error(page)


def file_at_counter(page, service: str, applicant: dict, intake: dict) -> str:
    """The front office files a request at the counter: applicant, requirements (and the
    service's own fields), confirmation with the receipt. Returns the reference number."""
    page.goto(f"{page.base_url}/staff/requests/new/{service}/")
    fill(page, applicant)
    submit(page)
    fill(page, intake)
    submit(page)
    submit(page)  # confirm: submitted, the receipt is issued
    return page.url.rstrip("/").split("/")[-1]


def track(page, code: str) -> str:
    """The public tracking page of `code`, as an anonymous visitor: returns the status label."""
    page.context.clear_cookies()
    page.goto(f"{page.base_url}/track/")
    page.locator("input[name=code]").fill(code)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("h1").inner_text() == code
    return page.locator("dl.summary .badge").first.inner_text().strip()
