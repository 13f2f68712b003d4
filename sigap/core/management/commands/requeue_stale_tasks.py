"""`sigap requeue_stale_tasks`: puts tasks whose worker died mid-task back in the queue.

Run it from the periodic timer. With the Redis queue (TASKS_BACKEND=django_tasks_rq.RQBackend)
a started task whose heartbeat stopped is put back (sigap.core.rq_liveness). Sigap's tasks are
safe to run again (an import resumes from its staged rows or is skipped once committed; a
notification is sent once per key; a receipt is issued once).
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from sigap.core import task_liveness


class Command(BaseCommand):
    help = (
        "Re-enqueue database tasks left RUNNING by a worker that died. On PostgreSQL a task is "
        "requeued only when no live worker holds its lock; elsewhere only its age decides."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=int,
            default=None,
            metavar="SECONDS",
            help=(
                "only tasks started at least this long ago (default 600 for the database "
                "queue; on Redis a task's heartbeat decides, so 0)"
            ),
        )
        parser.add_argument("--dry-run", action="store_true", help="list them, change nothing")

    def handle(self, *args, older_than: int | None, dry_run: bool, **options) -> None:
        from django.conf import settings

        if settings.TASKS["default"]["BACKEND"] == "sigap.core.tasks_rq.RQBackend":
            from sigap.core import rq_liveness

            requeued, alive = rq_liveness.requeue_abandoned(
                older_than=older_than or 0, dry_run=dry_run
            )
            self.stdout.write(f"{requeued} requeued, {alive} still running on a live worker.")
            return
        if older_than is None:
            older_than = 600
        from django_tasks_db.models import DBTaskResult, TaskResultStatus

        cutoff = timezone.now() - timedelta(seconds=max(older_than, 0))
        requeued = alive = 0
        with transaction.atomic(using=DBTaskResult.objects.db):
            stale = (
                DBTaskResult.objects.running()
                .filter(started_at__lte=cutoff)
                .select_for_update(skip_locked=True)
                .order_by("started_at")
            )
            postgres = transaction.get_connection(DBTaskResult.objects.db).vendor == "postgresql"
            for result in stale:
                if postgres and task_liveness.has_live_worker(result.pk):
                    alive += 1
                    continue
                self.stdout.write(
                    f"{'would requeue' if dry_run else 'requeued'} {result.pk} "
                    f"{result.task_path} (started {result.started_at:%Y-%m-%d %H:%M:%S})"
                )
                requeued += 1
                if not dry_run:
                    DBTaskResult.objects.filter(pk=result.pk).update(
                        status=TaskResultStatus.READY, started_at=None
                    )
        self.stdout.write(f"{requeued} requeued, {alive} still running on a live worker.")
