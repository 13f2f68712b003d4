"""Background task: run one import (see settings TASKS; tests run it immediately)."""

import contextlib

from django.tasks import task

from sigap.registry.importing.pipeline import StopAfterStaging


@task
def run_import(batch_id: int) -> None:
    from sigap.registry.models import ImportBatch
    from sigap.registry.services import import_batch_run

    batch = ImportBatch.objects.get(pk=batch_id)
    with contextlib.suppress(StopAfterStaging):  # only tests stop there
        import_batch_run(batch=batch)
