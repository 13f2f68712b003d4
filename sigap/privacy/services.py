"""Writes: record a data subject's request, and hand its export over once."""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.core.access import client_ip, log_access
from sigap.core.models import AccessAction, AccessLog
from sigap.identity import mask_nik, normalise_identity_number
from sigap.privacy import access, discovery
from sigap.privacy.models import (
    EXPORT_VALID_FOR,
    RequesterRelation,
    SubjectRequest,
    SubjectRequestStatus,
)
from sigap.privacy.sections import Section, Subject

NO_IDENTIFIER = _("Enter the NIK, or a tracking code the requester holds.")
NOT_VERIFIED = _("Verify the requester's identity (and authority, for a representative) first.")
BAD_CODE = _("A tracking code has 4 to 20 letters, digits or dashes: %(code)s")
TOO_MANY_CODES = _("Enter at most 10 tracking codes.")
NOT_AVAILABLE = _("This export was already downloaded or has expired; record a new request.")
MAX_CODES = 10
CODE_PATTERN = re.compile(r"^[A-Z0-9-]{4,20}$")


class ExportNotAvailable(Exception):
    """The one download of this request's export is used up, or it expired."""


@dataclass(frozen=True)
class Export:
    """What one download hands over: the register entry and every app's sections."""

    subject_request: SubjectRequest
    sections: list[Section]
    generated_at: datetime
    officer: object


def parse_codes(raw: str | list[str] | None) -> list[str]:
    """Tracking codes from free text (spaces, commas or new lines between them)."""
    if isinstance(raw, list):
        raw = " ".join(str(item) for item in raw)
    codes: list[str] = []
    for code in re.split(r"[\s,;]+", (raw or "").strip().upper()):
        if not code:
            continue
        if not CODE_PATTERN.match(code):
            raise ValidationError({"codes": [BAD_CODE % {"code": code[:30]}]})
        if code not in codes:
            codes.append(code)
    if len(codes) > MAX_CODES:
        raise ValidationError({"codes": [TOO_MANY_CODES]})
    return codes


def _mask_code(code: str) -> str:
    return code[:3] + "*" * max(len(code) - 5, 1) + code[-2:]


@transaction.atomic
def subject_request_record(
    *,
    user,
    nik: str | None,
    codes: str | list[str] | None,
    letter_number: str,
    letter_date: date,
    requester_name: str,
    requester_relation: str,
    identity_verified: bool,
    identity_document: str = "",
) -> SubjectRequest:
    """Records the request and its basis; the export is built when it is downloaded."""
    if not access.can_export(user):
        raise PermissionDenied
    nik_digits = ""
    if nik and str(nik).strip():
        try:
            nik_digits = normalise_identity_number(nik, length=16)
        except ValidationError as exc:
            raise ValidationError({"nik": exc.messages}) from exc
    code_list = parse_codes(codes)
    if not nik_digits and not code_list:
        raise ValidationError({"nik": [NO_IDENTIFIER]})
    if not identity_verified:
        raise ValidationError({"identity_verified": [NOT_VERIFIED]})
    subject_request = SubjectRequest(
        office_id=user.office_id,
        recorded_by=user,
        nik=nik_digits,
        codes=code_list,
        nik_masked=mask_nik(nik_digits) if nik_digits else "",
        codes_masked=" ".join(_mask_code(c) for c in code_list)[:200],
        letter_number=(letter_number or "").strip(),
        letter_date=letter_date,
        requester_name=(requester_name or "").strip(),
        requester_relation=requester_relation or RequesterRelation.SELF,
        identity_verified=True,
        identity_document=(identity_document or "").strip(),
        expires_at=timezone.now() + EXPORT_VALID_FOR,
    )
    subject_request.full_clean()
    subject_request.save()
    return subject_request


@transaction.atomic
def subject_requests_expire() -> int:
    """Expires the exports not downloaded in time and forgets their NIK and codes.

    Run before reading the register or taking an export (outside the take's transaction, so
    the expiry sticks even when the take is refused)."""
    return SubjectRequest.objects.filter(
        status=SubjectRequestStatus.READY, expires_at__lte=timezone.now()
    ).update(status=SubjectRequestStatus.EXPIRED, nik="", codes=[], updated_at=timezone.now())


def _forget_identity(subject_request: SubjectRequest, status: str) -> None:
    subject_request.status = status
    subject_request.nik = ""
    subject_request.codes = []


@transaction.atomic
def subject_export_take(
    *, user, subject_request_id: int, request: HttpRequest | None = None
) -> Export:
    """Builds the export for its one download: marks it downloaded, forgets the full NIK and
    writes the access log (the request, and every record exported). Call it inside the same
    transaction as the packaging, so a failure leaves the export available."""
    visible = access.get_request_for_user(user, subject_request_id)
    if not access.can_download(user, visible):
        raise PermissionDenied
    subject_request = SubjectRequest.objects.select_for_update().get(pk=visible.pk)
    if not subject_request.is_available:
        raise ExportNotAvailable(str(NOT_AVAILABLE))
    subject = Subject(
        nik=subject_request.nik or None,
        codes=frozenset(subject_request.codes),
        relation=subject_request.requester_relation,
    )
    office = subject_request.office
    subject = discovery.identify(subject, office=office, user=user)
    sections = discovery.collect(subject, office=office, user=user)
    now = timezone.now()
    _forget_identity(subject_request, SubjectRequestStatus.DOWNLOADED)
    subject_request.downloaded_at = now
    subject_request.summary = {section.key: section.count for section in sections}
    subject_request.save()
    _log(user, subject_request, sections, request)
    return Export(
        subject_request=subject_request, sections=sections, generated_at=now, officer=user
    )


def _log(user, subject_request: SubjectRequest, sections: list[Section], request) -> None:
    """One entry for the export, one per record exported (so a person's own access history
    shows it too)."""
    label = f"subject access export {subject_request}"
    log_access(user, subject_request, action=AccessAction.EXPORT, summary=label, request=request)
    seen: set[tuple[str, str]] = set()
    for section in sections:
        for object_type, object_id in section.sources:
            if (object_type, object_id) in seen:
                continue
            seen.add((object_type, object_id))
            AccessLog.objects.create(
                user=user,
                office_id=user.office_id,
                action=AccessAction.EXPORT,
                object_type=object_type[:64],
                object_id=str(object_id)[:64],
                summary=label,
                ip_address=client_ip(request),
            )
