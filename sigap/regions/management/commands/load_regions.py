"""`sigap load_regions [--edition NAME]`: load or update the Kemendagri region codes."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sigap.regions.services import (
    DEFAULT_EDITION,
    RegionDataError,
    editions_available,
    regions_load,
)


class Command(BaseCommand):
    help = "Load (or update to) an edition of the Kemendagri region codes. Safe to run twice."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--edition", default=DEFAULT_EDITION, help="edition folder name")
        parser.add_argument("--data-dir", type=Path, default=None, help="folder of editions")
        parser.add_argument("--list", action="store_true", help="list the editions available")

    def handle(self, *args, edition: str, data_dir: Path | None, list: bool, **options) -> None:
        if list:
            for name in editions_available(data_dir):
                self.stdout.write(name)
            return
        try:
            regions_load(edition=edition, stdout=self.stdout, data_dir=data_dir)
        except RegionDataError as exc:
            raise CommandError(str(exc)) from exc
