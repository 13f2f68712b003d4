"""Fixtures of the registry tests: Sragen's villages, and a helper that runs an import."""

from pathlib import Path

import pytest

from sigap.regions.testing import load_test_regions
from sigap.registry import services
from sigap.registry.models import ImportBatch


@pytest.fixture
def villages(db) -> list[str]:
    from sigap.regions.models import Region

    load_test_regions(("33.14",))
    codes = list(
        Region.objects.filter(code__startswith="33.14.01.", level="village")
        .order_by("code")
        .values_list("code", flat=True)[:5]
    )
    assert codes, "the test region data has no villages in 33.14.01"
    return codes


@pytest.fixture
def run_import(cast, tmp_path):
    """Uploads `path` for an office and runs the import to the end (or to the staging stage)."""

    def run(
        path: Path,
        *,
        office: str = "sragen",
        programme: str = "BPNT",
        year: int | None = 2026,
        mapping: dict | None = None,
        stop_after_staging: bool = False,
    ) -> ImportBatch:
        user = cast.user(office, "back_office")
        batch = services.import_batch_create(
            office=cast.office(office),
            created_by=user,
            file=path,
            programme=programme if year else "",
            year=year,
        )
        if stop_after_staging:
            batch.mapping = mapping or batch.mapping
            batch.status = "queued"
            batch.save()
            from sigap.registry.importing.pipeline import StopAfterStaging

            with pytest.raises(StopAfterStaging):
                services.import_batch_run(batch=batch, stop_after_staging=True)
        else:
            services.import_batch_start(batch=batch, mapping=mapping)
        batch.refresh_from_db()
        return batch

    return run
