"""`sigap import <file> --office <code> [--layout sp2d|dtks|dtsen|bpnt|custom]
[--map HEADER=field ...] [--programme BPNT --year 2026]`.

Shows what the preview page shows (layout, mapping, columns left out, fields missing, identity
cells held as numbers), then runs the import in this process with progress on the terminal;
`--dry-run` stops after the preview. `--resume <id>` continues an interrupted import,
`--rollback <id>` undoes one (here, now) and `--cancel <id>` stops a running one.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sigap.accounts.models import Office
from sigap.registry import services
from sigap.registry.import_preview import import_preview
from sigap.registry.models import ImportBatch, ImportLayout, ImportStatus


class Command(BaseCommand):
    help = "Import a beneficiary list (CSV or XLSX) into the registry."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?")
        parser.add_argument("--office", help="office code, e.g. sragen")
        parser.add_argument("--layout", choices=ImportLayout.values, default="")
        parser.add_argument("--programme", default="")
        parser.add_argument("--year", type=int)
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            help="HEADER=field (repeat; HEADER= leaves a column out); corrects the guess",
        )
        parser.add_argument("--dry-run", action="store_true", help="show the preview only")
        parser.add_argument("--resume", type=int, help="id of an interrupted import")
        parser.add_argument("--rollback", type=int, help="id of an import to undo")
        parser.add_argument("--cancel", type=int, help="id of a running import to stop")

    def _progress(self, batch: ImportBatch) -> None:
        total = f"{batch.rows_total:,}" if batch.rows_total else "?"
        self.stdout.write(
            f"[{batch.status}] {batch.rows_read:,}/{total} rows, {batch.rejected_count:,} rejected"
        )

    def handle(self, *args, **options):
        try:
            if options["rollback"]:
                batch = services.import_batch_rollback(
                    batch=ImportBatch.objects.get(pk=options["rollback"]), now=True
                )
                self.stdout.write(self.style.SUCCESS(f"Import {batch.pk}: {batch.status}."))
                return
            if options["cancel"]:
                batch = services.import_batch_cancel(
                    batch=ImportBatch.objects.get(pk=options["cancel"])
                )
                self.stdout.write(f"Import {batch.pk}: cancel requested ({batch.status}).")
                return
            if options["resume"]:
                batch = ImportBatch.objects.get(pk=options["resume"])
            else:
                batch = self._create(options)
                if batch is None:
                    return
            services.import_batch_run(batch=batch, progress=self._progress)
        except ImportBatch.DoesNotExist as exc:
            raise CommandError("No such import.") from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        batch.refresh_from_db()
        self.stdout.write(
            self.style.SUCCESS(
                f"Import {batch.pk} ({batch.status}): {batch.new_count:,} new, "
                f"{batch.changed_count:,} changed, {batch.unchanged_count:,} unchanged, "
                f"{batch.rejected_count:,} rejected, {batch.warning_count:,} with a warning "
                f"({batch.timings})."
            )
        )
        if batch.rejected_count or batch.warning_count:
            self.stdout.write(f"Rejected rows: {batch.rejects_file.path}")

    def _create(self, options) -> ImportBatch | None:
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
        mapping = dict(batch.mapping)
        for item in options["map"]:
            header, sep, field = item.partition("=")
            if not sep:
                raise CommandError(f"--map wants HEADER=field, not {item!r}.")
            mapping = {h: f for h, f in mapping.items() if f != field or not field}
            mapping[header] = field
        batch.mapping = {h: f for h, f in mapping.items() if f}
        batch.numeric_cells = services._numeric_cells(
            Path(batch.file.path), batch.mapping, batch.numeric_cells
        )
        self._show(batch)
        if options["dry_run"]:
            return None
        batch.mapping = services._check_mapping(batch, batch.mapping, options["layout"] or None)
        ImportBatch.objects.filter(pk=batch.pk).update(
            mapping=batch.mapping, status=ImportStatus.QUEUED
        )
        batch.status = ImportStatus.QUEUED
        return batch

    def _show(self, batch: ImportBatch) -> None:
        preview = import_preview(batch)
        self.stdout.write(f"Import {batch.pk}: layout {preview.layout} ({preview.layout_label})")
        for header, field in preview.headers:
            self.stdout.write(f"  {header:<24} -> {field or '(left out)'}")
        if preview.missing:
            missing = ", ".join(key for key, _label in preview.missing)
            self.stdout.write(self.style.WARNING(f"  no column for: {missing}"))
        for column in preview.numeric:
            self.stdout.write(self.style.WARNING(f"  {column.advice}"))
        if preview.numeric_fix:
            self.stdout.write(f"  {preview.numeric_fix}")
