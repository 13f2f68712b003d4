"""A task worker killed with SIGKILL in the middle of an import: requeued, rerun, and the
registry ends up with every valid row of the file exactly once (PostgreSQL, real workers)."""

import os
import signal
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult, TaskResultStatus

from sigap.accounts.roles import Role
from sigap.registry import services
from sigap.registry.importing.synthetic import write_sp2d_csv
from sigap.registry.models import ImportBatch, ImportStatus, Person, ProgrammeMembership

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

ROWS = 40_000  # one chunk to read, a merge of about a second: time enough to kill in either
INVALID = ROWS // 100  # write_sp2d_csv(invalid=0.01): one row in a hundred is broken
ROOT = Path(__file__).resolve().parents[3]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("the worker's liveness lock needs PostgreSQL")


@pytest.fixture
def villages(db) -> list[str]:
    from sigap.regions.models import Region
    from sigap.regions.testing import load_test_regions

    load_test_regions(("33.14",))
    return list(
        Region.objects.filter(code__startswith="33.14.01.", level="village")
        .order_by("code")
        .values_list("code", flat=True)[:5]
    )


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


def start_worker(*extra: str) -> subprocess.Popen:
    """`sigap db_worker` in its own process, on the test database and media directory."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sigap.settings.local",
        "DATABASE_URL": _database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "DEBUG": "0",
    }
    command = [sys.executable, "-m", "sigap.cli", "db_worker", "--queue-name", "*"]
    command += ["--interval", "0.1", "--no-startup-delay", "--no-reload", "-v", "0", *extra]
    return subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - our own command line


def wait_for(condition, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


def batch_status(batch: ImportBatch) -> str:
    return ImportBatch.objects.filter(pk=batch.pk).values_list("status", flat=True).get()


def requeue() -> str:
    out = StringIO()
    call_command("requeue_stale_tasks", "--older-than", "0", stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("killed_in", [ImportStatus.READING, ImportStatus.MERGING])
def test_an_import_whose_worker_is_killed_mid_task_lands_once_after_requeue(
    killed_in, database_tasks, cast, villages, tmp_path
):
    worker = start_worker()  # it starts up while the file is written
    path = write_sp2d_csv(tmp_path / "sp2d.csv", ROWS, villages=villages, invalid=0.01)
    batch = services.import_batch_create(
        office=cast.office("sragen"),
        created_by=cast.user("sragen", Role.BACK_OFFICE),
        file=path,
        programme="BPNT",
        year=2026,
    )
    services.import_batch_start(batch=batch)
    try:
        wait_for(lambda: batch_status(batch) == killed_in, timeout=60, what=killed_in)
        # While its worker lives, the task is not taken from it, however old the limit.
        assert "0 requeued, 1 still running" in requeue()
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.RUNNING  # what a killed worker leaves behind
    # Killed mid-import (it may have moved on a little while the liveness check ran).
    assert batch_status(batch) in {
        ImportStatus.READING,
        ImportStatus.STAGED,
        ImportStatus.MERGING,
        ImportStatus.COMMITTED,
    }

    rerun = start_worker()
    try:
        # PostgreSQL drops the lock when the dead worker's backend notices the closed
        # connection: at once when idle, after its current statement when busy merging.
        wait_for(lambda: "1 requeued" in requeue(), timeout=60, what="the lock to be released")
        wait_for(
            lambda: DBTaskResult.objects.filter(pk=task.pk).finished().exists(),
            timeout=120,
            what="the rerun",
        )
    finally:
        rerun.kill()
        rerun.wait(timeout=10)

    batch.refresh_from_db()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL and len(task.worker_ids) == 2
    assert batch.status == ImportStatus.COMMITTED, batch.error
    assert batch.rows_total == ROWS and batch.rejected_count == INVALID
    assert batch.new_count == ROWS - INVALID
    assert Person.objects.count() == ROWS - INVALID
    assert Person.objects.values("nik").distinct().count() == ROWS - INVALID
    memberships = ProgrammeMembership.objects.filter(programme="BPNT", year=2026)
    assert memberships.count() == ROWS - INVALID
