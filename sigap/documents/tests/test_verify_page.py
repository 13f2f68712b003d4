import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sigap.documents.services import document_revoke

pytestmark = pytest.mark.django_db


def _bytes(document) -> bytes:
    with default_storage.open(document.file.name, "rb") as fh:
        return fh.read()


def test_verify_page_says_authentic_with_number_office_and_hash(client, issue_letter):
    document = issue_letter()
    response = client.get(reverse("documents:verify", args=[document.token]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "verify-authentic" in page
    assert document.number in page
    assert document.office.name in page
    assert document.sha256 in page


def test_verify_page_shows_no_personal_data(client, issue_letter):
    document = issue_letter()
    page = client.get(reverse("documents:verify", args=[document.token])).content.decode()
    assert "6571010101800001" not in page
    assert "Contoh Nama KPM" not in page
    assert "Arbain" not in page


def test_uploading_the_exact_file_confirms_it(client, issue_letter):
    document = issue_letter()
    upload = SimpleUploadedFile("surat.pdf", _bytes(document), "application/pdf")
    response = client.post(reverse("documents:verify", args=[document.token]), {"file": upload})
    assert response.status_code == 200
    assert "verify-match" in response.content.decode()


def test_uploading_a_file_with_one_changed_byte_fails_clearly(client, issue_letter):
    document = issue_letter()
    data = bytearray(_bytes(document))
    data[len(data) // 2] ^= 0x01
    upload = SimpleUploadedFile("surat.pdf", bytes(data), "application/pdf")
    response = client.post(reverse("documents:verify", args=[document.token]), {"file": upload})
    page = response.content.decode()
    assert "verify-mismatch" in page
    assert "verify-match" not in page


def test_revoked_document_is_shown_as_revoked(client, issue_letter, tarakan_head):
    document = issue_letter()
    document_revoke(document=document, by=tarakan_head, reason="Diganti surat baru")
    page = client.get(reverse("documents:verify", args=[document.token])).content.decode()
    assert "verify-revoked" in page
    assert "verify-authentic" not in page
    assert "Diganti surat baru" not in page  # the reason is internal


def test_unknown_token_gives_a_not_found_page(client):
    response = client.get(reverse("documents:verify", args=["does-not-exist"]))
    assert response.status_code == 404
    assert "error-summary" in response.content.decode()


def test_empty_or_oversized_upload_is_refused(client, issue_letter, settings):
    document = issue_letter()
    url = reverse("documents:verify", args=[document.token])
    empty = client.post(url, {"file": SimpleUploadedFile("a.pdf", b"", "application/pdf")})
    assert empty.status_code == 400
    settings.SIGAP_UPLOAD_MAX_BYTES = 10
    big = client.post(url, {"file": SimpleUploadedFile("a.pdf", b"x" * 11, "application/pdf")})
    assert big.status_code == 400
    assert "error-summary" in big.content.decode()
    assert client.post(url, {}).status_code == 400


def test_api_get_reports_authentic(client, issue_letter):
    document = issue_letter()
    response = client.get(f"/api/v1/documents/verify/{document.token}")
    assert response.status_code == 200
    body = response.json()
    assert body["authentic"] is True
    assert body["number"] == document.number
    assert body["sha256"] == document.sha256
    assert "6571010101800001" not in response.content.decode()


def test_api_post_checks_the_file(client, issue_letter):
    document = issue_letter()
    url = f"/api/v1/documents/verify/{document.token}"
    good = client.post(url, {"file": SimpleUploadedFile("s.pdf", _bytes(document))})
    assert good.status_code == 200
    assert good.json()["authentic"] is True
    bad = client.post(url, {"file": SimpleUploadedFile("s.pdf", _bytes(document) + b" ")})
    assert bad.json()["authentic"] is False
    assert bad.json()["file_matches"] is False


def test_api_unknown_token_and_missing_file_are_4xx(client, issue_letter):
    document = issue_letter()
    assert client.get("/api/v1/documents/verify/nope").status_code == 404
    missing = client.post(f"/api/v1/documents/verify/{document.token}", {})
    assert 400 <= missing.status_code < 500
    empty = client.post(
        f"/api/v1/documents/verify/{document.token}", {"file": SimpleUploadedFile("s.pdf", b"")}
    )
    assert empty.status_code == 400


def test_api_revoked_document_is_not_authentic(client, issue_letter, tarakan_head):
    document = issue_letter()
    document_revoke(document=document, by=tarakan_head, reason="Salah")
    body = client.get(f"/api/v1/documents/verify/{document.token}").json()
    assert body["authentic"] is False
    assert body["status"] == "revoked"
