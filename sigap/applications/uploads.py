"""Checks a handed-in file by its content (not its name) before it is stored privately."""

import hashlib
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
}
MSG_UPLOAD_TYPE = _("The file must be a PDF, JPEG or PNG. This file is not one, whatever its name.")
MSG_UPLOAD_SIZE = _("The file is too large: at most %(limit)s.")
MSG_UPLOAD_EMPTY = _("The file is empty.")


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
