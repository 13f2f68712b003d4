"""Writes to the registry. Other apps create or update persons only through these functions."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sigap.registry.importing import lock, pipeline, reader, staging, undo
from sigap.registry.importing import progress as tracking
from sigap.registry.importing.layouts import (
    FIELDS,
    IDENTITY_FIELDS,
    LAYOUTS,
    REQUIRED_FIELDS,
    detect_layout,
    guess_mapping,
    missing_fields,
)
from sigap.registry.models import (
    ImportBatch,
    ImportLayout,
    ImportPolicy,
    ImportStatus,
    OutOfArea,
    Person,
    Programme,
)

MSG_NOT_A_TABLE = _("The file is not a CSV or XLSX table with a header row.")
MSG_MARKUP = _(
    "The file is a web page or program text (HTML/PHP), not a table. Open the list in the "
    "spreadsheet program and save it as CSV or XLSX."
)
MSG_ZIP_BOMB = _(
    "The XLSX file unpacks to far more data than a spreadsheet of its size can hold, so it "
    "is refused as unsafe. Save the list again from the spreadsheet program."
)
MSG_MAPPING_REQUIRED = _("Map a column to each of: NIK, name.")
MSG_LAYOUT_FIELDS_MISSING = _(
    "The %(layout)s needs a column for each of: %(fields)s. Map them, or choose another layout."
)
MSG_NOT_CANCELLABLE = _("Only a running import or rollback can be cancelled.")
MSG_ROLLBACK_CANCELLED = _("The rollback was cancelled; the import stays as it was.")
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
    path = Path(batch.file.path)
    try:
        reader.inspect(path)
        headers = reader.read_headers(path)
    except reader.NotATable as exc:
        batch.file.delete(save=False)
        message = {"markup": MSG_MARKUP, "zip_bomb": MSG_ZIP_BOMB}.get(exc.code, MSG_NOT_A_TABLE)
        raise ValidationError(message, code=exc.code) from exc
    except Exception as exc:  # a binary that is neither CSV nor XLSX
        batch.file.delete(save=False)
        raise ValidationError(MSG_NOT_A_TABLE, code="not_a_table") from exc
    if not [h for h in headers if h]:
        batch.file.delete(save=False)
        raise ValidationError(MSG_NOT_A_TABLE, code="not_a_table")
    batch.mapping = guess_mapping(headers)
    batch.layout = (LAYOUTS.get(layout) or detect_layout(headers)).key
    batch.numeric_cells = _numeric_cells(path, batch.mapping)
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


def _numeric_cells(path: Path, mapping: dict[str, str], known: dict | None = None) -> dict:
    """Cells held as numbers in the identity columns of `mapping` (XLSX), counted once."""
    known = dict(known or {})
    wanted = [h for h, f in mapping.items() if f in IDENTITY_FIELDS and h not in known]
    return {**known, **reader.numeric_cells(path, wanted)}


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


def _check_mapping(
    batch: ImportBatch, mapping: dict[str, str], layout: str | None = None
) -> dict[str, str]:
    headers = set(import_headers(batch))
    cleaned = {h: f for h, f in mapping.items() if f}
    if any(h not in headers or f not in FIELDS for h, f in cleaned.items()):
        raise ValidationError(MSG_MAPPING_UNKNOWN, code="mapping_unknown")
    if len(set(cleaned.values())) != len(cleaned):
        raise ValidationError(MSG_MAPPING_DUPLICATE, code="mapping_duplicate")
    if not set(REQUIRED_FIELDS) <= set(cleaned.values()):
        raise ValidationError(MSG_MAPPING_REQUIRED, code="mapping_required")
    chosen = LAYOUTS.get(layout or batch.layout)
    if chosen is None:
        raise ValidationError(MSG_MAPPING_UNKNOWN, code="layout_unknown")
    missing = missing_fields(chosen, cleaned)
    if missing:
        raise ValidationError(
            MSG_LAYOUT_FIELDS_MISSING,
            code="layout_fields_missing",
            params={
                "layout": chosen_label(chosen.key),
                "fields": ", ".join(str(FIELDS[f]) for f in missing),
            },
        )
    return cleaned


def chosen_label(key: str) -> str:
    return str(ImportLayout(key).label)


@transaction.atomic
def import_batch_start(
    *, batch: ImportBatch, mapping: dict[str, str] | None = None, layout: str | None = None
) -> ImportBatch:
    """Confirms the column mapping (and layout) and queues the import as a background task."""
    from sigap.registry.tasks import run_import

    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportStatus.UPLOADED:
        raise ValidationError(MSG_NOT_STARTABLE, code="not_startable")
    _refuse_if_running(batch)
    mapping = mapping if mapping is not None else batch.mapping
    batch.mapping = _check_mapping(batch, mapping, layout)
    batch.layout = layout or batch.layout
    batch.numeric_cells = _numeric_cells(Path(batch.file.path), batch.mapping, batch.numeric_cells)
    batch.status = ImportStatus.QUEUED
    batch.save(update_fields=["mapping", "layout", "numeric_cells", "status", "updated_at"])
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


def import_batch_rollback(*, batch: ImportBatch, now: bool = False) -> ImportBatch:
    """Undoes an import: before the merge, drops its staged rows; after, queues the undo of
    what it changed (from its ImportChange history) and of what it created.

    Only the latest committed import of an office can be undone, since a later one may have
    changed the same rows again. The undo runs as a task (or, with `now`, in this process:
    the command line), shows its step and can be cancelled (`import_batch_cancel`); it commits
    whole or not at all.
    """
    from sigap.registry.tasks import run_rollback

    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status == ImportStatus.ROLLED_BACK:
            raise ValidationError(MSG_ROLLBACK_DONE, code="rolled_back")
        if batch.status == ImportStatus.ROLLING_BACK or batch.is_running:
            raise ValidationError(MSG_ROLLBACK_RUNNING, code="import_running")
        _refuse_if_running(batch)
        if batch.status != ImportStatus.COMMITTED:
            staging.drop(batch.pk)
            ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.ROLLED_BACK)
            batch.refresh_from_db()
            return batch
        later = ImportBatch.objects.filter(
            office_id=batch.office_id,
            status__in=[ImportStatus.COMMITTED, ImportStatus.ROLLING_BACK],
            created_at__gt=batch.created_at,
        )
        if later.exists():
            raise ValidationError(MSG_ROLLBACK_LATER_EXISTS, code="later_exists")
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportStatus.ROLLING_BACK, cancel_requested=False, error="", progress_note=""
        )
    if now:
        import_batch_rollback_run(batch=ImportBatch.objects.get(pk=batch.pk))
    else:
        # Queued after the status is committed, so the worker finds it (in tests: runs now).
        run_rollback.enqueue(batch.pk)
    batch.refresh_from_db()
    if batch.status == ImportStatus.COMMITTED and batch.error:
        raise ValidationError(batch.error, code="rollback_failed")
    return batch


def import_batch_rollback_run(*, batch: ImportBatch) -> ImportBatch:
    """Runs a queued rollback now, in this process, holding the office's import lock."""
    if batch.status != ImportStatus.ROLLING_BACK:
        return batch
    steps = tracking.Progress(batch.pk)
    try:
        with lock.office_import_lock(batch.office_id):
            seconds = undo.undo_batch(
                batch.pk, on_step=lambda name, percent: steps.step(name, percent)
            )
            staging.drop(batch.pk)
    except lock.ImportRunning:
        _rollback_stopped(batch, MSG_ROLLBACK_RUNNING)
    except undo.StillReferenced:
        _rollback_stopped(batch, MSG_ROLLBACK_REFERENCED)
    except Exception as exc:
        if isinstance(exc, tracking.Cancelled) or tracking.is_cancellation(exc):
            _rollback_stopped(batch, MSG_ROLLBACK_CANCELLED)
        else:
            ImportBatch.objects.filter(pk=batch.pk).update(
                status=ImportStatus.COMMITTED, error=str(exc)[:2000], cancel_requested=False
            )
            raise
    else:
        batch.refresh_from_db(fields=["timings"])
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportStatus.ROLLED_BACK,
            progress_note="",
            cancel_requested=False,
            timings={**batch.timings, **{f"rollback_{k}": v for k, v in seconds.items()}},
        )
    finally:
        steps.close()
    batch.refresh_from_db()
    return batch


def _rollback_stopped(batch: ImportBatch, message) -> None:
    """The undo's transaction rolled back: the import is committed as before; say why."""
    from django.utils import translation

    with translation.override("id"):
        text = str(message)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.COMMITTED, error=text, progress_note="", cancel_requested=False
    )


def import_batch_cancel(*, batch: ImportBatch) -> ImportBatch:
    """Asks a running import or rollback to stop; it undoes itself whole (progress.py).

    A queued import that has not started is cancelled at once."""
    updated = ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.QUEUED).update(
        status=ImportStatus.CANCELLED
    )
    if not updated:
        running = ImportBatch.objects.filter(
            pk=batch.pk,
            status__in=[
                ImportStatus.READING,
                ImportStatus.MERGING,
                ImportStatus.ROLLING_BACK,
            ],
        ).update(cancel_requested=True)
        if not running:
            raise ValidationError(MSG_NOT_CANCELLABLE, code="not_cancellable")
        tracking.interrupt(batch.office_id)
    batch.refresh_from_db()
    return batch


def import_policy_set(*, office, out_of_area: str) -> ImportPolicy:
    """Sets how the office's imports treat rows outside its area (reject, or warn)."""
    if out_of_area not in OutOfArea.values:
        raise ValidationError(MSG_MAPPING_UNKNOWN, code="policy_unknown")
    policy, _created = ImportPolicy.objects.update_or_create(
        office=office, defaults={"out_of_area": out_of_area}
    )
    return policy
