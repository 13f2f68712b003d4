"""Staff pages: who may open and act (allowed role, wrong role, other office, anonymous)."""

import base64
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from sigap.accounts.roles import Role
from sigap.logistics.models import LogisticsRequest, Lot, RequestStatus
from sigap.logistics.tests.conftest import PNG

pytestmark = pytest.mark.django_db


def _stocked(world):
    world.receive(world.rice, 500, "B-01", world.today + timedelta(days=40))
    world.receive(world.blanket, 100, "S-1")


def _client(world, role, office="banten"):
    return world.cast.client_for(world.cast.user(office, role))


PAGES = [
    "logistics:dashboard",
    "logistics:event_list",
    "logistics:request_list",
    "logistics:stock",
    "logistics:movements",
    "logistics:distribution",
    "logistics:alerts",
]


@pytest.mark.parametrize("name", PAGES)
def test_pages_open_for_the_warehouse_officer(world, name):
    response = _client(world, Role.WAREHOUSE_OFFICER).get(reverse(name))
    assert response.status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(world, name):
    response = Client().get(reverse(name))
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_stock_pages_refuse_a_role_without_warehouse_business(world):
    client = _client(world, Role.COMPLAINTS_OFFICER)
    assert client.get(reverse("logistics:stock")).status_code == 403
    assert client.get(reverse("logistics:dashboard")).status_code == 403


def test_other_office_gets_404_on_a_request_and_an_event(world):
    request = world.request()
    client = _client(world, Role.HEAD_OF_OFFICE, office="tarakan")
    assert client.get(reverse("logistics:request_detail", args=[request.pk])).status_code == 404
    assert client.get(reverse("logistics:event_detail", args=[world.event.pk])).status_code == 404


def test_regency_office_sees_the_request_it_acknowledges_but_cannot_act(world):
    request = world.request()
    client = _client(world, Role.HEAD_OF_OFFICE, office="lebak")
    page = client.get(reverse("logistics:request_detail", args=[request.pk]))
    assert page.status_code == 200
    step_url = reverse("logistics:request_step", args=[request.pk])
    assert f'action="{step_url}"'.encode() not in page.content
    assert client.post(reverse("logistics:request_step", args=[request.pk])).status_code == 403


def test_filing_a_request_through_the_form(world):
    _stocked(world)
    client = _client(world, Role.FRONT_OFFICE)
    url = reverse("logistics:request_new")
    assert world.event.name.encode() in client.get(url).content
    data = {
        "event": world.event.pk,
        "region_code": "36.02.01.2001",
        "posko": world.posko.pk,
        "requester_kind": "posko",
        "requester_name": "Posko Cibadak",
        "people_affected": 200,
        "letter_number": "460/1/2026",
        "letter_date": world.today.isoformat(),
        "assessment_by": "Siti",
        "assessment_summary": "50 KK",
        "lines-TOTAL_FORMS": 2,
        "lines-INITIAL_FORMS": 0,
        "lines-0-item": world.rice.pk,
        "lines-0-quantity": 100,
        "lines-1-item": "",
        "lines-1-quantity": "",
    }
    response = client.post(url, data)
    created = LogisticsRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("logistics:request_detail", args=[created.pk])
    assert created.lines.get().requested_quantity == 100


def test_the_form_says_clearly_when_no_status_is_in_force(world):
    world.status.delete()
    client = _client(world, Role.FRONT_OFFICE)
    response = client.get(reverse("logistics:request_new") + f"?event={world.event.pk}")
    assert response.status_code == 409
    assert b"error-summary" in response.content
    assert not LogisticsRequest.objects.exists()


def test_steps_through_the_page_up_to_handover_with_a_drawn_signature(world):
    _stocked(world)
    request = world.request()
    url = reverse("logistics:request_step", args=[request.pk])
    line_ids = {line.item_id: line.pk for line in request.lines.all()}
    steps = [
        (Role.HEAD_OF_OFFICE, {"note": "Diterima"}),
        (Role.HEAD_OF_DIVISION, {"note": "Teliti dan saran"}),
        (
            Role.SOCIAL_COUNSELLOR,
            {
                "note": "Layak",
                "warehouse": world.warehouse.pk,
                f"line_{line_ids[world.rice.pk]}": 80,
                f"line_{line_ids[world.blanket.pk]}": 20,
            },
        ),
        (Role.HEAD_OF_DIVISION, {"decision": "approve", "reason": "Setuju"}),
        (
            Role.SOCIAL_COUNSELLOR,
            {"warehouse": world.warehouse.pk, "vehicle": "A 1234 BC", "driver_name": "Asep"},
        ),
    ]
    for role, data in steps:
        response = _client(world, role).post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_TRANSIT
    assert Lot.objects.get(lot_code="B-01").quantity_on_hand == 420

    client = _client(world, Role.SOCIAL_COUNSELLOR)
    page = client.get(reverse("logistics:request_detail", args=[request.pk]))
    assert b"signature.js" in page.content
    fields = {
        "place": "Posko Cibadak",
        "recipient_name": "Ujang",
        "recipient_position": "Koordinator Posko",
        "signature_data": "data:image/png;base64," + base64.b64encode(PNG).decode(),
    }
    for line in request.dispatch.lines.all():
        fields |= {
            f"received_{line.pk}": line.quantity,
            f"damaged_{line.pk}": 0,
            f"returned_{line.pk}": 0,
        }
    response = client.post(url, fields)
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.HANDED_OVER
    pdf = client.get(reverse("logistics:request_bast", args=[request.pk]))
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_wrong_role_cannot_post_a_step(world):
    request = world.request()
    response = _client(world, Role.WAREHOUSE_OFFICER).post(
        reverse("logistics:request_step", args=[request.pk]), {"note": "x"}
    )
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == RequestStatus.FILED


def test_review_over_stock_shows_the_error_and_keeps_the_step(world):
    world.receive(world.rice, 10, "B-01", world.today + timedelta(days=40))
    request = world.request()
    request.status = RequestStatus.DISPOSED
    request.save()
    lines = {line.item_id: line.pk for line in request.lines.all()}
    response = _client(world, Role.SOCIAL_COUNSELLOR).post(
        reverse("logistics:request_step", args=[request.pk]),
        {
            "note": "Layak",
            "warehouse": world.warehouse.pk,
            f"line_{lines[world.rice.pk]}": 50,
            f"line_{lines[world.blanket.pk]}": 0,
        },
    )
    assert response.status_code == 400
    assert b"error-summary" in response.content
    request.refresh_from_db()
    assert request.status == RequestStatus.DISPOSED


def test_warehouse_officer_receives_stock_and_exports_excel(world):
    client = _client(world, Role.WAREHOUSE_OFFICER)
    response = client.post(
        reverse("logistics:receipt_new"),
        {
            "warehouse": world.warehouse.pk,
            "received_on": world.today.isoformat(),
            "source": "donation",
            "source_detail": "PMI",
            "lines-TOTAL_FORMS": 1,
            "lines-INITIAL_FORMS": 0,
            "lines-0-item": world.blanket.pk,
            "lines-0-quantity": 30,
            "lines-0-lot_code": "DON-1",
        },
    )
    assert response.status_code == 302
    assert Lot.objects.get(lot_code="DON-1").quantity_on_hand == 30
    export = client.get(reverse("logistics:stock") + "?format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert export.content[:2] == b"PK"


def test_counsellor_cannot_receive_stock(world):
    assert (
        _client(world, Role.SOCIAL_COUNSELLOR).get(reverse("logistics:receipt_new")).status_code
        == 403
    )


def test_other_office_warehouse_lot_is_404_for_a_count(world):
    _stocked(world)
    lot = Lot.objects.first()
    client = _client(world, Role.WAREHOUSE_OFFICER, office="tarakan")
    assert client.get(reverse("logistics:lot_adjust", args=[lot.pk])).status_code == 404


def test_regency_volunteer_files_a_request_handled_by_the_province(world):
    client = _client(world, Role.VOLUNTEER, office="lebak")
    page = client.get(reverse("logistics:request_new"))
    assert world.event.name.encode() in page.content
    response = client.post(
        reverse("logistics:request_new"),
        {
            "event": world.event.pk,
            "region_code": "36.02.01.2001",
            "requester_kind": "village",
            "requester_name": "Desa Cilangkahan",
            "people_affected": 90,
            "letter_number": "460/2/2026",
            "letter_date": world.today.isoformat(),
            "assessment_by": "TAGANA",
            "assessment_summary": "25 KK",
            "lines-TOTAL_FORMS": 1,
            "lines-INITIAL_FORMS": 0,
            "lines-0-item": world.blanket.pk,
            "lines-0-quantity": 25,
        },
    )
    assert response.status_code == 302
    created = LogisticsRequest.objects.get()
    assert (created.office, created.regency_office) == (world.banten, world.lebak)
