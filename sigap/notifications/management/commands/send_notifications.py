"""Sends the outbox rows that are due (first attempts that missed the queue, and retries).

Meant for a periodic timer (every minute); several runners at once pick different rows.
"""

from django.core.management.base import BaseCommand

from sigap.notifications.services import notification_deliver_due


class Command(BaseCommand):
    help = "Send due notifications from the outbox (retries with backoff)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--limit", type=int, default=200)

    def handle(self, *args, limit: int, **options) -> None:
        counts = notification_deliver_due(limit=limit)
        summary = ", ".join(f"{status}: {n}" for status, n in sorted(counts.items()))
        self.stdout.write(summary or "nothing due")
