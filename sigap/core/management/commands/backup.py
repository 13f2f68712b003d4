"""`sigap backup FILE`: database and uploaded files into one verified archive."""

from pathlib import Path

from django.core.management.base import BaseCommand

from sigap.core.backup import backup_create


class Command(BaseCommand):
    help = "Back up the database and uploaded files into a .tar.gz archive with a manifest."

    def add_arguments(self, parser) -> None:
        parser.add_argument("target", type=Path)

    def handle(self, *args, target: Path, **options) -> None:
        manifest = backup_create(target=target)
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {target}: {rows} rows, {len(manifest['files'])} files."
            )
        )
