"""Who may record, read and download data subject requests: pages and API, the same rules."""

import pytest
from django.urls import reverse

from sigap.accounts.roles import Role
from sigap.accounts.services import api_token_create
from sigap.privacy.models import SubjectRequest
from sigap.privacy.tests.conftest import basis

EXPORTERS = [Role.HEAD_OF_OFFICE, Role.ADMINISTRATOR]
WRONG_ROLES = [Role.FRONT_OFFICE, Role.HEAD_OF_DIVISION, Role.SOCIAL_WORKER, Role.AUDITOR]


def _bearer(user) -> dict:
    _, raw = api_token_create(user=user, name="privacy")
    return {"Authorization": f"Bearer {raw}"}


def _recorded(cast, alfa) -> SubjectRequest:
    head = cast.user("sragen", Role.HEAD_OF_OFFICE)
    cast.client_for(head).post(reverse("privacy:new"), {**basis(), "nik": alfa.person.nik})
    return SubjectRequest.objects.get()


@pytest.mark.parametrize("role", EXPORTERS)
def test_head_of_office_and_administrator_may_record_a_request(cast, alfa, role):
    client = cast.client_for(cast.user("sragen", role))
    response = client.post(reverse("privacy:new"), {**basis(), "nik": alfa.person.nik})
    assert response.status_code == 302
    assert SubjectRequest.objects.get().recorded_by.roles == {role}


@pytest.mark.parametrize("role", WRONG_ROLES)
def test_other_roles_may_not_record_or_download(cast, alfa, role):
    sr = _recorded(cast, alfa)
    client = cast.client_for(cast.user("sragen", role))
    assert (
        client.post(reverse("privacy:new"), {**basis(), "nik": "3314015205850001"}).status_code
        == 403
    )
    assert client.post(reverse("privacy:download", args=[sr.pk])).status_code == 403
    assert SubjectRequest.objects.count() == 1


def test_the_auditor_reads_the_register_with_the_nik_masked(cast, alfa):
    sr = _recorded(cast, alfa)
    client = cast.client_for(cast.user("sragen", Role.AUDITOR))
    page = client.get(reverse("privacy:register")).content.decode()
    detail = client.get(reverse("privacy:detail", args=[sr.pk])).content.decode()
    assert "3314********0001" in page and "3314********0001" in detail
    assert alfa.person.nik not in page + detail
    assert reverse("privacy:download", args=[sr.pk]) not in detail


def test_another_office_gets_404_for_a_request(cast, alfa):
    sr = _recorded(cast, alfa)
    client = cast.client_for(cast.user("tarakan", Role.HEAD_OF_OFFICE))
    assert client.get(reverse("privacy:detail", args=[sr.pk])).status_code == 404
    assert client.post(reverse("privacy:download", args=[sr.pk])).status_code == 404
    assert sr.pk not in [r.pk for r in client.get(reverse("privacy:register")).context["rows"]]


def test_anonymous_is_sent_to_the_login(client, cast, alfa):
    sr = _recorded(cast, alfa)
    assert client.get(reverse("privacy:register")).status_code == 302
    assert client.post(reverse("privacy:download", args=[sr.pk])).status_code == 302


def test_download_refuses_get(cast, alfa):
    sr = _recorded(cast, alfa)
    head = cast.user("sragen", Role.HEAD_OF_OFFICE)
    assert cast.client_for(head).get(reverse("privacy:download", args=[sr.pk])).status_code == 405


# --- API: the same rules ---------------------------------------------------------------------


def _api_basis(nik: str) -> dict:
    return {**basis(), "nik": nik, "codes": []}


def test_api_records_and_exports_once(cast, client, alfa, bravo):
    head = cast.user("sragen", Role.HEAD_OF_OFFICE)
    headers = _bearer(head)
    created = client.post(
        "/api/v1/privacy/requests",
        _api_basis(alfa.person.nik),
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201
    assert created.json()["nik_masked"] == "3314********0001"
    url = f"/api/v1/privacy/requests/{created.json()['id']}/export"
    export = client.post(url, headers=headers)
    assert export.status_code == 200
    text = export.content.decode()
    assert alfa.request.code in text and "SKET/ALFA/2026" in text
    assert not [mark for mark in bravo.marks if mark in text]
    again = client.post(url, headers=headers)
    assert again.status_code == 409 and again.json()["code"] == "not_available"


@pytest.mark.parametrize("role", WRONG_ROLES)
def test_api_refuses_other_roles(cast, client, alfa, role):
    sr = _recorded(cast, alfa)
    headers = _bearer(cast.user("sragen", role))
    created = client.post(
        "/api/v1/privacy/requests",
        _api_basis(alfa.person.nik),
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 403
    assert (
        client.post(f"/api/v1/privacy/requests/{sr.pk}/export", headers=headers).status_code == 403
    )
    listing = client.get("/api/v1/privacy/requests", headers=headers).status_code
    assert listing == (200 if role == Role.AUDITOR else 403)


def test_api_other_office_gets_404(cast, client, alfa):
    sr = _recorded(cast, alfa)
    headers = _bearer(cast.user("tarakan", Role.HEAD_OF_OFFICE))
    assert client.get(f"/api/v1/privacy/requests/{sr.pk}", headers=headers).status_code == 404
    assert (
        client.post(f"/api/v1/privacy/requests/{sr.pk}/export", headers=headers).status_code == 404
    )


def test_api_requires_a_verified_identity(cast, client, alfa):
    headers = _bearer(cast.user("sragen", Role.HEAD_OF_OFFICE))
    response = client.post(
        "/api/v1/privacy/requests",
        {**_api_basis(alfa.person.nik), "identity_verified": False},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert "identity_verified" in response.json()["errors"]


def test_api_anonymous_gets_401(client):
    assert client.get("/api/v1/privacy/requests").status_code == 401
