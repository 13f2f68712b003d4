"""Case steps through the API: the same forms, services and case policy as the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from sigap.childcare.models import CaseStatus, Consent
from sigap.childcare.tests.conftest import pdf

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate().isoformat()
CONSENT = {
    "giver_kind": "village_head",
    "giver_name": "Kades",
    "relation": "Kepala desa",
    "given_on": TODAY,
}
ASSESSMENT = {
    "assessed_on": TODAY,
    "situation": "Tinggal sendiri",
    "family": "Tidak ada",
    "health": "Baik",
    "education": "SD",
    "risks": "Penelantaran",
    "needs": "Pengasuhan",
    "recommendation": "balai",
}
HEALTH = {"doctor_name": "dr. A", "facility": "Puskesmas", "issued_on": TODAY}


def _url(case, step: str) -> str:
    return f"/api/v1/children/cases/{case.pk}/{step}"


def _multipart(team, user, case, step, data, **files):
    return team.cast.client_for(user).post(_url(case, step), {**data, **files})


def _json(team, user, case, step, data, method="post"):
    client = team.cast.client_for(user) if user else Client()
    return getattr(client, method)(_url(case, step), data, content_type="application/json")


def test_the_social_worker_records_consent_assessment_and_health_by_api(team):
    case = team.assigned_case()
    consent = _multipart(team, team.worker, case, "consent", CONSENT, file=pdf())
    assert consent.status_code == 200, consent.content
    assert consent.json()["consent"] is True
    assessed = _multipart(team, team.worker, case, "assessment", ASSESSMENT, signed_copy=pdf())
    assert assessed.json()["assessment_signed"] is True, assessed.content
    health = _multipart(team, team.worker, case, "health-certificate", HEALTH, file=pdf())
    assert health.json()["health_certificate"] is True
    assert health.json()["placement_blockers"] == []


def test_consent_without_the_letter_or_with_a_fake_file_is_refused(team):
    case = team.assigned_case()
    missing = team.cast.client_for(team.worker).post(_url(case, "consent"), CONSENT)
    assert missing.status_code in (400, 422)
    fake = SimpleUploadedFile("x.pdf", b"MZ not a pdf", content_type="application/pdf")
    refused = _multipart(team, team.worker, case, "consent", CONSENT, file=fake)
    assert refused.status_code == 400
    assert not Consent.objects.exists()


@pytest.mark.parametrize("who", ["other social worker", "front office", "other office"])
def test_staff_not_on_the_case_cannot_take_its_steps(team, who):
    case = team.assigned_case()
    user = team.outsiders()[who]
    assert _multipart(team, user, case, "consent", CONSENT, file=pdf()).status_code == 404
    assert (
        _json(team, user, case, "close", {"outcome": "transfer", "outcome_on": TODAY}).status_code
        == 404
    )
    assert not Consent.objects.exists()


def test_anonymous_cannot_take_a_step(team, client):
    case = team.assigned_case()
    assert client.post(_url(case, "consent"), {**CONSENT, "file": pdf()}).status_code == 401
    assert _json(team, None, case, "placement", {}).status_code == 401


def test_placement_by_the_head_of_division_and_not_by_the_companion(team):
    case = team.ready_case()
    centre = team.centre()
    payload = {
        "centre": centre.pk,
        "placed_on": TODAY,
        "place": "Serang",
        "received_by_name": "Kepala Balai",
        "received_by_position": "Kepala Balai",
    }
    assert _json(team, team.companion, case, "placement", payload).status_code == 403
    placed = _json(team, team.head_of_division, case, "placement", payload)
    assert placed.status_code == 200, placed.content
    assert placed.json()["status"] == CaseStatus.PLACED and placed.json()["centre"] == centre.code


def test_placement_before_the_case_is_ready_is_a_400_with_the_blockers(team):
    case = team.assigned_case()
    payload = {
        "centre": team.centre().pk,
        "placed_on": TODAY,
        "place": "Serang",
        "received_by_name": "A",
        "received_by_position": "B",
    }
    response = _json(team, team.head_of_division, case, "placement", payload)
    assert response.status_code == 400


def test_care_plan_then_close_with_the_outcome(team):
    case = team.placed_case()
    plan = {"goals": "Sekolah", "activities": "Konseling", "review_every_days": 90}
    assert _json(team, team.worker, case, "care-plan", plan, method="put").status_code == 200
    short = _json(team, team.worker, case, "care-plan", {**plan, "review_every_days": 1}, "put")
    assert short.status_code == 400
    refused = _json(
        team, team.companion, case, "close", {"outcome": "transfer", "outcome_on": TODAY}
    )
    assert refused.status_code == 403
    closed = _json(
        team, team.worker, case, "close", {"outcome": "return_to_family", "outcome_on": TODAY}
    )
    assert closed.status_code == 200
    assert (closed.json()["status"], closed.json()["outcome"]) == (
        CaseStatus.CLOSED,
        "return_to_family",
    )
