"""The import task run a second time (its worker died after the commit): nothing changes."""

from sigap.registry.importing.synthetic import write_sp2d_csv
from sigap.registry.models import ImportChange, ImportStatus, Person
from sigap.registry.tasks import run_import as run_import_task


def test_running_the_task_of_a_committed_import_again_changes_nothing(
    run_import, villages, tmp_path
):
    batch = run_import(write_sp2d_csv(tmp_path / "sp2d.csv", 40, villages=villages))
    assert batch.status == ImportStatus.COMMITTED and batch.new_count == 40
    finished_at, changes = batch.finished_at, ImportChange.objects.count()

    run_import_task.call(batch.pk)

    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED
    assert (batch.new_count, batch.changed_count, batch.unchanged_count) == (40, 0, 0)
    assert batch.finished_at == finished_at
    assert Person.objects.count() == 40 and ImportChange.objects.count() == changes
