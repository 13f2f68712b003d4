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
