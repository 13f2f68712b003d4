"""Request API: public tracking, and the staff's intake, uploads, checks, actions and queue.

Staff endpoints go through the same services as the UI, so the same rules answer: 403 for a
role that may not act, 409 for a step out of order or a stale version, 404 for another office.
"""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from sigap.api.auth import STAFF_AUTH
from sigap.applications import access, selectors, services
from sigap.applications.models import Channel, Request
from sigap.applications.workflow import next_action
from sigap.core.ratelimit import lookup_guard, lookup_missed
from sigap.identity import mask_nik

router = Router(tags=["requests"])


# --- public tracking -----------------------------------------------------------------------


class TrackStepOut(Schema):
    order: int
    label: str
    state: str


class TrackEventOut(Schema):
    at: datetime
    step: str
    action: str
    action_label: str
    status: str


class TrackOut(Schema):
    code: str
    service: str
    office: str
    status: str
    status_label: str
    current_step: str
    submitted_at: datetime | None
    due_at: datetime | None
    time_limit_text: str
    completed_at: datetime | None
    overdue: bool
    missing: list[str]
    steps: list[TrackStepOut]
    history: list[TrackEventOut]


@router.get("/track/{code}", response=TrackOut, auth=None)
def track(request: HttpRequest, code: str):
    """Anyone with the code: the service, the steps with dates, the due time. No personal data."""
    lookup_guard(request, "track")
    normalised = services.normalise_code(code)[:12]
    info = selectors.track_info(normalised) if normalised else None
    if info is None:
        lookup_missed("track")
        raise Http404
    return info


# --- staff ---------------------------------------------------------------------------------


class ApplicantIn(Schema):
    nik: str
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""


class OrganisationIn(Schema):
    kind: str = "community"
    name: str
    region_code: str = ""
    contact_name: str = ""


class RequestIn(Schema):
    service_code: str
    product_code: str = ""
    applicant: ApplicantIn | None = None
    organisation: OrganisationIn | None = None
    contact_email: str = ""
    contact_phone: str = ""
    answers: dict[str, str] = {}
    extension_data: dict[str, Any] = {}
    submit: bool = False


class CheckOut(Schema):
    code: str
    label: str
    kind: str
    mandatory: bool
    status: str
    note: str
    value: str
    uploads: list[str]


class EventOut(Schema):
    at: datetime
    step: str
    action: str
    actor: str
    note: str
    from_status: str
    to_status: str


class RequestOut(Schema):
    code: str
    service_code: str
    service: str
    revision: int
    product_code: str
    status: str
    channel: str
    applicant_name: str
    applicant_nik_masked: str
    current_step: str | None
    current_role: str | None
    waiting_action: str | None
    actions: list[str]
    done_actions: list[str]
    assigned_to: str | None
    due_at: datetime | None
    overdue: bool
    submitted_at: datetime | None
    completed_at: datetime | None
    version: int
    missing: list[str]
    return_reason: str
    checklist: list[CheckOut]
    history: list[EventOut]
    warnings: list[str] = []


def _out(req: Request, *, warnings: list[str] | None = None) -> dict:
    step = req.current_step
    person = req.applicant_person
    return {
        "code": req.code,
        "service_code": req.standard.code,
        "service": req.standard.name,
        "revision": req.standard.revision,
        "product_code": req.product_code,
        "status": req.status,
        "channel": req.channel,
        "applicant_name": req.applicant_name,
        "applicant_nik_masked": mask_nik(person.nik) if person and person.nik else "",
        "current_step": step.code if step else None,
        "current_role": step.role if step else None,
        "waiting_action": next_action(req),
        "actions": list(step.actions) if step else [],
        "done_actions": list(req.done_actions),
        "assigned_to": req.assigned_to.username if req.assigned_to_id else None,
        "due_at": req.due_at,
        "overdue": req.is_overdue and req.is_open,
        "submitted_at": req.submitted_at,
        "completed_at": req.completed_at,
        "version": req.version,
        "missing": list(req.missing),
        "return_reason": req.return_reason,
        "checklist": [
            {**item, "uploads": [u.original_name for u in item["uploads"]]}
            for item in selectors.checklist(req)
        ],
        "history": [
            {
                "at": e.at,
                "step": e.step.code if e.step_id else "",
                "action": e.action,
                "actor": e.actor.username if e.actor_id else "",
                "note": e.note,
                "from_status": e.from_status,
                "to_status": e.to_status,
            }
            for e in req.events.select_related("step", "actor")
        ],
        "warnings": warnings or [],
    }


def _standard_for(user, code: str):
    from sigap.standards.selectors import standard_in_force

    standard = standard_in_force(code=code)
    if standard.office_id != user.office_id:
        raise Http404
    return standard


@router.post("/requests", response={201: RequestOut}, auth=STAFF_AUTH)
def request_create(request: HttpRequest, payload: RequestIn):
    """Opens a request (a draft to add files to, or submitted at once with `submit`)."""
    user = request.auth
    if not access.may_take_intake(user):
        raise PermissionDenied
    standard = _standard_for(user, payload.service_code)
    person = None
    if payload.applicant is not None:
        person = services.applicant_person_resolve(**payload.applicant.dict())
    draft = services.request_start(
        standard=standard,
        product_code=payload.product_code,
        person=person,
        organisation=payload.organisation.dict() if payload.organisation else None,
        contact_email=payload.contact_email or (person.email if person else ""),
        contact_phone=payload.contact_phone or (person.phone if person else ""),
        channel=Channel.API,
        user=user,
    )
    if payload.answers:
        services.requirement_answers_set(request=draft, answers=payload.answers, user=user)
    warnings = services.intake_warnings(
        standard=standard, person=person, data=payload.extension_data
    )
    if payload.submit:
        draft = services.request_submit(
            request=draft, user=user, extension_data=payload.extension_data
        )
    return Status(201, _out(draft, warnings=warnings))


class UploadOut(Schema):
    id: int
    requirement: str
    original_name: str
    content_type: str
    size: int
    sha256: str


@router.post("/requests/{code}/uploads", response={201: UploadOut}, auth=STAFF_AUTH)
def upload_create(
    request: HttpRequest, code: str, requirement: Form[str], file: File[UploadedFile]
):
    """Adds a requirement's file (PDF, JPEG or PNG, checked by content): to a draft at intake,
    or later to a returned or open request by the holders of its current step."""
    req = selectors.request_for_user(request.auth, code)
    if not access.may_add_files(request.auth, req):
        raise PermissionDenied
    upload = services.upload_add(
        request=req, requirement_code=requirement, file=file, user=request.auth
    )
    return Status(
        201,
        {
            "id": upload.pk,
            "requirement": requirement,
            "original_name": upload.original_name,
            "content_type": upload.content_type,
            "size": upload.size,
            "sha256": upload.sha256,
        },
    )


class SubmitIn(Schema):
    extension_data: dict[str, Any] = {}


@router.post("/requests/{code}/submit", response=RequestOut, auth=STAFF_AUTH)
def request_submit(request: HttpRequest, code: str, payload: SubmitIn):
    req = selectors.request_for_user(request.auth, code)
    if not access.may_take_intake(request.auth):
        raise PermissionDenied
    return _out(
        services.request_submit(
            request=req, user=request.auth, extension_data=payload.extension_data
        )
    )


class ActIn(Schema):
    action: str
    data: dict[str, Any] = {}
    expected_version: int


@router.post("/requests/{code}/act", response=RequestOut, auth=STAFF_AUTH)
def request_act(request: HttpRequest, code: str, payload: ActIn):
    """Takes an action at the current step: 403 wrong role, 409 out of order or stale."""
    req = selectors.request_for_user(request.auth, code)
    done = services.request_act(
        request=req,
        user=request.auth,
        action=payload.action,
        data=payload.data,
        expected_version=payload.expected_version,
    )
    return _out(done)


class CheckItemIn(Schema):
    requirement: str
    status: str
    note: str = ""


class ChecksIn(Schema):
    checks: list[CheckItemIn]
    note: str = ""
    expected_version: int


@router.post("/requests/{code}/checks", response=RequestOut, auth=STAFF_AUTH)
def request_checks(request: HttpRequest, code: str, payload: ChecksIn):
    """Records the document check (the `check` action): incomplete files go back."""
    req = selectors.request_for_user(request.auth, code)
    done = services.request_act(
        request=req,
        user=request.auth,
        action="check",
        data={"checks": [c.dict() for c in payload.checks], "note": payload.note},
        expected_version=payload.expected_version,
    )
    return _out(done)


class VersionIn(Schema):
    expected_version: int
    note: str = ""


@router.post("/requests/{code}/resubmit", response=RequestOut, auth=STAFF_AUTH)
def request_resubmit(request: HttpRequest, code: str, payload: VersionIn):
    req = selectors.request_for_user(request.auth, code)
    return _out(
        services.request_resubmit(
            request=req,
            user=request.auth,
            expected_version=payload.expected_version,
            note=payload.note,
        )
    )


class CancelIn(Schema):
    expected_version: int
    reason: str


@router.post("/requests/{code}/cancel", response=RequestOut, auth=STAFF_AUTH)
def request_cancel(request: HttpRequest, code: str, payload: CancelIn):
    """Withdraws a request (the applicant asked, or it was filed by mistake), with the reason."""
    req = selectors.request_for_user(request.auth, code)
    if not access.may_cancel(request.auth, req):
        raise PermissionDenied
    return _out(
        services.request_cancel(
            request=req,
            user=request.auth,
            expected_version=payload.expected_version,
            reason=payload.reason.strip()[:1000],
        )
    )


class RequestAssignIn(Schema):
    expected_version: int
    username: str | None = None


@router.post("/requests/{code}/assign", response=RequestOut, auth=STAFF_AUTH)
def request_assign(request: HttpRequest, code: str, payload: RequestAssignIn):
    """Claims the current step (no username) or assigns it to a colleague holding its role."""
    from sigap.accounts.models import User

    req = selectors.request_for_user(request.auth, code)
    assignee = request.auth
    if payload.username:
        assignee = User.objects.filter(
            username=payload.username, office_id=request.auth.office_id
        ).first()
        if assignee is None:
            raise Http404
    return _out(
        services.request_assign(
            request=req,
            user=request.auth,
            assignee=assignee,
            expected_version=payload.expected_version,
        )
    )


class QueueItemOut(Schema):
    code: str
    service: str
    step: str
    role: str
    waiting_action: str | None
    assigned_to: str | None
    due_at: datetime | None
    overdue: bool
    version: int


@router.get("/queue", response=list[QueueItemOut], auth=STAFF_AUTH)
def queue(request: HttpRequest):
    """The steps waiting for the user's roles in their office, most urgent first."""
    return [
        {
            "code": r.code,
            "service": r.standard.name,
            "step": r.current_step.code,
            "role": r.current_step.role,
            "waiting_action": next_action(r),
            "assigned_to": r.assigned_to.username if r.assigned_to_id else None,
            "due_at": r.due_at,
            "overdue": r.is_overdue,
            "version": r.version,
        }
        for r in selectors.queue_for_user(request.auth)[:200]
    ]


class RequestListItemOut(Schema):
    code: str
    service_code: str
    status: str
    current_step: str | None
    due_at: datetime | None
    overdue: bool
    submitted_at: datetime | None
    completed_at: datetime | None
    version: int


@router.get("/requests", response=list[RequestListItemOut], auth=STAFF_AUTH)
def request_list(
    request: HttpRequest,
    service: str = "",
    status: str = "",
    overdue: bool = False,
    limit: int = 100,
    offset: int = 0,
):
    """The requests of the user's office, filtered (service code, status, overdue)."""
    qs = selectors.requests_for_user(
        request.auth, standard_code=service, status=status, overdue=overdue
    )
    limit = max(1, min(limit, 500))
    offset = max(0, offset)
    return [
        {
            "code": r.code,
            "service_code": r.standard.code,
            "status": r.status,
            "current_step": r.current_step.code if r.current_step_id else None,
            "due_at": r.due_at,
            "overdue": r.is_overdue and r.is_open,
            "submitted_at": r.submitted_at,
            "completed_at": r.completed_at,
            "version": r.version,
        }
        for r in qs[offset : offset + limit]
    ]


@router.get("/requests/{code}", response=RequestOut, auth=STAFF_AUTH)
def request_detail(request: HttpRequest, code: str):
    req = selectors.request_for_user(request.auth, code)
    return _out(req)


class RequestDocumentOut(Schema):
    id: int
    title: str
    number: str
    template_code: str
    issued_at: datetime
    sha256: str
    verify_url: str


@router.get("/requests/{code}/documents", response=list[RequestDocumentOut], auth=STAFF_AUTH)
def request_documents(request: HttpRequest, code: str):
    from sigap.documents.selectors import documents_for_subject
    from sigap.documents.services import verify_url_for

    req = selectors.request_for_user(request.auth, code)
    return [
        {
            "id": d.pk,
            "title": d.title,
            "number": d.number,
            "template_code": d.template_code,
            "issued_at": d.issued_at,
            "sha256": d.sha256,
            "verify_url": verify_url_for(d.token),
        }
        for d in documents_for_subject(req)
    ]
