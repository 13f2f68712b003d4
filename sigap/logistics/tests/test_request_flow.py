"""A request through the seed's steps a-f, with stock before and after; rejection; refusals."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sigap.accounts.roles import Role
from sigap.documents.selectors import documents_for_subject
from sigap.logistics.models import (
    DispatchStatus,
    Lot,
    MovementKind,
    RequestStatus,
    StepRecord,
)
from sigap.logistics.selectors import ledger_mismatches, stock_available
from sigap.logistics.services.events import emergency_status_extend
from sigap.logistics.services.requests import (
    IntakeLine,
    ReceivedLine,
    request_decide,
    request_dispatch,
    request_dispose,
    request_handover,
    request_receive,
    request_review,
)
from sigap.logistics.tests.conftest import PNG


def _stock(world):
    world.receive(world.rice, 150, "SOON", world.today + timedelta(days=20))
    world.receive(world.rice, 400, "LATE", world.today + timedelta(days=200))
    world.receive(world.blanket, 60, "S-1")


def _to_approved(world, request, rice=120, blankets=40):
    request_receive(request=request, user=world.user(Role.HEAD_OF_OFFICE), note="Diterima")
    request_dispose(
        request=request, user=world.user(Role.HEAD_OF_DIVISION), note="Teliti dan saran"
    )
    lines = {line.item_id: line.pk for line in request.lines.all()}
    request_review(
        request=request,
        user=world.user(Role.SOCIAL_COUNSELLOR),
        note="Layak dibantu sesuai asesmen",
        recommended={lines[world.rice.pk]: rice, lines[world.blanket.pk]: blankets},
        warehouse=world.warehouse,
    )
    request_decide(
        request=request,
        user=world.user(Role.HEAD_OF_DIVISION),
        approve=True,
        reason="Sesuai telaahan",
    )
    request.refresh_from_db()
    return request


def test_whole_path_a_to_f_moves_stock_and_issues_the_bast(world):
    _stock(world)
    request = world.request()
    assert request.code.startswith("LOG-")
    assert request.regency_office == world.lebak
    request = _to_approved(world, request)
    assert request.status == RequestStatus.APPROVED

    dispatch = request_dispatch(
        request=request,
        user=world.user(Role.SOCIAL_COUNSELLOR),
        warehouse=world.warehouse,
        vehicle="A 1234 BC",
        driver_name="Asep",
    )
    assert dispatch.status == DispatchStatus.IN_TRANSIT
    assert [
        (line.lot.lot_code, line.quantity) for line in dispatch.lines.filter(item=world.rice)
    ] == [("SOON", 120)]
    available = stock_available(office=world.banten, items=[world.rice, world.blanket])
    assert available == {world.rice.pk: 550 - 120, world.blanket.pk: 60 - 40}

    handover = request_handover(
        request=request,
        user=world.user(Role.SOCIAL_COUNSELLOR),
        place="Posko Cibadak, Lebak",
        recipient_name="Ujang",
        recipient_position="Koordinator Posko",
        signature_png=PNG,
    )
    request.refresh_from_db()
    dispatch.refresh_from_db()
    assert request.status == RequestStatus.HANDED_OVER
    assert dispatch.status == DispatchStatus.RECEIVED
    assert handover.document_id and handover.document_number
    html = documents_for_subject(handover).get().rendered_html
    for text in ("Berita Acara Serah Terima Barang", "PIHAK KEDUA", "Ujang", "Koordinator Posko"):
        assert text in html
    assert "SOON" in html and "Banjir Lebak" in html and "data:image/png;base64" in html
    assert list(StepRecord.objects.filter(request=request).values_list("step", flat=True)) == [
        "filed",
        "receive",
        "disposition",
        "review",
        "decision",
        "dispatch",
        "handover",
    ]
    assert ledger_mismatches() == []


def test_rejection_stops_the_request_and_moves_no_stock(world):
    _stock(world)
    request = world.request()
    request_receive(request=request, user=world.user(Role.HEAD_OF_OFFICE))
    request_dispose(request=request, user=world.user(Role.HEAD_OF_DIVISION), note="Teliti")
    line = request.lines.first()
    request_review(
        request=request,
        user=world.user(Role.SOCIAL_COUNSELLOR),
        note="Cukup dari kabupaten",
        recommended={line.pk: 1},
    )
    request_decide(
        request=request,
        user=world.user(Role.HEAD_OF_DIVISION),
        approve=False,
        reason="Sudah dipenuhi kabupaten",
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.REJECTED
    assert request.decision_reason == "Sudah dipenuhi kabupaten"
    with pytest.raises(ValidationError) as exc:
        request_dispatch(
            request=request,
            user=world.user(Role.SOCIAL_COUNSELLOR),
            warehouse=world.warehouse,
            vehicle="A 1",
            driver_name="X",
        )
    assert exc.value.code == "wrong_status"
    assert not Lot.objects.filter(movements__kind=MovementKind.OUT).exists()


def test_request_outside_an_emergency_status_is_refused(world):
    world.status.delete()
    with pytest.raises(ValidationError) as exc:
        world.request()
    assert exc.value.code == "no_emergency_status"


def test_request_after_the_status_ended_is_refused_until_extended(world):
    later = world.status.ends_on + timedelta(days=3)
    with pytest.raises(ValidationError) as exc:
        world.request(on=later)
    assert exc.value.code == "no_emergency_status"
    emergency_status_extend(
        event=world.event, decree_number="360/Kep.120/2026", ends_on=later, user=None
    )
    assert world.request(on=later).pk


def test_request_for_a_region_not_affected_is_refused(world):
    with pytest.raises(ValidationError):
        world.request(region_code="36.03.01")


def test_review_cannot_recommend_more_than_in_stock(world):
    world.receive(world.rice, 50, "A", world.today + timedelta(days=20))
    request = world.request(lines=[IntakeLine(world.rice, 100)])
    request_receive(request=request, user=world.user(Role.HEAD_OF_OFFICE))
    request_dispose(request=request, user=world.user(Role.HEAD_OF_DIVISION), note="Teliti")
    line = request.lines.get()
    with pytest.raises(ValidationError) as exc:
        request_review(
            request=request,
            user=world.user(Role.SOCIAL_COUNSELLOR),
            note="ok",
            recommended={line.pk: 60},
        )
    assert exc.value.code == "over_stock"
    request.refresh_from_db()
    assert request.status == RequestStatus.DISPOSED


def test_wrong_role_cannot_take_a_step(world):
    request = world.request()
    with pytest.raises(PermissionDenied):
        request_receive(request=request, user=world.user(Role.SOCIAL_COUNSELLOR))


def test_partial_receipt_returns_intact_goods_and_records_damage_and_loss(world):
    _stock(world)
    request = _to_approved(world, world.request())
    dispatch = request_dispatch(
        request=request,
        user=world.user(Role.WAREHOUSE_OFFICER),
        warehouse=world.warehouse,
        vehicle="A 1",
        driver_name="Asep",
    )
    rice_line = dispatch.lines.get(item=world.rice)
    blanket_line = dispatch.lines.get(item=world.blanket)
    request_handover(
        request=request,
        user=world.user(Role.SOCIAL_COUNSELLOR),
        place="Posko Cibadak",
        recipient_name="Ujang",
        recipient_position="Koordinator Posko",
        received={
            rice_line.pk: ReceivedLine(received=100, damaged=5, returned=10),
            blanket_line.pk: ReceivedLine(received=38),
        },
        signature_png=PNG,
    )
    rice_line.refresh_from_db()
    blanket_line.refresh_from_db()
    assert (rice_line.received_quantity, rice_line.damaged_quantity, rice_line.lost_quantity) == (
        100,
        5,
        5,
    )
    assert blanket_line.lost_quantity == 2
    # The 10 kg brought back are in their lot again.
    assert Lot.objects.get(lot_code="SOON").quantity_on_hand == 150 - 120 + 10
    assert ledger_mismatches() == []


def test_handover_needs_a_signature_and_cannot_account_more_than_sent(world):
    _stock(world)
    request = _to_approved(world, world.request())
    dispatch = request_dispatch(
        request=request,
        user=world.user(Role.SOCIAL_COUNSELLOR),
        warehouse=world.warehouse,
        vehicle="A 1",
        driver_name="Asep",
    )
    kwargs = {
        "request": request,
        "user": world.user(Role.SOCIAL_COUNSELLOR),
        "place": "Posko",
        "recipient_name": "Ujang",
        "recipient_position": "Koordinator",
    }
    with pytest.raises(ValidationError):
        request_handover(**kwargs)
    line = dispatch.lines.first()
    with pytest.raises(ValidationError) as exc:
        request_handover(
            **kwargs,
            signature_png=PNG,
            received={line.pk: ReceivedLine(received=line.quantity, damaged=1)},
        )
    assert exc.value.code == "accounted_over_sent"
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_TRANSIT
