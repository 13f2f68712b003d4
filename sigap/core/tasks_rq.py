"""The Redis task backend of Sigap: django-tasks-rq's, with retries for a killed work-horse.

RQ runs each task in a forked work-horse. When the kernel's OOM killer (or anything else) kills
the horse, the worker records the task as failed and moves on: a registry import or a receipt
would be lost. With `retry`, RQ puts it back in the queue instead (after the intervals below).
Sigap's tasks are safe to run again (see README), so a task that raised is retried the same way.
A worker and its horse killed together leave the task "started": `requeue_stale_tasks` handles
that case (sigap.core.rq_liveness).
"""

import django_rq
from django_tasks.base import TASK_MAX_PRIORITY, Task, TaskResult, TaskResultStatus
from django_tasks.signals import task_enqueued
from django_tasks.utils import get_random_id
from django_tasks_rq import RQBackend as BaseRQBackend
from django_tasks_rq.backend import Job, failed_callback, success_callback
from rq.job import Callback, JobStatus, Retry

RETRY_INTERVALS = [5, 30, 120]  # seconds before the 1st, 2nd and 3rd retry


class RQBackend(BaseRQBackend):
    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        # django-tasks-rq's enqueue, with `retry` added (it takes no options of its own).
        self.validate_task(task)
        task_result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        queue = django_rq.get_queue(task.queue_name, job_class=Job)
        job = queue.create_job(
            task.module_path,
            args=args,
            kwargs=kwargs,
            job_id=task_result.id,
            status=JobStatus.SCHEDULED if task.run_after else JobStatus.QUEUED,
            on_failure=Callback(failed_callback),
            on_success=Callback(success_callback),
            meta={"backend_name": self.alias},
            retry=Retry(max=len(RETRY_INTERVALS), interval=RETRY_INTERVALS),
        )
        if task.run_after is None:
            job = queue.enqueue_job(job, at_front=task.priority == TASK_MAX_PRIORITY)
        else:
            job = queue.schedule_job(job, task.run_after)
        object.__setattr__(task_result, "enqueued_at", job.enqueued_at)
        task_enqueued.send(type(self), task_result=task_result)
        return task_result
