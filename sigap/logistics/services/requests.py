"""A logistics request through the seed's steps a-f: file, receive, dispose, review, decide,
dispatch (stock out FEFO) and hand over (BAST, partial receipt, damaged goods).

What the recipient did not receive is decided per dispatched lot at handover:
- `returned_quantity`: intact goods the truck brings back go back into the same lot (ledger RETURN);
- `damaged_quantity`: goods found damaged stay out of stock and are reported as a loss;
- the rest (sent - received - damaged - returned) is lost in transit, also reported as a loss.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.accounts.models import Office
from sigap.accounts.roles import Role
from sigap.core.access import has_role
from sigap.logistics.models import (
    DisasterEvent,
    Dispatch,
    DispatchStatus,
    Handover,
    Item,
    LogisticsRequest,
    Posko,
    RequestLine,
    RequestStatus,
    Step,
    StepRecord,
    Warehouse,
)
from sigap.logistics.selectors import status_in_force, stock_available
from sigap.logistics.services.events import region_check, region_covers
from sigap.logistics.services.stock import stock_return, stock_take_out

MSG_NO_EMERGENCY_STATUS = _(
    "No emergency response status is in force for region %(region)s today. Logistics aid from "
    "the province can only be requested during a declared emergency response period."
)
MSG_REGION_NOT_IN_EVENT = _("Region %(region)s is not among the regions affected by this event.")
MSG_POSKO_OF_OTHER_EVENT = _("This post belongs to another event.")
MSG_NO_ITEMS = _("Ask for at least one item.")
MSG_DUPLICATE_ITEM = _("Each item may appear only once: %(item)s.")
MSG_QUANTITY = _("Quantities must be whole numbers above zero.")
MSG_WRONG_STATUS = _("This request is %(status)s: the step %(step)s cannot be taken now.")
MSG_WRONG_ROLE = _("Your role may not take the step %(step)s.")
MSG_NOTE_REQUIRED = _("Write the note of this step.")
MSG_REASON_REQUIRED = _("Give the reason for the decision.")
MSG_RECOMMEND_SOMETHING = _("Recommend at least one item with a quantity above zero.")
MSG_RECOMMEND_OVER_STOCK = _(
    "%(item)s: %(wanted)s recommended but only %(available)s in stock (not expired) in %(place)s."
)
MSG_UNKNOWN_LINE = _("Unknown item line: %(line)s.")
MSG_ACCOUNTED_OVER_SENT = _(
    "%(item)s lot %(lot)s: received, damaged and returned add up to more than the %(sent)s sent."
)
MSG_SIGNATURE_REQUIRED = _(
    "The recipient must sign: capture the signature on screen or upload the signed BAST."
)
MSG_SIGNATURE_INVALID = _("The signature must be a PNG image under 300 KB.")
MSG_CANNOT_CANCEL = _("Goods have left the warehouse: the request can no longer be cancelled.")
MSG_WAREHOUSE_OTHER_OFFICE = _("This warehouse belongs to another office.")

# Who takes each step (the catalogue standard's roles; warehouse staff also load the truck).
STEP_ROLES: dict[str, tuple[str, ...]] = {
    Step.RECEIVE: (Role.HEAD_OF_OFFICE,),
    Step.DISPOSITION: (Role.HEAD_OF_DIVISION,),
    Step.REVIEW: (Role.SOCIAL_COUNSELLOR,),
    Step.DECISION: (Role.HEAD_OF_DIVISION,),
    Step.DISPATCH: (Role.SOCIAL_COUNSELLOR, Role.WAREHOUSE_OFFICER),
    Step.HANDOVER: (Role.SOCIAL_COUNSELLOR, Role.WAREHOUSE_OFFICER),
}
# The status a request must be in for each step.
STEP_FROM: dict[str, str] = {
    Step.RECEIVE: RequestStatus.FILED,
    Step.DISPOSITION: RequestStatus.RECEIVED,
    Step.REVIEW: RequestStatus.DISPOSED,
    Step.DECISION: RequestStatus.REVIEWED,
    Step.DISPATCH: RequestStatus.APPROVED,
    Step.HANDOVER: RequestStatus.IN_TRANSIT,
}
FILING_ROLES = (
    Role.FRONT_OFFICE,
    Role.SOCIAL_WORKER,
    Role.VOLUNTEER,
    Role.SOCIAL_COUNSELLOR,
    Role.HEAD_OF_OFFICE,
    Role.HEAD_OF_DIVISION,
    Role.TKSK,
)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_SIGNATURE_BYTES = 300 * 1024


def current_step(request: LogisticsRequest) -> str | None:
    for step, status in STEP_FROM.items():
        if request.status == status:
            return step
    return None


def may_take_step(user, step: str) -> bool:
    return bool(user and (user.is_superuser or has_role(user, *STEP_ROLES[step])))


def _begin_step(request: LogisticsRequest, step: str, user) -> LogisticsRequest:
    """Locks the request and checks its status and the user's role; returns the fresh row."""
    if user is not None and not may_take_step(user, step):
        raise PermissionDenied(str(MSG_WRONG_ROLE % {"step": Step(step).label}))
    locked = LogisticsRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != STEP_FROM[step]:
        raise ValidationError(
            MSG_WRONG_STATUS,
            code="wrong_status",
            params={"status": locked.get_status_display(), "step": Step(step).label},
        )
    return locked


def _record(request, step: str, action: str, user, note: str = "") -> StepRecord:
    return StepRecord.objects.create(
        request=request,
        step=step,
        action=action,
        note=note,
        by=user if getattr(user, "pk", None) else None,
    )


def _set_status(request: LogisticsRequest, status: str, **fields) -> None:
    request.status = status
    for name, value in fields.items():
        setattr(request, name, value)
    request.save(update_fields=["status", "updated_at", *fields])


def regency_office_for(*, office: Office, region_code: str) -> Office | None:
    """The regency/city office under `office` whose region contains `region_code`."""
    for child in Office.objects.filter(parent=office):
        if child.region_code and region_covers(child.region_code, region_code):
            return child
    return None


def check_intake(*, event: DisasterEvent, region_code: str, on: date | None = None) -> str:
    """Requirement 1: the region is under an emergency status in force. Returns the code."""
    code = region_check(region_code)
    if not any(region_covers(r.region_code, code) for r in event.regions.all()):
        raise ValidationError(
            {"region_code": MSG_REGION_NOT_IN_EVENT},
            code="region_not_in_event",
            params={"region": code},
        )
    if status_in_force(region_code=code, on=on, event=event) is None:
        raise ValidationError(
            MSG_NO_EMERGENCY_STATUS, code="no_emergency_status", params={"region": code}
        )
    return code


@dataclass(frozen=True)
class IntakeLine:
    item: Item
    quantity: int


def _check_lines(lines: list[IntakeLine]) -> None:
    if not lines:
        raise ValidationError(MSG_NO_ITEMS, code="no_items")
    seen: set[int] = set()
    for line in lines:
        if not isinstance(line.quantity, int) or line.quantity <= 0:
            raise ValidationError(MSG_QUANTITY, code="quantity")
        if line.item.pk in seen:
            raise ValidationError(
                MSG_DUPLICATE_ITEM, code="duplicate_item", params={"item": line.item.name}
            )
        seen.add(line.item.pk)


@transaction.atomic
def request_file(
    *,
    office: Office,
    event: DisasterEvent,
    region_code: str,
    requester_kind: str,
    requester_name: str,
    people_affected: int,
    letter_number: str,
    letter_date: date,
    assessment_by: str,
    assessment_summary: str,
    lines: list[IntakeLine],
    user,
    posko: Posko | None = None,
    requester_contact: str = "",
    families_affected: int | None = None,
    letter_file=None,
    assessment_file=None,
    application_id: int | None = None,
    on: date | None = None,
) -> LogisticsRequest:
    """Files a request (requirements 1-4 of the seed); refused outside an emergency status."""
    code = check_intake(event=event, region_code=region_code, on=on)
    if posko is not None and posko.event_id != event.pk:
        raise ValidationError({"posko": MSG_POSKO_OF_OTHER_EVENT}, code="posko_other_event")
    _check_lines(lines)
    request = LogisticsRequest(
        office=office,
        regency_office=regency_office_for(office=office, region_code=code),
        application_id=application_id,
        event=event,
        posko=posko,
        region_code=code,
        requester_kind=requester_kind,
        requester_name=requester_name,
        requester_contact=requester_contact,
        people_affected=people_affected,
        families_affected=families_affected,
        letter_number=letter_number,
        letter_date=letter_date,
        assessment_by=assessment_by,
        assessment_summary=assessment_summary,
        filed_by=user if getattr(user, "pk", None) else None,
    )
    if letter_file is not None:
        request.letter_file = letter_file
    if assessment_file is not None:
        request.assessment_file = assessment_file
    request.full_clean(exclude=["code"])
    request.save()
    request.code = f"LOG-{timezone.localdate():%Y}-{request.pk:05d}"
    request.save(update_fields=["code"])
    RequestLine.objects.bulk_create(
        RequestLine(request=request, item=line.item, requested_quantity=line.quantity)
        for line in lines
    )
    _record(request, "filed", "file", user)
    return request


@transaction.atomic
def request_receive(*, request: LogisticsRequest, user, note: str = "") -> LogisticsRequest:
    """(a) The head of office receives the request, acknowledged by the regency/city office."""
    request = _begin_step(request, Step.RECEIVE, user)
    _record(request, Step.RECEIVE, "receive", user, note)
    _set_status(request, RequestStatus.RECEIVED)
    return request


@transaction.atomic
def request_dispose(*, request: LogisticsRequest, user, note: str) -> LogisticsRequest:
    """(b) The Kepala Bidang's disposition ("teliti dan saran") to the counsellor."""
    if not note.strip():
        raise ValidationError({"note": MSG_NOTE_REQUIRED}, code="note_required")
    request = _begin_step(request, Step.DISPOSITION, user)
    _record(request, Step.DISPOSITION, "dispose", user, note)
    _set_status(request, RequestStatus.DISPOSED)
    return request


def check_recommendation(
    *, request: LogisticsRequest, recommended: dict[int, int], warehouse: Warehouse | None = None
) -> None:
    """Recommended quantities must be whole, some above zero, and all in stock (not expired)."""
    lines = {line.pk: line for line in request.lines.select_related("item")}
    for line_id, quantity in recommended.items():
        if line_id not in lines:
            raise ValidationError(MSG_UNKNOWN_LINE, code="unknown_line", params={"line": line_id})
        if not isinstance(quantity, int) or quantity < 0:
            raise ValidationError(MSG_QUANTITY, code="quantity")
    if not any(quantity > 0 for quantity in recommended.values()):
        raise ValidationError(MSG_RECOMMEND_SOMETHING, code="recommend_nothing")
    items = [lines[line_id].item for line_id in recommended]
    available = stock_available(office=request.office, items=items, warehouse=warehouse)
    place = warehouse.name if warehouse else str(_("the office's warehouses"))
    for line_id, quantity in recommended.items():
        item = lines[line_id].item
        if quantity > available.get(item.pk, 0):
            raise ValidationError(
                MSG_RECOMMEND_OVER_STOCK,
                code="over_stock",
                params={
                    "item": item.name,
                    "wanted": quantity,
                    "available": available.get(item.pk, 0),
                    "place": place,
                },
            )


@transaction.atomic
def request_review(
    *,
    request: LogisticsRequest,
    user,
    note: str,
    recommended: dict[int, int],
    warehouse: Warehouse | None = None,
) -> LogisticsRequest:
    """(c) The counsellor's telaahan: recommended quantity per line, checked against stock."""
    if not note.strip():
        raise ValidationError({"note": MSG_NOTE_REQUIRED}, code="note_required")
    request = _begin_step(request, Step.REVIEW, user)
    check_recommendation(request=request, recommended=recommended, warehouse=warehouse)
    for line in request.lines.all():
        line.recommended_quantity = recommended.get(line.pk, 0)
        line.save(update_fields=["recommended_quantity"])
    _record(request, Step.REVIEW, "review", user, note)
    _set_status(request, RequestStatus.REVIEWED)
    return request


@transaction.atomic
def request_decide(
    *, request: LogisticsRequest, user, approve: bool, reason: str
) -> LogisticsRequest:
    """(d) The Kepala Bidang approves or rejects, with the reason."""
    if not reason.strip():
        raise ValidationError({"reason": MSG_REASON_REQUIRED}, code="reason_required")
    request = _begin_step(request, Step.DECISION, user)
    _record(request, Step.DECISION, "approve" if approve else "reject", user, reason)
    status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    _set_status(request, status, decision_reason=reason)
    return request


@transaction.atomic
def request_send_back(*, request: LogisticsRequest, user, reason: str) -> LogisticsRequest:
    """(d) The Kepala Bidang returns the review for another look (back to step c)."""
    if not reason.strip():
        raise ValidationError({"reason": MSG_REASON_REQUIRED}, code="reason_required")
    request = _begin_step(request, Step.DECISION, user)
    _record(request, Step.DECISION, "return", user, reason)
    request.lines.update(recommended_quantity=None)
    _set_status(request, RequestStatus.DISPOSED)
    return request


@transaction.atomic
def request_dispatch(
    *,
    request: LogisticsRequest,
    user,
    warehouse: Warehouse,
    vehicle: str,
    driver_name: str,
    driver_phone: str = "",
    today: date | None = None,
) -> Dispatch:
    """(e) Sends the approved quantities, taken from the warehouse first-expiring-first-out."""
    request = _begin_step(request, Step.DISPATCH, user)
    if warehouse.office_id != request.office_id:
        raise ValidationError({"warehouse": MSG_WAREHOUSE_OTHER_OFFICE}, code="warehouse_office")
    dispatch = Dispatch(
        request=request,
        warehouse=warehouse,
        vehicle=vehicle,
        driver_name=driver_name,
        driver_phone=driver_phone,
        dispatched_by=user if getattr(user, "pk", None) else None,
    )
    dispatch.full_clean(exclude=["request"])
    dispatch.save()
    quantities = {
        line.item: line.recommended_quantity
        for line in request.lines.select_related("item")
        if line.recommended_quantity
    }
    moved = stock_take_out(
        warehouse=warehouse, quantities=quantities, user=user, today=today, dispatch=dispatch
    )
    for pick, _movement in moved:
        dispatch.lines.create(item_id=pick.lot.item_id, lot=pick.lot, quantity=pick.quantity)
    _record(request, Step.DISPATCH, "dispatch", user, f"{vehicle} · {driver_name}")
    _set_status(request, RequestStatus.IN_TRANSIT)
    return dispatch


@transaction.atomic
def request_cancel(*, request: LogisticsRequest, user, reason: str) -> LogisticsRequest:
    """Withdraws a request before dispatch (e.g. the engine's request was cancelled)."""
    request = LogisticsRequest.objects.select_for_update().get(pk=request.pk)
    if request.status in (RequestStatus.IN_TRANSIT, RequestStatus.HANDED_OVER):
        raise ValidationError(MSG_CANNOT_CANCEL, code="cannot_cancel")
    if request.status in (RequestStatus.CANCELLED, RequestStatus.REJECTED):
        return request
    _record(request, "cancelled", "cancel", user, reason)
    _set_status(request, RequestStatus.CANCELLED, decision_reason=reason)
    return request


@dataclass(frozen=True)
class ReceivedLine:
    received: int
    damaged: int = 0
    returned: int = 0


def signature_file(data: bytes | None) -> ContentFile | None:
    """Checks a captured signature (PNG bytes) and wraps it for a FileField."""
    if not data:
        return None
    if not data.startswith(PNG_MAGIC) or len(data) > MAX_SIGNATURE_BYTES:
        raise ValidationError({"signature": MSG_SIGNATURE_INVALID}, code="signature_invalid")
    return ContentFile(data, name="signature.png")


@transaction.atomic
def request_handover(
    *,
    request: LogisticsRequest,
    user,
    place: str,
    recipient_name: str,
    recipient_position: str,
    received: dict[int, ReceivedLine] | None = None,
    signature_png: bytes | None = None,
    signed_copy=None,
    recipient_phone: str = "",
    note: str = "",
    handed_over_at: datetime | None = None,
    issue_document: bool = True,
) -> Handover:
    """(f) The recipient receives the goods and signs the BAST; partial receipt is recorded.

    `received` maps dispatch line ids to what was received, damaged and brought back; lines left
    out were received in full.
    """
    request = _begin_step(request, Step.HANDOVER, user)
    signature = signature_file(signature_png)
    if signature is None and not signed_copy:
        raise ValidationError({"signature": MSG_SIGNATURE_REQUIRED}, code="signature_required")
    dispatch = Dispatch.objects.select_for_update().get(request=request)
    received = received or {}
    lines = list(dispatch.lines.select_related("item", "lot"))
    known = {line.pk for line in lines}
    for line_id in received:
        if line_id not in known:
            raise ValidationError(MSG_UNKNOWN_LINE, code="unknown_line", params={"line": line_id})
    handover = Handover(
        dispatch=dispatch,
        handed_over_at=handed_over_at or timezone.now(),
        place=place,
        recipient_name=recipient_name,
        recipient_position=recipient_position,
        recipient_phone=recipient_phone,
        note=note,
        handed_over_by=user if getattr(user, "pk", None) else None,
    )
    if signature is not None:
        handover.signature = signature
    if signed_copy:
        handover.signed_copy = signed_copy
    handover.full_clean(exclude=["dispatch"])
    handover.save()
    for line in lines:
        _account_line(line, received.get(line.pk), user=user, dispatch=dispatch)
    dispatch.status = DispatchStatus.RECEIVED
    dispatch.save(update_fields=["status", "updated_at"])
    _record(request, Step.HANDOVER, "hand_over", user, note)
    _set_status(request, RequestStatus.HANDED_OVER)
    if issue_document:
        from sigap.logistics.bast import bast_issue

        bast_issue(handover=handover, user=user)
    return handover


def _account_line(line, got: ReceivedLine | None, *, user, dispatch: Dispatch) -> None:
    got = got or ReceivedLine(received=line.quantity)
    for value in (got.received, got.damaged, got.returned):
        if not isinstance(value, int) or value < 0:
            raise ValidationError(MSG_QUANTITY, code="quantity")
    if got.received + got.damaged + got.returned > line.quantity:
        raise ValidationError(
            MSG_ACCOUNTED_OVER_SENT,
            code="accounted_over_sent",
            params={"item": line.item.name, "lot": line.lot.lot_code, "sent": line.quantity},
        )
    line.received_quantity = got.received
    line.damaged_quantity = got.damaged
    line.returned_quantity = got.returned
    line.save(update_fields=["received_quantity", "damaged_quantity", "returned_quantity"])
    if got.returned:
        stock_return(
            lot=line.lot,
            quantity=got.returned,
            user=user,
            reason=str(_("Not received at handover")),
            dispatch=dispatch,
        )
