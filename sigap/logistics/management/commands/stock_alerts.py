"""`sigap stock_alerts`: sends low-stock and near-expiry alerts to the warehouse officers.

Run it once a day (cron or a scheduled task); a second run the same day sends nothing new.
"""

from django.core.management.base import BaseCommand

from sigap.logistics.alerts import stock_alerts_send


class Command(BaseCommand):
    help = "Send low-stock and near-expiry alerts to each office's warehouse officers."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=30, help="Near-expiry window in days.")

    def handle(self, *args, days: int, **options) -> None:
        for office, count in stock_alerts_send(days=days).items():
            self.stdout.write(f"{office}: {count} alert(s)")
