"""REST endpoints of emergency logistics under /api/v1/logistics/ (staff only)."""

import base64
import binascii
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status

from sigap.api.auth import STAFF_AUTH
from sigap.api.errors import ConflictError
from sigap.logistics.models import Item, Step, Warehouse
from sigap.logistics.selectors import (
    event_status_in_force,
    events_for_user,
    requests_for_user,
    stock_report,
    warehouses_for_user,
)
from sigap.logistics.services import requests as flow
from sigap.logistics.services.events import (
    emergency_status_declare,
    emergency_status_extend,
    event_create,
    posko_create,
)
from sigap.logistics.services.stock import ReceiptLine, stock_receive
from sigap.logistics.views.common import (
    EVENT_EDIT_ROLES,
    LOGISTICS_ROLES,
    POSKO_ROLES,
    STOCK_VIEW_ROLES,
    STOCK_WRITE_ROLES,
    event_for_user,
    owns_event,
    request_for_user,
    require,
)

router = Router(tags=["logistics"])

MSG_UNKNOWN_ITEM = "Unknown item: %(code)s."
MSG_UNKNOWN_WAREHOUSE = "Unknown warehouse: %(code)s."


class StockRowOut(Schema):
    warehouse: str
    warehouse_name: str
    item: str
    item_name: str
    unit: str
    on_hand: int
    expired: int
    next_expiry: date | None


class ReceiptLineIn(Schema):
    item: str
    quantity: int
    lot_code: str
    expires_on: date | None = None


class ReceiptIn(Schema):
    warehouse: str
    received_on: date
    source: str
    source_detail: str = ""
    reference: str = ""
    lines: list[ReceiptLineIn]


class ReceiptOut(Schema):
    id: int
    warehouse: str
    lots: list[str]


class StatusOut(Schema):
    kind: str
    decree_number: str
    starts_on: date
    ends_on: date


class PoskoOut(Schema):
    id: int
    name: str
    region_code: str
    latitude: Decimal | None
    longitude: Decimal | None
    coordinator: str
    contact: str


class EventOut(Schema):
    id: int
    name: str
    kind: str
    occurred_on: date
    regions: list[str]
    in_force: bool
    statuses: list[StatusOut]


class EventIn(Schema):
    name: str
    kind: str
    occurred_on: date
    region_codes: list[str]
    description: str = ""


class StatusIn(Schema):
    decree_number: str
    ends_on: date
    starts_on: date | None = None


class PoskoIn(Schema):
    name: str
    region_code: str
    coordinator: str
    contact: str
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    address: str = ""


class RequestOut(Schema):
    id: int
    code: str
    status: str
    event: str
    posko: str | None
    region_code: str
    people_affected: int
    items: dict[str, int]


class DispatchIn(Schema):
    warehouse: str
    vehicle: str
    driver_name: str
    driver_phone: str = ""


class DispatchLineOut(Schema):
    id: int
    item: str
    lot: str
    expires_on: date | None
    quantity: int
    received: int | None
    damaged: int
    returned: int


class DispatchOut(Schema):
    request: str
    status: str
    vehicle: str
    driver_name: str
    lines: list[DispatchLineOut]


class ReceivedIn(Schema):
    line: int
    received: int
    damaged: int = 0
    returned: int = 0


class HandoverIn(Schema):
    place: str
    recipient_name: str
    recipient_position: str
    recipient_phone: str = ""
    signature_png_base64: str
    received: list[ReceivedIn] = []
    note: str = ""
    handed_over_at: datetime | None = None


class HandoverOut(Schema):
    request: str
    status: str
    bast_number: str
    lines: list[DispatchLineOut]


def _event_out(event) -> dict:
    return {
        "id": event.pk,
        "name": event.name,
        "kind": event.kind,
        "occurred_on": event.occurred_on,
        "regions": [r.region_code for r in event.regions.all()],
        "in_force": event_status_in_force(event) is not None,
        "statuses": list(event.statuses.values("kind", "decree_number", "starts_on", "ends_on")),
    }


def _posko_out(posko) -> dict:
    return {
        "id": posko.pk,
        "name": posko.name,
        "region_code": posko.region_code,
        "latitude": posko.latitude,
        "longitude": posko.longitude,
        "coordinator": posko.coordinator,
        "contact": posko.contact,
    }


def _dispatch_lines(dispatch) -> list[dict]:
    return [
        {
            "id": line.pk,
            "item": line.item.code,
            "lot": line.lot.lot_code,
            "expires_on": line.lot.expires_on,
            "quantity": line.quantity,
            "received": line.received_quantity,
            "damaged": line.damaged_quantity,
            "returned": line.returned_quantity,
        }
        for line in dispatch.lines.select_related("item", "lot")
    ]


def _warehouse(user, code: str, *, office=None) -> Warehouse:
    houses = warehouses_for_user(user)
    if office is not None:
        houses = houses.filter(office=office)
    found = houses.filter(code=code).first()
    if found is None:
        raise ValidationError({"warehouse": MSG_UNKNOWN_WAREHOUSE % {"code": code}})
    return found


@router.get("/logistics/stock", response=list[StockRowOut], auth=STAFF_AUTH)
def stock(request: HttpRequest, warehouse: str = ""):
    """Stock on hand per warehouse and item (lots not yet expired and expired, apart)."""
    require(request.user, *STOCK_VIEW_ROLES)
    houses = warehouses_for_user(request.user)
    if warehouse:
        houses = houses.filter(code=warehouse)
    return [
        {
            "warehouse": row.warehouse.code,
            "warehouse_name": row.warehouse.name,
            "item": row.item.code,
            "item_name": row.item.name,
            "unit": row.item.unit,
            "on_hand": row.on_hand,
            "expired": row.expired,
            "next_expiry": row.next_expiry,
        }
        for row in stock_report(warehouses=houses)
    ]


@router.post("/logistics/receipts", response={201: ReceiptOut}, auth=STAFF_AUTH)
def receipt_create(request: HttpRequest, payload: ReceiptIn):
    """Receives goods into a warehouse of the user's office (one lot per line)."""
    require(request.user, *STOCK_WRITE_ROLES)
    house = _warehouse(request.user, payload.warehouse, office=request.user.office)
    items = {i.code: i for i in Item.objects.filter(code__in=[x.item for x in payload.lines])}
    lines = []
    for line in payload.lines:
        if line.item not in items:
            raise ValidationError({"lines": MSG_UNKNOWN_ITEM % {"code": line.item}})
        lines.append(
            ReceiptLine(
                item=items[line.item],
                quantity=line.quantity,
                lot_code=line.lot_code,
                expires_on=line.expires_on,
            )
        )
    receipt = stock_receive(
        warehouse=house,
        received_on=payload.received_on,
        source=payload.source,
        source_detail=payload.source_detail,
        reference=payload.reference,
        lines=lines,
        user=request.user,
    )
    lots = list(receipt.movements.values_list("lot__lot_code", flat=True))
    return Status(201, {"id": receipt.pk, "warehouse": house.code, "lots": lots})


@router.get("/logistics/events", response=list[EventOut], auth=STAFF_AUTH)
def event_list(request: HttpRequest):
    require(request.user, *LOGISTICS_ROLES)
    events = events_for_user(request.user).prefetch_related("regions")
    return [_event_out(event) for event in events]


@router.post("/logistics/events", response={201: EventOut}, auth=STAFF_AUTH)
def event_new(request: HttpRequest, payload: EventIn):
    require(request.user, *EVENT_EDIT_ROLES)
    event = event_create(office=request.user.office, user=request.user, **payload.model_dump())
    return Status(201, _event_out(event))


@router.post("/logistics/events/{event_id}/statuses", response={201: EventOut}, auth=STAFF_AUTH)
def event_status(request: HttpRequest, event_id: int, payload: StatusIn):
    """Declares the emergency status, or records an extension decree when one exists."""
    require(request.user, *EVENT_EDIT_ROLES)
    event = event_for_user(request.user, event_id)
    if not owns_event(request.user, event):
        raise PermissionDenied
    if event.statuses.exists():
        emergency_status_extend(event=event, user=request.user, **payload.model_dump())
    else:
        if payload.starts_on is None:
            raise ValidationError({"starts_on": "Give the first day of the emergency period."})
        emergency_status_declare(event=event, user=request.user, **payload.model_dump())
    return Status(201, _event_out(event))


@router.get("/logistics/events/{event_id}/posts", response=list[PoskoOut], auth=STAFF_AUTH)
def posko_list(request: HttpRequest, event_id: int):
    require(request.user, *LOGISTICS_ROLES)
    event = event_for_user(request.user, event_id)
    return [_posko_out(posko) for posko in event.posts.all()]


@router.post("/logistics/events/{event_id}/posts", response={201: PoskoOut}, auth=STAFF_AUTH)
def posko_new(request: HttpRequest, event_id: int, payload: PoskoIn):
    require(request.user, *POSKO_ROLES)
    event = event_for_user(request.user, event_id)
    if not owns_event(request.user, event):
        raise PermissionDenied
    return Status(201, _posko_out(posko_create(event=event, **payload.model_dump())))


@router.get("/logistics/requests", response=list[RequestOut], auth=STAFF_AUTH)
def request_list(request: HttpRequest, status: str = ""):
    """Requests of the user's office (and those its regency/city office acknowledged)."""
    require(request.user, *LOGISTICS_ROLES)
    found = requests_for_user(request.user).prefetch_related("lines__item")
    if status:
        found = found.filter(status=status)
    return [
        {
            "id": r.pk,
            "code": r.code,
            "status": r.status,
            "event": r.event.name,
            "posko": r.posko.name if r.posko else None,
            "region_code": r.region_code,
            "people_affected": r.people_affected,
            "items": {line.item.code: line.requested_quantity for line in r.lines.all()},
        }
        for r in found[:200]
    ]


def _acting_request(request: HttpRequest, request_id: int, step: str):
    logistics_request = request_for_user(request.user, request_id)
    if logistics_request.office_id != request.user.office_id and not request.user.is_superuser:
        raise PermissionDenied
    if flow.current_step(logistics_request) != step:
        raise ConflictError(
            f"The request is {logistics_request.get_status_display()}: "
            f"the step {Step(step).label} cannot be taken now.",
            code="wrong_status",
        )
    return logistics_request


@router.post(
    "/logistics/requests/{request_id}/dispatch", response={201: DispatchOut}, auth=STAFF_AUTH
)
def dispatch(request: HttpRequest, request_id: int, payload: DispatchIn):
    """Step e: sends the approved quantities, lots picked first-expiring-first-out."""
    logistics_request = _acting_request(request, request_id, Step.DISPATCH)
    house = _warehouse(request.user, payload.warehouse, office=logistics_request.office)
    sent = flow.request_dispatch(
        request=logistics_request,
        user=request.user,
        warehouse=house,
        vehicle=payload.vehicle,
        driver_name=payload.driver_name,
        driver_phone=payload.driver_phone,
    )
    return Status(
        201,
        {
            "request": logistics_request.code,
            "status": sent.status,
            "vehicle": sent.vehicle,
            "driver_name": sent.driver_name,
            "lines": _dispatch_lines(sent),
        },
    )


@router.post(
    "/logistics/requests/{request_id}/handover", response={201: HandoverOut}, auth=STAFF_AUTH
)
def handover(request: HttpRequest, request_id: int, payload: HandoverIn):
    """Step f: records what was received (partial receipt, damage) and issues the BAST."""
    logistics_request = _acting_request(request, request_id, Step.HANDOVER)
    try:
        png = base64.b64decode(payload.signature_png_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValidationError({"signature": str(flow.MSG_SIGNATURE_INVALID)}) from exc
    done = flow.request_handover(
        request=logistics_request,
        user=request.user,
        place=payload.place,
        recipient_name=payload.recipient_name,
        recipient_position=payload.recipient_position,
        recipient_phone=payload.recipient_phone,
        received={
            x.line: flow.ReceivedLine(received=x.received, damaged=x.damaged, returned=x.returned)
            for x in payload.received
        },
        signature_png=png,
        note=payload.note,
        handed_over_at=payload.handed_over_at,
    )
    return Status(
        201,
        {
            "request": logistics_request.code,
            "status": "handed_over",
            "bast_number": done.document_number,
            "lines": _dispatch_lines(done.dispatch),
        },
    )
