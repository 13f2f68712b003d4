"""The /api/v1/children/ endpoints follow the same policy as the pages."""

import pytest
from django.utils import timezone

from sigap.childcare.models import Case
from sigap.childcare.tests.conftest import CHILD_NIK
from sigap.core.models import AccessLog

pytestmark = pytest.mark.django_db


def test_anonymous_gets_401_on_every_endpoint(team, client):
    case = team.assigned_case()
    for url in (
        "/api/v1/children/cases",
        f"/api/v1/children/cases/{case.pk}",
        "/api/v1/children/counts",
        "/api/v1/children/access-log",
    ):
        assert client.get(url).status_code == 401, url


def test_the_case_team_reads_the_full_record_and_the_opening_is_logged(team):
    case = team.assigned_case(nik=CHILD_NIK)
    response = team.cast.client_for(team.worker).get(f"/api/v1/children/cases/{case.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["child_name"] == "Anak Demo Rahayu" and body["child_nik"] == CHILD_NIK
    assert body["social_worker"] == team.worker.username
    assert AccessLog.objects.filter(user=team.worker, object_id=str(case.pk)).count() == 1


@pytest.mark.parametrize("who", ["other social worker", "front office", "auditor", "other office"])
def test_staff_not_on_the_case_get_404_from_the_api(team, who):
    case = team.assigned_case()
    client = team.cast.client_for(team.outsiders()[who])
    assert client.get(f"/api/v1/children/cases/{case.pk}").status_code == 404
    response = client.post(
        f"/api/v1/children/cases/{case.pk}/notes", {"text": "x"}, content_type="application/json"
    )
    assert response.status_code == 404
    assert not AccessLog.objects.exists()


def test_the_api_list_is_masked(team):
    team.assigned_case(nik=CHILD_NIK)
    rows = team.cast.client_for(team.head_of_office).get("/api/v1/children/cases").json()
    assert rows[0]["child"] == "A*** D*** R***"
    assert rows[0]["nik"] == "************0001"


def test_counts_for_the_province_and_for_the_referring_regency(team):
    team.assigned_case()
    province = team.cast.client_for(team.other_worker).get("/api/v1/children/counts").json()
    regency = team.cast.client_for(team.lebak_head).get("/api/v1/children/counts").json()
    assert province["open"] == 1 and regency["open"] == 1
    assert set(province["by_outcome"]) == {
        "return_to_family",
        "foster_care",
        "continued_care",
        "transfer",
    }


def test_register_through_the_api_and_refuse_an_ineligible_child(team):
    client = team.cast.client_for(team.front_office)
    payload = {
        "referring_office": "lebak",
        "referral_number": "400.9/1/2026",
        "referral_date": timezone.localdate().isoformat(),
        "child_name": "Anak API",
        "at_risk": True,
        "at_risk_evidence": "Laporan pendamping",
    }
    response = client.post("/api/v1/children/cases", payload, content_type="application/json")
    assert response.status_code == 201
    refused = client.post(
        "/api/v1/children/cases",
        {**payload, "at_risk": False},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "invalid"
    assert Case.objects.count() == 1


def test_a_regency_cannot_register_at_the_province_api(team):
    response = team.cast.client_for(team.lebak_worker).post(
        "/api/v1/children/cases", {}, content_type="application/json"
    )
    assert response.status_code in (403, 422)


def test_assignment_review_and_nik_through_the_api(team):
    case = team.placed_case(nik=None)
    hod = team.cast.client_for(team.head_of_division)
    response = hod.post(
        f"/api/v1/children/cases/{case.pk}/assign",
        {"role": "social_worker", "to_user": team.other_worker.username, "reason": "Cuti"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["assignments"][-1]["from_user"] == team.worker.username
    worker = team.cast.client_for(team.other_worker)
    review = worker.post(
        f"/api/v1/children/cases/{case.pk}/reviews",
        {"reviewed_on": timezone.localdate().isoformat(), "progress": "Baik"},
        content_type="application/json",
    )
    assert review.status_code == 201
    nik = worker.post(
        f"/api/v1/children/cases/{case.pk}/nik", {"nik": CHILD_NIK}, content_type="application/json"
    )
    assert nik.status_code == 200 and nik.json()["child_nik"] == CHILD_NIK
    bad = worker.post(
        f"/api/v1/children/cases/{case.pk}/nik", {"nik": "12"}, content_type="application/json"
    )
    assert bad.status_code == 400


def test_the_access_log_api_is_for_head_of_office_and_auditor(team):
    case = team.assigned_case()
    team.cast.client_for(team.worker).get(f"/api/v1/children/cases/{case.pk}")
    rows = team.cast.client_for(team.auditor).get("/api/v1/children/access-log").json()
    assert rows[0]["case"] == case.code and rows[0]["user"] == team.worker.username
    assert team.cast.client_for(team.worker).get("/api/v1/children/access-log").status_code == 403
