"""The BPNT API beyond tickets: eligibility, stages, visits, sessions; each as the allowed
role, a wrong role, another office and anonymous."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sigap.accounts.roles import Role
from sigap.bpnt.models import DistributionStage, EducationSession, MonitoringVisit
from sigap.bpnt.tests.conftest import YEAR, make_kpm
from sigap.core.models import AccessLog


def _post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


@pytest.fixture
def listed(sragen):
    return [
        make_kpm(sragen, "3314010101800011", "33.14.01.2001"),
        make_kpm(sragen, "3314010101800012", "33.14.01.2002"),
        make_kpm(sragen, "3314020101800013", "33.14.02.2001"),
    ]


@pytest.fixture
def back_office(cast):
    return cast.client_for(cast.user("sragen", Role.BACK_OFFICE))


def _sign_and_list(cast, client, stage_id: int, letter_ids: list[int]) -> dict:
    """The Kepala Bidang signs the drafted notices through the API; the stage then lists them."""
    head = cast.client_for(cast.user("sragen", Role.HEAD_OF_DIVISION))
    for pk in letter_ids:
        assert _post(head, f"/api/v1/bpnt/letters/{pk}/sign").status_code == 200
    return {"notices": client.get(f"/api/v1/bpnt/stages/{stage_id}").json()["notice_list"]}


def test_the_api_runs_a_stage_from_creation_to_the_delivery_report(cast, back_office, listed):
    response = _post(
        back_office, "/api/v1/bpnt/stages", {"year": YEAR, "number": 1, "period": "Jan-Mar"}
    )
    assert response.status_code == 201, response.content
    stage = response.json()
    assert stage["beneficiaries"] == 3
    assert _post(back_office, "/api/v1/bpnt/stages", {"year": YEAR, "number": 1}).status_code == 400
    drafted = _post(back_office, f"/api/v1/bpnt/stages/{stage['id']}/notices").json()
    assert drafted["drafted"] == 2 and drafted["notices"] == []
    issued = _sign_and_list(cast, back_office, stage["id"], drafted["letter_ids"])
    assert {(n["district_code"], n["beneficiaries"]) for n in issued["notices"]} == {
        ("33.14.01", 2),
        ("33.14.02", 1),
    }
    notice = issued["notices"][0]["id"]
    pdf = back_office.get(f"/api/v1/bpnt/stages/{stage['id']}/notices/{notice}/pdf")
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    report = SimpleUploadedFile(
        "laporan.csv", b"nik,delivered\n3314010101800011,ya\n3314010101800012,tidak\n"
    )
    result = back_office.post(f"/api/v1/bpnt/stages/{stage['id']}/deliveries", {"file": report})
    assert result.json() == {"recorded": 2, "delivered": 1, "undelivered": 1}
    detail = back_office.get(f"/api/v1/bpnt/stages/{stage['id']}").json()
    assert detail["districts"][0]["delivered"] == 1
    assert len(detail["notice_list"]) == 2
    page = back_office.get(
        f"/api/v1/bpnt/stages/{stage['id']}/beneficiaries", {"delivered": "false"}
    ).json()
    assert page["count"] == 1
    assert page["items"][0]["nik"] == "3314010101800012"


def test_a_bad_delivery_report_is_a_400_and_changes_nothing(back_office, sragen, listed):
    from sigap.bpnt.services import stage_create

    stage = stage_create(office=sragen, year=YEAR, number=1)
    report = SimpleUploadedFile("x.csv", b"nik,delivered\n3314010101800011,mungkin\n")
    response = back_office.post(f"/api/v1/bpnt/stages/{stage.pk}/deliveries", {"file": report})
    assert response.status_code == 400
    assert not stage.beneficiaries.filter(delivered__isnull=False).exists()


def test_stage_beneficiaries_show_a_masked_nik_and_the_opening_is_logged(cast, sragen, listed):
    from sigap.bpnt.services import stage_create

    stage = stage_create(office=sragen, year=YEAR, number=1)
    user = cast.user("sragen", Role.HEAD_OF_DIVISION)
    body = cast.client_for(user).get(f"/api/v1/bpnt/stages/{stage.pk}/beneficiaries").json()
    assert body["count"] == 3
    assert AccessLog.objects.filter(user=user, object_id=str(stage.pk)).exists()


@pytest.mark.parametrize(
    ("office", "role", "expected"),
    [
        ("sragen", Role.VERIFIER, 200),
        ("sragen", Role.FRONT_OFFICE, 403),
        ("tarakan", Role.BACK_OFFICE, 404),
    ],
)
def test_stage_endpoints_permissions(cast, sragen, listed, office, role, expected):
    from sigap.bpnt.services import stage_create

    stage = stage_create(office=sragen, year=YEAR, number=1)
    client = cast.client_for(cast.user(office, role))
    for url in (
        f"/api/v1/bpnt/stages/{stage.pk}",
        f"/api/v1/bpnt/stages/{stage.pk}/beneficiaries",
    ):
        assert client.get(url).status_code == expected
    notices = _post(client, f"/api/v1/bpnt/stages/{stage.pk}/notices")
    assert notices.status_code == expected
    created = _post(client, "/api/v1/bpnt/stages", {"year": YEAR, "number": 2})
    assert created.status_code == {200: 201, 403: 403, 404: 400}[expected]
    assert DistributionStage.objects.filter(office=sragen, number=2).exists() == (expected == 200)


def test_eligibility_says_which_conditions_are_met(cast, sragen):
    person = make_kpm(sragen, "3314010101800031", "33.14.01.2001", dtks=False)
    client = cast.client_for(cast.user("sragen", Role.VERIFIER))
    body = client.get(f"/api/v1/bpnt/persons/{person.pk}/eligibility", {"year": YEAR}).json()
    assert [c["met"] for c in body["criteria"]] == [True, True, False, True]
    assert body["eligible"] is False
    outsider = cast.client_for(cast.user("tarakan", Role.VERIFIER))
    assert outsider.get(f"/api/v1/bpnt/persons/{person.pk}/eligibility").status_code == 404
    wrong = cast.client_for(cast.user("sragen", Role.FRONT_OFFICE))
    assert wrong.get(f"/api/v1/bpnt/persons/{person.pk}/eligibility").status_code == 403


def test_the_api_records_a_visit_and_closes_its_follow_up(cast, kpm, companion):
    client = cast.client_for(companion)
    response = _post(
        client,
        "/api/v1/bpnt/visits",
        {
            "target": "beneficiary",
            "nik": kpm.nik,
            "visit_date": "2026-11-02",
            "findings": "Belanja beras, telur, sayur.",
            "carbohydrate": True,
            "protein": True,
            "vitamin": True,
            "mineral": True,
            "follow_up": "Cek ulang bulan depan",
        },
    )
    assert response.status_code == 201, response.content
    visit = response.json()
    assert visit["food_groups_met"] is True
    assert (
        client.get("/api/v1/bpnt/visits", {"follow_up_open": "true"}).json()[0]["id"]
        == (visit["id"])
    )
    closed = _post(client, f"/api/v1/bpnt/visits/{visit['id']}/follow-up")
    assert closed.json()["follow_up_done"] is True
    assert _post(client, f"/api/v1/bpnt/visits/{visit['id']}/follow-up").status_code == 400


@pytest.mark.parametrize(
    "payload",
    [
        {"target": "ewarong", "visit_date": "2026-11-02", "findings": "x"},  # no shop name
        {"target": "beneficiary", "nik": "12", "visit_date": "2026-11-02", "findings": "x"},
        {"target": "spaceship", "visit_date": "2026-11-02", "findings": "x"},
        {"target": "companion", "companion": 0, "visit_date": "2026-11-02", "findings": "x"},
    ],
)
def test_a_bad_visit_is_a_400_and_stores_nothing(cast, companion, payload):
    response = _post(cast.client_for(companion), "/api/v1/bpnt/visits", payload)
    assert response.status_code == 400
    assert not MonitoringVisit.objects.exists()


def test_the_api_records_a_session_with_its_attendance(cast, kpm, companion):
    client = cast.client_for(companion)
    response = _post(
        client,
        "/api/v1/bpnt/sessions",
        {"session_date": "2026-11-03", "topic": "Gizi seimbang", "place": "Balai Desa Keden"},
    )
    assert response.status_code == 201, response.content
    session = response.json()["id"]
    added = _post(client, f"/api/v1/bpnt/sessions/{session}/attendance", {"niks": [kpm.nik]})
    assert added.json() == {"added": 1, "attendees": 1}
    unknown = _post(
        client, f"/api/v1/bpnt/sessions/{session}/attendance", {"niks": ["3314010101809999"]}
    )
    assert unknown.status_code == 400
    detail = client.get(f"/api/v1/bpnt/sessions/{session}").json()
    assert detail["attendee_list"][0]["nik"] == kpm.nik
    assert client.get("/api/v1/bpnt/sessions").json()[0]["attendees"] == 1


@pytest.mark.parametrize(
    ("office", "role", "expected"),
    [
        ("sragen", Role.HEAD_OF_DIVISION, 200),
        ("sragen", Role.CUSTOMER_SERVICE, 403),
        ("tarakan", Role.SOCIAL_COMPANION, 404),
    ],
)
def test_visit_and_session_permissions(cast, sragen, kpm, companion, office, role, expected):
    from sigap.bpnt.monitoring import session_create, visit_record

    visit = visit_record(
        office=sragen,
        visited_by=companion,
        target="ewarong",
        ewarong_name="E-Warong Maju",
        visit_date="2026-11-01",
        findings="Stok cukup",
        follow_up="Perbaiki papan harga",
    )
    session = session_create(
        office=sragen, held_by=companion, session_date="2026-11-01", topic="BPNT", place="Aula"
    )
    client = cast.client_for(cast.user(office, role))
    assert client.get(f"/api/v1/bpnt/sessions/{session.pk}").status_code == expected
    attendance = _post(
        client, f"/api/v1/bpnt/sessions/{session.pk}/attendance", {"niks": [kpm.nik]}
    )
    assert attendance.status_code == expected
    follow_up = _post(client, f"/api/v1/bpnt/visits/{visit.pk}/follow-up")
    assert follow_up.status_code == expected
    visit.refresh_from_db()
    assert (visit.follow_up_done_at is not None) == (expected == 200)
    assert EducationSession.objects.get().attendees.exists() == (expected == 200)


def test_anonymous_callers_get_401_everywhere(client, sragen, listed):
    for url in (
        "/api/v1/bpnt/stages",
        "/api/v1/bpnt/visits",
        "/api/v1/bpnt/sessions",
        "/api/v1/bpnt/companion-areas",
        f"/api/v1/bpnt/persons/{listed[0].pk}/eligibility",
    ):
        assert client.get(url).status_code == 401
    assert _post(client, "/api/v1/bpnt/stages", {"year": YEAR, "number": 1}).status_code == 401
    assert not DistributionStage.objects.exists()


@pytest.mark.parametrize(
    ("office", "role", "expected"),
    [
        ("sragen", Role.VERIFIER, 200),
        ("sragen", Role.FRONT_OFFICE, 403),
        ("tarakan", Role.VERIFIER, 404),
    ],
)
def test_the_letters_download_as_pdf_for_the_office_only(
    cast, sragen, listed, companion, office, role, expected
):
    from sigap.bpnt.services import (
        stage_create,
        stage_notices_draft,
        ticket_create,
        ticket_resolve,
    )

    ticket = ticket_create(
        office=sragen,
        person=listed[0],
        kind="kks_lost",
        reporter="beneficiary",
        description="KKS hilang",
        assigned_to=companion,
        created_by=companion,
    )
    from sigap.bpnt.tests.conftest import sign_drafts

    ticket_resolve(ticket=ticket, user=companion, resolution="Ganti kartu", recommendation="bank")
    stage = stage_create(office=sragen, year=YEAR, number=1)
    stage_notices_draft(stage=stage, user=companion)
    sign_drafts(cast)
    notice = stage.notices.first()
    client = cast.client_for(cast.user(office, role))
    letter = client.get(f"/api/v1/bpnt/tickets/{ticket.pk}/letter")
    camat = client.get(f"/api/v1/bpnt/stages/{stage.pk}/notices/{notice.pk}/pdf")
    assert (letter.status_code, camat.status_code) == (expected, expected)
    if expected == 200:
        assert b"".join(letter.streaming_content).startswith(b"%PDF")
    assert client.get(f"/api/v1/bpnt/stages/{stage.pk}/notices/0/pdf").status_code in (
        {200: 404}.get(expected, expected),
    )
