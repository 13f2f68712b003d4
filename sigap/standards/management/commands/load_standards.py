"""`sigap load_standards`: loads the service standards' catalogue files into the database."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sigap.standards.services import standard_load_catalogue


class Command(BaseCommand):
    help = "Load the catalogue files of the service standards (idempotent; new revisions added)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--path", help="A catalogue directory or one file (default: the bundled catalogue)."
        )

    def handle(self, *args, path: str | None = None, **options) -> None:
        try:
            standards = standard_load_catalogue(path=path)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        for standard in standards:
            self.stdout.write(f"{standard.code} rev. {standard.revision}: {standard.name}")
        self.stdout.write(self.style.SUCCESS(f"{len(standards)} service standards loaded."))
