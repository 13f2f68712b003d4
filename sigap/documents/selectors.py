"""Reads: documents of a record, a document by its public token, the agenda of an office."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from sigap.documents.models import AgendaEntry, IssuedDocument


def documents_for_subject(subject) -> QuerySet[IssuedDocument]:
    """Every document issued for `subject` (a request, a dispatch, a case), newest first."""
    return IssuedDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
    ).select_related("office")


def document_by_token(token: str) -> IssuedDocument | None:
    # Tokens are short ASCII; anything else (a NUL byte PostgreSQL refuses) finds nothing.
    if not token or len(token) > 64 or not token.isascii() or "\x00" in token:
        return None
    return IssuedDocument.objects.select_related("office").filter(token=token).first()


def agenda_for_office(*, office, year: int) -> QuerySet[AgendaEntry]:
    return (
        AgendaEntry.objects.filter(office=office, year=year)
        .select_related("document")
        .order_by("sequence")
    )


def agenda_years(*, office) -> list[int]:
    return sorted(
        set(AgendaEntry.objects.filter(office=office).values_list("year", flat=True)),
        reverse=True,
    )


SIGNATURE_CHECK_SECONDS = 600


def document_signature_check(document: IssuedDocument):
    """The PDF signature check of the stored file (cached: the public page must stay fast).

    None when the file cannot be read from storage.
    """
    from django.core.cache import cache
    from django.core.files.storage import default_storage

    from sigap.documents.signing.verify import signature_check

    key = f"documents:signature:{document.pk}:{document.sha256}:{document.status}"
    check = cache.get(key)
    if check is None:
        try:
            with default_storage.open(document.file.name, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        check = signature_check(data)
        cache.set(key, check, timeout=SIGNATURE_CHECK_SECONDS)
    return check
