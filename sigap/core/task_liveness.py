"""Which RUNNING database tasks still have a live worker: a PostgreSQL advisory lock per task.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again, so a
worker killed mid-task (SIGKILL, OOM, power cut) leaves it RUNNING forever. While a worker runs
a task it holds a session advisory lock keyed by the task's id on its own connection;
PostgreSQL releases the lock when that connection dies with the process. `requeue_stale_tasks`
puts a task back in the queue only if it can take that lock itself.
"""

import uuid

from django.db import connections

# Task ids are UUID4: their top 63 bits make a bigint key that no other lock of ours uses.
_KEY_SHIFT = 65


def lock_key(task_id) -> int:
    return uuid.UUID(str(task_id)).int >> _KEY_SHIFT


def _worker_connection():
    from django_tasks_db.models import DBTaskResult

    return connections[DBTaskResult.objects.db]


def _is_database_backend(sender) -> bool:
    from django_tasks_db.backend import DatabaseBackend

    # The worker sends the backend instance, other senders the class.
    backend = sender if isinstance(sender, type) else type(sender)
    return issubclass(backend, DatabaseBackend)


def hold_while_running(sender, task_result, **kwargs) -> None:
    """task_started: the worker takes its task's lock (a no-op outside PostgreSQL)."""
    if not _is_database_backend(sender):
        return
    connection = _worker_connection()
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [lock_key(task_result.id)])


def release_when_finished(sender, task_result, **kwargs) -> None:
    """task_finished: the lock goes with the task (the worker's connection lives on)."""
    if not _is_database_backend(sender):
        return
    connection = _worker_connection()
    # A closed connection has released its locks already.
    if connection.vendor != "postgresql" or connection.connection is None:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [lock_key(task_result.id)])


def has_live_worker(task_id) -> bool:
    """True while some connection holds the task's lock. Call it inside a transaction: on
    success the lock is taken for that transaction, so no worker can start it meanwhile."""
    connection = _worker_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [lock_key(task_id)])
        return not cursor.fetchone()[0]
