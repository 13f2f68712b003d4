"""Background tasks: run one import, or one rollback (see settings TASKS; tests run them now)."""

import contextlib

from django.tasks import task

from sigap.registry.importing.pipeline import StopAfterStaging


@task
def run_import(batch_id: int) -> None:
    from sigap.registry.models import ImportBatch, ImportStatus
    from sigap.registry.services import import_batch_run

    batch = ImportBatch.objects.get(pk=batch_id)
    if batch.status in {ImportStatus.COMMITTED, ImportStatus.ROLLED_BACK, ImportStatus.CANCELLED}:
        # Run again after its worker died between the commit and recording the task's end:
        # the import is done, and running it again would overwrite its counts with zeros.
        # A cancelled one was cancelled before a worker took it.
        return
    with contextlib.suppress(StopAfterStaging):  # only tests stop there
        import_batch_run(batch=batch)


@task
def run_rollback(batch_id: int) -> None:
    from sigap.registry.models import ImportBatch
    from sigap.registry.services import import_batch_rollback_run

    import_batch_rollback_run(batch=ImportBatch.objects.get(pk=batch_id))
