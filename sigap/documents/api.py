"""Document API: public verification of an issued document by its QR token."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from sigap.documents.forms import read_limited
from sigap.documents.selectors import document_by_token
from sigap.documents.services import sha256_of

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
    document = document_by_token(token)
    if document is None:
        raise Http404
    return _payload(document)


@router.post("/documents/verify/{token}", response=VerifyFileOut, auth=None)
def verify_document_file(request: HttpRequest, token: str, file: File[UploadedFile]):
    """Upload a PDF: `authentic` is true only if it is byte-identical and not revoked."""
    document = document_by_token(token)
    if document is None:
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
