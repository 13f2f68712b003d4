"""Complaint API: the public tracking view (no personal data) and the staff actions."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from sigap.accounts.models import Office, Unit
from sigap.api.auth import STAFF_AUTH
from sigap.api.forms import cleaned
from sigap.complaints import services
from sigap.complaints.access import (
    SETTINGS_ROLES,
    complainant_identity,
    complaint_for_user,
    complaints_for_user,
    require_act,
)
from sigap.complaints.forms import DayOffForm, SettingsForm
from sigap.complaints.models import Channel, Complaint, EventKind, OfficeDayOff
from sigap.complaints.selectors import (
    LOOKUP_SPACE,
    complaint_by_public_code,
    complaint_public_data,
)
from sigap.core.access import require_role
from sigap.core.ratelimit import lookup_guard, lookup_missed
from sigap.standards.models import ServiceStandard

router = Router(tags=["complaints"])


class PublicEventOut(Schema):
    at: datetime
    kind: str
    kind_label: str
    office: str
    to_office: str | None
    text: str


class PublicComplaintOut(Schema):
    code: str
    status: str
    status_label: str
    channel: str
    office: str
    service: str | None
    received_on: date
    answer_due: date
    complete_due: date
    completed_at: datetime | None
    rating: int | None
    events: list[PublicEventOut]


@router.get("/complaints/{code}", response=PublicComplaintOut, auth=None)
def complaint_public(request: HttpRequest, code: str):
    """Anyone with the tracking code: status and public history, never who complained."""
    lookup_guard(request, LOOKUP_SPACE)
    complaint = complaint_by_public_code(code)
    if complaint is None:
        lookup_missed(LOOKUP_SPACE)
        raise Http404
    return complaint_public_data(complaint)


class StaffComplaintOut(PublicComplaintOut):
    unit: str | None
    origin_office: str
    request_code: str
    lapor_number: str
    subject: str
    body: str
    anonymous: bool
    confidential: bool
    complainant: dict[str, str] | None
    verify_due: date


class ComplaintIn(Schema):
    channel: Channel
    subject: str
    body: str
    received_on: date | None = None
    lapor_number: str = ""
    service_code: str = ""
    request_code: str = ""
    anonymous: bool = False
    confidential: bool = False
    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


class ReasonIn(Schema):
    reason: str


class VerifyIn(Schema):
    service_code: str = ""
    request_code: str = ""


class DisposeIn(Schema):
    unit: str
    note: str = ""


class ReferIn(Schema):
    to_office: str
    note: str = ""


class RespondIn(Schema):
    text: str
    kind: str = EventKind.RESPONSE
    public: bool = True


class MeetingIn(Schema):
    held_on: date
    attendees: str
    minutes: str


class CompleteIn(Schema):
    summary: str


class RatingIn(Schema):
    rating: int
    comment: str = ""


def _staff_out(request: HttpRequest, complaint: Complaint) -> dict:
    data = complaint_public_data(complaint)
    data["events"] = [
        {
            "at": e.at,
            "kind": e.kind,
            "kind_label": str(e.get_kind_display()),
            "office": e.office.name,
            "to_office": e.to_office.name if e.to_office_id else None,
            "text": e.text,
        }
        for e in complaint.events.select_related("office", "to_office")
    ]
    data.update(
        unit=complaint.unit.name if complaint.unit_id else None,
        origin_office=complaint.origin_office.name,
        request_code=complaint.request_code,
        lapor_number=complaint.lapor_number,
        subject=complaint.subject,
        body=complaint.body,
        anonymous=complaint.anonymous,
        confidential=complaint.confidential,
        complainant=complainant_identity(request.user, complaint, request=request),
        verify_due=complaint.verify_due,
    )
    return data


def _standard(office, code: str):
    if not code:
        return None
    standard = (
        ServiceStandard.objects.filter(office=office, code=code).order_by("-revision").first()
    )
    if standard is None:
        raise ValidationError({"service_code": ["Unknown service."]})
    return standard


class ComplaintRowOut(Schema):
    code: str
    status: str
    channel: str
    subject: str
    received_on: date
    office: str


@router.get("/staff/complaints", response=list[ComplaintRowOut], auth=STAFF_AUTH)
def staff_complaint_list(request: HttpRequest, status: str = ""):
    qs = complaints_for_user(request.user).select_related("office")
    if status:
        qs = qs.filter(status=status)
    return [
        {
            "code": c.code,
            "status": c.status,
            "channel": c.channel,
            "subject": c.subject,
            "received_on": c.received_on,
            "office": c.office.name,
        }
        for c in qs[:500]
    ]


@router.post("/staff/complaints", response={201: StaffComplaintOut}, auth=STAFF_AUTH)
def staff_complaint_create(request: HttpRequest, payload: ComplaintIn):
    """Records a complaint from any channel (SP4N-LAPOR!: give `lapor_number`)."""
    complaints_for_user(request.user)  # role check: 403 for other roles
    office = request.user.office
    if office is None:
        raise ValidationError("A staff account of an office is needed.")
    # Only the complaint handlers record.
    require_act(request.user, Complaint(office=office))
    data = payload.dict()
    service_code = data.pop("service_code")
    complaint, _secret = services.complaint_receive(
        office=office, standard=_standard(office, service_code), by=request.user, **data
    )
    return Status(201, _staff_out(request, complaint))


@router.get("/staff/complaints/{code}", response=StaffComplaintOut, auth=STAFF_AUTH)
def staff_complaint_detail(request: HttpRequest, code: str):
    return _staff_out(request, complaint_for_user(request.user, code))


def _act(request: HttpRequest, code: str, call, **kwargs) -> dict:
    complaint = complaint_for_user(request.user, code)
    call(complaint=complaint, by=request.user, **kwargs)
    return _staff_out(request, complaint_for_user(request.user, code))


@router.post("/staff/complaints/{code}/verify", response=StaffComplaintOut, auth=STAFF_AUTH)
def staff_verify(request: HttpRequest, code: str, payload: VerifyIn):
    complaint = complaint_for_user(request.user, code)
    services.complaint_verify(
        complaint=complaint,
        by=request.user,
        standard=_standard(complaint.office, payload.service_code),
        request_code=payload.request_code,
    )
    return _staff_out(request, complaint_for_user(request.user, code))


@router.post("/staff/complaints/{code}/reject", response=StaffComplaintOut, auth=STAFF_AUTH)
def staff_reject(request: HttpRequest, code: str, payload: ReasonIn):
    return _act(request, code, services.complaint_reject, reason=payload.reason)


@router.post("/staff/complaints/{code}/dispose", response=StaffComplaintOut, auth=STAFF_AUTH)
def staff_dispose(request: HttpRequest, code: str, payload: DisposeIn):
    complaint = complaint_for_user(request.user, code)
    unit = Unit.objects.filter(office=complaint.office, code=payload.unit).first()
    if unit is None:
        raise ValidationError({"unit": [str(services.UNIT_OTHER_OFFICE)]})
    return _act(request, code, services.complaint_dispose, unit=unit, note=payload.note)


@router.post("/staff/complaints/{code}/refer", response=StaffComplaintOut, auth=STAFF_AUTH)
def staff_refer(request: HttpRequest, code: str, payload: ReferIn):
    to_office = Office.objects.filter(code=payload.to_office).first()
    if to_office is None:
        raise ValidationError({"to_office": [str(services.REFER_NOT_ALLOWED)]})
    complaint = complaint_for_user(request.user, code)
    services.complaint_refer(
        complaint=complaint, by=request.user, to_office=to_office, note=payload.note
    )
    # The referring office keeps reading the complaint (history kept in both).
    return _staff_out(request, complaint_for_user(request.user, code))


@router.post("/staff/complaints/{code}/responses", response=StaffComplaintOut, auth=STAFF_AUTH)
def staff_respond(request: HttpRequest, code: str, payload: RespondIn):
    return _act(
        request,
        code,
        services.complaint_respond,
        text=payload.text,
        kind=payload.kind,
        public=payload.public,
    )


@router.post("/staff/complaints/{code}/meetings", response=StaffComplaintOut, auth=STAFF_AUTH)
def staff_meeting(request: HttpRequest, code: str, payload: MeetingIn):
    return _act(
        request,
        code,
        services.complaint_record_meeting,
        held_on=payload.held_on,
        attendees=payload.attendees,
        minutes=payload.minutes,
    )


@router.post("/staff/complaints/{code}/complete", response=StaffComplaintOut, auth=STAFF_AUTH)
def staff_complete(request: HttpRequest, code: str, payload: CompleteIn):
    return _act(request, code, services.complaint_complete, summary=payload.summary)


@router.post("/staff/complaints/{code}/rating", response=StaffComplaintOut, auth=STAFF_AUTH)
def staff_rate(request: HttpRequest, code: str, payload: RatingIn):
    return _act(
        request, code, services.complaint_rate, rating=payload.rating, comment=payload.comment
    )


@router.post("/staff/complaints/{code}/reopen", response=StaffComplaintOut, auth=STAFF_AUTH)
def staff_reopen(request: HttpRequest, code: str, payload: ReasonIn):
    return _act(request, code, services.complaint_reopen, reason=payload.reason)


# --- the office's deadlines and days off ---------------------------------------------------


class DayOffIn(Schema):
    day: date
    name: str


class DayOffOut(Schema):
    id: int
    day: date
    name: str


class SettingsIn(Schema):
    verify_working_days: int
    answer_days: int
    answer_in_working_days: bool = False
    complete_working_days: int


class SettingsOut(SettingsIn):
    days_off: list[DayOffOut]


def _settings_office(request: HttpRequest):
    require_role(request.auth, *SETTINGS_ROLES)
    if request.auth.office is None:
        raise Http404
    return request.auth.office


def _settings_out(office) -> dict:
    conf = services.complaint_settings_for(office)
    return {
        "verify_working_days": conf.verify_working_days,
        "answer_days": conf.answer_days,
        "answer_in_working_days": conf.answer_in_working_days,
        "complete_working_days": conf.complete_working_days,
        "days_off": list(OfficeDayOff.objects.filter(office=office).values("id", "day", "name")),
    }


@router.get("/staff/complaint-settings", response=SettingsOut, auth=STAFF_AUTH)
def settings_detail(request: HttpRequest):
    """The office's deadline per stage and its own days off (cuti bersama)."""
    return _settings_out(_settings_office(request))


@router.put("/staff/complaint-settings", response=SettingsOut, auth=STAFF_AUTH)
def settings_update(request: HttpRequest, payload: SettingsIn):
    office = _settings_office(request)
    form = SettingsForm(payload.dict(), instance=services.complaint_settings_for(office))
    services.complaint_settings_update(office=office, **cleaned(form))
    return _settings_out(office)


@router.post("/staff/complaint-settings/days-off", response={201: DayOffOut}, auth=STAFF_AUTH)
def day_off_add(request: HttpRequest, payload: DayOffIn):
    """Adds a day the office is closed (or renames it); deadlines skip it."""
    office = _settings_office(request)
    row = services.office_day_off_set(office=office, **cleaned(DayOffForm(payload.dict())))
    return Status(201, {"id": row.pk, "day": row.day, "name": row.name})


@router.delete("/staff/complaint-settings/days-off/{day_id}", response={204: None}, auth=STAFF_AUTH)
def day_off_remove(request: HttpRequest, day_id: int):
    office = _settings_office(request)
    if not services.office_day_off_remove(office=office, day_id=day_id):
        raise Http404
    return Status(204, None)
