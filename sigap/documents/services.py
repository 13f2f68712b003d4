"""Writes: registering letters in the agenda, issuing PDFs, revoking them, editing templates.

`document_issue` is the one way a document is produced: number (agenda), body (template),
PDF with letterhead, signature and QR, private storage and SHA-256 of the stored bytes.
"""

import hashlib
import hmac
import secrets
import string
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.documents.models import (
    DEFAULT_CLASSIFICATION,
    DEFAULT_NUMBER_FORMAT,
    AgendaCounter,
    AgendaEntry,
    AgendaSettings,
    DocumentStatus,
    DocumentTemplate,
    IssuedDocument,
)
from sigap.documents.pdf import html_to_pdf
from sigap.documents.rendering import body_fingerprint, render_document_html
from sigap.documents.rendering import verify_url_for as verify_url_for  # used by the APIs
from sigap.documents.signing import identity_for, render_signed_pdf
from sigap.documents.template_catalogue import document_context
from sigap.documents.templating import check_body, resolve_template

TITLE_REQUIRED = _("A document needs a title.")
DRAFT_CHANGED = _(
    "The letter is no longer the draft that was signed: its content changed after signing. "
    "Send it back to be initialled and signed again."
)
SUBJECT_UNSAVED = _("A document must belong to a saved record.")
NUMBER_FORMAT_INVALID = _(
    "The number format may only use {seq}, {classification}, {letter_code}, {year}, {month} "
    "and {month_roman}, and must contain {seq}."
)
REVOKE_REASON_REQUIRED = _("Give the reason for revoking the document.")
ALREADY_REVOKED = _("This document has already been revoked.")

NUMBER_FIELDS = {"seq", "classification", "letter_code", "year", "month", "month_roman"}
ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
# Where issued PDFs live inside the default storage; MEDIA_URL is None, so it is never served.
STORAGE_FOLDER = "private/documents"


# --- agenda (outgoing-mail register) -------------------------------------------------------


def number_format_check(fmt: str) -> None:
    """Only plain placeholders from NUMBER_FIELDS: no attribute access, no indexing."""
    try:
        fields = [name for _text, name, _spec, _conv in string.Formatter().parse(fmt) if name]
    except ValueError as exc:
        raise ValidationError(NUMBER_FORMAT_INVALID, code="number_format") from exc
    if "seq" not in fields or any(name not in NUMBER_FIELDS for name in fields):
        raise ValidationError(NUMBER_FORMAT_INVALID, code="number_format")
    try:
        format_number(fmt, seq=1, classification="400", letter_code="X", date=timezone.localdate())
    except (ValueError, KeyError, IndexError) as exc:
        raise ValidationError(NUMBER_FORMAT_INVALID, code="number_format") from exc


def format_number(fmt: str, *, seq: int, classification: str, letter_code: str, date) -> str:
    number = fmt.format(
        seq=seq,
        classification=classification,
        letter_code=letter_code,
        year=date.year,
        month=f"{date.month:02d}",
        month_roman=ROMAN_MONTHS[date.month - 1],
    )
    # An empty classification must not leave "/007/..." with a leading separator.
    return number.strip("/-. ")


def agenda_settings_for(office) -> AgendaSettings:
    settings_row = AgendaSettings.objects.filter(office=office).first()
    return settings_row or AgendaSettings(
        office=office,
        number_format=DEFAULT_NUMBER_FORMAT,
        default_classification=DEFAULT_CLASSIFICATION,
    )


@transaction.atomic
def agenda_settings_update(
    *, office, number_format: str, default_classification: str, letter_code: str = ""
) -> AgendaSettings:
    number_format_check(number_format)
    row, _created = AgendaSettings.objects.get_or_create(office=office)
    row.number_format = number_format
    row.default_classification = default_classification.strip()
    row.letter_code = letter_code.strip()
    row.full_clean()
    row.save()
    return row


def _next_sequence(*, office, year: int) -> int:
    """The next sequence of the office's year, under a row lock held until the caller commits.

    The counter row is created with INSERT ... ON CONFLICT DO NOTHING, so two processes that
    start a new year at the same moment do not fail; then SELECT ... FOR UPDATE serialises
    every process that takes a number (SQLite serialises writers anyway).
    """
    AgendaCounter.objects.bulk_create(
        [AgendaCounter(office=office, year=year, last_sequence=0)], ignore_conflicts=True
    )
    counter = AgendaCounter.objects.select_for_update().get(office=office, year=year)
    counter.last_sequence += 1
    counter.save(update_fields=["last_sequence"])
    return counter.last_sequence


@transaction.atomic
def agenda_register(
    *,
    office,
    title: str,
    recipient: str,
    classification: str = "",
    document: IssuedDocument | None = None,
    registered_by=None,
) -> AgendaEntry:
    """Registers an outgoing letter and gives it the office's next number for this year.

    The number is taken inside the caller's transaction: if issuing the letter fails, the
    number is not used and the sequence keeps no gap.
    """
    if not title.strip():
        raise ValidationError({"title": TITLE_REQUIRED})
    today = timezone.localdate()
    agenda = agenda_settings_for(office)
    classification = (classification or agenda.default_classification).strip()
    seq = _next_sequence(office=office, year=today.year)
    number = format_number(
        agenda.number_format,
        seq=seq,
        classification=classification,
        letter_code=agenda.letter_code or office.letter_code or office.code.upper(),
        date=today,
    )
    entry = AgendaEntry(
        office=office,
        year=today.year,
        sequence=seq,
        number=number,
        date=today,
        classification=classification,
        title=title.strip()[:300],
        recipient=recipient.strip()[:300],
        document=document,
        registered_by=registered_by,
    )
    entry.full_clean(exclude=["document"])
    entry.save()
    return entry


# --- issuing documents ---------------------------------------------------------------------


def _signer_snapshot(signer) -> dict[str, str]:
    if signer is None:
        return {"name": "", "rank": "", "nip": "", "position": ""}
    position = signer.position.name if getattr(signer, "position", None) else ""
    return {
        "name": signer.display_name,
        "rank": signer.rank or "",
        "nip": signer.nip or "",
        "position": position,
    }


@transaction.atomic
def document_issue(
    *,
    office,
    template_code: str,
    title: str,
    subject,
    context: dict,
    issued_by,
    signer=None,
    register: bool = True,
    recipient: str = "",
    classification: str = "",
    approved_fingerprint: str = "",
) -> IssuedDocument:
    """Numbers (when `register`), renders, stores and returns an issued PDF.

    `approved_fingerprint`: the fingerprint of the draft the signer approved (see
    `document_draft`); the document is refused when its content differs from that draft.

    `subject` is the record the document belongs to (a request, a dispatch, a case). `title`
    is shown on the public verification page: it must not contain a person's name.
    """
    if not title.strip():
        raise ValidationError({"title": TITLE_REQUIRED})
    if getattr(subject, "pk", None) is None:
        raise ValidationError(SUBJECT_UNSAVED)
    template = resolve_template(office=office, code=template_code)
    context = document_context(template_code, context)
    snapshot = _signer_snapshot(signer)
    if approved_fingerprint and approved_fingerprint != body_fingerprint(
        office=office, body=template.body, title=title.strip(), context=context, signer=snapshot
    ):
        raise ValidationError(DRAFT_CHANGED, code="draft_changed")
    entry = None
    if register:
        entry = agenda_register(
            office=office,
            title=title,
            recipient=recipient,
            classification=classification,
            registered_by=issued_by,
        )
    issued_at = timezone.now()
    token = secrets.token_urlsafe(24)
    number = entry.number if entry else ""
    html = render_document_html(
        office=office,
        body=template.body,
        title=title.strip(),
        number=number,
        issued_at=issued_at,
        context=context,
        signer=snapshot,
        token=token,
    )
    # Signed inside this transaction: a refused signature leaves no number used, nothing stored.
    pdf = render_signed_pdf(
        html, identity=identity_for(office=office, signer_snapshot=snapshot, signer_user=signer)
    )
    name = default_storage.save(
        f"{STORAGE_FOLDER}/{office.code}/{issued_at:%Y}/{uuid.uuid4().hex}.pdf", ContentFile(pdf)
    )
    try:
        with default_storage.open(name, "rb") as stored:
            data = stored.read()
        document = IssuedDocument(
            office=office,
            token=token,
            template_code=template_code,
            template_version=template.version,
            title=title.strip()[:300],
            number=number,
            recipient=recipient.strip()[:300],
            classification=entry.classification if entry else classification,
            issued_at=issued_at,
            issued_by=issued_by,
            signer=signer,
            signer_name=snapshot["name"],
            signer_rank=snapshot["rank"],
            signer_nip=snapshot["nip"],
            signer_position=snapshot["position"],
            content_type=ContentType.objects.get_for_model(subject),
            object_id=str(subject.pk),
            file=name,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            rendered_html=html,
        )
        document.full_clean(exclude=["file"])
        document.save()
        if entry is not None:
            entry.document = document
            entry.save(update_fields=["document", "updated_at"])
    except BaseException:
        default_storage.delete(name)
        raise
    return document


def document_draft(
    *, office, template_code: str, title: str, context: dict, signer
) -> tuple[bytes, str]:
    """The draft as it will be printed (marked DRAF, not numbered) and its fingerprint.

    Shown to the officials at the paraf and sign steps; the fingerprint they approved is kept
    in the request's history and checked again by `document_issue`.
    """
    template = resolve_template(office=office, code=template_code)
    context = document_context(template_code, context)
    snapshot = _signer_snapshot(signer)
    html = render_document_html(
        office=office,
        body=template.body,
        title=title.strip(),
        number="",
        issued_at=timezone.now(),
        context=context,
        signer=snapshot,
        token="",
        draft=True,
    )
    fingerprint = body_fingerprint(
        office=office, body=template.body, title=title.strip(), context=context, signer=snapshot
    )
    return html_to_pdf(html), fingerprint


def document_fingerprint(*, office, template_code: str, title: str, context: dict, signer) -> str:
    """The fingerprint of the draft without rendering its PDF (recorded at paraf and sign)."""
    template = resolve_template(office=office, code=template_code)
    return body_fingerprint(
        office=office,
        body=template.body,
        title=title.strip(),
        context=document_context(template_code, context),
        signer=_signer_snapshot(signer),
    )


@transaction.atomic
def document_revoke(*, document: IssuedDocument, by, reason: str) -> IssuedDocument:
    """Marks a document revoked; its verification page says so from then on."""
    if not reason.strip():
        raise ValidationError({"reason": REVOKE_REASON_REQUIRED})
    locked = IssuedDocument.objects.select_for_update().get(pk=document.pk)
    if locked.is_revoked:
        raise ValidationError(ALREADY_REVOKED, code="already_revoked")
    locked.status = DocumentStatus.REVOKED
    locked.revoked_at = timezone.now()
    locked.revoked_by = by
    locked.revoke_reason = reason.strip()[:500]
    locked.save(update_fields=["status", "revoked_at", "revoked_by", "revoke_reason", "updated_at"])
    document.refresh_from_db()
    return locked


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def document_verify_bytes(*, token: str, data: bytes) -> bool:
    """True only if `data` is byte-identical to the stored file and the document is not revoked."""
    document = IssuedDocument.objects.filter(token=token).first()
    if document is None or document.is_revoked:
        return False
    return hmac.compare_digest(sha256_of(data), document.sha256)


# --- template editing ----------------------------------------------------------------------


@transaction.atomic
def document_template_save(*, office, code: str, title: str, body: str, by) -> DocumentTemplate:
    """Saves an edited body for `office` (None: for every office) as the next version."""
    check_body(body)
    resolve_template(office=office, code=code)  # the code must exist (file or database)
    row = (
        DocumentTemplate.objects.select_for_update()
        .filter(office=office if office is not None else None, code=code)
        .first()
    )
    if row is None:
        row = DocumentTemplate(office=office, code=code, version=1)
    else:
        row.version += 1
    row.title = title.strip()
    row.body = body
    row.is_active = True
    row.updated_by = by
    row.full_clean(validate_constraints=False)
    row.save()
    return row


@transaction.atomic
def document_template_reset(*, office, code: str, by) -> None:
    """Stops using the office's edited copy: the default (global copy or file) applies again."""
    DocumentTemplate.objects.filter(office=office, code=code, is_active=True).update(
        is_active=False, updated_by=by, updated_at=timezone.now()
    )
