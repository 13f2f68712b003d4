"""Controlling an import: the preview on the page, the API and the command line; cancelling an
import or a rollback at any step (nothing half done); bulk mode only where it pays."""

import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from sigap.accounts.roles import Role
from sigap.registry import services
from sigap.registry.importing import merge, pipeline, progress, staging, undo
from sigap.registry.models import ImportBatch, ImportStatus, Person, ProgrammeMembership
from sigap.registry.tests import corpus


def _upload(cast, path, office="sragen") -> ImportBatch:
    return services.import_batch_create(
        office=cast.office(office), created_by=None, file=path, programme="BPNT", year=2026
    )


def test_the_page_shows_missing_fields_numeric_cells_and_takes_a_corrected_layout(
    cast, villages, tmp_path
):
    client = cast.client_for(cast.user("sragen", Role.BACK_OFFICE))
    path, _expect = corpus.write_sp2d_numeric_xlsx(tmp_path)
    with open(path, "rb") as handle:
        client.post(
            reverse("registry:imports"),
            {
                "file": SimpleUploadedFile("sp2d.xlsx", handle.read()),
                "programme": "BPNT",
                "year": "2026",
            },
            HTTP_ACCEPT_LANGUAGE="id",
        )
    batch = ImportBatch.objects.get()
    page = client.get(reverse("registry:import_detail", args=[batch.pk])).content.decode()
    assert "Kolom NIK berisi 4 sel yang tersimpan sebagai angka" in page
    assert "Format Cells &gt; Text" in page
    # Leaving the amount out of an SP2D list is refused, and says which field is missing.
    headers = [
        "NIK",
        "NO_KK",
        "NAMA_PENERIMA",
        "TGL_LAHIR",
        "KODE_DESA",
        "NO_KKS",
        "BANK_PENYALUR",
        "NOMINAL",
    ]
    fields = ["nik", "kk_number", "name", "birth_date", "village_code", "kks_number", "bank", ""]
    form = {f"map-{i}": f for i, f in enumerate(fields)}
    refused = client.post(reverse("registry:import_detail", args=[batch.pk]), form)
    assert "Daftar bayar SP2D memerlukan kolom untuk masing-masing: nominal (rupiah)" in (
        refused.content.decode()
    )
    batch.refresh_from_db()
    assert batch.status == ImportStatus.UPLOADED
    # The clerk says it is another layout: accepted without the amount.
    client.post(reverse("registry:import_detail", args=[batch.pk]), {**form, "layout": "custom"})
    batch.refresh_from_db()
    assert (batch.status, batch.layout) == (ImportStatus.COMMITTED, "custom"), batch.error
    assert len(headers) == len(fields)


def test_the_api_preview_lists_unmapped_columns_missing_fields_and_numeric_cells(
    cast, villages, tmp_path
):
    client = cast.client_for(cast.user("sragen", Role.BACK_OFFICE))
    path, _expect = corpus.write_sp2d_numeric_xlsx(tmp_path)
    batch = _upload(cast, path)
    preview = client.get(f"/api/v1/registry/imports/{batch.pk}/preview").json()
    assert preview["layout"] == "sp2d"
    assert preview["unmapped"] == []
    assert preview["missing_fields"] == []
    assert {c["header"]: c["cells"] for c in preview["numeric_cells"]} == {
        "NIK": 4,
        "NO_KK": 1,
        "NO_KKS": 1,
    }
    started = client.post(
        f"/api/v1/registry/imports/{batch.pk}/start",
        json.dumps({"mapping": {"NIK": "nik", "NAMA_PENERIMA": "name"}}),
        content_type="application/json",
    )
    assert started.status_code == 400
    assert "kks_number" not in started.content.decode()  # labels, not codes


def test_the_command_corrects_the_mapping_with_map(cast, villages, tmp_path):
    path = tmp_path / "lain.csv"
    path.write_text(
        f"NOMOR INDUK;NAMA WARGA;DESA\n{corpus.nik(1, 1, 1970, 1)};SITI;3314012001\n",
        encoding="utf-8",
    )
    cast.office("sragen")
    out = StringIO()
    call_command(
        "import",
        str(path),
        "--office",
        "sragen",
        "--map",
        "NOMOR INDUK=nik",
        "--map",
        "NAMA WARGA=name",
        "--map",
        "DESA=village_code",
        stdout=out,
    )
    assert "NOMOR INDUK              -> nik" in out.getvalue()
    person = Person.objects.get()
    assert (person.nik, person.name, person.village_code) == (
        corpus.nik(1, 1, 1970, 1),
        "SITI",
        "33.14.01.2001",
    )


def test_a_cancelled_import_stores_nothing(cast, villages, tmp_path, monkeypatch):
    path = corpus.write_issue_sp2d(tmp_path)
    batch = _upload(cast, path)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.QUEUED)

    def cancel_at(name, step=progress.Progress.step):
        def patched(self, note, percent=None):
            if note == name:
                ImportBatch.objects.filter(pk=self.batch_id).update(cancel_requested=True)
            return step(self, note, percent)

        return patched

    # Cancelled in the middle of the merge, after persons were inserted in its transaction.
    monkeypatch.setattr(progress.Progress, "step", cancel_at("insert_memberships"))
    batch.refresh_from_db()
    pipeline.run(batch)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.CANCELLED
    assert not Person.objects.exists()
    assert not ProgrammeMembership.objects.exists()
    assert not staging.exists(batch.pk)


def test_a_queued_import_is_cancelled_at_once_and_never_runs(cast, villages, tmp_path):
    batch = _upload(cast, corpus.write_issue_sp2d(tmp_path))
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.QUEUED)
    services.import_batch_cancel(batch=batch)
    from sigap.registry.tasks import run_import

    run_import.call(batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.CANCELLED
    assert not Person.objects.exists()
    with pytest.raises(ValidationError) as refused:
        services.import_batch_cancel(batch=batch)
    assert refused.value.code == "not_cancellable"


def test_a_cancelled_rollback_leaves_the_import_as_it_was(
    run_import, villages, tmp_path, monkeypatch
):
    batch = run_import(corpus.write_issue_sp2d(tmp_path))
    assert Person.objects.count() == 3
    seen = []
    original = progress.Progress.step

    def step(self, note, percent=None):
        seen.append((note, percent))
        if note == "delete_families":
            ImportBatch.objects.filter(pk=self.batch_id).update(cancel_requested=True)
        return original(self, note, percent)

    monkeypatch.setattr(progress.Progress, "step", step)
    with pytest.raises(ValidationError) as stopped:
        services.import_batch_rollback(batch=batch)
    assert stopped.value.code == "rollback_failed"
    batch.refresh_from_db()
    assert batch.error == "Pembatalan impor dihentikan; impor tetap seperti semula."
    assert batch.status == ImportStatus.COMMITTED
    assert Person.objects.count() == 3
    assert ProgrammeMembership.objects.count() == 3
    assert [n for n, _p in seen] == [
        "restore",
        "delete_memberships",
        "delete_persons",
        "delete_families",
    ]
    # And it can be rolled back afterwards, to the end.
    monkeypatch.setattr(progress.Progress, "step", original)
    services.import_batch_rollback(batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.ROLLED_BACK
    assert not Person.objects.exists()


@pytest.mark.postgres
def test_bulk_mode_is_refused_for_a_registry_of_comparable_size(
    run_import, villages, tmp_path, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("bulk mode is PostgreSQL only")
    monkeypatch.setattr(merge, "BULK_MIN_ROWS", 10)
    from sigap.registry.importing.synthetic import write_sp2d_csv

    first = run_import(write_sp2d_csv(tmp_path / "a.csv", 40, villages=villages))
    assert first.timings["bulk_mode"] == "yes"
    second = run_import(write_sp2d_csv(tmp_path / "b.csv", 60, villages=villages, seed=3))
    assert second.timings["bulk_mode"] == "no: registry of more than 15 persons, batch of 60"


@pytest.mark.postgres
def test_the_family_head_has_the_index_rollback_needs(db):
    if connection.vendor != "postgresql":
        pytest.skip("catalogue query of PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'registry_family' "
            "AND indexname = 'registry_family_head'"
        )
        assert "(head_id)" in cursor.fetchone()[0]
    assert undo.MEMBERSHIP_COLUMNS["amount"] == "bigint"


@pytest.mark.parametrize("skip_triggers", [None, False])
def test_an_undo_that_would_leave_a_dangling_reference_changes_nothing(
    run_import, villages, tmp_path, skip_triggers
):
    from sigap.registry.models import Family

    batch = run_import(corpus.write_issue_sp2d(tmp_path))
    person = Person.objects.filter(created_by_import=batch).order_by("pk").first()
    # A family that was there before the import names one of its persons as its head.
    Family.objects.create(kk_number=corpus.kk(999), head=person)
    with pytest.raises(undo.StillReferenced):
        undo.undo_batch(batch.pk, skip_triggers=skip_triggers)
    assert Person.objects.count() == 3
    assert ProgrammeMembership.objects.count() == 3
    with pytest.raises(ValidationError):
        services.import_batch_rollback(batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED
    assert batch.error.startswith("Orang yang dibuat oleh impor ini sudah dipakai")


def test_the_head_of_division_sets_the_out_of_area_rule_for_their_office_only(cast, client):
    from sigap.registry.models import ImportPolicy, OutOfArea

    url = reverse("registry:import_policy")
    head = cast.client_for(cast.user("sragen", Role.HEAD_OF_DIVISION))
    assert head.post(url, {"out_of_area": "warn"}).status_code == 302
    assert ImportPolicy.objects.get(office=cast.office("sragen")).out_of_area == OutOfArea.WARN
    page = head.get(reverse("registry:imports"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert 'value="warn" selected' in page
    back_office = cast.client_for(cast.user("sragen", Role.BACK_OFFICE))
    assert back_office.post(url, {"out_of_area": "reject"}).status_code == 403
    lebak_head = cast.client_for(cast.user("lebak", Role.HEAD_OF_DIVISION))
    lebak_head.post(url, {"out_of_area": "reject"})
    assert ImportPolicy.objects.get(office=cast.office("sragen")).out_of_area == OutOfArea.WARN
    assert ImportPolicy.objects.get(office=cast.office("lebak")).out_of_area == OutOfArea.REJECT
    assert client.post(url, {"out_of_area": "warn"}).status_code == 302  # to the login page
    assert ImportPolicy.objects.count() == 2


def test_the_import_policy_api_is_for_the_head_of_division_of_the_office(cast):
    from sigap.registry.models import ImportPolicy, OutOfArea

    head = cast.user("sragen", Role.HEAD_OF_DIVISION)
    answer = cast.client_for(head).put(
        "/api/v1/registry/import-policy", {"out_of_area": "warn"}, content_type="application/json"
    )
    assert answer.status_code == 200, answer.content
    assert answer.json() == {"office": "sragen", "out_of_area": "warn"}
    assert ImportPolicy.objects.get(office=cast.office("sragen")).out_of_area == OutOfArea.WARN
    wrong = cast.client_for(head).put(
        "/api/v1/registry/import-policy", {"out_of_area": "keep"}, content_type="application/json"
    )
    assert wrong.status_code == 400
    back_office = cast.user("sragen", Role.BACK_OFFICE)
    refused = cast.client_for(back_office).put(
        "/api/v1/registry/import-policy", {"out_of_area": "reject"}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert ImportPolicy.objects.get(office=cast.office("sragen")).out_of_area == OutOfArea.WARN
