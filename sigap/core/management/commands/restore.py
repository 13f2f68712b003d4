"""`sigap restore FILE`: restore an archive of `sigap backup` into an empty database."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from sigap.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database, verifying counts and checksums."

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="Erase a database that is not empty first."
        )

    def handle(self, *args, source: Path, force: bool, **options) -> None:
        if not source.exists():
            raise CommandError(f"{source} does not exist")
        call_command("migrate", interactive=False, verbosity=0)
        try:
            manifest = backup_restore(source=source, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored and verified {rows} rows and {len(manifest['files'])} files."
            )
        )
