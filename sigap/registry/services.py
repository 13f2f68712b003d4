"""Writes to the registry. Other apps create or update persons only through these functions."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sigap.registry.importing import lock, pipeline, reader, staging, undo
from sigap.registry.importing.layouts import (
    FIELDS,
    LAYOUTS,
    REQUIRED_FIELDS,
    detect_layout,
    guess_mapping,
    layout_mapping,
)
from sigap.registry.models import (
    ImportBatch,
    ImportLayout,
    ImportStatus,
    Person,
    Programme,
)

MSG_NOT_A_TABLE = _("The file is not a CSV or XLSX table with a header row.")
MSG_MAPPING_REQUIRED = _("Map a column to each of: NIK, name.")
MSG_MAPPING_DUPLICATE = _("Each field can be mapped to one column only.")
MSG_MAPPING_UNKNOWN = _("The mapping names a column or field that does not exist.")
MSG_YEAR_WITHOUT_PROGRAMME = _("Give both the programme and the budget year, or neither.")
MSG_NOT_STARTABLE = _("This import has already started.")
MSG_NOT_RESUMABLE = _("Only an interrupted or failed import can be resumed.")
MSG_ROLLBACK_LATER_EXISTS = _(
    "A later import of this office has been committed; roll that one back first."
)
MSG_ROLLBACK_RUNNING = _("The import is running; wait until it stops.")
MSG_ROLLBACK_REFERENCED = _(
    "A person created by this import is already used elsewhere (a request, a case); "
    "the import cannot be undone."
)
MSG_ROLLBACK_DONE = _("The import was already rolled back.")
MSG_FILE_TOO_LARGE = _(
    "The file is %(size)s MB; an import file may be at most %(limit)s MB. "
    "Split the list into smaller files."
)
MSG_IMPORT_RUNNING = lock.MSG_IMPORT_RUNNING


@transaction.atomic
def person_upsert(*, nik: str | None, name: str, **fields) -> Person:
    """Creates a person, or updates the one with this NIK; the NIK is validated first.

    A person without a NIK (a child who has none) is always created anew.
    """
    from sigap.identity import validate_nik

    if nik:
        nik = validate_nik(nik).nik
        person, created = Person.objects.select_for_update().get_or_create(
            nik=nik, defaults={"name": name, **fields}
        )
        if not created:
            changed = {k: v for k, v in {"name": name, **fields}.items() if v not in ("", None)}
            for key, value in changed.items():
                setattr(person, key, value)
            person.full_clean()
            person.save()
        return person
    person = Person(nik=None, name=name, **fields)
    person.full_clean()
    person.save()
    return person


def _sha256(handle) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(1 << 20), b""):
        digest.update(block)
    handle.seek(0)
    return digest.hexdigest()


@transaction.atomic
def import_batch_create(
    *,
    office,
    created_by,
    file,
    original_name: str = "",
    programme: str = "",
    year: int | None = None,
    layout: str = "",
) -> ImportBatch:
    """Stores an uploaded list and recognises its layout; the import waits for confirmation."""
    if bool(programme) != bool(year):
        raise ValidationError(MSG_YEAR_WITHOUT_PROGRAMME, code="programme_year")
    if programme and programme not in Programme.values:
        raise ValidationError(MSG_MAPPING_UNKNOWN, code="programme")
    _check_size(file)
    if isinstance(file, str | Path):
        handle = open(file, "rb")  # noqa: SIM115 - closed below
        original_name = original_name or Path(file).name
        file = File(handle, name=Path(file).name)
    digest = _sha256(file)
    batch = ImportBatch(
        office=office,
        created_by=created_by,
        original_name=(original_name or file.name)[:255],
        content_sha256=digest,
        programme=programme,
        year=year,
    )
    batch.file.save(Path(file.name).name, file, save=False)
    file.close()
    try:
        headers = reader.read_headers(Path(batch.file.path))
    except Exception as exc:  # a binary that is neither CSV nor XLSX
        batch.file.delete(save=False)
        raise ValidationError(MSG_NOT_A_TABLE, code="not_a_table") from exc
    if not [h for h in headers if h]:
        batch.file.delete(save=False)
        raise ValidationError(MSG_NOT_A_TABLE, code="not_a_table")
    known = LAYOUTS.get(layout) if layout else detect_layout(headers)
    if known:
        batch.layout = known.key
        batch.mapping = layout_mapping(known, headers)
    else:
        batch.layout = ImportLayout.CUSTOM
        batch.mapping = guess_mapping(headers)
    batch.same_as = (
        ImportBatch.objects.filter(
            office=office,
            content_sha256=digest,
            programme=programme,
            year=year,
            status=ImportStatus.COMMITTED,
        )
        .order_by("-created_at")
        .first()
    )
    batch.full_clean()
    batch.save()
    return batch


def _check_size(file) -> None:
    """Refuses a file over SIGAP_IMPORT_MAX_BYTES before anything is stored or read."""
    size = Path(file).stat().st_size if isinstance(file, str | Path) else file.size
    limit = settings.SIGAP_IMPORT_MAX_BYTES
    if size is not None and size > limit:
        raise ValidationError(
            MSG_FILE_TOO_LARGE,
            code="file_too_large",
            params={"size": f"{size / 2**20:,.0f}", "limit": f"{limit / 2**20:,.0f}"},
        )


def _refuse_if_running(batch: ImportBatch) -> None:
    if lock.is_import_running(batch.office_id):
        raise ValidationError(MSG_IMPORT_RUNNING, code="import_running")


def import_headers(batch: ImportBatch) -> list[str]:
    return reader.read_headers(Path(batch.file.path))


def _check_mapping(batch: ImportBatch, mapping: dict[str, str]) -> dict[str, str]:
    headers = set(import_headers(batch))
    cleaned = {h: f for h, f in mapping.items() if f}
    if any(h not in headers or f not in FIELDS for h, f in cleaned.items()):
        raise ValidationError(MSG_MAPPING_UNKNOWN, code="mapping_unknown")
    if len(set(cleaned.values())) != len(cleaned):
        raise ValidationError(MSG_MAPPING_DUPLICATE, code="mapping_duplicate")
    if not set(REQUIRED_FIELDS) <= set(cleaned.values()):
        raise ValidationError(MSG_MAPPING_REQUIRED, code="mapping_required")
    return cleaned


@transaction.atomic
def import_batch_start(*, batch: ImportBatch, mapping: dict[str, str] | None = None) -> ImportBatch:
    """Confirms the column mapping and queues the import as a background task."""
    from sigap.registry.tasks import run_import

    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportStatus.UPLOADED:
        raise ValidationError(MSG_NOT_STARTABLE, code="not_startable")
    _refuse_if_running(batch)
    batch.mapping = _check_mapping(batch, mapping if mapping is not None else batch.mapping)
    batch.status = ImportStatus.QUEUED
    batch.save(update_fields=["mapping", "status", "updated_at"])
    run_import.enqueue(batch.pk)
    return batch


def import_batch_run(
    *, batch: ImportBatch, stop_after_staging: bool = False, progress=None
) -> ImportBatch:
    """Runs (or resumes) the import now, in this process: the task and the command call this."""
    return pipeline.run(batch, stop_after_staging=stop_after_staging, progress=progress)


@transaction.atomic
def import_batch_resume(*, batch: ImportBatch) -> ImportBatch:
    """Queues an interrupted or failed import again; it continues from the staged rows."""
    from sigap.registry.tasks import run_import

    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status in {ImportStatus.UPLOADED, ImportStatus.COMMITTED, ImportStatus.ROLLED_BACK}:
        raise ValidationError(MSG_NOT_RESUMABLE, code="not_resumable")
    _refuse_if_running(batch)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.QUEUED, error="")
    run_import.enqueue(batch.pk)
    batch.refresh_from_db()
    return batch


@transaction.atomic
def import_batch_rollback(*, batch: ImportBatch) -> ImportBatch:
    """Undoes an import: before the merge, drops its staged rows; after, restores what it
    changed (from its ImportChange history) and removes what it created.

    Only the latest committed import of an office can be undone, since a later one may have
    changed the same rows again.
    """
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == ImportStatus.ROLLED_BACK:
        raise ValidationError(MSG_ROLLBACK_DONE, code="rolled_back")
    try:
        with lock.office_import_lock(batch.office_id):
            if batch.status == ImportStatus.COMMITTED:
                later = ImportBatch.objects.filter(
                    office_id=batch.office_id,
                    status=ImportStatus.COMMITTED,
                    created_at__gt=batch.created_at,
                )
                if later.exists():
                    raise ValidationError(MSG_ROLLBACK_LATER_EXISTS, code="later_exists")
                _undo_committed(batch)
            staging.drop(batch.pk)
    except lock.ImportRunning as exc:
        raise ValidationError(MSG_ROLLBACK_RUNNING, code="import_running") from exc
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.ROLLED_BACK)
    batch.refresh_from_db()
    return batch


def _undo_committed(batch: ImportBatch) -> None:
    """Set-based: a few UPDATE ... FROM / DELETE statements, whatever the batch's size."""
    try:
        undo.undo_batch(batch.pk)
    except undo.StillReferenced as exc:
        raise ValidationError(MSG_ROLLBACK_REFERENCED, code="referenced") from exc
