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
from sigap.api.forms import cleaned
from sigap.logistics.forms import AdjustForm, DecisionForm, RequestForm
from sigap.logistics.models import Item, Lot, Step, Warehouse
from sigap.logistics.selectors import (
    event_status_in_force,
    events_for_user,
    events_open_for_requests,
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
from sigap.logistics.services.stock import (
    ReceiptLine,
    stock_adjust,
    stock_receive,
    stock_transfer,
)
from sigap.logistics.views.common import (
    EVENT_EDIT_ROLES,
    LOGISTICS_ROLES,
    POSKO_ROLES,
    STOCK_VIEW_ROLES,
    STOCK_WRITE_ROLES,
    event_for_user,
    lot_for_user,
    owns_event,
    request_for_user,
    require,
)

router = Router(tags=["logistics"])

MSG_UNKNOWN_ITEM = "Unknown item: %(code)s."
MSG_UNKNOWN_WAREHOUSE = "Unknown warehouse: %(code)s."
MSG_EVENT_CLOSED = "No emergency response status is in force for this event today."


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


class LogisticsEventOut(Schema):
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


class RequestLineOut(Schema):
    id: int
    item: str
    requested: int
    recommended: int | None


class LogisticsRequestOut(Schema):
    id: int
    code: str
    status: str
    event: str
    posko: str | None
    region_code: str
    people_affected: int
    items: dict[str, int]
    lines: list[RequestLineOut]


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


@router.get("/logistics/events", response=list[LogisticsEventOut], auth=STAFF_AUTH)
def event_list(request: HttpRequest):
    require(request.user, *LOGISTICS_ROLES)
    events = events_for_user(request.user).prefetch_related("regions")
    return [_event_out(event) for event in events]


@router.post("/logistics/events", response={201: LogisticsEventOut}, auth=STAFF_AUTH)
def event_new(request: HttpRequest, payload: EventIn):
    require(request.user, *EVENT_EDIT_ROLES)
    event = event_create(office=request.user.office, user=request.user, **payload.model_dump())
    return Status(201, _event_out(event))


@router.post(
    "/logistics/events/{event_id}/statuses", response={201: LogisticsEventOut}, auth=STAFF_AUTH
)
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


@router.get("/logistics/requests", response=list[LogisticsRequestOut], auth=STAFF_AUTH)
def request_list(request: HttpRequest, status: str = ""):
    """Requests of the user's office (and those its regency/city office acknowledged)."""
    require(request.user, *LOGISTICS_ROLES)
    found = requests_for_user(request.user).prefetch_related("lines__item")
    if status:
        found = found.filter(status=status)
    return [_request_out(r) for r in found[:200]]


def _request_out(r) -> dict:
    lines = list(r.lines.all())
    return {
        "id": r.pk,
        "code": r.code,
        "status": r.status,
        "event": r.event.name,
        "posko": r.posko.name if r.posko else None,
        "region_code": r.region_code,
        "people_affected": r.people_affected,
        "items": {line.item.code: line.requested_quantity for line in lines},
        "lines": [
            {
                "id": line.pk,
                "item": line.item.code,
                "requested": line.requested_quantity,
                "recommended": line.recommended_quantity,
            }
            for line in lines
        ],
    }


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


# --- filing and steps a-d (e and f above) ----------------------------------------------------


class RequestLineIn(Schema):
    item: str
    quantity: int


class RequestFileIn(Schema):
    event_id: int
    region_code: str
    posko_id: int | None = None
    requester_kind: str
    requester_name: str
    requester_contact: str = ""
    people_affected: int
    families_affected: int | None = None
    letter_number: str
    letter_date: date
    assessment_by: str
    assessment_summary: str
    lines: list[RequestLineIn]


def _items(codes: list[str], field: str) -> dict[str, Item]:
    found = {i.code: i for i in Item.objects.filter(code__in=codes, is_active=True)}
    for code in codes:
        if code not in found:
            raise ValidationError({field: MSG_UNKNOWN_ITEM % {"code": code}})
    return found


@router.post("/logistics/requests", response={201: LogisticsRequestOut}, auth=STAFF_AUTH)
def request_new(request: HttpRequest, payload: RequestFileIn):
    """Files a request for an event under an emergency status (scans go through the page)."""
    require(request.user, *flow.FILING_ROLES)
    event = event_for_user(request.user, payload.event_id)
    if not events_open_for_requests(request.user).filter(pk=event.pk).exists():
        raise ConflictError(MSG_EVENT_CLOSED, code="no_emergency_status")
    data = payload.dict(exclude={"event_id", "lines", "posko_id"})
    data["posko"] = payload.posko_id or ""
    fields = cleaned(RequestForm({k: "" if v is None else v for k, v in data.items()}, event=event))
    items = _items([line.item for line in payload.lines], "lines")
    lines = [flow.IntakeLine(item=items[x.item], quantity=x.quantity) for x in payload.lines]
    created = flow.request_file(
        office=event.office, event=event, user=request.user, lines=lines, **fields
    )
    return Status(201, _request_out(created))


class LogisticsNoteIn(Schema):
    note: str = ""


class ReviewLineIn(Schema):
    line: int
    quantity: int


class LogisticsReviewIn(Schema):
    warehouse: str
    note: str
    recommended: list[ReviewLineIn]


class DecisionIn(Schema):
    decision: str
    reason: str


def _step_done(logistics_request) -> dict:
    logistics_request.refresh_from_db()
    return _request_out(logistics_request)


@router.post(
    "/logistics/requests/{request_id}/receive", response=LogisticsRequestOut, auth=STAFF_AUTH
)
def receive(request: HttpRequest, request_id: int, payload: LogisticsNoteIn):
    """Step a: the head of office receives the request."""
    logistics_request = _acting_request(request, request_id, Step.RECEIVE)
    flow.request_receive(request=logistics_request, user=request.user, note=payload.note)
    return _step_done(logistics_request)


@router.post(
    "/logistics/requests/{request_id}/disposition", response=LogisticsRequestOut, auth=STAFF_AUTH
)
def disposition(request: HttpRequest, request_id: int, payload: LogisticsNoteIn):
    """Step b: the Kepala Bidang's disposition to the counsellor (a note is required)."""
    logistics_request = _acting_request(request, request_id, Step.DISPOSITION)
    flow.request_dispose(request=logistics_request, user=request.user, note=payload.note)
    return _step_done(logistics_request)


@router.post(
    "/logistics/requests/{request_id}/review", response=LogisticsRequestOut, auth=STAFF_AUTH
)
def review(request: HttpRequest, request_id: int, payload: LogisticsReviewIn):
    """Step c: the counsellor's review, a recommended quantity per line, checked against stock."""
    logistics_request = _acting_request(request, request_id, Step.REVIEW)
    house = _warehouse(request.user, payload.warehouse, office=logistics_request.office)
    flow.request_review(
        request=logistics_request,
        user=request.user,
        note=payload.note,
        recommended={x.line: x.quantity for x in payload.recommended},
        warehouse=house,
    )
    return _step_done(logistics_request)


@router.post(
    "/logistics/requests/{request_id}/decision", response=LogisticsRequestOut, auth=STAFF_AUTH
)
def decision(request: HttpRequest, request_id: int, payload: DecisionIn):
    """Step d: approve or reject, with the reason."""
    logistics_request = _acting_request(request, request_id, Step.DECISION)
    data = cleaned(DecisionForm(payload.dict()))
    flow.request_decide(
        request=logistics_request,
        user=request.user,
        approve=data["decision"] == "approve",
        reason=data["reason"],
    )
    return _step_done(logistics_request)


# --- stock: transfers, counts, and the codes to use ------------------------------------------


class TransferIn(Schema):
    source: str
    destination: str
    item: str
    quantity: int
    reason: str = ""


class TransferOut(Schema):
    reference: str
    source: str
    destination: str
    item: str
    quantity: int


@router.post("/logistics/transfers", response={201: TransferOut}, auth=STAFF_AUTH)
def transfer_create(request: HttpRequest, payload: TransferIn):
    """Moves stock between warehouses lot by lot (first expiring first), keeping lot codes."""
    require(request.user, *STOCK_WRITE_ROLES)
    source = _warehouse(request.user, payload.source)
    destination = _warehouse(request.user, payload.destination)
    item = _items([payload.item], "item")[payload.item]
    reference = stock_transfer(
        source=source,
        destination=destination,
        item=item,
        quantity=payload.quantity,
        reason=payload.reason[:300],
        user=request.user,
    )
    return Status(
        201,
        {
            "reference": reference,
            "source": source.code,
            "destination": destination.code,
            "item": item.code,
            "quantity": payload.quantity,
        },
    )


class LotOut(Schema):
    id: int
    warehouse: str
    item: str
    lot_code: str
    expires_on: date | None
    on_hand: int


def _lot_out(lot) -> dict:
    return {
        "id": lot.pk,
        "warehouse": lot.warehouse.code,
        "item": lot.item.code,
        "lot_code": lot.lot_code,
        "expires_on": lot.expires_on,
        "on_hand": lot.quantity_on_hand,
    }


@router.get("/logistics/lots", response=list[LotOut], auth=STAFF_AUTH)
def lot_list(request: HttpRequest, warehouse: str = "", item: str = ""):
    """Lots with stock on hand in the warehouses you may see (ids for counts)."""
    require(request.user, *STOCK_VIEW_ROLES)
    lots = Lot.objects.select_related("warehouse", "item").filter(
        warehouse__in=warehouses_for_user(request.user), quantity_on_hand__gt=0
    )
    if warehouse:
        lots = lots.filter(warehouse__code=warehouse)
    if item:
        lots = lots.filter(item__code=item)
    return [_lot_out(lot) for lot in lots.order_by("warehouse__code", "item__code", "pk")[:500]]


class CountIn(Schema):
    counted_quantity: int
    reason: str


@router.post("/logistics/lots/{lot_id}/counts", response={201: LotOut}, auth=STAFF_AUTH)
def lot_count(request: HttpRequest, lot_id: int, payload: CountIn):
    """Records a physical count: the lot is set to the counted quantity, the difference logged."""
    require(request.user, *STOCK_WRITE_ROLES)
    lot = lot_for_user(request.user, lot_id)
    stock_adjust(lot=lot, user=request.user, **cleaned(AdjustForm(payload.dict())))
    lot.refresh_from_db()
    return Status(201, _lot_out(lot))


class ItemOut(Schema):
    code: str
    name: str
    unit: str


class WarehouseOut(Schema):
    code: str
    name: str
    office: str


@router.get("/logistics/items", response=list[ItemOut], auth=STAFF_AUTH)
def item_list(request: HttpRequest):
    """The active items (codes for requests, receipts and transfers)."""
    require(request.user, *LOGISTICS_ROLES)
    return list(Item.objects.filter(is_active=True).order_by("code").values("code", "name", "unit"))


@router.get("/logistics/warehouses", response=list[WarehouseOut], auth=STAFF_AUTH)
def warehouse_list(request: HttpRequest):
    """The warehouses you may see."""
    require(request.user, *LOGISTICS_ROLES)
    return [
        {"code": w.code, "name": w.name, "office": w.office.code}
        for w in warehouses_for_user(request.user).select_related("office").order_by("code")
    ]
