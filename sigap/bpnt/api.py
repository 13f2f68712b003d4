"""REST endpoints of BPNT under /api/v1/bpnt/ (staff only): problem tickets here, the rest of
the programme in `api_programme` (mounted on this router)."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status

from sigap.accounts.models import User
from sigap.api.auth import STAFF_AUTH
from sigap.bpnt import selectors, services
from sigap.bpnt.api_programme import router as programme_router
from sigap.bpnt.models import ProblemTicket, TicketStatus
from sigap.bpnt.views import BPNT_ROLES, NIK_NOT_FOUND, UNASSIGNED_NOTE, person_by_nik
from sigap.bpnt.views_companions import TICKET_ASSIGN_ROLES
from sigap.core.access import has_role, log_access
from sigap.registry.selectors import nik_for

router = Router(tags=["bpnt"])
router.add_router("", programme_router)

ASSIGNEE_UNKNOWN = "Unknown social companion."


class TicketIn(Schema):
    nik: str
    kind: str
    reporter: str
    description: str
    # None: the companion of the beneficiary's area (sigap.bpnt.companions).
    assigned_to: int | None = None


class TicketAssignIn(Schema):
    assigned_to: int


class ResolveIn(Schema):
    resolution: str
    recommendation: str = ""


class TicketOut(Schema):
    id: int
    code: str
    kind: str
    reporter: str
    status: str
    village_code: str
    person_id: int
    nik: str
    description: str
    assigned_to: int | None
    assigned_to_name: str
    assignment_note: str
    resolution: str
    recommendation: str
    document_number: str
    created_at: datetime
    resolved_at: datetime | None


class DistrictOpenOut(Schema):
    district_code: str
    open: int


def _require(request: HttpRequest, roles=BPNT_ROLES) -> None:
    user = request.user
    if not (user.is_superuser or has_role(user, *roles)):
        raise PermissionDenied


def _out(ticket: ProblemTicket, user) -> dict:
    return {
        "id": ticket.pk,
        "code": str(ticket),
        "kind": ticket.kind,
        "reporter": ticket.reporter,
        "status": ticket.status,
        "village_code": ticket.village_code,
        "person_id": ticket.person_id,
        "nik": nik_for(user, ticket.person.nik),
        "description": ticket.description,
        "assigned_to": ticket.assigned_to_id,
        "assigned_to_name": ticket.assigned_to.display_name if ticket.assigned_to_id else "",
        "assignment_note": ""
        if ticket.assigned_to_id or ticket.status == TicketStatus.RESOLVED
        else str(UNASSIGNED_NOTE),
        "resolution": ticket.resolution,
        "recommendation": ticket.recommendation,
        "document_number": ticket.document_number,
        "created_at": ticket.created_at,
        "resolved_at": ticket.resolved_at,
    }


@router.get("/bpnt/tickets", response=list[TicketOut], auth=STAFF_AUTH)
def ticket_list(request: HttpRequest, status: str = ""):
    _require(request)
    tickets = selectors.tickets_for_user(request.user)
    if status in TicketStatus.values:
        tickets = tickets.filter(status=status)
    return [_out(t, request.user) for t in tickets[:200]]


@router.post("/bpnt/tickets", response={201: TicketOut}, auth=STAFF_AUTH)
def ticket_new(request: HttpRequest, payload: TicketIn):
    _require(request)
    office = request.user.office
    if office is None:
        raise PermissionDenied
    person = person_by_nik(request.user, payload.nik)
    if person is None:
        raise ValidationError({"nik": NIK_NOT_FOUND})
    assignee = None
    if payload.assigned_to is not None:
        assignee = User.objects.filter(pk=payload.assigned_to).first()
        if assignee is None:
            raise ValidationError({"assigned_to": ASSIGNEE_UNKNOWN})
    ticket = services.ticket_create(
        office=office,
        person=person,
        kind=payload.kind,
        reporter=payload.reporter,
        description=payload.description,
        assigned_to=assignee,
        created_by=request.user,
    )
    return Status(201, _out(ticket, request.user))


@router.get("/bpnt/tickets/open-by-district", response=list[DistrictOpenOut], auth=STAFF_AUTH)
def open_by_district(request: HttpRequest):
    _require(request)
    if request.user.office is None:
        return []
    return selectors.tickets_open_by_district(office=request.user.office)


@router.get("/bpnt/tickets/{ticket_id}", response=TicketOut, auth=STAFF_AUTH)
def ticket_detail(request: HttpRequest, ticket_id: int):
    _require(request)
    ticket = selectors.ticket_get_for_user(request.user, ticket_id)
    log_access(request.user, ticket, summary="BPNT ticket (API)", request=request)
    return _out(ticket, request.user)


@router.post("/bpnt/tickets/{ticket_id}/start", response=TicketOut, auth=STAFF_AUTH)
def ticket_start(request: HttpRequest, ticket_id: int):
    _require(request)
    ticket = selectors.ticket_get_for_user(request.user, ticket_id)
    ticket = services.ticket_start(ticket=ticket, user=request.user)
    return _out(selectors.ticket_get_for_user(request.user, ticket.pk), request.user)


@router.post("/bpnt/tickets/{ticket_id}/resolve", response=TicketOut, auth=STAFF_AUTH)
def ticket_resolve(request: HttpRequest, ticket_id: int, payload: ResolveIn):
    _require(request)
    ticket = selectors.ticket_get_for_user(request.user, ticket_id)
    ticket = services.ticket_resolve(
        ticket=ticket,
        user=request.user,
        resolution=payload.resolution,
        recommendation=payload.recommendation,
    )
    return _out(selectors.ticket_get_for_user(request.user, ticket.pk), request.user)


@router.post("/bpnt/tickets/{ticket_id}/assign", response=TicketOut, auth=STAFF_AUTH)
def ticket_assign(request: HttpRequest, ticket_id: int, payload: TicketAssignIn):
    _require(request, TICKET_ASSIGN_ROLES)
    ticket = selectors.ticket_get_for_user(request.user, ticket_id)
    assignee = User.objects.filter(pk=payload.assigned_to).first()
    if assignee is None:
        raise ValidationError({"assigned_to": ASSIGNEE_UNKNOWN})
    services.ticket_assign(ticket=ticket, assigned_to=assignee)
    return _out(selectors.ticket_get_for_user(request.user, ticket.pk), request.user)
