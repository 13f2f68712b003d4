"""The bulk import end to end: rejects with exact reasons, idempotence, updates, resume, XLSX."""

import csv
from pathlib import Path

import openpyxl
import pytest

from sigap.registry import services
from sigap.registry.importing import pipeline, staging
from sigap.registry.importing.synthetic import SP2D_HEADER, sp2d_frame, write_sp2d_csv
from sigap.registry.models import (
    ImportChange,
    ImportStatus,
    Person,
    ProgrammeMembership,
)


def _rejects(batch) -> dict[int, str]:
    with open(batch.rejects_file.path, encoding="utf-8") as handle:
        return {int(row["baris"]): row["alasan"] for row in csv.DictReader(handle)}


def _write(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=SP2D_HEADER)
        writer.writeheader()
        for row in rows:
            writer.writerow({key: row.get(key, "") for key in SP2D_HEADER})
    return path


def _good_rows(villages, count=3) -> list[dict]:
    return sp2d_frame(count, villages=villages).to_dicts()


def test_a_clean_sp2d_list_lands_whole(run_import, villages, tmp_path):
    batch = run_import(write_sp2d_csv(tmp_path / "sp2d.csv", 50, villages=villages))
    assert batch.status == ImportStatus.COMMITTED, batch.error
    assert (batch.new_count, batch.changed_count, batch.unchanged_count) == (50, 0, 0)
    assert Person.objects.count() == 50
    assert ProgrammeMembership.objects.filter(sp2d_listed=True, programme="BPNT").count() == 50
    assert not staging.exists(batch.pk)


def test_every_kind_of_bad_row_comes_back_with_its_reason_in_indonesian(
    run_import, villages, cast, tmp_path
):
    rows = _good_rows(villages, 9)
    rows[1]["NIK"] = rows[1]["NIK"][:15]  # row 3
    rows[2]["NIK"] = "3.31401E+15"  # row 4
    rows[3]["NIK"] = rows[3]["NIK"][:6] + "329913" + rows[3]["NIK"][12:]  # row 5
    rows[4]["KODE_DESA"] = "3314999999"  # row 6
    rows[5]["NAMA_PENERIMA"] = ""  # row 7
    rows[6]["NIK"] = rows[0]["NIK"]  # row 8: duplicate of row 2
    # Row 9: already on Lebak's BPNT 2026 list.
    other = Person.objects.create(nik=rows[7]["NIK"], name="X")
    ProgrammeMembership.objects.create(
        person=other, office=cast.office("lebak"), programme="BPNT", year=2026
    )
    batch = run_import(_write(tmp_path / "bad.csv", rows))
    assert batch.status == ImportStatus.COMMITTED, batch.error
    reasons = _rejects(batch)
    assert reasons == {
        3: "NIK harus 16 digit, bukan 15 (" + rows[1]["NIK"] + ")",
        4: "NIK tertulis dalam notasi ilmiah (3.31401E+15): digit hilang di spreadsheet; "
        "format kolom sebagai teks",
        5: "Tanggal lahir dalam NIK bukan tanggal yang sah (" + rows[3]["NIK"] + ")",
        6: "Kode desa tidak dikenal (33.14.99.9999)",
        7: "Nama wajib diisi",
        8: "NIK muncul dua kali dalam berkas (sama dengan baris 2)",
        9: "NIK sudah ada di daftar BPNT 2026 kantor lain",
    }
    assert batch.rejected_count == 7
    assert batch.new_count == 2
    assert Person.objects.filter(nik=rows[8]["NIK"]).exists()
    assert not Person.objects.filter(nik=rows[6]["NIK"], name=rows[6]["NAMA_PENERIMA"]).exists()


def test_reimporting_the_same_file_changes_nothing(run_import, villages, tmp_path):
    path = write_sp2d_csv(tmp_path / "sp2d.csv", 20, villages=villages)
    first = run_import(path)
    before = list(Person.objects.order_by("pk").values())
    second = run_import(path)
    assert second.same_as == first
    assert (second.new_count, second.changed_count, second.unchanged_count) == (0, 0, 20)
    assert list(Person.objects.order_by("pk").values()) == before
    assert ProgrammeMembership.objects.count() == 20
    assert not ImportChange.objects.filter(batch=second).exists()


def test_a_newer_list_reports_new_changed_and_unchanged_rows_and_keeps_history(
    run_import, villages, tmp_path
):
    rows = _good_rows(villages, 5)
    run_import(_write(tmp_path / "v1.csv", rows[:4]))
    rows[0]["NAMA_PENERIMA"] = "SITI AMINAH BARU"
    rows[1]["BANK_PENYALUR"] = "PT POS"
    batch = run_import(_write(tmp_path / "v2.csv", rows))
    assert (batch.new_count, batch.changed_count, batch.unchanged_count) == (1, 2, 2)
    person = Person.objects.get(nik=rows[0]["NIK"])
    assert person.name == "SITI AMINAH BARU"
    membership = ProgrammeMembership.objects.get(person__nik=rows[1]["NIK"])
    assert (membership.channel, membership.bank) == ("pos", "")
    change = ImportChange.objects.get(batch=batch, person=person)
    assert change.after["name"] == "SITI AMINAH BARU"
    assert change.before["name"] != "SITI AMINAH BARU"


def test_an_import_stopped_after_staging_resumes_without_duplicates(run_import, villages, tmp_path):
    path = write_sp2d_csv(tmp_path / "sp2d.csv", 30, villages=villages, duplicate=0.1)
    batch = run_import(path, stop_after_staging=True)
    assert batch.status == ImportStatus.STAGED
    assert staging.exists(batch.pk)
    assert Person.objects.count() == 0
    pipeline.merge(batch)  # a crash mid-merge: the merge runs again on the same staged rows
    services.import_batch_run(batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED
    assert Person.objects.count() == 30 - batch.rejected_count
    assert ProgrammeMembership.objects.count() == Person.objects.count()


def test_an_interrupted_import_can_be_rolled_back(run_import, villages, tmp_path):
    batch = run_import(
        write_sp2d_csv(tmp_path / "sp2d.csv", 10, villages=villages), stop_after_staging=True
    )
    services.import_batch_rollback(batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.ROLLED_BACK
    assert not staging.exists(batch.pk)
    assert Person.objects.count() == 0


def test_a_committed_import_rolls_back_to_the_previous_state(run_import, villages, tmp_path):
    rows = _good_rows(villages, 3)
    run_import(_write(tmp_path / "v1.csv", rows[:2]))
    rows[0]["NAMA_PENERIMA"] = "NAMA BARU"
    second = run_import(_write(tmp_path / "v2.csv", rows))
    services.import_batch_rollback(batch=second)
    assert Person.objects.get(nik=rows[0]["NIK"]).name != "NAMA BARU"
    assert not Person.objects.filter(nik=rows[2]["NIK"]).exists()
    assert Person.objects.count() == 2


def test_xlsx_input_imports_like_csv(run_import, villages, tmp_path):
    rows = _good_rows(villages, 4)
    rows[3]["NIK"] = "3.31401E+15"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(SP2D_HEADER)
    for row in rows:
        sheet.append([row[h] for h in SP2D_HEADER])
    path = tmp_path / "sp2d.xlsx"
    workbook.save(path)
    batch = run_import(path)
    assert batch.layout == "sp2d"
    assert (batch.new_count, batch.rejected_count) == (3, 1)
    assert list(_rejects(batch)) == [5]


def test_a_custom_layout_needs_nik_and_name_mapped(run_import, villages, cast, tmp_path):
    path = tmp_path / "custom.csv"
    path.write_text("Nomor Induk;Nama Lengkap;Desa\n3314014501800001;SRI;3314012001\n")
    batch = services.import_batch_create(office=cast.office("sragen"), created_by=None, file=path)
    assert batch.layout == "custom"
    with pytest.raises(services.ValidationError):
        services.import_batch_start(batch=batch, mapping={"Nomor Induk": "nik"})
    services.import_batch_start(batch=batch, mapping={"Nomor Induk": "nik", "Nama Lengkap": "name"})
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED, batch.error
    assert Person.objects.get(nik="3314014501800001").sex == "F"


def test_the_import_command_runs_an_sp2d_list_with_progress(cast, villages, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    cast.office("sragen")
    path = write_sp2d_csv(tmp_path / "sp2d.csv", 12, villages=villages)
    out = StringIO()
    call_command(
        "import",
        str(path),
        office="sragen",
        layout="sp2d",
        programme="BPNT",
        year=2026,
        stdout=out,
    )
    assert "12 new" in out.getvalue()
    assert "[reading]" in out.getvalue()
    assert ProgrammeMembership.objects.count() == 12


def test_a_first_bulk_load_rebuilds_the_name_index_and_search_finds_names(
    run_import, villages, tmp_path, monkeypatch, cast
):
    from django.db import connection

    from sigap.registry import selectors
    from sigap.registry.importing import bulk, merge

    monkeypatch.setattr(merge, "BULK_MIN_ROWS", 1)
    run_import(write_sp2d_csv(tmp_path / "sp2d.csv", 20, villages=villages))
    if connection.vendor == "postgresql":
        assert bulk.NAME_INDEX in connection.introspection.get_constraints(
            connection.cursor(), bulk.LEXICON
        )
    found = selectors.persons_search(user=cast.user("sragen", "front_office"), q="SITI")
    assert found


def test_a_dtks_extract_is_recognised_and_fills_persons_and_families(
    run_import, villages, tmp_path
):
    from sigap.registry.models import Family

    path = tmp_path / "dtks.csv"
    path.write_text(
        "ID_DTKS;NO_KK;NIK;NAMA;JENIS_KELAMIN;TEMPAT_LAHIR;TANGGAL_LAHIR;ALAMAT;KODE_WILAYAH;"
        "TANGGAL_PENETAPAN\n"
        f"1;3314010101100001;3314014501800001;Sri Wahyuni;P;Sragen;05-01-1980;Dukuh A;"
        f"{villages[0]};2025-03-01\n"
        f"2;3314010101100001;3314010101750001;Parjo;L;Sragen;31-02-1975;Dukuh A;"
        f"{villages[0]};2025-03-01\n",
        encoding="utf-8",
    )
    batch = run_import(path, year=None)
    assert batch.layout == "dtks"
    assert (batch.new_count, batch.rejected_count) == (1, 1)
    assert _rejects(batch) == {3: "Tanggal lahir bukan tanggal yang sah (31-02-1975)"}
    person = Person.objects.get(nik="3314014501800001")
    assert (person.name, person.sex, person.birth_place) == ("SRI WAHYUNI", "F", "Sragen")
    assert person.family == Family.objects.get(kk_number="3314010101100001")
