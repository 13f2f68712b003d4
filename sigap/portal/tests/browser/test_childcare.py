"""Seed 003 (Banten, neglected children in a centre) end to end in Chromium: the front office
registers the regency's referral at the counter, the Kepala Bidang assigns a social worker, who
records the consent, the assessment and the health certificate on the case pages and takes the
request's steps; the Kepala Bidang approves and places the child with the BAST (a PDF); the
public tracking page of the request says it is done (and never names the child)."""

import pytest
from django.utils import timezone

from sigap.childcare.models import Case, CaseStatus
from sigap.childcare.tests.conftest import Team
from sigap.conftest import screenshot
from sigap.portal.tests.browser.conftest import assert_pdf, log_in_as
from sigap.portal.tests.browser.flows import act, assert_no_error, fill, submit, track

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHILD = "Anak Demo Rahayu"


def test_a_referral_becomes_a_placement_with_its_bast(page, catalogue, cast):
    team = Team(cast)
    centre = team.centre()
    today = timezone.localdate().isoformat()

    log_in_as(page, team.front_office)
    page.goto(f"{page.base_url}/staff/requests/new/banten-anak-terlantar/")
    fill(page, {"org_kind": "office", "org_name": team.lebak.name})
    submit(page)
    fill(
        page,
        {
            "regency-request-letter": "permohonan.pdf",
            "eligibility": "on",
            "referring_office": str(team.lebak.pk),
            "referral_number": "400.9/77/Dinsos-Lbk/2026",
            "referral_date": today,
            "child_name": CHILD,
            "child_sex": "F",
            "no_carer": "on",
            "no_carer_evidence": "Orang tua meninggal dunia.",
        },
    )
    submit(page)
    submit(page)
    code = page.url.rstrip("/").split("/")[-1]
    request_url = f"{page.base_url}/staff/requests/{code}/"
    act(page)  # receive
    act(page, checks="complete")
    assert_no_error(page)
    case = Case.objects.get()

    log_in_as(page, team.head_of_division)
    page.goto(f"{page.base_url}/staff/children/{case.pk}/assign/")
    fill(page, {"role": "social_worker", "to_user": str(team.worker.pk), "reason": "Penugasan"})
    submit(page)

    log_in_as(page, team.worker)
    case_url = f"{page.base_url}/staff/children/{case.pk}"
    for form, fields in [
        (
            "consent",
            {
                "giver_kind": "village_head",
                "giver_name": "Kepala Desa Demo",
                "relation": "Kepala desa",
                "given_on": today,
                "file": "persetujuan.pdf",
            },
        ),
        (
            "assessment",
            {
                "assessed_on": today,
                "situation": "Tinggal sendiri",
                "family": "Tidak ada",
                "health": "Baik",
                "education": "Kelas 4 SD",
                "risks": "Penelantaran",
                "needs": "Pengasuhan",
                "recommendation": "balai",
                "signed_copy": "asesmen.pdf",
            },
        ),
        (
            "health",
            {
                "doctor_name": "dr. Demo",
                "facility": "Puskesmas Demo",
                "issued_on": today,
                "file": "sehat.pdf",
            },
        ),
    ]:
        page.goto(f"{case_url}/{form}/")
        fill(page, fields)
        submit(page)
    for fields in ({}, {"advice": "Layak ditempatkan di balai"}, {}):  # consent, review, health
        page.goto(request_url)
        act(page, fields)
        assert_no_error(page)

    log_in_as(page, team.head_of_division)
    page.goto(request_url)
    act(page, {"decision": "approve"})
    assert_no_error(page)
    act(
        page,
        {
            "centre": str(centre.pk),
            "placed_on": today,
            "place": "Serang",
            "received_by": "Kepala Balai Demo",
            "received_by_position": "Kepala Balai",
        },
    )
    assert_no_error(page)
    assert page.locator(".badge-ok").first.inner_text() == "Selesai"
    case.refresh_from_db()
    assert case.status == CaseStatus.PLACED
    page.goto(f"{case_url}/")
    screenshot(page, "childcare-case-placed-phone")
    bast = page.locator(f"a[href^='/staff/children/{case.pk}/issued/']").first
    assert_pdf(page, bast.get_attribute("href"))

    assert track(page, code) == "Selesai"
    assert CHILD not in page.content()
