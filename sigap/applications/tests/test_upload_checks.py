"""A PDF upload is parsed before it is accepted; active content and disguises are refused."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from sigap.accounts.roles import Role
from sigap.applications.models import Upload
from sigap.applications.tests import factories
from sigap.applications.tests.test_api import Api, open_request
from sigap.applications.uploads import check_upload


def _pdf(mutate=None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if mutate:
        mutate(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _javascript_on_open(writer: PdfWriter) -> None:
    """A document-level script in the /Names tree (what pypdf's old add_js wrote)."""
    script = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hello');"),
        }
    )
    tree = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("x"), writer._add_object(script)])}
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})


def _open_action_javascript(writer: PdfWriter) -> None:
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.launchURL('http://example.invalid');"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)


def _launch_action(writer: PdfWriter) -> None:
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("cmd.exe"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)


def _embedded_file(writer: PdfWriter) -> None:
    writer.add_attachment("invoice.exe", b"MZ\x90\x00")


def _encrypted(writer: PdfWriter) -> None:
    writer.encrypt(user_password="rahasia", owner_password="rahasia")


def _upload(data: bytes, name: str = "scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_a_clean_pdf_is_accepted():
    checked = check_upload(_upload(_pdf()))
    assert checked.content_type == "application/pdf" and checked.extension == "pdf"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n",
        b"%PDF-1.4\n" + b"<?php system($_GET['c']); ?>" * 100,
        _pdf()[:200],  # cut short: no pages to read
    ],
    ids=["html-after-the-magic", "php-after-the-magic", "truncated"],
)
def test_a_file_that_only_starts_like_a_pdf_is_refused(data):
    with pytest.raises(ValidationError) as refused:
        check_upload(_upload(data))
    assert refused.value.code == "pdf_unreadable"


@pytest.mark.parametrize(
    "mutate",
    [_javascript_on_open, _open_action_javascript, _launch_action, _embedded_file],
    ids=["names-javascript", "open-action-javascript", "launch", "embedded-file"],
)
def test_a_pdf_with_active_content_is_refused(mutate):
    with pytest.raises(ValidationError) as refused:
        check_upload(_upload(_pdf(mutate)))
    assert refused.value.code == "pdf_active"


def test_a_password_protected_pdf_is_refused():
    with pytest.raises(ValidationError) as refused:
        check_upload(_upload(_pdf(_encrypted)))
    assert refused.value.code == "pdf_encrypted"


def test_the_api_refuses_a_disguised_pdf_in_indonesian_and_stores_nothing(sembako, tarakan):
    api = Api(tarakan[Role.FRONT_OFFICE])
    code = open_request(api)["code"]
    disguised = _upload(b"%PDF-1.4\n<html><script>alert(1)</script></html>")
    response = api.post(
        f"/requests/{code}/uploads", data={"requirement": "kk-ktp", "file": disguised}
    )
    assert response.status_code == 400
    assert "tidak dapat dibaca sebagai PDF" in response.json()["errors"]["file"][0]
    scripted = _upload(_pdf(_open_action_javascript))
    response = api.post(
        f"/requests/{code}/uploads", data={"requirement": "kk-ktp", "file": scripted}
    )
    assert response.status_code == 400 and "skrip" in response.json()["errors"]["file"][0]
    assert not Upload.objects.filter(request__code=code).exists()


def test_the_applicants_upload_is_sent_with_no_store(sembako, tarakan, cast):
    officer = tarakan[Role.FRONT_OFFICE]
    api = Api(officer)
    code = open_request(api)["code"]
    response = api.post(
        f"/requests/{code}/uploads", data={"requirement": "kk-ktp", "file": factories.pdf_file()}
    )
    assert response.status_code == 201, response.content
    upload_id = response.json()["id"]
    download = cast.client_for(officer).get(f"/staff/requests/{code}/uploads/{upload_id}")
    assert download.status_code == 200
    assert "no-store" in download["Cache-Control"]
    assert download["Content-Disposition"].startswith("attachment")
