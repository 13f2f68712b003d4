"""`sigap requeue_stale_tasks`: puts tasks whose worker died mid-task back in the queue.

Run it from the periodic timer. Sigap's tasks are safe to run again (an import resumes from its
staged rows or is skipped once committed; a notification is sent once per key).
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
            default=600,
            metavar="SECONDS",
            help="only tasks started at least this long ago (default 600)",
        )
        parser.add_argument("--dry-run", action="store_true", help="list them, change nothing")

    def handle(self, *args, older_than: int, dry_run: bool, **options) -> None:
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
