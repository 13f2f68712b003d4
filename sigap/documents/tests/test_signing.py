"""PAdES signatures on issued documents: PKCS#12 per signer, a BSrE-shaped remote service,
and the verification of who signed, when, and whether the file changed since."""

import http.server
import io
import json
import threading

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature

from sigap.documents.models import AgendaEntry, IssuedDocument
from sigap.documents.signing import SigningFailed
from sigap.documents.signing.devca import ca_create, crl_write, signer_issue
from sigap.documents.signing.verify import (
    CHANGED,
    EXPIRED,
    REVOKED,
    signature_check,
    validation_context,
)

PASSPHRASE = "rahasia-uji-123"


@pytest.fixture
def dev_ca(settings, tmp_path):
    settings.SIGAP_SIGNING_BACKEND = "pkcs12"
    settings.SIGAP_SIGNING_PKCS12_DIR = str(tmp_path)
    settings.SIGAP_SIGNING_PKCS12_PASSPHRASE = PASSPHRASE
    return ca_create(tmp_path)


@pytest.fixture
def signed_letter(dev_ca, issue_letter, tarakan_head):
    cert = signer_issue(
        dev_ca,
        file_key=tarakan_head.nip,
        name=tarakan_head.display_name,
        passphrase=PASSPHRASE,
        serial=tarakan_head.nip,
    )
    document = issue_letter()
    document.cert = cert
    return document


def _data(document: IssuedDocument) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def test_issued_letter_carries_a_pades_signature_that_pyhanko_validates(signed_letter):
    data = _data(signed_letter)
    embedded = PdfFileReader(io.BytesIO(data)).embedded_signatures
    assert len(embedded) == 1
    status = validate_pdf_signature(embedded[0], signer_validation_context=validation_context())
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.subject.native["common_name"] == "Arbain, SE., M. AP"
    # The stored hash is that of the signed bytes, so the QR check still matches the file.
    import hashlib

    assert hashlib.sha256(data).hexdigest() == signed_letter.sha256


def test_visible_stamp_lies_in_the_signers_block(signed_letter):
    import pdfplumber

    from sigap.documents.tests.layout import write_pngs

    data = _data(signed_letter)
    write_pngs(data, "signed-letter")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[-1]
        annots = [a for a in page.annots if a.get("data", {}).get("FT") == "/Sig"] or page.annots
        assert annots, "a signature widget is on the signer's page"
        widget = annots[0]
        names = [w for w in page.extract_words() if w["text"] == "Arbain,"]
    name = names[-1]
    assert widget["bottom"] <= name["top"] + 1, "the stamp sits above the signer's name"
    assert name["top"] - widget["bottom"] < 15
    assert widget["x0"] < name["x1"] and widget["x1"] > name["x0"], "in the same column"


def test_signature_check_reports_signer_and_time(signed_letter):
    check = signature_check(_data(signed_letter))
    assert check.ok
    assert check.signer == "Arbain, SE., M. AP"
    assert check.signer_serial == signed_letter.signer_nip
    assert check.signed_at is not None


def test_a_changed_byte_fails_the_check(signed_letter):
    data = bytearray(_data(signed_letter))
    index = data.index(b"Arbain")
    data[index] = ord("X")
    check = signature_check(bytes(data))
    assert not check.ok
    assert check.changed_after_signing
    assert CHANGED in check.problems


def test_appended_changes_after_signing_are_reported(signed_letter):
    data = _data(signed_letter) + b"\n% a later edit\n"
    check = signature_check(data)
    assert not check.ok and check.changed_after_signing


def test_revoked_certificate_is_reported(dev_ca, signed_letter):
    crl_write(dev_ca, revoked=[signed_letter.cert])
    check = signature_check(_data(signed_letter))
    assert check.revoked and not check.ok
    assert REVOKED in check.problems


def test_expired_certificate_is_reported(dev_ca, issue_letter, tarakan_head):
    signer_issue(
        dev_ca, file_key=tarakan_head.nip, name="Arbain", passphrase=PASSPHRASE, expired=True
    )
    check = signature_check(_data(issue_letter()))
    assert check.expired and not check.ok
    assert EXPIRED in check.problems


def test_without_a_certificate_nothing_is_issued_and_no_number_used(dev_ca, issue_letter):
    with pytest.raises(SigningFailed) as error:
        issue_letter()
    assert "Arbain" in str(error.value)
    assert not IssuedDocument.objects.exists()
    assert not AgendaEntry.objects.exists()


# --- the remote (BSrE-shaped) service, played by a local HTTP server ------------------------


class _FakeBsre(http.server.BaseHTTPRequestHandler):
    """Signs with the dev CA's PKCS#12 when the passphrase is right; refuses otherwise."""

    behaviour = "sign"
    received: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.path, self.headers.get("Content-Type", ""), body))
        if self.behaviour == "refuse":
            payload = json.dumps({"error": "Passphrase anda salah"}).encode()
            self.send_response(400)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(payload)
            return
        pdf = body[body.index(b"%PDF") : body.rindex(b"%%EOF") + 5]
        from sigap.documents.signing import SignerIdentity
        from sigap.documents.signing.pkcs12 import sign_with_pkcs12

        signed = sign_with_pkcs12(
            pdf=pdf, identity=SignerIdentity(name="BSrE", nip=self.server.nip), box=None
        )
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.end_headers()
        self.wfile.write(signed)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_bsre(dev_ca, settings, tarakan_head):
    signer_issue(dev_ca, file_key=tarakan_head.nip, name="Arbain", passphrase=PASSPHRASE)
    server = http.server.HTTPServer(("127.0.0.1", 0), _FakeBsre)
    server.nip = tarakan_head.nip
    _FakeBsre.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SIGAP_SIGNING_URL = f"http://127.0.0.1:{server.server_port}"
    yield _FakeBsre
    server.shutdown()
    server.server_close()
    _FakeBsre.behaviour = "sign"


def test_remote_service_signs_the_pdf(fake_bsre, settings, issue_letter, tarakan_head):
    # The fake service signs with the PKCS#12 files; the system talks to it over HTTP.
    document = issue_letter_remote(settings, issue_letter)
    path, content_type, body = fake_bsre.received[0]
    assert path == "/api/sign/pdf" and content_type.startswith("multipart/form-data")
    assert tarakan_head.nip.encode() in body and b'name="tampilan"' in body
    assert signature_check(_data(document)).ok


def issue_letter_remote(settings, issue_letter):
    # A remote service's certificates are trusted through the configured roots.
    settings.SIGAP_SIGNING_TRUST_ROOTS = [settings.SIGAP_SIGNING_PKCS12_DIR + "/ca.pem"]
    settings.SIGAP_SIGNING_BACKEND = "remote"
    return issue_letter()


def test_remote_refusal_issues_nothing(fake_bsre, settings, issue_letter):
    fake_bsre.behaviour = "refuse"
    with pytest.raises(SigningFailed) as error:
        issue_letter_remote(settings, issue_letter)
    assert "Passphrase anda salah" in str(error.value)
    assert not IssuedDocument.objects.exists() and not AgendaEntry.objects.exists()


def test_remote_service_down_issues_nothing(dev_ca, settings, issue_letter):
    settings.SIGAP_SIGNING_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    with pytest.raises(SigningFailed) as error:
        issue_letter_remote(settings, issue_letter)
    assert error.value.code == "signing_unavailable"
    assert not IssuedDocument.objects.exists() and not AgendaEntry.objects.exists()


# --- the public verification page -----------------------------------------------------------


def test_verify_page_says_in_indonesian_who_signed_and_when(signed_letter, client):
    page = client.get(f"/verify/{signed_letter.token}").content.decode()
    assert "Tanda tangan sah" in page
    assert "Arbain, SE., M. AP" in page
    assert "WITA" in page  # the signing time in Tarakan's zone
    assert "Sigap Development CA" in page


def test_verify_page_checks_an_uploaded_changed_copy(signed_letter, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = bytearray(_data(signed_letter))
    data[data.index(b"Arbain")] = ord("X")
    response = client.post(
        f"/verify/{signed_letter.token}",
        {"file": SimpleUploadedFile("salinan.pdf", bytes(data), "application/pdf")},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tanda tangan tidak sah" in page
    assert "telah diubah setelah ditandatangani" in page


def test_verify_page_of_an_unsigned_document_says_so(issue_letter, client):
    document = issue_letter()
    page = client.get(f"/verify/{document.token}").content.decode()
    assert "tidak memuat tanda tangan elektronik" in page
