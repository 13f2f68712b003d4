"""Runs one ImportBatch: read + check + stage (stage 1), merge (stage 2), with progress.

Stage 1 streams the file chunk by chunk (polars), writes rejected rows to the rejects CSV and
valid rows to the batch's staging table; stage 2 merges the staging table into the registry
in ONE transaction. A process killed in stage 1 is resumed by redoing stage 1 (the staging
table is recreated); killed in stage 2, PostgreSQL has rolled the merge back and the staging
table is still there, so the merge simply runs again. A cancel (progress.py) at any point
leaves the registry as it was and drops the staged rows.
"""

import time
from collections.abc import Callable
from pathlib import Path

import polars as pl
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone, translation

from sigap.registry.importing import bulk, reader, staging
from sigap.registry.importing import progress as tracking
from sigap.registry.importing.layouts import IDENTITY_FIELDS, LAYOUTS
from sigap.registry.importing.lock import MSG_IMPORT_RUNNING, ImportRunning, office_import_lock
from sigap.registry.importing.merge import MergePlan, Merger
from sigap.registry.importing.validate import Checker
from sigap.registry.models import (
    ImportBatch,
    ImportPolicy,
    ImportStatus,
    OutOfArea,
    ProgrammeMembership,
)

Progress = Callable[[ImportBatch], None]


class StopAfterStaging(Exception):
    """Raised by tests and the benchmark to simulate a process killed after stage 1."""


def _set(batch: ImportBatch, **fields) -> None:
    """Saves progress with an UPDATE (no auditlog entry per tick, no full-row save race)."""
    for key, value in fields.items():
        setattr(batch, key, value)
    ImportBatch.objects.filter(pk=batch.pk).update(**fields)


def _taken_niks(batch: ImportBatch) -> set[int]:
    """NIKs already on another office's list of the same programme and year."""
    if not (batch.programme and batch.year):
        return set()
    niks = (
        ProgrammeMembership.objects.filter(programme=batch.programme, year=batch.year)
        .exclude(office_id=batch.office_id)
        .values_list("person__nik", flat=True)
    )
    return {int(n) for n in niks if n}


def _village_lookup() -> Callable[[list[str]], set[str]]:
    from sigap.regions.selectors import regions_existing

    return lambda codes: set(regions_existing(codes))


def rejects_path(batch: ImportBatch) -> str:
    return f"registry/rejects/import-{batch.pk}-ditolak.csv"


def checker_for(batch: ImportBatch) -> Checker:
    """The row checks of this batch: its mapping, its office's area and out-of-area rule."""
    policy = ImportPolicy.objects.filter(office_id=batch.office_id).first()
    return Checker(
        mapping=batch.mapping,
        known_villages=set(),
        taken_niks=_taken_niks(batch),
        programme=batch.programme,
        year=batch.year,
        area=batch.office.region_code,
        out_of_area_warn=bool(policy and policy.out_of_area == OutOfArea.WARN),
    )


def read_and_stage(batch: ImportBatch, *, progress: Progress | None = None) -> None:
    started = time.perf_counter()
    path = Path(batch.file.path)
    timings_before = {k: v for k, v in batch.timings.items() if k != "stage1_total"}
    _set(
        batch,
        status=ImportStatus.READING,
        rows_read=0,
        rejected_count=0,
        warning_count=0,
        error="",
        timings=timings_before,
    )
    if batch.rows_total is None:
        _set(batch, rows_total=reader.count_rows(path))
    checker = checker_for(batch)
    lookup = _village_lookup() if "village_code" in checker.fields else None
    looked_up: set[str] = set()
    staging.create(batch.pk)
    rejects_name = rejects_path(batch)
    rejects_file = Path(default_storage.path(rejects_name))
    rejects_file.parent.mkdir(parents=True, exist_ok=True)
    rows = rejected = warnings = 0
    timings = {"read_check": 0.0, "stage": 0.0}
    numeric = tuple(h for h, f in batch.mapping.items() if f in IDENTITY_FIELDS)
    with open(rejects_file, "wb") as out:
        for chunk in reader.iter_chunks(path, numeric=numeric):
            if _cancel_requested(batch):
                raise tracking.Cancelled
            tick = time.perf_counter()
            if lookup is not None:
                codes = _village_codes(chunk, batch.mapping) - looked_up
                checker.known_villages |= lookup(sorted(codes)) if codes else set()
                looked_up |= codes
            result = checker.check(chunk)
            result.rejects.write_csv(out, include_header=rows == 0)
            timings["read_check"] += time.perf_counter() - tick
            tick = time.perf_counter()
            staging.load(batch.pk, result.valid)
            timings["stage"] += time.perf_counter() - tick
            rows += chunk.height
            rejected += result.rejects.height - result.warnings
            warnings += result.warnings
            _set(batch, rows_read=rows, rejected_count=rejected, warning_count=warnings)
            if progress:
                progress(batch)
    timings["stage1_total"] = time.perf_counter() - started
    _set(
        batch,
        status=ImportStatus.STAGED,
        rows_total=rows,
        rejects_file=rejects_name,
        timings={**batch.timings, **{k: round(v, 3) for k, v in timings.items()}},
    )
    if progress:
        progress(batch)


def _cancel_requested(batch: ImportBatch) -> bool:
    return ImportBatch.objects.filter(pk=batch.pk, cancel_requested=True).exists()


def _village_codes(chunk: pl.DataFrame, mapping: dict[str, str]) -> set[str]:
    header = next(h for h, f in mapping.items() if f == "village_code")
    digits = chunk.get_column(header).drop_nulls().str.replace_all(r"[.\s\-]", "").unique()
    return {f"{d[0:2]}.{d[2:4]}.{d[4:6]}.{d[6:10]}" for d in digits.to_list() if len(d) == 10}


def merge(batch: ImportBatch, *, progress: Progress | None = None) -> None:
    started = time.perf_counter()
    layout = LAYOUTS.get(batch.layout)
    plan = MergePlan(
        batch_id=batch.pk,
        office_id=batch.office_id,
        fields=frozenset(batch.mapping.values()),
        programme=batch.programme,
        year=batch.year,
        sp2d_listed=bool(layout and layout.sp2d_listed),
        dtks_listed=bool(layout and layout.dtks_listed),
    )
    _set(batch, status=ImportStatus.MERGING)
    if progress:
        progress(batch)
    steps = _Steps(batch.pk)
    try:
        with transaction.atomic():
            merger = Merger(plan, on_step=steps.step)
            with connection.cursor() as cursor:
                counts = merger.run(cursor)
            steps.step("commit")
            staging.drop(batch.pk)
            _set(
                batch,
                status=ImportStatus.COMMITTED,
                new_count=counts.new,
                changed_count=counts.changed,
                unchanged_count=counts.unchanged,
                finished_at=timezone.now(),
                timings={**batch.timings, **merger.timings, "bulk_mode": merger.bulk_reason},
            )
            tick = time.perf_counter()
    finally:
        steps.close()
    # The commit runs the deferred foreign key checks: part of the merge's cost.
    commit = time.perf_counter() - tick
    total = round(time.perf_counter() - started, 3)
    _set(batch, timings={**batch.timings, "merge_commit": round(commit, 3), "merge": total})
    if progress:
        progress(batch)
    _finish(batch)


class _Steps:
    """The merge's steps as progress notes (from outside its transaction), with cancel."""

    def __init__(self, batch_id: int) -> None:
        self._progress = tracking.Progress(batch_id)

    def step(self, name: str) -> None:
        self._progress.step(name)

    def close(self) -> None:
        self._progress.close()


def _finish(batch: ImportBatch) -> None:
    """After the commit: key validation and the name index a bulk merge left (see bulk.py)."""
    if connection.vendor != "postgresql":
        return
    tick = time.perf_counter()
    with connection.cursor() as cursor:
        # CONCURRENTLY cannot run inside a transaction (the tests run inside one).
        done = bulk.finish(cursor, concurrently=not connection.in_atomic_block)
    if done:
        seconds = round(time.perf_counter() - tick, 3)
        _set(batch, timings={**batch.timings, "after_commit": seconds})


def run(batch: ImportBatch, *, stop_after_staging: bool = False, progress: Progress | None = None):
    """Runs or resumes a batch from wherever it stopped, holding its office's import lock."""
    try:
        with office_import_lock(batch.office_id):
            if not is_staged(batch):
                read_and_stage(batch, progress=progress)
            if stop_after_staging:
                raise StopAfterStaging
            merge(batch, progress=progress)
    except StopAfterStaging:
        raise
    except ImportRunning as exc:
        with translation.override("id"):
            message = str(MSG_IMPORT_RUNNING)
        _set(batch, status=ImportStatus.FAILED, error=message)
        raise ValidationError(MSG_IMPORT_RUNNING, code="import_running") from exc
    except Exception as exc:
        if isinstance(exc, tracking.Cancelled) or (
            tracking.is_cancellation(exc) and _cancel_requested(batch)
        ):
            _cancelled(batch)
            return batch
        _set(batch, status=ImportStatus.FAILED, error=str(exc)[:2000])
        raise
    return batch


def _cancelled(batch: ImportBatch) -> None:
    """Nothing of a cancelled import stays: its staged rows go, the registry never changed."""
    staging.drop(batch.pk)
    _set(
        batch,
        status=ImportStatus.CANCELLED,
        cancel_requested=False,
        progress_note="",
        finished_at=timezone.now(),
    )


def is_staged(batch: ImportBatch) -> bool:
    """Stage 1 finished (its timing is recorded last) and its table is still there."""
    return "stage1_total" in batch.timings and staging.exists(batch.pk)
