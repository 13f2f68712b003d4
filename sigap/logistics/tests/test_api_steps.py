"""Logistics API twins of the pages: filing, steps a-d, transfers and stock counts."""

from datetime import timedelta

import pytest
from django.test import Client

from sigap.accounts.roles import Role
from sigap.logistics.models import LogisticsRequest, Lot, MovementKind, RequestStatus, Warehouse

pytestmark = pytest.mark.django_db
API = "/api/v1/logistics"


def _post(world, role, path, payload, office="banten"):
    client = world.cast.client_for(world.cast.user(office, role))
    return client.post(f"{API}{path}", payload, content_type="application/json")


def _filing(world, **overrides) -> dict:
    payload = {
        "event_id": world.event.pk,
        "region_code": "36.02.01.2001",
        "posko_id": world.posko.pk,
        "requester_kind": "posko",
        "requester_name": "Posko Cibadak",
        "people_affected": 320,
        "letter_number": "460/123-Dinsos/2026",
        "letter_date": world.today.isoformat(),
        "assessment_by": "Siti",
        "assessment_summary": "80 KK mengungsi",
        "lines": [{"item": "beras", "quantity": 100}],
    }
    payload.update(overrides)
    return payload


def test_front_office_files_a_request_by_api(world):
    response = _post(world, Role.FRONT_OFFICE, "/requests", _filing(world))
    assert response.status_code == 201, response.content
    created = LogisticsRequest.objects.get(pk=response.json()["id"])
    assert created.posko == world.posko
    assert response.json()["lines"][0]["requested"] == 100


def test_filing_refuses_wrong_role_unknown_item_and_anonymous(world):
    assert _post(world, Role.WAREHOUSE_OFFICER, "/requests", _filing(world)).status_code == 403
    bad = _post(
        world, Role.FRONT_OFFICE, "/requests", _filing(world, lines=[{"item": "x", "quantity": 1}])
    )
    assert bad.status_code == 400 and "lines" in bad.json()["errors"]
    anonymous = Client().post(f"{API}/requests", _filing(world), content_type="application/json")
    assert anonymous.status_code == 401
    assert not LogisticsRequest.objects.exists()


def test_filing_for_an_event_of_another_office_is_404(world):
    response = _post(world, Role.FRONT_OFFICE, "/requests", _filing(world), office="tarakan")
    assert response.status_code == 404


def test_filing_for_an_event_without_status_in_force_is_409(world):
    world.status.ends_on = world.today - timedelta(days=1)
    world.status.starts_on = world.today - timedelta(days=3)
    world.status.save()
    response = _post(world, Role.FRONT_OFFICE, "/requests", _filing(world))
    assert response.status_code == 409


def test_steps_a_to_d_by_api_each_by_its_role(world):
    world.receive(world.rice, 300, "B-01", world.today + timedelta(days=40))
    request = world.request()
    path = f"/requests/{request.pk}"
    # A step out of order is a conflict; the wrong role is refused.
    assert (
        _post(world, Role.HEAD_OF_DIVISION, f"{path}/disposition", {"note": "x"}).status_code == 409
    )
    assert _post(world, Role.FRONT_OFFICE, f"{path}/receive", {}).status_code == 403
    assert _post(world, Role.HEAD_OF_OFFICE, f"{path}/receive", {}).status_code == 200
    no_note = _post(world, Role.HEAD_OF_DIVISION, f"{path}/disposition", {"note": ""})
    assert no_note.status_code == 400
    assert (
        _post(world, Role.HEAD_OF_DIVISION, f"{path}/disposition", {"note": "Teliti"}).status_code
        == 200
    )
    lines = [
        {"line": line.pk, "quantity": 10 if line.item == world.rice else 0}
        for line in request.lines.order_by("pk")
    ]
    review = {"warehouse": world.warehouse.code, "note": "Layak", "recommended": lines}
    over = {**review, "recommended": [{"line": lines[0]["line"], "quantity": 9999}]}
    assert _post(world, Role.SOCIAL_COUNSELLOR, f"{path}/review", over).status_code == 400
    done = _post(world, Role.SOCIAL_COUNSELLOR, f"{path}/review", review)
    assert done.status_code == 200 and {x["recommended"] for x in done.json()["lines"]} == {10, 0}
    bad = _post(
        world, Role.HEAD_OF_DIVISION, f"{path}/decision", {"decision": "maybe", "reason": "x"}
    )
    assert bad.status_code == 400
    ok = _post(
        world, Role.HEAD_OF_DIVISION, f"{path}/decision", {"decision": "approve", "reason": "Ok"}
    )
    assert ok.json()["status"] == RequestStatus.APPROVED


def test_a_step_from_another_office_is_404_and_anonymous_401(world):
    request = world.request()
    path = f"/requests/{request.pk}/receive"
    assert _post(world, Role.HEAD_OF_OFFICE, path, {}, office="tarakan").status_code == 404
    assert Client().post(f"{API}{path}", {}, content_type="application/json").status_code == 401


def test_warehouse_officer_transfers_stock_and_counts_a_lot(world):
    world.receive(world.rice, 300, "B-01", world.today + timedelta(days=40))
    second = Warehouse.objects.create(office=world.banten, code="gudang-lebak", name="Gudang 2")
    payload = {
        "source": world.warehouse.code,
        "destination": second.code,
        "item": "beras",
        "quantity": 40,
    }
    response = _post(world, Role.WAREHOUSE_OFFICER, "/transfers", payload)
    assert response.status_code == 201, response.content
    moved = Lot.objects.get(warehouse=second, lot_code="B-01")
    assert moved.quantity_on_hand == 40
    count = _post(
        world,
        Role.WAREHOUSE_OFFICER,
        f"/lots/{moved.pk}/counts",
        {"counted_quantity": 38, "reason": "Opname"},
    )
    assert count.status_code == 201 and count.json()["on_hand"] == 38
    assert moved.movements.filter(kind=MovementKind.ADJUSTMENT, quantity=-2).exists()


def test_transfer_and_count_refuse_wrong_role_other_office_and_bad_input(world):
    world.receive(world.rice, 300, "B-01", world.today + timedelta(days=40))
    lot = Lot.objects.get()
    payload = {
        "source": world.warehouse.code,
        "destination": world.warehouse.code,
        "item": "beras",
        "quantity": 1,
    }
    assert _post(world, Role.HEAD_OF_OFFICE, "/transfers", payload).status_code == 403
    assert _post(world, Role.WAREHOUSE_OFFICER, "/transfers", payload).status_code == 400
    count = {"counted_quantity": 1, "reason": "x"}
    assert _post(world, Role.HEAD_OF_OFFICE, f"/lots/{lot.pk}/counts", count).status_code == 403
    assert (
        _post(
            world, Role.WAREHOUSE_OFFICER, f"/lots/{lot.pk}/counts", count, office="tarakan"
        ).status_code
        == 404
    )
    assert (
        _post(
            world, Role.WAREHOUSE_OFFICER, f"/lots/{lot.pk}/counts", {**count, "reason": ""}
        ).status_code
        == 400
    )
    assert (
        Client()
        .post(f"{API}/lots/{lot.pk}/counts", count, content_type="application/json")
        .status_code
        == 401
    )
    lot.refresh_from_db()
    assert lot.quantity_on_hand == 300


def test_lots_items_and_warehouses_list_the_codes_to_use(world):
    world.receive(world.rice, 300, "B-01", world.today + timedelta(days=40))
    client = world.cast.client_for(world.user(Role.WAREHOUSE_OFFICER))
    assert [x["lot_code"] for x in client.get(f"{API}/lots").json()] == ["B-01"]
    assert {x["code"] for x in client.get(f"{API}/items").json()} == {"beras", "selimut"}
    assert [x["code"] for x in client.get(f"{API}/warehouses").json()] == ["gudang-serang"]
