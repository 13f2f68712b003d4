import io

import pytest
from django.core.files.storage import default_storage
from pypdf import PdfReader

from sigap.documents.models import AgendaEntry, IssuedDocument
from sigap.documents.selectors import document_by_token, documents_for_subject
from sigap.documents.services import (
    ALREADY_REVOKED,
    document_revoke,
    document_verify_bytes,
    sha256_of,
)


def _pdf_text(document: IssuedDocument) -> str:
    with default_storage.open(document.file.name, "rb") as fh:
        data = fh.read()
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_issued_letter_is_a_pdf_with_number_and_verify_url(issue_letter, settings):
    settings.SITE_URL = "https://sigap.example"
    document = issue_letter()
    with default_storage.open(document.file.name, "rb") as fh:
        data = fh.read()
    assert data.startswith(b"%PDF")
    assert document.sha256 == sha256_of(data)
    assert document.size == len(data)
    text = _pdf_text(document)
    year = document.issued_at.year
    assert document.number == f"400.9.2/001/{document.office.letter_code}/{year}"
    assert document.number in text
    assert f"https://sigap.example/verify/{document.token}" in text.replace("\n", "")
    assert "Data telah diperbarui pada aplikasi SIKS-NG" in text
    assert "Arbain, SE., M. AP" in text
    assert "6571010101800001" in text


def test_issued_file_is_stored_in_a_private_folder(issue_letter):
    document = issue_letter()
    assert document.file.name.startswith("private/documents/tarakan/")
    assert document.token not in document.file.name


def test_issuing_registers_the_letter_in_the_agenda(issue_letter):
    document = issue_letter()
    entry = AgendaEntry.objects.get(document=document)
    assert entry.number == document.number
    assert entry.sequence == 1
    assert entry.title == document.title


def test_unregistered_document_has_no_number(issue_letter):
    document = issue_letter(template_code="request-receipt", register=False, title="Tanda Terima")
    assert document.number == ""
    assert not AgendaEntry.objects.exists()


def test_document_keeps_template_version_and_rendered_html(issue_letter):
    document = issue_letter()
    assert document.template_version == 0
    assert "Contoh Nama KPM" in document.rendered_html


def test_unknown_template_is_refused_and_takes_no_number(issue_letter):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        issue_letter(template_code="no-such-template")
    assert not AgendaEntry.objects.exists()


def test_verify_bytes_accepts_the_exact_file_and_rejects_a_changed_byte(issue_letter):
    document = issue_letter()
    with default_storage.open(document.file.name, "rb") as fh:
        data = fh.read()
    assert document_verify_bytes(token=document.token, data=data)
    changed = data[:-10] + bytes([data[-10] ^ 1]) + data[-9:]
    assert not document_verify_bytes(token=document.token, data=changed)
    assert not document_verify_bytes(token="unknown", data=data)


def test_revoked_document_no_longer_verifies(issue_letter, tarakan_head):
    from django.core.exceptions import ValidationError

    document = issue_letter()
    with default_storage.open(document.file.name, "rb") as fh:
        data = fh.read()
    document_revoke(document=document, by=tarakan_head, reason="Salah ketik nama")
    assert document.is_revoked
    assert not document_verify_bytes(token=document.token, data=data)
    with pytest.raises(ValidationError) as exc:
        document_revoke(document=document, by=tarakan_head, reason="lagi")
    assert exc.value.messages == [str(ALREADY_REVOKED)]


def test_selectors_find_documents_by_subject_and_token(issue_letter, cast):
    from sigap.accounts.roles import Role

    subject = cast.user("tarakan", Role.BACK_OFFICE)
    document = issue_letter(subject=subject)
    issue_letter()  # another subject
    assert list(documents_for_subject(subject)) == [document]
    assert document_by_token(document.token) == document
    assert document_by_token("x" * 100) is None


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("request-receipt", ["TRK-7Q4M-2XKD", "Fasilitasi Program Sembako", "Belum ada"]),
        ("sk-kks-new", ["SURAT KETERANGAN", "penerbitan KKS baru", "Paraf"]),
        ("sk-death", ["meninggal dunia", "Contoh Nama Almarhum", "1 Desember 2025"]),
        ("sk-data-change", ["memerlukan perubahan", "SIKS-NG"]),
        (
            "cashaid-receipt",
            [
                "Rp150.000",
                "Seratus lima puluh ribu rupiah",
                "estafet",
                "Dinas Sosial Kabupaten Ngawi",
                "Yang Menerima",
                "Yang Menyerahkan",
            ],
        ),
    ],
)
def test_each_default_template_prints_its_data(issue_letter, code, expected):
    from sigap.documents.template_catalogue import sample_context

    document = issue_letter(template_code=code, context=sample_context(code), title="Dokumen")
    text = " ".join(_pdf_text(document).split())
    for fragment in expected:
        assert fragment in text, fragment


def test_a_portal_receipt_may_be_issued_without_a_staff_member(issue_letter):
    document = issue_letter(
        template_code="request-receipt", register=False, title="Tanda Terima", issued_by=None
    )
    assert document.issued_by is None
    assert document.sha256
