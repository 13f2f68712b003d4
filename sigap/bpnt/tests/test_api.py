import json

import pytest

from sigap.accounts.roles import Role
from sigap.bpnt.models import ProblemTicket


def _payload(kpm, companion, **kw):
    return {
        "nik": kpm.nik,
        "kind": "failed_tx",
        "reporter": "beneficiary",
        "description": "Transaksi gagal di e-warong.",
        "assigned_to": companion.pk,
        **kw,
    }


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_the_api_takes_a_ticket_from_open_to_resolved(cast, kpm, companion):
    from sigap.bpnt.tests.conftest import sign_drafts

    client = cast.client_for(companion)
    client.enforce_csrf_checks = False
    response = _post(client, "/api/v1/bpnt/tickets", _payload(kpm, companion))
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert client.get("/api/v1/bpnt/tickets/open-by-district").json() == [
        {"district_code": "33.14.01", "open": 1}
    ]
    assert _post(client, f"/api/v1/bpnt/tickets/{pk}/start", {}).json()["status"] == "in_progress"
    body = _post(
        client,
        f"/api/v1/bpnt/tickets/{pk}/resolve",
        {"resolution": "Rekomendasi ke bank", "recommendation": "bank"},
    ).json()
    assert body["status"] == "awaiting_letter" and body["document_number"] == ""
    sign_drafts(cast)
    assert client.get(f"/api/v1/bpnt/tickets/{pk}").json()["status"] == "resolved"
    assert ProblemTicket.objects.get().document_id


def test_bad_input_gives_a_structured_400_and_stores_nothing(cast, kpm, companion):
    client = cast.client_for(companion)
    assert (
        _post(client, "/api/v1/bpnt/tickets", _payload(kpm, companion, kind="x")).status_code == 400
    )
    assert (
        _post(client, "/api/v1/bpnt/tickets", _payload(kpm, companion, nik="1")).status_code == 400
    )
    assert (
        _post(client, "/api/v1/bpnt/tickets", _payload(kpm, companion, assigned_to=0)).status_code
        == 400
    )
    assert not ProblemTicket.objects.exists()


@pytest.mark.parametrize(
    ("office", "role", "expected"),
    [
        ("sragen", Role.VERIFIER, 200),
        ("sragen", Role.FRONT_OFFICE, 403),
        ("tarakan", Role.SOCIAL_COMPANION, 404),
    ],
)
def test_api_ticket_permissions(cast, sragen, kpm, companion, office, role, expected):
    from sigap.bpnt.services import ticket_create

    ticket = ticket_create(
        office=sragen,
        person=kpm,
        kind="other",
        reporter="companion",
        description="x",
        assigned_to=companion,
        created_by=companion,
    )
    client = cast.client_for(cast.user(office, role))
    assert client.get(f"/api/v1/bpnt/tickets/{ticket.pk}").status_code == expected


def test_anonymous_api_calls_are_401(client):
    assert client.get("/api/v1/bpnt/tickets").status_code == 401


@pytest.mark.parametrize("nik", ["abc", "33140101018000xx", "", "٣٣١٤٠١٠١٠١٨٠٠٠٠١"])
def test_a_non_numeric_nik_is_a_400_not_a_500(cast, kpm, companion, nik):
    client = cast.client_for(companion)
    response = _post(client, "/api/v1/bpnt/tickets", _payload(kpm, companion, nik=nik))
    assert response.status_code == 400
    assert "nik" in response.content.decode()


def test_a_ticket_takes_the_nik_spaced_as_on_the_ktp(cast, kpm, companion):
    client = cast.client_for(companion)
    spaced = f"{kpm.nik[:6]} {kpm.nik[6:12]}.{kpm.nik[12:]}"
    response = _post(client, "/api/v1/bpnt/tickets", _payload(kpm, companion, nik=spaced))
    assert response.status_code == 201, response.content
    assert ProblemTicket.objects.get().person == kpm
    too_long = _post(client, "/api/v1/bpnt/tickets", _payload(kpm, companion, nik=kpm.nik + "1"))
    assert too_long.status_code == 400
    assert "17" in too_long.json()["errors"]["nik"][0]
