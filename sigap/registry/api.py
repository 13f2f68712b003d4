"""Registry API for staff: person search and a person's record (NIK masked where needed), and
the bulk import (upload, preview, confirm the mapping, progress, resume, roll back, rejects)."""

from datetime import date, datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest
from ninja import File, Form, Router, Schema, Status, UploadedFile

from sigap.accounts.roles import Role
from sigap.api.auth import STAFF_AUTH
from sigap.core.access import log_access, require_role
from sigap.core.limits import body_limit
from sigap.core.models import AccessAction
from sigap.registry import import_preview as previews
from sigap.registry import selectors, services
from sigap.registry.importing.layouts import FIELDS
from sigap.registry.models import ImportBatch
from sigap.registry.person_page import requests_about
from sigap.registry.selectors import IMPORT_ROLES, import_body_limit

router = Router(tags=["registry"])


class PersonOut(Schema):
    id: int
    nik: str
    name: str
    sex: str
    birth_date: date | None
    village_code: str
    kk_number: str


class MembershipOut(Schema):
    programme: str
    year: int
    period: str
    status: str
    office: str
    channel: str
    bank: str
    kks_number: str
    dtks_listed: bool
    dtks_date: date | None
    sp2d_listed: bool


class PersonRequestOut(Schema):
    code: str
    service: str
    status: str
    submitted_at: datetime | None


class PersonDetailOut(PersonOut):
    birth_place: str
    address: str
    memberships: list[MembershipOut]
    family: list[PersonOut]
    requests: list[PersonRequestOut]


def _person(user, person) -> dict:
    return {
        "id": person.pk,
        "nik": selectors.nik_for(user, person.nik),
        "name": person.name,
        "sex": person.sex,
        "birth_date": person.birth_date,
        "village_code": person.village_code,
        "kk_number": selectors.nik_for(user, person.family.kk_number if person.family else ""),
    }


def _allowed(request: HttpRequest):
    user = request.auth
    if not user.is_superuser:
        require_role(user, *selectors.REGISTRY_ROLES)
    return user


@router.get("/registry/persons", response=list[PersonOut], auth=STAFF_AUTH)
def persons_search(request: HttpRequest, q: str = "", limit: int = 20):
    user = _allowed(request)
    return [_person(user, p) for p in selectors.persons_search(user=user, q=q, limit=limit)]


@router.get("/registry/persons/{person_id}", response=PersonDetailOut, auth=STAFF_AUTH)
def person_detail(request: HttpRequest, person_id: int):
    user = _allowed(request)
    person = selectors.person_get_for_user(user, person_id)
    log_access(user, person, summary="API registry person", request=request)
    kks_visible = selectors.can_see_full_nik(user)
    return {
        **_person(user, person),
        "birth_place": person.birth_place,
        "address": person.address,
        "memberships": [
            {
                "programme": m.programme,
                "year": m.year,
                "period": m.period,
                "status": m.status,
                "office": m.office.name,
                "channel": m.channel,
                "bank": m.bank,
                "kks_number": m.kks_number
                if kks_visible
                else selectors.nik_for(user, m.kks_number),
                "dtks_listed": m.dtks_listed,
                "dtks_date": m.dtks_date,
                "sp2d_listed": m.sp2d_listed,
            }
            for m in selectors.memberships_for_person(person)
        ],
        "family": [
            {**_person(user, member), "kk_number": ""}
            for member in selectors.family_members(person).select_related("family")
        ],
        "requests": [
            {
                "code": r.code,
                "service": r.standard.name,
                "status": r.status,
                "submitted_at": r.submitted_at,
            }
            for r in requests_about(user, person)
        ],
    }


# --- Bulk import -----------------------------------------------------------------------------

MSG_FILE_REQUIRED = "Choose a CSV or XLSX file."
MSG_FILE_GONE = "The uploaded file is no longer stored."


class ImportOut(Schema):
    id: int
    original_name: str
    layout: str
    programme: str
    year: int | None
    status: str
    status_label: str
    progress_percent: int
    rows_read: int
    rows_total: int | None
    new_count: int
    changed_count: int
    unchanged_count: int
    rejected_count: int
    warning_count: int
    step: str
    has_rejects: bool
    error: str
    same_as: int | None
    mapping: dict[str, str]
    created_at: datetime
    finished_at: datetime | None


class ColumnOut(Schema):
    header: str
    field: str


class NumericColumnOut(Schema):
    header: str
    field: str
    cells: int
    advice: str


class PreviewOut(Schema):
    layout: str
    layout_label: str
    columns: list[ColumnOut]
    rows: list[list[str]]
    fields: dict[str, str]
    unmapped: list[str]
    missing_fields: list[str]
    numeric_cells: list[NumericColumnOut]
    numeric_fix: str


class StartIn(Schema):
    # header -> field; leave out to accept the recognised layout's (or guessed) mapping.
    mapping: dict[str, str] | None = None
    # sp2d, dtks, dtsen, bpnt or custom; leave out to keep the recognised one.
    layout: str | None = None


def _import_allowed(request: HttpRequest):
    user = request.auth
    if not user.is_superuser:
        require_role(user, *selectors.IMPORT_ROLES)
    return user


def _batch(request: HttpRequest, import_id: int) -> ImportBatch:
    try:
        return selectors.import_batches_for_user(request.auth).get(pk=import_id)
    except ImportBatch.DoesNotExist as exc:
        raise Http404 from exc


def _import_out(batch: ImportBatch) -> dict:
    return {
        "id": batch.pk,
        "original_name": batch.original_name,
        "layout": batch.layout,
        "programme": batch.programme,
        "year": batch.year,
        "status": batch.status,
        "status_label": str(batch.get_status_display()),
        "progress_percent": batch.progress_percent,
        "rows_read": batch.rows_read,
        "rows_total": batch.rows_total,
        "new_count": batch.new_count,
        "changed_count": batch.changed_count,
        "unchanged_count": batch.unchanged_count,
        "rejected_count": batch.rejected_count,
        "warning_count": batch.warning_count,
        "step": batch.progress_label,
        "has_rejects": bool(batch.rejects_file),
        "error": batch.error,
        "same_as": batch.same_as_id,
        "mapping": batch.mapping or {},
        "created_at": batch.created_at,
        "finished_at": batch.finished_at,
    }


@router.get("/registry/imports", response=list[ImportOut], auth=STAFF_AUTH)
def import_list(request: HttpRequest):
    user = _import_allowed(request)
    return [_import_out(b) for b in selectors.import_batches_for_user(user)[:50]]


@router.post("/registry/imports", response={201: ImportOut}, auth=STAFF_AUTH)
@body_limit(import_body_limit, roles=IMPORT_ROLES)
def import_upload(
    request: HttpRequest,
    file: File[UploadedFile],
    programme: Form[str] = "",
    year: Form[int | None] = None,
):
    user = _import_allowed(request)
    if user.office is None:
        raise ValidationError(MSG_FILE_REQUIRED)
    batch = services.import_batch_create(
        office=user.office,
        created_by=user,
        file=file,
        original_name=file.name or "",
        programme=programme,
        year=year,
    )
    return Status(201, _import_out(batch))


@router.get("/registry/imports/{import_id}", response=ImportOut, auth=STAFF_AUTH)
def import_status(request: HttpRequest, import_id: int):
    _import_allowed(request)
    return _import_out(_batch(request, import_id))


@router.get("/registry/imports/{import_id}/preview", response=PreviewOut, auth=STAFF_AUTH)
def import_preview(request: HttpRequest, import_id: int):
    """The file's columns with the field each is mapped to, and its first rows."""
    user = _import_allowed(request)
    batch = _batch(request, import_id)
    if not batch.file or not Path(batch.file.path).exists():
        raise ValidationError(MSG_FILE_GONE)
    preview = previews.import_preview(batch)
    log_access(user, batch, summary="import preview (API)", request=request)
    return {
        "layout": preview.layout,
        "layout_label": preview.layout_label,
        "columns": [{"header": h, "field": f} for h, f in preview.headers],
        "rows": [[str(v) for v in row] for row in preview.rows],
        "fields": {key: str(label) for key, label in FIELDS.items()},
        "unmapped": preview.unmapped,
        "missing_fields": [key for key, _label in preview.missing],
        "numeric_cells": [vars(column) for column in preview.numeric],
        "numeric_fix": preview.numeric_fix,
    }


@router.post("/registry/imports/{import_id}/start", response=ImportOut, auth=STAFF_AUTH)
def import_start(request: HttpRequest, import_id: int, payload: StartIn):
    _import_allowed(request)
    batch = services.import_batch_start(
        batch=_batch(request, import_id), mapping=payload.mapping, layout=payload.layout
    )
    batch.refresh_from_db()
    return _import_out(batch)


@router.post("/registry/imports/{import_id}/cancel", response=ImportOut, auth=STAFF_AUTH)
def import_cancel(request: HttpRequest, import_id: int):
    """Stops a running import or rollback; what it did so far is undone whole."""
    _import_allowed(request)
    return _import_out(services.import_batch_cancel(batch=_batch(request, import_id)))


@router.post("/registry/imports/{import_id}/resume", response=ImportOut, auth=STAFF_AUTH)
def import_resume(request: HttpRequest, import_id: int):
    _import_allowed(request)
    batch = services.import_batch_resume(batch=_batch(request, import_id))
    batch.refresh_from_db()
    return _import_out(batch)


@router.post("/registry/imports/{import_id}/rollback", response=ImportOut, auth=STAFF_AUTH)
def import_rollback(request: HttpRequest, import_id: int):
    _import_allowed(request)
    batch = services.import_batch_rollback(batch=_batch(request, import_id))
    return _import_out(batch)


@router.get("/registry/imports/{import_id}/rejects", auth=STAFF_AUTH)
def import_rejects(request: HttpRequest, import_id: int):
    """The rejected rows with their row number and reason (CSV, Indonesian)."""
    user = _import_allowed(request)
    batch = _batch(request, import_id)
    if not batch.rejects_file:
        raise Http404
    log_access(user, batch, action=AccessAction.DOWNLOAD, summary="rejected rows (API)")
    return FileResponse(
        batch.rejects_file.open("rb"),
        as_attachment=True,
        filename=f"ditolak-{batch.pk}.csv",
        content_type="text/csv",
    )


class ImportPolicyIn(Schema):
    out_of_area: str


class ImportPolicyOut(Schema):
    office: str
    out_of_area: str


@router.put("/registry/import-policy", response=ImportPolicyOut, auth=STAFF_AUTH)
def import_policy_put(request: HttpRequest, payload: ImportPolicyIn):
    """The Kepala Bidang's rule for rows outside the office's area: `reject` or `warn`."""
    user = request.auth
    require_role(user, Role.HEAD_OF_DIVISION)
    if user.office is None:
        raise ValidationError(MSG_FILE_REQUIRED)
    policy = services.import_policy_set(office=user.office, out_of_area=payload.out_of_area)
    return {"office": user.office.code, "out_of_area": policy.out_of_area}
