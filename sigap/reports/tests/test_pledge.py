"""The service pledge: the head of office publishes it on the page and through the API."""

import pytest

from sigap.accounts.roles import Role
from sigap.accounts.services import api_token_create
from sigap.reports.models import ServicePledge

PLEDGE = {"text": "Kami sanggup melayani sesuai standar.", "effective_date": "2026-01-02"}


def _headers(user) -> dict[str, str]:
    _, raw = api_token_create(user=user, name="pledge")
    return {"Authorization": f"Bearer {raw}"}


@pytest.mark.django_db
def test_head_of_office_publishes_the_pledge_on_the_page_signed_in_their_name(cast):
    head = cast.user("sragen", Role.HEAD_OF_OFFICE)
    response = cast.client_for(head).post("/staff/pledge/", PLEDGE)
    assert response.status_code == 302
    pledge = ServicePledge.objects.get(office=cast.office("sragen"))
    assert pledge.text == PLEDGE["text"]
    assert pledge.signer_name == head.full_name


@pytest.mark.django_db
def test_the_page_refuses_a_missing_date_and_stores_nothing(cast):
    head = cast.user("sragen", Role.HEAD_OF_OFFICE)
    response = cast.client_for(head).post("/staff/pledge/", {"text": "x", "effective_date": ""})
    assert response.status_code == 200
    assert not ServicePledge.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.HEAD_OF_DIVISION, Role.FRONT_OFFICE, Role.AUDITOR])
def test_other_roles_cannot_publish_the_pledge_on_the_page_or_the_api(cast, client, role):
    user = cast.user("sragen", role)
    assert cast.client_for(user).post("/staff/pledge/", PLEDGE).status_code == 403
    response = client.put(
        "/api/v1/pledge", PLEDGE, content_type="application/json", headers=_headers(user)
    )
    assert response.status_code == 403
    assert not ServicePledge.objects.exists()


@pytest.mark.django_db
def test_api_publishes_the_callers_own_office_pledge_and_the_public_reads_it(cast, client):
    head = cast.user("lebak", Role.HEAD_OF_OFFICE)
    response = client.put(
        "/api/v1/pledge", PLEDGE, content_type="application/json", headers=_headers(head)
    )
    assert response.status_code == 200, response.content
    assert response.json()["office"]["code"] == "lebak"
    assert not ServicePledge.objects.filter(office=cast.office("banten")).exists()
    public = client.get("/api/v1/pledges/lebak").json()
    assert public["text"] == PLEDGE["text"] and public["signer_name"] == head.full_name
    assert client.get("/api/v1/pledges/banten").status_code == 404


@pytest.mark.django_db
def test_api_refuses_bad_input_and_anonymous_callers(cast, client):
    head = cast.user("sragen", Role.HEAD_OF_OFFICE)
    bad = client.put(
        "/api/v1/pledge",
        {"text": "x", "effective_date": "not a date"},
        content_type="application/json",
        headers=_headers(head),
    )
    assert bad.status_code == 422
    assert client.put("/api/v1/pledge", PLEDGE, content_type="application/json").status_code == 401
    assert not ServicePledge.objects.exists()
