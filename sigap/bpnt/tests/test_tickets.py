import pytest
from django.core.exceptions import ValidationError

from sigap.accounts.roles import Role
from sigap.bpnt.models import ProblemTicket, TicketStatus
from sigap.bpnt.selectors import tickets_open_by_district
from sigap.bpnt.services import (
    ASSIGNEE_NOT_COMPANION,
    RESOLUTION_REQUIRED,
    ticket_create,
    ticket_resolve,
    ticket_start,
)


def _ticket(sragen, kpm, companion, **kw):
    return ticket_create(
        office=sragen,
        person=kpm,
        kind=kw.get("kind", "kks_lost"),
        reporter="beneficiary",
        description="Kartu KKS hilang saat di pasar.",
        assigned_to=companion,
        created_by=companion,
    )


def test_a_ticket_must_be_assigned_to_a_social_companion_of_the_office(cast, sragen, kpm):
    with pytest.raises(ValidationError) as exc:
        _ticket(sragen, kpm, cast.user("sragen", Role.BACK_OFFICE))
    assert ASSIGNEE_NOT_COMPANION in exc.value.message_dict["assigned_to"]
    with pytest.raises(ValidationError):
        _ticket(sragen, kpm, cast.user("tarakan", Role.SOCIAL_COMPANION))
    assert not ProblemTicket.objects.exists()


def test_a_ticket_goes_from_open_to_resolved_with_a_recommendation_letter_to_pt_pos(
    cast, sragen, kpm, companion
):
    from sigap.bpnt.tests.conftest import sign_drafts
    from sigap.documents.selectors import documents_for_subject

    ticket = _ticket(sragen, kpm, companion)
    assert tickets_open_by_district(office=sragen) == [{"district_code": "33.14.01", "open": 1}]
    ticket = ticket_start(ticket=ticket, user=companion)
    assert ticket.status == TicketStatus.IN_PROGRESS
    with pytest.raises(ValidationError) as exc:
        ticket_resolve(ticket=ticket, user=companion, resolution=" ")
    assert RESOLUTION_REQUIRED in exc.value.message_dict["resolution"]
    ticket = ticket_resolve(
        ticket=ticket,
        user=companion,
        resolution="Diterbitkan rekomendasi penggantian kartu.",
        recommendation="pos",
    )
    # The companion drafts; the Dinas (its Kepala Bidang or Kepala Dinas) gives the letter.
    assert ticket.status == TicketStatus.AWAITING_LETTER and not ticket.document_id
    assert tickets_open_by_district(office=sragen) == [{"district_code": "33.14.01", "open": 1}]
    sign_drafts(cast)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.RESOLVED
    document = documents_for_subject(ticket).get(pk=ticket.document_id)
    assert "SITI" not in document.title
    with document.file.open("rb") as fh:
        assert fh.read(4) == b"%PDF"
    assert tickets_open_by_district(office=sragen) == []


def test_a_resolution_without_recommendation_issues_no_letter(sragen, kpm, companion):
    ticket = ticket_resolve(
        ticket=_ticket(sragen, kpm, companion), user=companion, resolution="Saldo sudah masuk."
    )
    assert ticket.document_id is None


def test_the_staff_pages_take_a_ticket_through_to_the_letter(cast, sragen, kpm, companion):
    client = cast.client_for(companion)
    response = client.post(
        "/staff/bpnt/tickets/new",
        {
            "nik": kpm.nik,
            "kind": "zero_balance",
            "reporter": "companion",
            "description": "Saldo 0",
            "assigned_to": companion.pk,
        },
    )
    ticket = ProblemTicket.objects.get()
    assert response.status_code == 302
    assert client.post(f"/staff/bpnt/tickets/{ticket.pk}/start").status_code == 302
    response = client.post(
        f"/staff/bpnt/tickets/{ticket.pk}/resolve",
        {"resolution": "Rekomendasi ke bank", "recommendation": "bank"},
    )
    assert response.status_code == 302
    assert client.get(f"/staff/bpnt/tickets/{ticket.pk}/letter.pdf").status_code == 404
    from sigap.bpnt.tests.conftest import sign_drafts

    sign_drafts(cast)
    pdf = client.get(f"/staff/bpnt/tickets/{ticket.pk}/letter.pdf")
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_an_unknown_nik_is_refused_with_a_message(cast, companion):
    response = cast.client_for(companion).post(
        "/staff/bpnt/tickets/new",
        {
            "nik": "3314019999999999",
            "kind": "other",
            "reporter": "companion",
            "description": "x",
            "assigned_to": companion.pk,
        },
    )
    assert response.status_code == 400
    assert not ProblemTicket.objects.exists()


@pytest.mark.parametrize(
    ("office", "role", "expected"),
    [
        ("sragen", Role.SOCIAL_COMPANION, 200),
        ("sragen", Role.HEAD_OF_DIVISION, 200),
        ("sragen", Role.HEAD_OF_OFFICE, 200),
        # Customer Service sees only the tickets they recorded.
        ("sragen", Role.CUSTOMER_SERVICE, 404),
        ("sragen", Role.FRONT_OFFICE, 403),
        ("tarakan", Role.SOCIAL_COMPANION, 404),
    ],
)
def test_ticket_page_permissions(cast, sragen, kpm, companion, office, role, expected):
    ticket = _ticket(sragen, kpm, companion)
    client = cast.client_for(cast.user(office, role))
    assert client.get(f"/staff/bpnt/tickets/{ticket.pk}/").status_code == expected


def test_anonymous_visitors_are_sent_to_the_login(client, sragen, kpm, companion):
    ticket = _ticket(sragen, kpm, companion)
    response = client.get(f"/staff/bpnt/tickets/{ticket.pk}/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_resolving_without_a_resolution_on_the_page_shows_the_error(cast, sragen, kpm, companion):
    ticket = _ticket(sragen, kpm, companion)
    response = cast.client_for(companion).post(
        f"/staff/bpnt/tickets/{ticket.pk}/resolve", {"resolution": "", "recommendation": ""}
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.OPEN


def test_customer_service_files_a_ticket_and_the_companion_of_the_area_gets_it(
    cast, sragen, kpm, companion
):
    """Seed 004: the complaint officer (Petugas Pengaduan) is Customer Service."""
    from sigap.bpnt.models import CompanionArea

    CompanionArea.objects.create(office=sragen, companion=companion, region_code="33.14.01")
    cs = cast.user("sragen", Role.CUSTOMER_SERVICE)
    client = cast.client_for(cs)
    assert client.get("/staff/bpnt/tickets/new").status_code == 200
    response = client.post(
        "/staff/bpnt/tickets/new",
        {
            "nik": kpm.nik,
            "kind": "zero_balance",
            "reporter": "beneficiary",
            "description": "Saldo 0",
        },
    )
    assert response.status_code == 302, response.content
    ticket = ProblemTicket.objects.get()
    assert ticket.created_by == cs and ticket.assigned_to == companion
    page = client.get(f"/staff/bpnt/tickets/{ticket.pk}/").content.decode()
    # Customer Service records; the companion handles: no "take up" or "resolve" for them.
    assert f"/staff/bpnt/tickets/{ticket.pk}/resolve" not in page
    assert client.post(f"/staff/bpnt/tickets/{ticket.pk}/start").status_code == 403
    api = _api_ticket(cast.client_for(cs), kpm)
    assert api.status_code == 201, api.content
    assert cast.client_for(cs).get("/api/v1/bpnt/tickets").status_code == 200


def _api_ticket(client, kpm):
    import json

    return client.post(
        "/api/v1/bpnt/tickets",
        json.dumps(
            {"nik": kpm.nik, "kind": "other", "reporter": "beneficiary", "description": "x"}
        ),
        content_type="application/json",
    )
