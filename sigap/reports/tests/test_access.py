"""Who may open the dashboard and edit the service pledge."""

import pytest

from sigap.accounts.roles import Role
from sigap.reports.models import ServicePledge


@pytest.mark.parametrize("role", [Role.HEAD_OF_OFFICE, Role.HEAD_OF_DIVISION])
def test_heads_open_their_dashboard(cast, role):
    response = cast.client_for(cast.user("tarakan", role)).get("/staff/dashboard/")
    assert response.status_code == 200
    assert cast.office("tarakan").name in response.content.decode()
    assert cast.office("sragen").name not in response.content.decode()


def test_the_dashboard_exports_to_excel(cast):
    client = cast.client_for(cast.user("tarakan", Role.HEAD_OF_OFFICE))
    response = client.get("/staff/dashboard/?format=xlsx")
    assert response.content[:2] == b"PK"


def test_front_office_gets_403_and_anonymous_is_redirected(cast, client):
    assert (
        cast.client_for(cast.user("tarakan", Role.FRONT_OFFICE))
        .get("/staff/dashboard/")
        .status_code
        == 403
    )
    assert client.get("/staff/dashboard/").status_code == 302


def test_only_the_head_of_office_edits_the_pledge_and_the_signer_is_snapshot(cast, client):
    head = cast.user("tarakan", Role.HEAD_OF_OFFICE)
    data = {"text": "Kami sanggup melayani sesuai standar.", "effective_date": "2026-01-02"}
    response = cast.client_for(head).post("/staff/pledge/", data)
    assert response.status_code == 302
    pledge = ServicePledge.objects.get(office=head.office)
    assert pledge.signer_name == head.full_name
    page = client.get("/pledge/tarakan/").content.decode()
    assert "Kami sanggup" in page
    division = cast.user("tarakan", Role.HEAD_OF_DIVISION)
    assert cast.client_for(division).post("/staff/pledge/", data).status_code == 403
    assert client.get("/staff/pledge/").status_code == 302


def test_another_offices_head_edits_only_their_own_pledge(cast):
    sragen = cast.user("sragen", Role.HEAD_OF_OFFICE)
    data = {"text": "Maklumat Sragen", "effective_date": "2026-01-02"}
    cast.client_for(sragen).post("/staff/pledge/", data)
    assert not ServicePledge.objects.filter(office__code="tarakan").exists()
