"""`requeue_stale_tasks`: tasks left RUNNING by a dead worker go back to the queue, others stay."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, TaskResultStatus, get_date_max

from sigap.core import task_liveness

pytestmark = pytest.mark.django_db(transaction=True)


def running_task(*, minutes_ago: int) -> DBTaskResult:
    return DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="sigap.notifications.tasks.deliver_notification",
        backend_name="default",
        queue_name="default",
        run_after=get_date_max(),
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
        worker_ids=["dead-worker"],
    )


def requeue(*args: str) -> str:
    out = StringIO()
    call_command("requeue_stale_tasks", *args, stdout=out)
    return out.getvalue()


def test_a_task_running_longer_than_the_limit_without_a_worker_is_requeued():
    task = running_task(minutes_ago=20)
    assert "1 requeued" in requeue("--older-than", "600")
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY and task.started_at is None
    # The worker that died stays on record; the next one is added when it claims the task.
    assert task.worker_ids == ["dead-worker"]
    assert DBTaskResult.objects.ready().filter(pk=task.pk).exists()


def test_a_task_started_recently_is_left_running():
    task = running_task(minutes_ago=2)
    assert "0 requeued" in requeue("--older-than", "600")
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_a_dry_run_changes_nothing():
    task = running_task(minutes_ago=20)
    assert f"would requeue {task.pk}" in requeue("--older-than", "600", "--dry-run")
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_finished_tasks_are_never_requeued():
    task = running_task(minutes_ago=20)
    DBTaskResult.objects.filter(pk=task.pk).update(status=TaskResultStatus.SUCCESSFUL)
    assert "0 requeued" in requeue("--older-than", "0")
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL


@pytest.mark.postgres
def test_a_task_whose_worker_still_holds_its_lock_is_not_requeued_however_old():
    import psycopg

    task = running_task(minutes_ago=120)
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    # Another session plays the live worker: it holds the task's lock as the worker does.
    with psycopg.connect(**params, autocommit=True) as worker:
        worker.execute("SELECT pg_advisory_lock(%s)", [task_liveness.lock_key(task.pk)])
        assert "0 requeued, 1 still running" in requeue("--older-than", "0")
        task.refresh_from_db()
        assert task.status == TaskResultStatus.RUNNING
    # Its connection is gone (as when the worker process dies): now it is requeued.
    assert "1 requeued" in requeue("--older-than", "0")
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
