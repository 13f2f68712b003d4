"""Recounts the months of the report card's summary table that changed (run it hourly)."""

from django.core.management.base import BaseCommand

from sigap.reports.figures import figures_refresh


class Command(BaseCommand):
    help = (
        "Bring the report card's monthly figures up to the start of this month: months with "
        "changes since the last run are recounted; --full recounts everything."
    )

    def add_arguments(self, parser):
        parser.add_argument("--full", action="store_true")

    def handle(self, *args, full: bool, **options):
        for office, months in figures_refresh(full=full).items():
            self.stdout.write(f"{office}: {months} months recounted")
