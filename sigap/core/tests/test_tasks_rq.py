"""Sigap's Redis task backend: every task carries retries (a killed work-horse is run again)."""

import os

import pytest
from rq import Queue
from rq.job import Job

REDIS_URL = os.environ.get("SIGAP_STACK_REDIS_URL", "redis://127.0.0.1:6379/13")


def _redis():
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    return client


def test_a_task_on_the_redis_queue_is_retried_if_its_work_horse_dies(settings):
    """RQ records a task whose forked work-horse was killed (OOM) as failed unless it has
    retries: Sigap's backend gives every task three, spaced out."""
    from sigap.applications.tasks import issue_receipt
    from sigap.core.tasks_rq import RETRY_INTERVALS, RQBackend

    client = _redis()
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    backend = RQBackend("default", {"QUEUES": ["default"], "OPTIONS": {}})
    result = backend.enqueue(issue_receipt, (0,), {})
    try:
        job = Job.fetch(result.id, connection=client)
        assert job.retries_left == len(RETRY_INTERVALS) == 3
        assert job.retry_intervals == RETRY_INTERVALS
        assert job.get_status() == "queued"
    finally:
        Queue("default", connection=client).remove(result.id)
        client.delete(f"rq:job:{result.id}")
