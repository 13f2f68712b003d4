"""`sigap demo`: loads the demo offices, staff and sample data; safe to run again."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the three offices of the seeds, one staff account per role, and sample data."

    def handle(self, *args, **options) -> None:
        for app in settings.SIGAP_APPS:
            try:
                module = import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            with transaction.atomic():
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
