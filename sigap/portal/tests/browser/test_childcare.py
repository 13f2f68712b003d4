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


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


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
            # Typed as printed on letters: kept whole (it once lost its last group).
            "received_by_nip": "19700515 199503 1 002",
        },
    )
    assert_no_error(page)
    assert page.locator(".badge-ok").first.inner_text() == "Selesai"
    case.refresh_from_db()
    assert case.status == CaseStatus.PLACED
    page.goto(f"{case_url}/")
    screenshot(page, "childcare-case-placed-phone")
    bast = page.locator(f"a[href^='/staff/children/{case.pk}/issued/']").first
    text = pdf_text(assert_pdf(page, bast.get_attribute("href")))
    assert case.placement.received_by_nip == "197005151995031002"
    assert "197005151995031002" in text.replace(" ", "")

    assert track(page, code) == "Selesai"
    assert CHILD not in page.content()


def test_a_lebak_referral_arrives_in_bantens_queue_and_its_outcome_goes_back(page, catalogue, cast):
    """Seed 003 asks for the regency Dinsos's request letter and the social worker's assessment:
    the Lebak social worker sends both from Lebak's own account."""
    from sigap.childcare.models import Outcome

    team = Team(cast)
    log_in_as(page, team.lebak_worker)
    page.goto(f"{page.base_url}/staff/children/refer/")
    fill(
        page,
        {
            "referral_number": "400.9/15/Dinsos-Lbk/2026",
            "referral_date": timezone.localdate().isoformat(),
            "child_name": CHILD,
            "child_sex": "F",
            "no_carer": "on",
            "no_carer_evidence": "Orang tua meninggal dunia.",
            "referral_letter": "surat-permohonan-lebak.pdf",
            "assessment": "asesmen-lebak.pdf",
        },
    )
    screenshot(page, "childcare-lebak-referral-form-phone")
    submit(page)
    case = Case.objects.get()
    assert case.referring_office == team.lebak
    code = case.request.code

    log_in_as(page, team.front_office)
    page.goto(f"{page.base_url}/staff/queue/")
    assert code in page.locator("main").inner_text()
    page.goto(f"{page.base_url}/staff/requests/{code}/")
    main = page.locator("main").inner_text()
    assert "surat-permohonan-lebak.pdf" in main and "asesmen-lebak.pdf" in main

    Case.objects.filter(pk=case.pk).update(
        status=CaseStatus.CLOSED, outcome=Outcome.choices[0][0], outcome_on=timezone.localdate()
    )
    log_in_as(page, team.lebak_worker)
    page.goto(f"{page.base_url}/staff/children/referred/")
    listed = page.locator("main").inner_text()
    assert "400.9/15/Dinsos-Lbk/2026" in listed and str(Outcome.choices[0][1]) in listed
    assert CHILD not in listed
    screenshot(page, "childcare-lebak-referrals-sent-phone")
