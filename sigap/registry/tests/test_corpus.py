"""The corpus of ugly files (corpus.py), each imported end to end and checked row by row."""

import csv
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from sigap.regions.testing import load_test_regions
from sigap.registry import services
from sigap.registry.import_preview import import_preview
from sigap.registry.models import (
    ImportChange,
    ImportPolicy,
    ImportStatus,
    OutOfArea,
    Person,
    ProgrammeMembership,
)
from sigap.registry.tests import corpus


@pytest.fixture
def regions(db):
    load_test_regions(("33.14", "36.02"))


def _report(batch) -> dict[int, dict]:
    """The rejects file by row: {row: {"hasil": ..., "alasan": ...}}."""
    if not batch.rejects_file:
        return {}
    with open(batch.rejects_file.path, encoding="utf-8") as handle:
        return {int(row["baris"]): row for row in csv.DictReader(handle)}


def _stored(nik: str) -> dict:
    person = Person.objects.get(nik=nik)
    values = {
        "nik": person.nik,
        "name": person.name,
        "birth_date": person.birth_date,
        "sex": person.sex,
        "address": person.address,
        "village_code": person.village_code,
    }
    membership = ProgrammeMembership.objects.filter(person=person).first()
    if membership is not None:
        for column in ("amount", "bank", "channel", "kks_number", "desil", "dtks_date"):
            values[f"membership.{column}"] = getattr(membership, column)
        values["membership.dtks_listed"] = membership.dtks_listed
    return values


def _assert_rows(batch, expect: dict[int, corpus.Expect], *, warned: bool = False) -> None:
    report = _report(batch)
    for row, outcome in expect.items():
        if outcome.reason and not (warned and outcome.warning):
            assert report.get(row, {}).get("alasan") == outcome.reason, row
            assert report[row]["hasil"] == "ditolak"
            continue
        if warned and outcome.warning:
            assert report[row]["alasan"] == outcome.warning, row
            assert report[row]["hasil"] == "diimpor, dengan peringatan"
        else:
            assert row not in report, (row, report.get(row))
        stored = _stored(outcome.stored["nik"])
        for key, value in outcome.stored.items():
            assert stored[key] == value, (row, key, stored[key], value)
    # Nothing stored that the file did not hold: every person's NIK is one of the file's.
    expected_niks = {
        e.stored["nik"]
        for e in expect.values()
        if e.stored and (not e.reason or (warned and e.warning))
    }
    assert set(Person.objects.values_list("nik", flat=True)) == expected_niks


def test_a_dtks_extract_with_bom_semicolons_and_every_date_form(run_import, regions, tmp_path):
    path, expect = corpus.write_dtks_bom_semicolon(tmp_path)
    batch = run_import(path)
    assert batch.layout == "dtks"
    assert batch.status == ImportStatus.COMMITTED, batch.error
    _assert_rows(batch, expect)
    assert batch.rejected_count == 3


def test_a_windows_1252_bpnt_list_keeps_its_names_and_refuses_another_province(
    run_import, regions, tmp_path
):
    path, expect = corpus.write_bpnt_cp1252(tmp_path)
    batch = run_import(path)
    assert batch.layout == "bpnt"
    assert batch.status == ImportStatus.COMMITTED, batch.error
    _assert_rows(batch, expect)
    assert (batch.rejected_count, batch.warning_count) == (1, 0)


def test_an_office_that_allows_it_imports_out_of_area_rows_with_a_warning(
    run_import, regions, cast, tmp_path
):
    ImportPolicy.objects.create(office=cast.office("sragen"), out_of_area=OutOfArea.WARN)
    path, expect = corpus.write_bpnt_cp1252(tmp_path)
    batch = run_import(path)
    _assert_rows(batch, expect, warned=True)
    assert (batch.rejected_count, batch.warning_count) == (0, 1)


def test_a_province_office_takes_its_regencies_villages(run_import, regions, tmp_path):
    path, _expect = corpus.write_bpnt_cp1252(tmp_path)
    batch = run_import(path, office="banten")
    report = _report(batch)
    # Lebak lies in Banten; Sragen's villages do not.
    assert 4 not in report
    assert report[2]["alasan"] == "Desa 33.14.01.2001 berada di luar wilayah kantor ini (36)"
    assert batch.rejected_count == 3


def test_identity_numbers_held_as_numbers_are_refused_unless_exact(
    run_import, regions, cast, tmp_path
):
    path, expect = corpus.write_sp2d_numeric_xlsx(tmp_path)
    user = cast.user("sragen", "back_office")
    batch = services.import_batch_create(
        office=cast.office("sragen"), created_by=user, file=path, programme="BPNT", year=2026
    )
    assert batch.layout == "sp2d"
    # The preview counts the numeric cells and says how to fix the column, before anything.
    assert batch.numeric_cells == {"NIK": 4, "NO_KK": 1, "NO_KKS": 1}
    preview = import_preview(batch)
    assert {c.header: c.cells for c in preview.numeric} == batch.numeric_cells
    with translation.override("id"):
        indonesian = import_preview(batch)
    assert indonesian.numeric[0].advice.startswith(
        "Kolom NIK berisi 4 sel yang tersimpan sebagai angka"
    )
    assert "Format Cells > Text" in indonesian.numeric_fix
    assert not Person.objects.exists()
    services.import_batch_start(batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED, batch.error
    _assert_rows(batch, expect)


def test_dtsen_is_recognised_by_its_desil(run_import, regions, tmp_path):
    path, expect = corpus.write_dtsen(tmp_path)
    batch = run_import(path, programme="PKH")
    assert batch.layout == "dtsen"
    expect[6] = corpus.Expect(stored={"nik": corpus.nik(5, 7, 1980, 304), "membership.desil": None})
    _assert_rows(batch, expect)


def test_the_issue_sp2d_header_is_mapped_whole(cast, regions, tmp_path):
    path = corpus.write_issue_sp2d(tmp_path)
    batch = services.import_batch_create(
        office=cast.office("sragen"), created_by=None, file=path, programme="BPNT", year=2026
    )
    assert batch.layout == "sp2d"
    assert batch.mapping == {
        "NIK": "nik",
        "NO_KK": "kk_number",
        "NAMA": "name",
        "TGL_LAHIR": "birth_date",
        "JENIS_KELAMIN": "sex",
        "KODE_WILAYAH": "village_code",
        "ALAMAT": "address",
        "NO_KKS": "kks_number",
        "BANK": "bank",
        "NOMINAL": "amount",
    }
    preview = import_preview(batch)
    assert (preview.unmapped, preview.missing) == ([], [])


def test_amount_bank_and_kks_changes_are_detected_kept_and_undone(run_import, regions, tmp_path):
    first = run_import(corpus.write_issue_sp2d(tmp_path))
    assert (first.new_count, first.rejected_count) == (3, 0), first.error
    assert sorted(ProgrammeMembership.objects.values_list("amount", flat=True)) == [600000] * 3
    second = run_import(
        corpus.write_issue_sp2d(
            tmp_path,
            name="sp2d-2.csv",
            amounts=["400000", "600000", "600000"],
            banks=["BNI", "MANDIRI", "PT POS"],
            cards=[corpus.kks(11), corpus.kks(12), corpus.kks(99)],
        )
    )
    assert (second.new_count, second.changed_count, second.unchanged_count) == (0, 3, 0)
    history = {c.row_number: c for c in ImportChange.objects.filter(batch=second)}
    assert history[2].before["membership.amount"] == 600000
    assert history[2].after["membership.amount"] == 400000
    assert history[3].after["membership.bank"] == "MANDIRI"
    assert history[4].after["membership.kks_number"] == corpus.kks(99)
    services.import_batch_rollback(batch=second)
    second.refresh_from_db()

    assert second.status == ImportStatus.ROLLED_BACK
    assert sorted(ProgrammeMembership.objects.values_list("amount", flat=True)) == [600000] * 3
    assert set(ProgrammeMembership.objects.values_list("bank", flat=True)) == {"BNI", "BRI", ""}


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("html", "Berkas ini halaman web atau teks program (HTML/PHP), bukan tabel."),
        ("php", "Berkas ini halaman web atau teks program (HTML/PHP), bukan tabel."),
        ("bomb", "Berkas XLSX ini membuka jauh lebih banyak data"),
    ],
)
def test_what_is_not_a_table_is_refused_before_anything_is_stored(cast, tmp_path, kind, message):
    from django.utils import translation

    path = corpus.write_not_tables(tmp_path)[kind]
    with translation.override("id"), pytest.raises(ValidationError) as caught:
        services.import_batch_create(office=cast.office("sragen"), created_by=None, file=path)
    assert caught.value.messages[0].startswith(message)
    from sigap.registry.models import ImportBatch

    assert not ImportBatch.objects.exists()


def test_the_expected_dates_are_the_real_ones():
    # Guards the corpus itself: the serial 25556 is 19 December 1969 in Excel's calendar.
    assert dt.date(1899, 12, 30) + dt.timedelta(days=25556) == dt.date(1969, 12, 19)
