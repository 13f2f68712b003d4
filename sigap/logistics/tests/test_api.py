"""API under /api/v1/logistics/: stock, receipts, events, posts, dispatch, handover."""

import base64
from datetime import timedelta

import pytest

from sigap.accounts.roles import Role
from sigap.logistics.models import Lot, RequestStatus
from sigap.logistics.services.requests import (
    request_decide,
    request_dispose,
    request_receive,
    request_review,
)
from sigap.logistics.tests.conftest import PNG

pytestmark = pytest.mark.django_db
API = "/api/v1/logistics"


def _client(world, role, office="banten"):
    return world.cast.client_for(world.cast.user(office, role))


def _approved(world):
    world.receive(world.rice, 300, "B-01", world.today + timedelta(days=40))
    world.receive(world.blanket, 100, "S-1")
    request = world.request()
    request_receive(request=request, user=world.user(Role.HEAD_OF_OFFICE))
    request_dispose(request=request, user=world.user(Role.HEAD_OF_DIVISION), note="Teliti")
    request_review(
        request=request,
        user=world.user(Role.SOCIAL_COUNSELLOR),
        note="Layak",
        recommended={line.pk: 10 for line in request.lines.all()},
    )
    request_decide(
        request=request, user=world.user(Role.HEAD_OF_DIVISION), approve=True, reason="Ok"
    )
    return request


def test_stock_endpoint_lists_on_hand_for_the_warehouse_officer(world):
    world.receive(world.rice, 300, "B-01", world.today + timedelta(days=40))
    response = _client(world, Role.WAREHOUSE_OFFICER).get(f"{API}/stock")
    assert response.status_code == 200
    assert response.json()[0]["on_hand"] == 300


def test_stock_endpoint_refuses_anonymous_wrong_role_and_shows_nothing_to_other_office(world):
    world.receive(world.rice, 300, "B-01", world.today + timedelta(days=40))
    from django.test import Client

    assert Client().get(f"{API}/stock").status_code == 401
    assert _client(world, Role.COMPLAINTS_OFFICER).get(f"{API}/stock").status_code == 403
    assert _client(world, Role.WAREHOUSE_OFFICER, office="tarakan").get(f"{API}/stock").json() == []


def test_receipt_endpoint_validates_and_stores_nothing_on_error(world):
    client = _client(world, Role.WAREHOUSE_OFFICER)
    bad = client.post(
        f"{API}/receipts",
        {
            "warehouse": world.warehouse.code,
            "received_on": world.today.isoformat(),
            "source": "apbd",
            "lines": [
                {"item": "selimut", "quantity": 5, "lot_code": "S-1"},
                {"item": "beras", "quantity": 5, "lot_code": "B-9"},
            ],
        },
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert not Lot.objects.exists()
    good = client.post(
        f"{API}/receipts",
        {
            "warehouse": world.warehouse.code,
            "received_on": world.today.isoformat(),
            "source": "apbd",
            "lines": [
                {"item": "beras", "quantity": 5, "lot_code": "B-9", "expires_on": "2027-01-01"}
            ],
        },
        content_type="application/json",
    )
    assert good.status_code == 201
    assert good.json()["lots"] == ["B-9"]


def test_events_and_posts_endpoints(world):
    client = _client(world, Role.HEAD_OF_DIVISION)
    events = client.get(f"{API}/events").json()
    assert events[0]["in_force"] is True
    created = client.post(
        f"{API}/events/{world.event.pk}/posts",
        {
            "name": "Posko Malingping",
            "region_code": "36.02.05",
            "coordinator": "Dedi",
            "contact": "0812",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    outside = client.post(
        f"{API}/events/{world.event.pk}/posts",
        {"name": "Posko Serang", "region_code": "36.04.01", "coordinator": "X", "contact": "1"},
        content_type="application/json",
    )
    assert outside.status_code == 400
    other = _client(world, Role.HEAD_OF_DIVISION, office="tarakan")
    assert other.get(f"{API}/events/{world.event.pk}/posts").status_code == 404


def test_dispatch_and_handover_endpoints(world):
    request = _approved(world)
    client = _client(world, Role.SOCIAL_COUNSELLOR)
    sent = client.post(
        f"{API}/requests/{request.pk}/dispatch",
        {"warehouse": world.warehouse.code, "vehicle": "A 1", "driver_name": "Asep"},
        content_type="application/json",
    )
    assert sent.status_code == 201, sent.json()
    again = client.post(
        f"{API}/requests/{request.pk}/dispatch",
        {"warehouse": world.warehouse.code, "vehicle": "A 1", "driver_name": "Asep"},
        content_type="application/json",
    )
    assert again.status_code == 409
    line = sent.json()["lines"][0]
    done = client.post(
        f"{API}/requests/{request.pk}/handover",
        {
            "place": "Posko Cibadak",
            "recipient_name": "Ujang",
            "recipient_position": "Koordinator",
            "signature_png_base64": base64.b64encode(PNG).decode(),
            "received": [{"line": line["id"], "received": 8, "damaged": 2}],
        },
        content_type="application/json",
    )
    assert done.status_code == 201, done.json()
    assert done.json()["bast_number"]
    request.refresh_from_db()
    assert request.status == RequestStatus.HANDED_OVER


def test_dispatch_endpoint_refuses_wrong_role_and_other_office(world):
    request = _approved(world)
    body = {"warehouse": world.warehouse.code, "vehicle": "A 1", "driver_name": "Asep"}
    url = f"{API}/requests/{request.pk}/dispatch"
    wrong = _client(world, Role.HEAD_OF_DIVISION).post(url, body, content_type="application/json")
    assert wrong.status_code == 403
    other = _client(world, Role.SOCIAL_COUNSELLOR, office="tarakan")
    assert other.post(url, body, content_type="application/json").status_code == 404


def test_request_list_endpoint_is_scoped(world):
    world.request()
    mine = _client(world, Role.HEAD_OF_DIVISION).get(f"{API}/requests").json()
    assert mine[0]["items"] == {"beras": 100, "selimut": 50}
    assert _client(world, Role.HEAD_OF_DIVISION, office="lebak").get(f"{API}/requests").json()
    assert (
        _client(world, Role.HEAD_OF_DIVISION, office="tarakan").get(f"{API}/requests").json() == []
    )
