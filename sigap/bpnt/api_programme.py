"""REST endpoints of the rest of BPNT under /api/v1/bpnt/ (staff only): eligibility, stages
with their Camat letters and delivery reports, monitoring visits, education sessions and the
companion areas. Each checks the same roles and office scope as the matching staff page."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, HttpRequest
from ninja import Field, File, Router, Schema, Status, UploadedFile

from sigap.accounts.models import User
from sigap.api.auth import STAFF_AUTH
from sigap.bpnt import companions, monitoring, selectors, services
from sigap.bpnt.models import (
    CamatNotice,
    CompanionArea,
    DistributionStage,
    EducationSession,
    MonitoringVisit,
)
from sigap.bpnt.views import BPNT_ROLES, NIK_NOT_FOUND, person_by_nik
from sigap.bpnt.views_companions import AREA_VIEW_ROLES
from sigap.core.access import get_for_user, has_role, log_access, scope_for_user
from sigap.core.models import AccessAction
from sigap.identity.schema import NikStr
from sigap.registry.selectors import nik_for, person_get_for_user, persons_visible_to

router = Router(tags=["bpnt"])

COMPANION_UNKNOWN = "Unknown social companion."
DELIVERY_FILE_TOO_LARGE = "The file is larger than 20 MB."
MAX_DELIVERY_BYTES = 20 * 1024 * 1024
PAGE_MAX = 500


def _require(request: HttpRequest, roles=BPNT_ROLES) -> None:
    user = request.user
    if not (user.is_superuser or has_role(user, *roles)):
        raise PermissionDenied
    if user.office_id is None and request.method != "GET":
        raise PermissionDenied


# --- Eligibility ---------------------------------------------------------------------------


class CriterionOut(Schema):
    criterion: str
    met: bool
    detail: str


class EligibilityOut(Schema):
    person_id: int
    year: int
    eligible: bool
    criteria: list[CriterionOut]


@router.get("/bpnt/persons/{person_id}/eligibility", response=EligibilityOut, auth=STAFF_AUTH)
def person_eligibility(request: HttpRequest, person_id: int, year: int | None = None):
    _require(request)
    person = person_get_for_user(request.user, person_id)
    year = year if year and 2000 <= year <= 2100 else date.today().year
    criteria = selectors.bpnt_eligibility(person, office=request.user.office, year=year)
    log_access(request.user, person, summary="BPNT eligibility (API)", request=request)
    return {
        "person_id": person.pk,
        "year": year,
        "eligible": selectors.is_eligible(criteria),
        "criteria": [c.__dict__ for c in criteria],
    }


# --- Stages ----------------------------------------------------------------------------------


class StageIn(Schema):
    year: int = Field(ge=2000, le=2100)
    number: int = Field(ge=1, le=24)
    period: str = Field("", max_length=60)
    distribution_date: date | None = None


class StageOut(Schema):
    id: int
    year: int
    number: int
    period: str
    distribution_date: date | None
    beneficiaries: int
    delivered: int
    undelivered: int
    notices: int


class VillageCountOut(Schema):
    village_code: str
    village_name: str
    total: int
    delivered: int
    undelivered: int


class DistrictCountOut(Schema):
    district_code: str
    district_name: str
    total: int
    delivered: int
    undelivered: int
    villages: list[VillageCountOut]


class NoticeOut(Schema):
    id: int
    district_code: str
    document_number: str
    beneficiaries: int


class StageDetailOut(StageOut):
    districts: list[DistrictCountOut]
    notice_list: list[NoticeOut]


class BeneficiaryOut(Schema):
    person_id: int
    nik: str
    name: str
    village_code: str
    delivered: bool | None


class BeneficiaryPageOut(Schema):
    count: int
    items: list[BeneficiaryOut]


class NoticesIssuedOut(Schema):
    # The letters are drafts until the Kepala Bidang or Kepala Dinas signs them
    # (/bpnt/letters/{id}/sign); `notices` lists the signed, numbered ones.
    drafted: int
    letter_ids: list[int]
    notices: list[NoticeOut]


class DeliveriesOut(Schema):
    recorded: int
    delivered: int
    undelivered: int


def _stage_counts(qs):
    return qs.annotate(
        n_total=Count("beneficiaries", distinct=True),
        n_delivered=Count("beneficiaries", filter=Q(beneficiaries__delivered=True), distinct=True),
        n_undelivered=Count(
            "beneficiaries", filter=Q(beneficiaries__delivered=False), distinct=True
        ),
        n_notices=Count("notices", distinct=True),
    )


def _stage_out(stage: DistributionStage) -> dict:
    return {
        "id": stage.pk,
        "year": stage.year,
        "number": stage.number,
        "period": stage.period,
        "distribution_date": stage.distribution_date,
        "beneficiaries": stage.n_total,
        "delivered": stage.n_delivered,
        "undelivered": stage.n_undelivered,
        "notices": stage.n_notices,
    }


def _notice_out(notice: CamatNotice) -> dict:
    return {
        "id": notice.pk,
        "district_code": notice.district_code,
        "document_number": notice.document_number,
        "beneficiaries": notice.beneficiaries,
    }


def _stage(request: HttpRequest, stage_id: int) -> DistributionStage:
    return get_for_user(
        _stage_counts(selectors.stages_for_user(request.user)), request.user, pk=stage_id
    )


@router.get("/bpnt/stages", response=list[StageOut], auth=STAFF_AUTH)
def stage_list(request: HttpRequest, year: int | None = None):
    _require(request)
    stages = selectors.stages_for_user(request.user)
    if year is not None:
        stages = stages.filter(year=year)
    return [_stage_out(s) for s in _stage_counts(stages)[:200]]


@router.post("/bpnt/stages", response={201: StageOut}, auth=STAFF_AUTH)
def stage_new(request: HttpRequest, payload: StageIn):
    _require(request)
    stage = services.stage_create(office=request.user.office, **payload.dict())
    return Status(201, _stage_out(_stage(request, stage.pk)))


@router.get("/bpnt/stages/{stage_id}", response=StageDetailOut, auth=STAFF_AUTH)
def stage_detail(request: HttpRequest, stage_id: int):
    _require(request)
    stage = _stage(request, stage_id)
    by_district = selectors.stage_counts_by_village(stage)
    codes = set(by_district) | {v["village_code"] for vs in by_district.values() for v in vs}
    names = companions.region_names(codes)
    districts = [
        {
            "district_code": code,
            "district_name": names.get(code, ""),
            "total": sum(v["total"] for v in villages),
            "delivered": sum(v["delivered"] for v in villages),
            "undelivered": sum(v["undelivered"] for v in villages),
            "villages": [{**v, "village_name": names.get(v["village_code"], "")} for v in villages],
        }
        for code, villages in sorted(by_district.items())
    ]
    return {
        **_stage_out(stage),
        "districts": districts,
        "notice_list": [_notice_out(n) for n in stage.notices.order_by("district_code")],
    }


@router.get("/bpnt/stages/{stage_id}/beneficiaries", response=BeneficiaryPageOut, auth=STAFF_AUTH)
def stage_beneficiaries(
    request: HttpRequest,
    stage_id: int,
    village_code: str = "",
    delivered: bool | None = None,
    offset: int = 0,
    limit: int = 100,
):
    _require(request)
    offset, limit = max(0, offset), max(1, min(limit, PAGE_MAX))
    stage = _stage(request, stage_id)
    rows = selectors.stage_beneficiaries(stage, village_code=village_code, delivered=delivered)
    log_access(request.user, stage, summary="BPNT stage beneficiaries (API)", request=request)
    return {
        "count": rows.count(),
        "items": [
            {
                "person_id": row.person_id,
                "nik": nik_for(request.user, row.person.nik),
                "name": row.person.name,
                "village_code": row.village_code,
                "delivered": row.delivered,
            }
            for row in rows[offset : offset + limit]
        ],
    }


@router.post("/bpnt/stages/{stage_id}/notices", response=NoticesIssuedOut, auth=STAFF_AUTH)
def stage_notices(request: HttpRequest, stage_id: int):
    _require(request)
    stage = _stage(request, stage_id)
    drafts = services.stage_notices_draft(stage=stage, user=request.user)
    return {
        "drafted": len(drafts),
        "letter_ids": [d.pk for d in drafts],
        "notices": [_notice_out(n) for n in stage.notices.order_by("district_code")],
    }


def _document_file(request: HttpRequest, subject, document_id, filename: str) -> FileResponse:
    from django.http import Http404

    from sigap.documents.selectors import documents_for_subject

    document = (
        documents_for_subject(subject).filter(pk=document_id).first() if document_id else None
    )
    if document is None:
        raise Http404
    log_access(request.user, subject, action=AccessAction.DOWNLOAD, summary=filename)
    return FileResponse(document.file.open("rb"), filename=filename, content_type="application/pdf")


@router.get("/bpnt/stages/{stage_id}/notices/{notice_id}/pdf", auth=STAFF_AUTH)
def stage_notice_pdf(request: HttpRequest, stage_id: int, notice_id: int):
    _require(request)
    stage = _stage(request, stage_id)
    notice = stage.notices.filter(pk=notice_id).first()
    return _document_file(
        request,
        stage,
        notice.document_id if notice else None,
        f"camat-{notice.district_code if notice else ''}-tahap-{stage.number}.pdf",
    )


@router.post("/bpnt/stages/{stage_id}/deliveries", response=DeliveriesOut, auth=STAFF_AUTH)
def stage_deliveries(request: HttpRequest, stage_id: int, file: File[UploadedFile]):
    _require(request)
    stage = _stage(request, stage_id)
    if file.size and file.size > MAX_DELIVERY_BYTES:
        raise ValidationError({"file": DELIVERY_FILE_TOO_LARGE})
    recorded = services.stage_deliveries_record(stage=stage, data=file.read())
    stage = _stage(request, stage.pk)
    return {
        "recorded": recorded,
        "delivered": stage.n_delivered,
        "undelivered": stage.n_undelivered,
    }


@router.get("/bpnt/tickets/{ticket_id}/letter", auth=STAFF_AUTH)
def ticket_letter(request: HttpRequest, ticket_id: int):
    _require(request)
    ticket = selectors.ticket_get_for_user(request.user, ticket_id)
    return _document_file(request, ticket, ticket.document_id, f"rekomendasi-{ticket}.pdf")


# --- Monitoring visits -------------------------------------------------------------------


class VisitIn(Schema):
    target: str
    nik: NikStr = ""
    companion: int | None = None
    ewarong_name: str = Field("", max_length=200)
    visit_date: date
    findings: str
    carbohydrate: bool | None = None
    protein: bool | None = None
    vitamin: bool | None = None
    mineral: bool | None = None
    follow_up: str = ""


class VisitOut(Schema):
    id: int
    target: str
    person_id: int | None
    nik: str
    companion_id: int | None
    ewarong_name: str
    village_code: str
    visit_date: date
    findings: str
    carbohydrate: bool | None
    protein: bool | None
    vitamin: bool | None
    mineral: bool | None
    food_groups_met: bool | None
    follow_up: str
    follow_up_done: bool


def _visit_out(visit: MonitoringVisit, user) -> dict:
    return {
        "id": visit.pk,
        "target": visit.target,
        "person_id": visit.person_id,
        "nik": nik_for(user, visit.person.nik) if visit.person_id else "",
        "companion_id": visit.companion_id,
        "ewarong_name": visit.ewarong_name,
        "village_code": visit.village_code,
        "visit_date": visit.visit_date,
        "findings": visit.findings,
        "carbohydrate": visit.carbohydrate,
        "protein": visit.protein,
        "vitamin": visit.vitamin,
        "mineral": visit.mineral,
        "food_groups_met": visit.food_groups_met,
        "follow_up": visit.follow_up,
        "follow_up_done": visit.follow_up_done_at is not None,
    }


def _visits(request: HttpRequest):
    return scope_for_user(MonitoringVisit.objects.select_related("person"), request.user)


@router.get("/bpnt/visits", response=list[VisitOut], auth=STAFF_AUTH)
def visit_list(request: HttpRequest, follow_up_open: bool = False):
    _require(request)
    visits = _visits(request)
    if follow_up_open:
        visits = visits.exclude(follow_up="").filter(follow_up_done_at__isnull=True)
    return [_visit_out(v, request.user) for v in visits[:200]]


@router.post("/bpnt/visits", response={201: VisitOut}, auth=STAFF_AUTH)
def visit_new(request: HttpRequest, payload: VisitIn):
    _require(request)
    office = request.user.office
    data = payload.dict()
    nik = data.pop("nik").strip()
    person = None
    if nik:
        person = person_by_nik(request.user, nik)
        if person is None:
            raise ValidationError({"nik": NIK_NOT_FOUND})
    companion_id = data.pop("companion")
    companion = None
    if companion_id is not None:
        companion = User.objects.filter(pk=companion_id, office=office).first()
        if companion is None:
            raise ValidationError({"companion": COMPANION_UNKNOWN})
    visit = monitoring.visit_record(
        office=office, visited_by=request.user, person=person, companion=companion, **data
    )
    return Status(201, _visit_out(visit, request.user))


@router.post("/bpnt/visits/{visit_id}/follow-up", response=VisitOut, auth=STAFF_AUTH)
def visit_follow_up(request: HttpRequest, visit_id: int):
    _require(request)
    visit = get_for_user(MonitoringVisit, request.user, pk=visit_id)
    visit = monitoring.visit_follow_up_close(visit=visit)
    return _visit_out(get_for_user(_visits(request), request.user, pk=visit.pk), request.user)


# --- Education sessions ------------------------------------------------------------------


class SessionIn(Schema):
    session_date: date
    topic: str = Field(max_length=200)
    place: str = Field(max_length=200)
    village_code: str = Field("", max_length=13)


class SessionOut(Schema):
    id: int
    session_date: date
    topic: str
    place: str
    village_code: str
    attendees: int


class AttendeeOut(Schema):
    person_id: int
    nik: str
    name: str


class SessionDetailOut(SessionOut):
    attendee_list: list[AttendeeOut]


class AttendanceIn(Schema):
    niks: list[str] = Field(min_length=1, max_length=2000)


class AttendanceOut(Schema):
    added: int
    attendees: int


def _sessions(request: HttpRequest):
    return scope_for_user(
        EducationSession.objects.annotate(n_attendees=Count("attendees")), request.user
    )


def _session_out(session: EducationSession) -> dict:
    return {
        "id": session.pk,
        "session_date": session.session_date,
        "topic": session.topic,
        "place": session.place,
        "village_code": session.village_code,
        "attendees": session.n_attendees,
    }


@router.get("/bpnt/sessions", response=list[SessionOut], auth=STAFF_AUTH)
def session_list(request: HttpRequest):
    _require(request)
    return [_session_out(s) for s in _sessions(request)[:200]]


@router.post("/bpnt/sessions", response={201: SessionOut}, auth=STAFF_AUTH)
def session_new(request: HttpRequest, payload: SessionIn):
    _require(request)
    session = monitoring.session_create(
        office=request.user.office, held_by=request.user, **payload.dict()
    )
    return Status(201, _session_out(get_for_user(_sessions(request), request.user, pk=session.pk)))


@router.get("/bpnt/sessions/{session_id}", response=SessionDetailOut, auth=STAFF_AUTH)
def session_detail(request: HttpRequest, session_id: int):
    _require(request)
    session = get_for_user(_sessions(request), request.user, pk=session_id)
    log_access(request.user, session, summary="BPNT session attendance (API)", request=request)
    return {
        **_session_out(session),
        "attendee_list": [
            {"person_id": p.pk, "nik": nik_for(request.user, p.nik), "name": p.name}
            for p in session.attendees.order_by("name")
        ],
    }


@router.post("/bpnt/sessions/{session_id}/attendance", response=AttendanceOut, auth=STAFF_AUTH)
def session_attendance(request: HttpRequest, session_id: int, payload: AttendanceIn):
    _require(request)
    session = get_for_user(EducationSession, request.user, pk=session_id)
    added = monitoring.session_attendance_add(
        session=session, niks="\n".join(payload.niks), visible=persons_visible_to(request.user)
    )
    return {"added": added, "attendees": session.attendees.count()}


# --- Companion areas -----------------------------------------------------------------------


class AreaIn(Schema):
    companion: int
    region_code: str = Field(max_length=13)


class AreaOut(Schema):
    id: int
    region_code: str
    region_name: str
    companion_id: int
    companion_name: str


def _area_out(area: CompanionArea, names: dict[str, str]) -> dict:
    return {
        "id": area.pk,
        "region_code": area.region_code,
        "region_name": names.get(area.region_code, ""),
        "companion_id": area.companion_id,
        "companion_name": area.companion.display_name,
    }


@router.get("/bpnt/companion-areas", response=list[AreaOut], auth=STAFF_AUTH)
def area_list(request: HttpRequest):
    _require(request, AREA_VIEW_ROLES)
    areas = list(companions.areas_for_user(request.user))
    names = companions.region_names({a.region_code for a in areas})
    return [_area_out(a, names) for a in areas]


@router.post("/bpnt/companion-areas", response={201: AreaOut}, auth=STAFF_AUTH)
def area_new(request: HttpRequest, payload: AreaIn):
    _require(request, companions.AREA_MANAGER_ROLES)
    office = request.user.office
    companion = User.objects.filter(pk=payload.companion, office=office).first()
    if companion is None:
        raise ValidationError({"companion": COMPANION_UNKNOWN})
    area = companions.area_assign(
        office=office,
        companion=companion,
        region_code=payload.region_code,
        assigned_by=request.user,
    )
    return Status(201, _area_out(area, companions.region_names([area.region_code])))


@router.delete("/bpnt/companion-areas/{area_id}", response={204: None}, auth=STAFF_AUTH)
def area_delete(request: HttpRequest, area_id: int):
    _require(request, companions.AREA_MANAGER_ROLES)
    area = get_for_user(CompanionArea, request.user, pk=area_id)
    companions.area_remove(area=area)
    return Status(204, None)
