"""Checks a handed-in file by its content (not its name) before it is stored privately.

A PDF is parsed, not only sniffed (core.pdf_check): it must be a readable PDF without
scripts, actions or embedded files.
"""

import hashlib
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from sigap.core.pdf_check import PdfRefused, check_pdf

ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
}
MSG_UPLOAD_TYPE = _("The file must be a PDF, JPEG or PNG. This file is not one, whatever its name.")
MSG_UPLOAD_SIZE = _("The file is too large: at most %(limit)s.")
MSG_UPLOAD_EMPTY = _("The file is empty.")
MSG_PDF_UNREADABLE = _(
    "The file starts like a PDF but is not a readable PDF. Save or scan it again as a PDF."
)
MSG_PDF_ENCRYPTED = _("The PDF is protected by a password. Send it without the password.")
MSG_PDF_ACTIVE = _(
    "The PDF contains scripts, actions or embedded files, which are not accepted. "
    "Print it again to PDF or scan the paper document."
)
PDF_MESSAGES = {
    "unreadable": MSG_PDF_UNREADABLE,
    "encrypted": MSG_PDF_ENCRYPTED,
    "active": MSG_PDF_ACTIVE,
}


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    extension: str
    size: int
    sha256: str


def check_upload(file: UploadedFile) -> CheckedFile:
    """Raises ValidationError unless the file is a PDF/JPEG/PNG within the size limit."""
    limit = settings.SIGAP_UPLOAD_MAX_BYTES
    size = file.size or 0
    if size == 0:
        raise ValidationError(MSG_UPLOAD_EMPTY, code="empty")
    if size > limit:
        raise ValidationError(
            MSG_UPLOAD_SIZE, code="too_large", params={"limit": filesizeformat(limit)}
        )
    file.seek(0)
    head = file.read(8192)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(MSG_UPLOAD_TYPE, code="type")
    if kind.mime == "application/pdf":
        try:
            check_pdf(file)
        except PdfRefused as exc:
            raise ValidationError(PDF_MESSAGES[exc.reason], code=f"pdf_{exc.reason}") from exc
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return CheckedFile(
        content_type=kind.mime,
        extension=ALLOWED_TYPES[kind.mime],
        size=size,
        sha256=digest.hexdigest(),
    )
