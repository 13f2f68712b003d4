"""Browser check: a clerk uploads an Excel SP2D list whose NIK column holds numbers, reads the
warning before anything is stored, and starts the import; at phone and desktop width."""

import pytest

from sigap.accounts.roles import Role
from sigap.conftest import screenshot
from sigap.portal.tests.browser.conftest import log_in_as, wide_elements
from sigap.regions.testing import load_test_regions
from sigap.registry.models import ImportBatch, ImportStatus, Person
from sigap.registry.tests import corpus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_clerk_is_warned_of_numeric_nik_cells_then_imports(page, cast, tmp_path):
    load_test_regions(("33.14",))
    log_in_as(page, cast.user("sragen", Role.BACK_OFFICE))
    path, _expect = corpus.write_sp2d_numeric_xlsx(tmp_path)
    page.goto(page.base_url + "/staff/registry/imports/")
    page.set_input_files("#file", str(path))
    page.select_option("#programme", "BPNT")
    page.fill("#year", "2026")
    page.get_by_role("button", name="Unggah dan pratinjau").click()
    page.wait_for_load_state()
    alert = page.get_by_role("alert").first
    assert "Kolom NIK berisi 4 sel yang tersimpan sebagai angka" in alert.inner_text()
    assert not Person.objects.exists()
    assert not wide_elements(page) or page.locator(".table-wrap").count()
    screenshot(page, "registry-import-preview-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot(page, "registry-import-preview-desktop")
    page.get_by_role("button", name="Mulai impor").click()
    page.wait_for_load_state()
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.COMMITTED, batch.error
    assert Person.objects.count() == 2  # the exact numeric NIK and the text one
    assert "Terimpor" in page.content()
    screenshot(page, "registry-import-done-desktop")
