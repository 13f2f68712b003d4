"""`sigap import <file> --office <code> [--layout sp2d|dtks] [--programme BPNT --year 2026]`.

Runs the import in this process with progress on the terminal; `--resume <id>` continues an
interrupted import and `--rollback <id>` undoes one.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sigap.accounts.models import Office
from sigap.registry import services
from sigap.registry.models import ImportBatch, ImportStatus


class Command(BaseCommand):
    help = "Import a beneficiary list (CSV or XLSX) into the registry."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?")
        parser.add_argument("--office", help="office code, e.g. sragen")
        parser.add_argument("--layout", choices=["sp2d", "dtks"], default="")
        parser.add_argument("--programme", default="")
        parser.add_argument("--year", type=int)
        parser.add_argument(
            "--map", action="append", default=[], help="HEADER=field for other layouts"
        )
        parser.add_argument("--resume", type=int, help="id of an interrupted import")
        parser.add_argument("--rollback", type=int, help="id of an import to undo")

    def _progress(self, batch: ImportBatch) -> None:
        total = f"{batch.rows_total:,}" if batch.rows_total else "?"
        self.stdout.write(
            f"[{batch.status}] {batch.rows_read:,}/{total} rows, {batch.rejected_count:,} rejected"
        )

    def handle(self, *args, **options):
        try:
            if options["rollback"]:
                batch = services.import_batch_rollback(
                    batch=ImportBatch.objects.get(pk=options["rollback"])
                )
                self.stdout.write(self.style.SUCCESS(f"Import {batch.pk} rolled back."))
                return
            if options["resume"]:
                batch = ImportBatch.objects.get(pk=options["resume"])
            else:
                batch = self._create(options)
            services.import_batch_run(batch=batch, progress=self._progress)
        except ImportBatch.DoesNotExist as exc:
            raise CommandError("No such import.") from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        batch.refresh_from_db()
        self.stdout.write(
            self.style.SUCCESS(
                f"Import {batch.pk}: {batch.new_count:,} new, {batch.changed_count:,} changed, "
                f"{batch.unchanged_count:,} unchanged, {batch.rejected_count:,} rejected "
                f"({batch.timings})."
            )
        )
        if batch.rejected_count:
            self.stdout.write(f"Rejected rows: {batch.rejects_file.path}")

    def _create(self, options) -> ImportBatch:
        if not options["file"] or not options["office"]:
            raise CommandError("Give a file and --office.")
        try:
            office = Office.objects.get(code=options["office"])
        except Office.DoesNotExist as exc:
            raise CommandError(f"Unknown office {options['office']}.") from exc
        batch = services.import_batch_create(
            office=office,
            created_by=None,
            file=options["file"],
            programme=options["programme"],
            year=options["year"],
            layout=options["layout"],
        )
        if options["map"]:
            batch.mapping = dict(item.split("=", 1) for item in options["map"])
        batch.mapping = services._check_mapping(batch, batch.mapping)
        ImportBatch.objects.filter(pk=batch.pk).update(
            mapping=batch.mapping, status=ImportStatus.QUEUED
        )
        batch.status = ImportStatus.QUEUED
        return batch
