"""Data subject requests under /api/v1/privacy/: the same rules as the pages (privacy.access).

The export itself is answered as JSON (the ZIP's data.json): one download, then 409.
"""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from ninja import Router, Schema, Status

from sigap.api.auth import STAFF_AUTH
from sigap.api.errors import ConflictError
from sigap.privacy import access, selectors, services
from sigap.privacy.export import export_payload
from sigap.privacy.models import RequesterRelation, SubjectRequest

router = Router(tags=["privacy"])


class SubjectRequestIn(Schema):
    nik: str | None = None
    codes: list[str] = []
    letter_number: str
    letter_date: date
    requester_name: str
    requester_relation: RequesterRelation = RequesterRelation.SELF
    identity_verified: bool
    identity_document: str = ""


class SubjectRequestOut(Schema):
    id: int
    number: str
    created_at: datetime
    recorded_by: str
    nik_masked: str
    codes_masked: str
    letter_number: str
    letter_date: date
    requester_name: str
    requester_relation: str
    identity_document: str
    status: str
    expires_at: datetime
    downloaded_at: datetime | None
    summary: dict[str, int]


class SectionOut(Schema):
    app: str
    key: str
    title: str
    note: str
    labels: dict[str, str]
    items: list[dict[str, Any]]


class ExportOut(Schema):
    generated_at: datetime
    office: str
    officer: str
    request: dict[str, Any]
    notes: list[str]
    sections: list[SectionOut]


def _out(sr: SubjectRequest) -> dict:
    return {
        "id": sr.pk,
        "number": str(sr),
        "created_at": sr.created_at,
        "recorded_by": sr.recorded_by.username,
        "nik_masked": sr.nik_masked,
        "codes_masked": sr.codes_masked,
        "letter_number": sr.letter_number,
        "letter_date": sr.letter_date,
        "requester_name": sr.requester_name,
        "requester_relation": sr.requester_relation,
        "identity_document": sr.identity_document,
        "status": sr.status,
        "expires_at": sr.expires_at,
        "downloaded_at": sr.downloaded_at,
        "summary": sr.summary,
    }


@router.get("/privacy/requests", response=list[SubjectRequestOut], auth=STAFF_AUTH)
def subject_request_list(request: HttpRequest):
    """The office's register of data subject requests (head of office, administrator, auditor)."""
    if not access.can_read_register(request.auth):
        raise PermissionDenied
    services.subject_requests_expire()
    return [_out(sr) for sr in selectors.register_for_user(request.auth)[:500]]


@router.post("/privacy/requests", response={201: SubjectRequestOut}, auth=STAFF_AUTH)
def subject_request_create(request: HttpRequest, payload: SubjectRequestIn):
    """Records a request and its basis (head of office, administrator)."""
    sr = services.subject_request_record(user=request.auth, **payload.dict())
    return Status(201, _out(sr))


@router.get("/privacy/requests/{request_id}", response=SubjectRequestOut, auth=STAFF_AUTH)
def subject_request_detail(request: HttpRequest, request_id: int):
    if not access.can_read_register(request.auth):
        raise PermissionDenied
    services.subject_requests_expire()
    return _out(access.get_request_for_user(request.auth, request_id))


@router.post("/privacy/requests/{request_id}/export", response=ExportOut, auth=STAFF_AUTH)
def subject_request_export(request: HttpRequest, request_id: int):
    """The export, once, to the officer who recorded the request; then 409."""
    if not access.can_export(request.auth):
        raise PermissionDenied
    services.subject_requests_expire()
    try:
        with transaction.atomic():
            export = services.subject_export_take(
                user=request.auth, subject_request_id=request_id, request=request
            )
            return export_payload(export)
    except services.ExportNotAvailable as exc:
        raise ConflictError(str(exc), code="not_available") from exc
