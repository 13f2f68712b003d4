"""Browser checks: the public complaint form works under the CSP with its honeypot hidden, and
the published SKM results draw their chart."""

from datetime import date

import pytest

from sigap.complaints import abuse
from sigap.complaints.models import Complaint
from sigap.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _csp_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


def test_citizen_sends_a_complaint_in_the_browser(page, cast, monkeypatch):
    monkeypatch.setattr(abuse, "MIN_FILL_SECONDS", 0)
    office = cast.office("sragen")
    errors = _csp_errors(page)
    page.goto(page.base_url + "/complaints/new/")
    assert not page.locator("#id_homepage").is_visible()
    page.select_option("#id_office", str(office.pk))
    page.fill("#id_subject", "Antrean lama")
    page.fill("#id_body", "<script>alert(1)</script> menunggu dua jam")
    page.fill("#id_name", "Rina")
    page.fill("#id_phone", "081200000001")
    page.get_by_role("button", name="Kirim pengaduan").click()
    page.wait_for_load_state()
    complaint = Complaint.objects.get()
    assert complaint.code in page.content()
    screenshot(page, "complaint-sent-phone")
    page.goto(page.base_url + f"/complaints/{complaint.code}")
    assert page.locator("h1").inner_text().endswith(complaint.code)
    assert not [e for e in errors if "Content Security Policy" in e]


def test_published_skm_results_draw_the_trend_chart(page, cast):
    from sigap.surveys.services import survey_response_submit

    office = cast.office("tarakan")
    for day in (date(2026, 2, 2), date(2026, 8, 3)):
        survey_response_submit(
            office=office,
            answers={f"u{i}": 4 for i in range(1, 10)},
            sex="m",
            age=40,
            education="sma",
            occupation="farmer",
            answered_on=day,
        )
    errors = _csp_errors(page)
    page.goto(page.base_url + "/skm/tarakan/?year=2026")
    page.wait_for_function("() => window.Chart && Chart.getChart('skm-trend-chart')")
    screenshot(page, "skm-results-phone")
    assert not [e for e in errors if "Content Security Policy" in e]
