"""Child-case API under /api/v1/children/: the same policy as the pages (404 for anyone not on
the case, every detail opening logged, lists masked)."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from sigap.accounts.models import Office, User
from sigap.api.auth import STAFF_AUTH
from sigap.api.forms import cleaned
from sigap.childcare import access, forms, selectors, services
from sigap.childcare.models import Case, Centre

router = Router(tags=["children"])


class CaseRowOut(Schema):
    id: int
    code: str
    child: str
    nik: str
    status: str
    status_label: str
    next_review_on: date | None
    review_overdue: bool
    centre: str


class CountsOut(Schema):
    open: int
    due_for_review: int
    by_outcome: dict[str, int]


class CentreOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    capacity: int
    occupied: int
    free: int


class AssignmentOut(Schema):
    role: str
    from_user: str | None
    to_user: str
    by: str
    at: datetime
    reason: str


class CaseOut(Schema):
    id: int
    code: str
    status: str
    child_name: str
    child_nik: str | None
    child_sex: str
    child_birth_date: date | None
    referring_office: str | None
    referral_number: str
    referral_date: date
    conditions: dict[str, str]
    social_worker: str | None
    child_companion: str | None
    consent: bool
    assessment: bool
    assessment_signed: bool
    health_certificate: bool
    placement_blockers: list[str]
    centre: str | None
    service_starts_on: date | None
    service_ends_on: date | None
    next_review_on: date | None
    review_overdue: bool
    outcome: str
    outcome_on: date | None
    assignments: list[AssignmentOut]


def _row_out(row: selectors.CaseRow) -> dict:
    return {
        "id": row.pk,
        "code": row.code,
        "child": row.child_masked,
        "nik": row.nik_masked,
        "status": row.status,
        "status_label": row.status_label,
        "next_review_on": row.next_review_on,
        "review_overdue": row.review_overdue,
        "centre": row.centre,
    }


def _case_out(case: Case) -> dict:
    child = case.child
    placement = getattr(case, "placement", None)
    assessment = getattr(case, "assessment", None)
    conditions = {
        name: getattr(case, f"{name}_evidence")
        for name in services.CONDITIONS
        if getattr(case, name)
    }
    return {
        "id": case.pk,
        "code": case.code,
        "status": case.status,
        "child_name": child.name,
        "child_nik": child.nik,
        "child_sex": child.sex,
        "child_birth_date": child.birth_date,
        "referring_office": case.referring_office.code if case.referring_office else None,
        "referral_number": case.referral_number,
        "referral_date": case.referral_date,
        "conditions": conditions,
        "social_worker": case.social_worker.username if case.social_worker else None,
        "child_companion": case.child_companion.username if case.child_companion else None,
        "consent": hasattr(case, "consent"),
        "assessment": assessment is not None,
        "assessment_signed": bool(assessment and assessment.signed_document_id),
        "health_certificate": hasattr(case, "health_certificate"),
        "placement_blockers": (
            services.placement_blockers(case) if case.status == "referred" else []
        ),
        "centre": placement.centre.code if placement else None,
        "service_starts_on": case.service_starts_on,
        "service_ends_on": case.service_ends_on,
        "next_review_on": case.next_review_on,
        "review_overdue": case.review_overdue,
        "outcome": case.outcome,
        "outcome_on": case.outcome_on,
        "assignments": [
            {
                "role": a.role,
                "from_user": a.from_user.username if a.from_user else None,
                "to_user": a.to_user.username,
                "by": a.by.username,
                "at": a.at,
                "reason": a.reason,
            }
            for a in case.assignments.select_related("from_user", "to_user", "by")
        ],
    }


def _open(request: HttpRequest, case_id: int) -> Case:
    return access.get_case_for_user(request.user, case_id, request=request, summary="api")


@router.get("/children/cases", response=list[CaseRowOut], auth=STAFF_AUTH)
def case_list(request: HttpRequest, status: str = "", due: bool = False):
    """The cases you may open, identities masked."""
    cases = selectors.cases_for_list(request.user, status=status, due_only=due)
    return [_row_out(row) for row in selectors.case_rows(cases[:500])]


@router.get("/children/counts", response=CountsOut, auth=STAFF_AUTH)
def counts(request: HttpRequest):
    """Counts only, for the office's dashboards (a regency: the cases it referred)."""
    office = request.user.office
    if office is None:
        raise Http404
    if office.parent_id:
        return selectors.referred_counts(referring_office=office)
    return selectors.cases_counts(office=office)


@router.get("/children/centres", response=list[CentreOut], auth=STAFF_AUTH)
def centres(request: HttpRequest):
    if request.user.office is None:
        raise Http404
    return [
        {
            "id": row.centre.pk,
            "code": row.centre.code,
            "name": row.centre.name,
            "kind": row.centre.kind,
            "capacity": row.centre.capacity,
            "occupied": row.occupied,
            "free": row.free,
        }
        for row in selectors.centres_with_occupancy(office=request.user.office)
    ]


class ReferralIn(Schema):
    referring_office: str
    referral_number: str
    referral_date: date
    referral_summary: str = ""
    child_name: str
    child_nik: str | None = None
    child_sex: str = ""
    child_birth_place: str = ""
    child_birth_date: date | None = None
    child_address: str = ""
    no_carer: bool = False
    no_carer_evidence: str = ""
    violence: bool = False
    violence_evidence: str = ""
    at_risk: bool = False
    at_risk_evidence: str = ""


class CreatedOut(Schema):
    id: int
    code: str


@router.post("/children/cases", response={201: CreatedOut}, auth=STAFF_AUTH)
def case_register(request: HttpRequest, payload: ReferralIn):
    """Registers a referral (the request letter is uploaded on the case page)."""
    if not access.can_register(request.user):
        raise PermissionDenied
    data = payload.dict()
    referring = Office.objects.filter(code=data.pop("referring_office")).first()
    if referring is None:
        raise ValidationError({"referring_office": services.MSG_REFERRER_NOT_UNDER})
    case = services.case_register(
        office=request.user.office, referring_office=referring, registered_by=request.user, **data
    )
    return Status(201, {"id": case.pk, "code": case.code})


@router.get("/children/cases/{case_id}", response=CaseOut, auth=STAFF_AUTH)
def case_detail(request: HttpRequest, case_id: int):
    """The full record, to the case team and its supervisors only; the opening is logged."""
    return _case_out(_open(request, case_id))


class CaseAssignIn(Schema):
    role: str
    to_user: str
    reason: str


@router.post("/children/cases/{case_id}/assign", response=CaseOut, auth=STAFF_AUTH)
def case_assign(request: HttpRequest, case_id: int, payload: CaseAssignIn):
    case = _open(request, case_id)
    if payload.role not in ("social_worker", "child_companion"):
        raise ValidationError({"role": services.MSG_ASSIGNEE_ROLE})
    to_user = User.objects.filter(username=payload.to_user, office_id=case.office_id).first()
    if to_user is None:
        raise ValidationError({"to_user": services.MSG_ASSIGNEE_OFFICE})
    services.case_assign(
        case=case, role=payload.role, to_user=to_user, by=request.user, reason=payload.reason
    )
    return _case_out(_open(request, case_id))


class CaseReviewIn(Schema):
    reviewed_on: date
    progress: str
    concerns: str = ""
    next_review_on: date | None = None


class ReviewOut(Schema):
    id: int
    reviewed_on: date
    next_review_on: date


@router.post("/children/cases/{case_id}/reviews", response={201: ReviewOut}, auth=STAFF_AUTH)
def review_create(request: HttpRequest, case_id: int, payload: CaseReviewIn):
    case = _open(request, case_id)
    review = services.review_record(case=case, by=request.user, **payload.dict())
    return Status(
        201,
        {
            "id": review.pk,
            "reviewed_on": review.reviewed_on,
            "next_review_on": review.next_review_on,
        },
    )


class CaseNoteIn(Schema):
    text: str


@router.post("/children/cases/{case_id}/notes", response={201: CreatedOut}, auth=STAFF_AUTH)
def note_create(request: HttpRequest, case_id: int, payload: CaseNoteIn):
    case = _open(request, case_id)
    note = services.note_add(case=case, text=payload.text, by=request.user)
    return Status(201, {"id": note.pk, "code": case.code})


class NikIn(Schema):
    nik: str


@router.post("/children/cases/{case_id}/nik", response=CaseOut, auth=STAFF_AUTH)
def link_nik(request: HttpRequest, case_id: int, payload: NikIn):
    case = _open(request, case_id)
    services.case_link_nik(case=case, nik=payload.nik, by=request.user)
    return _case_out(_open(request, case_id))


# --- the case steps: consent, assessment, health, placement, care plan, close ------------------
# Each runs the page's form on the input and calls the same service, which checks
# childcare.access (the case team, the supervisors) as it does for the page.


class ConsentIn(Schema):
    giver_kind: str
    giver_name: str
    relation: str
    given_on: date


@router.post("/children/cases/{case_id}/consent", response=CaseOut, auth=STAFF_AUTH)
def consent(request: HttpRequest, case_id: int, payload: Form[ConsentIn], file: File[UploadedFile]):
    """Records the consent to further rehabilitation with the signed letter (PDF/JPEG/PNG)."""
    case = _open(request, case_id)
    data = cleaned(forms.ConsentForm(payload.dict(), {"file": file}))
    services.consent_record(case=case, by=request.user, **data)
    return _case_out(_open(request, case_id))


class AssessmentIn(Schema):
    assessed_on: date
    situation: str
    family: str
    health: str
    education: str
    risks: str
    needs: str
    recommendation: str
    recommendation_note: str = ""


@router.post("/children/cases/{case_id}/assessment", response=CaseOut, auth=STAFF_AUTH)
def assessment(
    request: HttpRequest,
    case_id: int,
    payload: Form[AssessmentIn],
    signed_copy: File[UploadedFile | None] = None,
):
    """Saves the social worker's assessment; the signed copy may follow in a later call."""
    case = _open(request, case_id)
    files = {"signed_copy": signed_copy} if signed_copy else {}
    data = cleaned(forms.AssessmentForm(payload.dict(), files))
    services.assessment_record(case=case, by=request.user, **data)
    return _case_out(_open(request, case_id))


class HealthIn(Schema):
    doctor_name: str
    facility: str
    issued_on: date


@router.post("/children/cases/{case_id}/health-certificate", response=CaseOut, auth=STAFF_AUTH)
def health_certificate(
    request: HttpRequest, case_id: int, payload: Form[HealthIn], file: File[UploadedFile]
):
    """Records the doctor's health certificate with its scan."""
    case = _open(request, case_id)
    data = cleaned(forms.HealthForm(payload.dict(), {"file": file}))
    services.health_certificate_record(case=case, by=request.user, **data)
    return _case_out(_open(request, case_id))


class PlacementIn(Schema):
    centre: int
    placed_on: date
    place: str
    received_by_name: str
    received_by_position: str
    received_by_nip: str = ""


@router.post("/children/cases/{case_id}/placement", response=CaseOut, auth=STAFF_AUTH)
def placement(request: HttpRequest, case_id: int, payload: PlacementIn):
    """Places the child in a centre of the office (capacity checked) and issues the BAST."""
    case = _open(request, case_id)
    rows = selectors.centres_with_occupancy(office=case.office)
    data = cleaned(forms.PlacementForm(payload.dict(), centre_rows=rows))
    centre = Centre.objects.filter(pk=data.pop("centre"), office=case.office).first()
    if centre is None:
        raise ValidationError({"centre": services.MSG_CENTRE_OTHER_OFFICE})
    services.case_place(case=case, centre=centre, by=request.user, **data)
    return _case_out(_open(request, case_id))


class CarePlanIn(Schema):
    goals: str
    activities: str
    review_every_days: int = services.DEFAULT_REVIEW_DAYS


@router.put("/children/cases/{case_id}/care-plan", response=CaseOut, auth=STAFF_AUTH)
def care_plan(request: HttpRequest, case_id: int, payload: CarePlanIn):
    """Writes the year's care plan of a placed child."""
    case = _open(request, case_id)
    data = cleaned(forms.CarePlanForm(payload.dict()))
    services.care_plan_save(case=case, by=request.user, **data)
    return _case_out(_open(request, case_id))


class CloseIn(Schema):
    outcome: str
    outcome_on: date
    note: str = ""


@router.post("/children/cases/{case_id}/close", response=CaseOut, auth=STAFF_AUTH)
def close(request: HttpRequest, case_id: int, payload: CloseIn):
    """Ends the service with its outcome (the place in the centre is freed)."""
    case = _open(request, case_id)
    data = cleaned(forms.CloseForm(payload.dict()))
    services.case_close(case=case, by=request.user, **data)
    return _case_out(_open(request, case_id))


class AccessLogOut(Schema):
    at: datetime
    user: str
    action: str
    case: str
    summary: str


@router.get("/children/access-log", response=list[AccessLogOut], auth=STAFF_AUTH)
def access_log(request: HttpRequest):
    """Who opened which case, for the head of office and the inspectorate."""
    if not access.can_read_access_log(request.user):
        raise PermissionDenied
    entries = list(selectors.case_access_log(office=request.user.office)[:500])
    codes = selectors.case_codes({e.object_id for e in entries})
    return [
        {
            "at": e.at,
            "user": e.user.username,
            "action": e.action,
            "case": codes.get(e.object_id, ""),
            "summary": e.summary,
        }
        for e in entries
    ]
