"""Document API: public verification by QR token; for staff, revoking, the outgoing-mail agenda
and template editing, with the same roles as the pages (sigap.documents.access)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from sigap.api.auth import STAFF_AUTH
from sigap.api.forms import cleaned
from sigap.core.access import require_role
from sigap.core.ratelimit import lookup_guard, lookup_missed
from sigap.documents import services
from sigap.documents.access import (
    AGENDA_ROLES,
    AGENDA_WRITERS,
    REVOKERS,
    TEMPLATE_EDITORS,
    get_document_for_user,
)
from sigap.documents.forms import (
    AgendaRegisterForm,
    AgendaSettingsForm,
    DocumentTemplateForm,
    RevokeForm,
    read_limited,
)
from sigap.documents.selectors import agenda_for_office, document_by_token
from sigap.documents.services import sha256_of
from sigap.documents.templating import file_templates, resolve_template

router = Router(tags=["documents"])


class VerifyOut(Schema):
    authentic: bool
    status: str
    number: str
    title: str
    office: str
    issued_at: datetime
    revoked_at: datetime | None
    sha256: str
    verify_url: str


class VerifyFileOut(VerifyOut):
    file_matches: bool
    uploaded_sha256: str


def _payload(document) -> dict:
    from sigap.documents.services import verify_url_for

    return {
        "authentic": not document.is_revoked,
        "status": document.status,
        "number": document.number,
        "title": document.title,
        "office": document.office.name,
        "issued_at": document.issued_at,
        "revoked_at": document.revoked_at,
        "sha256": document.sha256,
        "verify_url": verify_url_for(document.token),
    }


@router.get("/documents/verify/{token}", response=VerifyOut, auth=None)
def verify_document(request: HttpRequest, token: str):
    """Whether a document with this token was issued and is still valid (no personal data)."""
    lookup_guard(request, "verify")
    document = document_by_token(token)
    if document is None:
        lookup_missed("verify")
        raise Http404
    return _payload(document)


@router.post("/documents/verify/{token}", response=VerifyFileOut, auth=None)
def verify_document_file(request: HttpRequest, token: str, file: File[UploadedFile]):
    """Upload a PDF: `authentic` is true only if it is byte-identical and not revoked."""
    lookup_guard(request, "verify")
    document = document_by_token(token)
    if document is None:
        lookup_missed("verify")
        raise Http404
    try:
        data = read_limited(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    uploaded = sha256_of(data)
    matches = uploaded == document.sha256
    payload = _payload(document)
    payload.update(
        authentic=matches and not document.is_revoked,
        file_matches=matches,
        uploaded_sha256=uploaded,
    )
    return payload


# --- staff ---------------------------------------------------------------------------------


def _office(user):
    if user.office is None:
        raise Http404
    return user.office


class RevokeIn(Schema):
    reason: str


class DocumentOut(Schema):
    id: int
    number: str
    title: str
    status: str
    revoked_at: datetime | None
    revoke_reason: str


@router.post("/documents/{document_id}/revoke", response=DocumentOut, auth=STAFF_AUTH)
def document_revoke(request: HttpRequest, document_id: int, payload: RevokeIn):
    """Revokes an issued document: its verification answers "revoked" from then on."""
    require_role(request.auth, *REVOKERS)
    document = get_document_for_user(request.auth, document_id)
    data = cleaned(RevokeForm(payload.dict()))
    done = services.document_revoke(document=document, by=request.auth, reason=data["reason"])
    return {
        "id": done.pk,
        "number": done.number,
        "title": done.title,
        "status": done.status,
        "revoked_at": done.revoked_at,
        "revoke_reason": done.revoke_reason,
    }


class AgendaEntryIn(Schema):
    title: str
    recipient: str
    classification: str = ""


class AgendaEntryOut(Schema):
    id: int
    sequence: int
    number: str
    date: date
    classification: str
    title: str
    recipient: str


def _entry_out(entry) -> dict:
    return {
        "id": entry.pk,
        "sequence": entry.sequence,
        "number": entry.number,
        "date": entry.date,
        "classification": entry.classification,
        "title": entry.title,
        "recipient": entry.recipient,
    }


@router.get("/agenda", response=list[AgendaEntryOut], auth=STAFF_AUTH)
def agenda_list(request: HttpRequest, year: int | None = None):
    """The office's outgoing-mail agenda of a year (this year by default)."""
    require_role(request.auth, *AGENDA_ROLES)
    year = year or timezone.localdate().year
    if not 1900 <= year <= 2200:
        raise ValidationError({"year": "Give a year between 1900 and 2200."})
    return [_entry_out(e) for e in agenda_for_office(office=_office(request.auth), year=year)]


@router.post("/agenda", response={201: AgendaEntryOut}, auth=STAFF_AUTH)
def agenda_register(request: HttpRequest, payload: AgendaEntryIn):
    """Gives a letter written outside Sigap the office's next number."""
    require_role(request.auth, *AGENDA_WRITERS)
    office = _office(request.auth)
    data = cleaned(AgendaRegisterForm(payload.dict()))
    entry = services.agenda_register(office=office, registered_by=request.auth, **data)
    return Status(201, _entry_out(entry))


class AgendaSettingsIn(Schema):
    number_format: str
    default_classification: str
    letter_code: str = ""


class AgendaSettingsOut(Schema):
    number_format: str
    default_classification: str
    letter_code: str


@router.put("/agenda/settings", response=AgendaSettingsOut, auth=STAFF_AUTH)
def agenda_settings_update(request: HttpRequest, payload: AgendaSettingsIn):
    """The office's number format and default classification."""
    require_role(request.auth, *TEMPLATE_EDITORS)
    office = _office(request.auth)
    row = services.agenda_settings_update(
        office=office, **cleaned(AgendaSettingsForm(payload.dict()))
    )
    return {
        "number_format": row.number_format,
        "default_classification": row.default_classification,
        "letter_code": row.letter_code,
    }


class TemplateIn(Schema):
    title: str
    body: str


class TemplateOut(Schema):
    code: str
    title: str
    body: str
    version: int
    source: str


def _template(request: HttpRequest, code: str):
    require_role(request.auth, *TEMPLATE_EDITORS)
    office = _office(request.auth)
    if code not in file_templates():
        raise Http404
    return office


def _template_out(office, code: str) -> dict:
    resolved = resolve_template(office=office, code=code)
    return {
        "code": code,
        "title": resolved.title,
        "body": resolved.body,
        "version": resolved.version,
        "source": resolved.source,
    }


@router.get("/document-templates/{code}", response=TemplateOut, auth=STAFF_AUTH)
def template_detail(request: HttpRequest, code: str):
    """The template in force for the office (its edited copy, the global copy or the file)."""
    return _template_out(_template(request, code), code)


@router.put("/document-templates/{code}", response=TemplateOut, auth=STAFF_AUTH)
def template_save(request: HttpRequest, code: str, payload: TemplateIn):
    """Saves the office's edited copy as its next version (checked like the page's form)."""
    office = _template(request, code)
    data = cleaned(DocumentTemplateForm(payload.dict()))
    services.document_template_save(office=office, code=code, by=request.auth, **data)
    return _template_out(office, code)


@router.delete("/document-templates/{code}", response=TemplateOut, auth=STAFF_AUTH)
def template_reset(request: HttpRequest, code: str):
    """Drops the office's edited copy: the default applies again."""
    office = _template(request, code)
    services.document_template_reset(office=office, code=code, by=request.auth)
    return _template_out(office, code)
