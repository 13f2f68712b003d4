"""The import through the API: upload, preview, start, status, rollback, rejects; as the
allowed role, a wrong role, another office and anonymous."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sigap.accounts.roles import Role
from sigap.core.models import AccessLog
from sigap.registry.importing.synthetic import sp2d_frame
from sigap.registry.models import ImportBatch, Person


def _csv(villages, rows=5, **kwargs) -> SimpleUploadedFile:
    data = sp2d_frame(rows, villages=villages, **kwargs).write_csv().encode()
    return SimpleUploadedFile("sp2d.csv", data, "text/csv")


def _post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


@pytest.fixture
def back_office(cast):
    return cast.user("sragen", Role.BACK_OFFICE)


def test_the_api_takes_a_list_from_upload_to_committed_and_back(cast, back_office, villages):
    client = cast.client_for(back_office)
    response = client.post(
        "/api/v1/registry/imports",
        {"file": _csv(villages, 8, invalid=0.25), "programme": "BPNT", "year": "2026"},
    )
    assert response.status_code == 201, response.content
    batch = response.json()
    assert (batch["status"], batch["layout"]) == ("uploaded", "sp2d")
    preview = client.get(f"/api/v1/registry/imports/{batch['id']}/preview").json()
    assert {"header": "NIK", "field": "nik"} in preview["columns"]
    assert len(preview["rows"]) == 8
    started = _post(client, f"/api/v1/registry/imports/{batch['id']}/start")
    assert started.status_code == 200, started.content
    status = client.get(f"/api/v1/registry/imports/{batch['id']}").json()
    assert status["status"] == "committed", status["error"]
    assert status["progress_percent"] == 100
    assert status["new_count"] + status["rejected_count"] == 8
    assert status["rejected_count"] >= 1
    rejects = client.get(f"/api/v1/registry/imports/{batch['id']}/rejects")
    assert rejects.status_code == 200
    assert b"baris" in b"".join(rejects.streaming_content)
    assert AccessLog.objects.filter(user=back_office, action="download").exists()
    assert _post(client, f"/api/v1/registry/imports/{batch['id']}/start").status_code == 400
    assert _post(client, f"/api/v1/registry/imports/{batch['id']}/resume").status_code == 400
    rolled = _post(client, f"/api/v1/registry/imports/{batch['id']}/rollback").json()
    assert rolled["status"] == "rolled_back"
    assert not Person.objects.exists()
    assert [b["id"] for b in client.get("/api/v1/registry/imports").json()] == [batch["id"]]


def test_a_mapping_without_the_nik_is_refused_with_a_400(cast, back_office, villages):
    client = cast.client_for(back_office)
    batch = client.post("/api/v1/registry/imports", {"file": _csv(villages)}).json()
    response = _post(
        client,
        f"/api/v1/registry/imports/{batch['id']}/start",
        {"mapping": {"NAMA_PENERIMA": "name"}},
    )
    assert response.status_code == 400
    assert ImportBatch.objects.get().status == "uploaded"


def test_a_file_that_is_not_a_table_is_a_400(cast, back_office):
    client = cast.client_for(back_office)
    upload = SimpleUploadedFile("x.csv", b"\n\n", "text/csv")
    assert client.post("/api/v1/registry/imports", {"file": upload}).status_code == 400
    assert client.post("/api/v1/registry/imports", {}).status_code in (400, 422)
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    ("office", "role", "expected"),
    [
        ("sragen", Role.VERIFIER, 200),
        ("sragen", Role.FRONT_OFFICE, 403),
        ("tarakan", Role.BACK_OFFICE, 404),
    ],
)
def test_import_endpoints_permissions(cast, back_office, villages, office, role, expected):
    batch = (
        cast.client_for(back_office)
        .post("/api/v1/registry/imports", {"file": _csv(villages)})
        .json()
    )
    client = cast.client_for(cast.user(office, role))
    for url in (
        f"/api/v1/registry/imports/{batch['id']}",
        f"/api/v1/registry/imports/{batch['id']}/preview",
    ):
        assert client.get(url).status_code == expected
    assert _post(client, f"/api/v1/registry/imports/{batch['id']}/rollback").status_code == (
        expected
    )
    upload = client.post("/api/v1/registry/imports", {"file": _csv(villages)})
    assert upload.status_code == {200: 201, 403: 403, 404: 201}[expected]
    assert ImportBatch.objects.get(pk=batch["id"]).status == (
        "rolled_back" if expected == 200 else "uploaded"
    )


def test_anonymous_callers_get_401(client, cast, back_office, villages):
    batch = (
        cast.client_for(back_office)
        .post("/api/v1/registry/imports", {"file": _csv(villages)})
        .json()
    )
    assert client.get("/api/v1/registry/imports").status_code == 401
    assert client.get(f"/api/v1/registry/imports/{batch['id']}").status_code == 401
    assert client.post(f"/api/v1/registry/imports/{batch['id']}/start").status_code == 401
    assert client.post("/api/v1/registry/imports", {"file": _csv(villages)}).status_code == 401
    assert ImportBatch.objects.count() == 1
