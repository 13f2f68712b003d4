"""A delivery task whose worker died mid-send (the state a SIGKILL leaves: task RUNNING, row
"sending"): after `requeue_stale_tasks` and a new worker the message goes out exactly once."""

import signal
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, TaskResultStatus

from sigap.notifications.models import Channel, Notification, NotificationStatus
from sigap.notifications.services import notification_send

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}


@pytest.fixture(autouse=True)
def _keep_signal_handlers():
    """The worker run in this process installs its own SIGINT/SIGTERM handlers."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def worker_died_mid_send(row: Notification, *, minutes_ago: int) -> DBTaskResult:
    """What a killed worker leaves: its task claimed and RUNNING, the row claimed "sending"."""
    then = timezone.now() - timedelta(minutes=minutes_ago)
    task = DBTaskResult.objects.get()
    DBTaskResult.objects.filter(pk=task.pk).update(
        status=TaskResultStatus.RUNNING, started_at=then, worker_ids=["killed-worker"]
    )
    Notification.objects.filter(pk=row.pk).update(
        status=NotificationStatus.SENDING, claimed_at=then
    )
    return task


def test_a_message_whose_worker_died_is_sent_once_after_requeue(settings):
    settings.TASKS = DATABASE_TASKS
    (row,) = notification_send(
        email="warga@example.org", subject="Permohonan", body="Selesai", key="request:1:done"
    )
    assert row.channel == Channel.EMAIL
    task = worker_died_mid_send(row, minutes_ago=11)

    assert "1 requeued" in run("requeue_stale_tasks", "--older-than", "600")
    run("db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0")

    task.refresh_from_db()
    row.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.worker_ids[0] == "killed-worker" and len(task.worker_ids) == 2
    assert row.status == NotificationStatus.SENT and row.attempts == 1
    assert len(mail.outbox) == 1
    # The timer's retry, the same event queued again, the task run again: nothing more.
    run("send_notifications")
    notification_send(
        email="warga@example.org", subject="Permohonan", body="Selesai", key="request:1:done"
    )
    from sigap.notifications.tasks import deliver_notification

    deliver_notification.call(row.pk)
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


def test_a_claim_younger_than_ten_minutes_is_not_sent_again_by_the_rerun(settings):
    """Requeued early, the task finds the row still claimed and leaves it to the timer, which
    sends it once the claim has expired."""
    settings.TASKS = DATABASE_TASKS
    (row,) = notification_send(email="warga@example.org", subject="S", body="B", key="k:1")
    worker_died_mid_send(row, minutes_ago=2)

    assert "1 requeued" in run("requeue_stale_tasks", "--older-than", "60")
    run("db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0")
    row.refresh_from_db()
    assert row.status == NotificationStatus.SENDING and len(mail.outbox) == 0

    Notification.objects.filter(pk=row.pk).update(claimed_at=timezone.now() - timedelta(minutes=11))
    run("send_notifications")
    run("send_notifications")
    row.refresh_from_db()
    assert row.status == NotificationStatus.SENT and len(mail.outbox) == 1
