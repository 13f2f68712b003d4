"""Which running Redis-queue tasks still have a live worker: a heartbeat key per task.

RQ notices a worker that died mid-task (SIGKILL, out of memory, a reboot) only when the task's
entry in its "started" registry expires, a minute or more later, and then marks the task failed
for good: an import or a receipt would be lost. While Sigap's task runs, its work-horse process
refreshes `sigap:task-alive:<id>` every few seconds with a short expiry; `requeue_stale_tasks`
puts back in the queue a started task whose key has expired. The tasks are safe to run again
(see README).
"""

import threading
from datetime import UTC, datetime, timedelta

ALIVE_SECONDS = 15
BEAT_SECONDS = 3
_beating: dict[str, threading.Event] = {}


def alive_key(task_id: str) -> str:
    return f"sigap:task-alive:{task_id}"


def _is_rq_backend(sender) -> bool:
    try:
        from django_tasks_rq import RQBackend
    except ImportError:  # pragma: no cover - a dependency, but keep the signal harmless
        return False
    backend = sender if isinstance(sender, type) else type(sender)
    return issubclass(backend, RQBackend)


def _connection(queue_name: str):
    import django_rq

    return django_rq.get_connection(queue_name)


def beat_while_running(sender, task_result, **kwargs) -> None:
    """task_started, in the process that runs the task: keep its alive key fresh."""
    if not _is_rq_backend(sender):
        return
    connection = _connection(task_result.task.queue_name)
    key = alive_key(task_result.id)
    connection.set(key, "1", ex=ALIVE_SECONDS)
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(BEAT_SECONDS):
            connection.set(key, "1", ex=ALIVE_SECONDS)
        connection.delete(key)

    _beating[task_result.id] = stop
    threading.Thread(target=beat, name=f"sigap-alive-{task_result.id}", daemon=True).start()


def stop_beating(sender, task_result, **kwargs) -> None:
    """task_finished: the key goes with the task."""
    stop = _beating.pop(task_result.id, None)
    if stop is not None:
        stop.set()


def requeue_abandoned(*, older_than: int, dry_run: bool = False) -> tuple[int, int]:
    """Puts back in their queue the started tasks whose heartbeat stopped; returns
    (requeued, still running). A task younger than `older_than` seconds is left alone, and so
    is one that started less than ALIVE_SECONDS ago (its first beat may not be visible yet)."""
    import django_rq
    from django.conf import settings
    from rq.exceptions import NoSuchJobError
    from rq.job import Job, JobStatus

    requeued = alive = 0
    cutoff = datetime.now(UTC) - timedelta(seconds=max(older_than, ALIVE_SECONDS))
    for name in settings.RQ_QUEUES:
        queue = django_rq.get_queue(name)
        registry = queue.started_job_registry
        for job_id in registry.get_job_ids(cleanup=False):
            try:
                job = Job.fetch(job_id, connection=queue.connection)
            except NoSuchJobError:
                continue
            if job.get_status() != JobStatus.STARTED:
                continue
            if queue.connection.exists(alive_key(job_id)):
                alive += 1
                continue
            started = job.started_at
            if started is not None and started.replace(tzinfo=UTC) > cutoff:
                continue
            if not dry_run:
                registry.remove_executions(job)
                queue.enqueue_job(job)
            requeued += 1
    return requeued, alive
