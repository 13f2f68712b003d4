"""Import safety: the size cap, one import per office at a time, set-based rollback, bulk mode
leaving the schema exactly as it was, and XLSX read through calamine."""

import csv
import threading

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from sigap.registry import services
from sigap.registry.importing import lock, merge, pipeline
from sigap.registry.importing.synthetic import SP2D_HEADER, sp2d_frame, write_sp2d_csv
from sigap.registry.models import Family, ImportBatch, ImportStatus, Person, ProgrammeMembership


def test_a_file_over_the_size_cap_is_refused_in_indonesian_before_it_is_stored(
    cast, villages, tmp_path, settings
):
    settings.SIGAP_IMPORT_MAX_BYTES = 1024 * 1024
    path = write_sp2d_csv(tmp_path / "big.csv", 12_000, villages=villages)
    with pytest.raises(ValidationError) as refused, translation.override("id"):
        services.import_batch_create(office=cast.office("sragen"), created_by=None, file=path)
    assert refused.value.code == "file_too_large"
    with translation.override("id"):
        message = refused.value.messages[0]
    assert "paling besar 1 MB" in message, message
    assert not ImportBatch.objects.exists()


def test_a_file_under_the_cap_is_accepted(cast, villages, tmp_path, settings):
    settings.SIGAP_IMPORT_MAX_BYTES = 1024 * 1024
    path = write_sp2d_csv(tmp_path / "small.csv", 20, villages=villages)
    batch = services.import_batch_create(office=cast.office("sragen"), created_by=None, file=path)
    assert batch.status == ImportStatus.UPLOADED


def test_the_office_lock_refuses_a_second_holder_in_the_same_process(db):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL: the advisory lock (one per session), tested across sessions")
    with (
        lock.office_import_lock(991),
        pytest.raises(lock.ImportRunning),
        lock.office_import_lock(991),
    ):
        pass
    with lock.office_import_lock(991):  # released: taken again
        pass


def _hold_lock_elsewhere(office_id: int, hold: threading.Event, done: threading.Event) -> None:
    """Another database session (a second worker) takes the office's lock until `done`."""
    import psycopg

    settings = connection.settings_dict
    conninfo = psycopg.conninfo.make_conninfo(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        password=settings["PASSWORD"] or None,
    )
    with psycopg.connect(conninfo, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s, %s)", [lock.NAMESPACE, office_id])
        hold.set()
        done.wait(30)


@pytest.mark.postgres
def test_an_import_for_an_office_whose_import_runs_elsewhere_is_refused(
    run_import, cast, villages, tmp_path
):
    office = cast.office("sragen")
    hold, done = threading.Event(), threading.Event()
    other = threading.Thread(target=_hold_lock_elsewhere, args=(office.pk, hold, done))
    other.start()
    try:
        assert hold.wait(10)
        path = write_sp2d_csv(tmp_path / "sp2d.csv", 5, villages=villages)
        batch = services.import_batch_create(office=office, created_by=None, file=path)
        with pytest.raises(ValidationError) as refused:
            services.import_batch_start(batch=batch)
        assert refused.value.code == "import_running"
        # A worker that picks a queued batch up meanwhile stops with the same message.
        ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.QUEUED)
        with pytest.raises(ValidationError):
            pipeline.run(batch)
        batch.refresh_from_db()
        assert batch.status == ImportStatus.FAILED
        assert batch.error.startswith("Impor lain untuk kantor ini sedang berjalan")
        assert not Person.objects.exists()
        # Another office is not held up.
        lebak = run_import(write_sp2d_csv(tmp_path / "l.csv", 3, villages=villages), office="lebak")
        assert lebak.status == ImportStatus.COMMITTED
    finally:
        done.set()
        other.join()
    services.import_batch_resume(batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED, batch.error


def test_a_rollback_restores_memberships_and_families_set_based(run_import, villages, tmp_path):
    rows = sp2d_frame(4, villages=villages).to_dicts()

    def write(name, part):
        path = tmp_path / name
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=SP2D_HEADER)
            writer.writeheader()
            writer.writerows(part)
        return path

    run_import(write("v1.csv", rows[:3]))
    before = {
        m.person.nik: (m.channel, m.bank, m.kks_number)
        for m in ProgrammeMembership.objects.select_related("person")
    }
    families = Family.objects.count()
    rows[0]["BANK_PENYALUR"] = "PT POS"
    rows[1]["NAMA_PENERIMA"] = "NAMA BARU"
    second = run_import(write("v2.csv", rows))
    assert (second.new_count, second.changed_count) == (1, 2)
    services.import_batch_rollback(batch=second)
    after = {
        m.person.nik: (m.channel, m.bank, m.kks_number)
        for m in ProgrammeMembership.objects.select_related("person")
    }
    assert after == before
    assert Person.objects.get(nik=rows[1]["NIK"]).name != "NAMA BARU"
    assert Family.objects.count() == families
    assert not Person.objects.filter(nik=rows[3]["NIK"]).exists()


def test_a_rollback_is_refused_and_changes_nothing_when_a_created_person_is_referenced(
    run_import, villages, tmp_path, cast
):
    from sigap.bpnt.models import ProblemTicket, Reporter, TicketKind

    batch = run_import(write_sp2d_csv(tmp_path / "sp2d.csv", 3, villages=villages))
    person = Person.objects.filter(created_by_import=batch).first()
    ProblemTicket.objects.create(
        office=cast.office("sragen"),
        person=person,
        kind=TicketKind.values[0],
        reporter=Reporter.BENEFICIARY,
        description="KKS hilang",
    )
    with pytest.raises(ValidationError) as refused:
        services.import_batch_rollback(batch=batch)
    assert refused.value.code == "referenced"
    assert Person.objects.count() == ProgrammeMembership.objects.count() == 3
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED


def _schema(table: str) -> dict:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return {name: (c["columns"], c["unique"], c["foreign_key"]) for name, c in found.items()}


@pytest.mark.postgres
def test_a_bulk_load_puts_every_index_and_key_back_validated(
    run_import, villages, tmp_path, monkeypatch
):
    from sigap.registry.importing import bulk

    before = {t: _schema(t) for t in bulk.TABLES}
    monkeypatch.setattr(merge, "BULK_MIN_ROWS", 1)
    batch = run_import(write_sp2d_csv(tmp_path / "sp2d.csv", 40, villages=villages))
    assert batch.status == ImportStatus.COMMITTED, batch.error
    assert "merge_set_aside" in batch.timings  # bulk mode did run
    assert {t: _schema(t) for t in bulk.TABLES} == before
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_constraint WHERE NOT convalidated "
            "AND conrelid = ANY(%s::regclass[])",
            [list(bulk.TABLES)],
        )
        assert cursor.fetchone()[0] == 0
    assert Person.objects.count() == ProgrammeMembership.objects.count() > 30


@pytest.mark.postgres
def test_a_failed_bulk_merge_leaves_the_schema_and_the_data_as_they_were(
    run_import, villages, tmp_path, monkeypatch
):
    from sigap.registry.importing import bulk

    before = {t: _schema(t) for t in bulk.TABLES}
    monkeypatch.setattr(merge, "BULK_MIN_ROWS", 1)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(merge.Merger, "_insert_memberships", boom)
    batch = run_import(write_sp2d_csv(tmp_path / "sp2d.csv", 10, villages=villages))
    assert batch.status == ImportStatus.FAILED
    assert "disk full" in batch.error
    assert {t: _schema(t) for t in bulk.TABLES} == before
    assert not Person.objects.exists()


def test_an_xlsx_list_is_read_with_row_numbers_dates_and_numbers_as_text(
    run_import, villages, tmp_path
):
    rows = sp2d_frame(3, villages=villages).to_dicts()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(SP2D_HEADER)
    for index, row in enumerate(rows):
        values = [row[h] for h in SP2D_HEADER]
        if index == 1:  # a NIK typed as a number cell (exact below 2^53)
            values[SP2D_HEADER.index("NIK")] = int(row["NIK"])
        sheet.append(values)
    sheet.append([None] * len(SP2D_HEADER))  # a blank row at the end: rejected, not a crash
    path = tmp_path / "sp2d.xlsx"
    workbook.save(path)
    batch = run_import(path)
    assert batch.status == ImportStatus.COMMITTED, batch.error
    assert batch.new_count == 3
    assert Person.objects.filter(nik=rows[1]["NIK"]).exists()
    headers, preview = services.reader.preview(path)
    assert headers == SP2D_HEADER
    assert preview[0][SP2D_HEADER.index("NIK")] == rows[0]["NIK"]
