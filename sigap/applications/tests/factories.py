"""Test factories: the two seed standards built with the ORM, persons, files and shortcuts."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from sigap.accounts.roles import Role
from sigap.registry.models import Person
from sigap.standards.models import (
    ProcedureStep,
    Product,
    ProductKind,
    Requirement,
    RequirementKind,
    ServiceStandard,
    TimeLimitKind,
)

SEMBAKO = "tarakan-sembako"
KEHABISAN_BEKAL = "sragen-kehabisan-bekal"

# The smallest valid files of each kind, detected by content.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def pdf_file(name: str = "scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def fake_pdf(name: str = "fake.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"just some text pretending", content_type="application/pdf")


def sembako_standard(office, *, revision: int = 1, effective: date | None = None):
    standard = ServiceStandard.objects.create(
        office=office,
        code=SEMBAKO,
        name="Fasilitas Program Sembako",
        field="Sosial",
        document_number="000.8.3.2/03.2/DINSOSPM",
        revision=revision,
        effective_date=effective or date(2025, 1, 10),
        time_limit_kind=TimeLimitKind.MINUTES,
        time_limit_value=30,
        time_limit_text="30 menit",
        fee_text="Tidak dipungut biaya/gratis",
        applicant_kinds=["person"],
        public_intake=True,
    )
    requirements = [
        ("kk-ktp", "Fotocopy KK/KTP", []),
        ("kks", "Fotocopy KKS (Kartu Kesejahteraan Sosial)", []),
        ("kelurahan-letter", "Surat Keterangan dari Kelurahan", []),
        ("savings-book", "Fotocopy Buku Tabungan", []),
        ("death-certificate", "Fotocopy Akte Kematian", ["death"]),
    ]
    for order, (code, label, products) in enumerate(requirements, 1):
        Requirement.objects.create(
            standard=standard,
            order=order,
            code=code,
            label=label,
            kind=RequirementKind.DOCUMENT,
            product_codes=products,
        )
    steps = [
        ("receive", "Pemohon datang dengan kelengkapan berkas", Role.FRONT_OFFICE, ["receive"]),
        ("check", "Petugas FO melakukan Pengecekan Berkas", Role.FRONT_OFFICE, ["check"]),
        ("analyse", "Mengecek jenis bantuan, menganalisa kendala", Role.BACK_OFFICE, ["analyse"]),
        ("initial", "Memaraf Surat Keterangan", Role.SECTION_HEAD, ["initial"]),
        ("sign", "Menandatangani Surat Keterangan", Role.HEAD_OF_OFFICE, ["sign"]),
        (
            "register-handover",
            "Mengagendakan dan Menyerahkan Surat kepada Pemohon",
            Role.FRONT_OFFICE,
            ["register", "hand_over"],
        ),
    ]
    for order, (code, label, role, actions) in enumerate(steps, 1):
        ProcedureStep.objects.create(
            standard=standard, order=order, code=code, label=label, role=role, actions=actions
        )
    products = [
        ("kks-new", "Surat Keterangan Penerbitan KKS Baru", "sk-kks-new"),
        ("kks-lost-ewallet", "Surat Keterangan KKS Hilang dan Setting E-Wallet", "sk-kks-lost"),
        ("death", "Surat Keterangan Meninggal", "sk-death"),
        ("data-change", "Surat Keterangan Perubahan Data", "sk-data-change"),
    ]
    for order, (code, label, template) in enumerate(products, 1):
        Product.objects.create(
            standard=standard,
            order=order,
            code=code,
            label=label,
            kind=ProductKind.LETTER,
            template_code=template,
        )
    return standard


def kehabisan_bekal_standard(office, *, revision: int = 0):
    standard = ServiceStandard.objects.create(
        office=office,
        code=KEHABISAN_BEKAL,
        name="Kehabisan Bekal",
        field="Bidang Perlindungan Sosial",
        document_number="460/2339/09/2022",
        revision=revision,
        time_limit_kind=TimeLimitKind.PER_INCIDENT,
        time_limit_text="1 Kali kejadian",
        fee_text="Tidak dikenakan biaya (Gratis)",
        applicant_kinds=["person"],
        public_intake=False,
        extra={"extension": "cashaid"},
    )
    Requirement.objects.create(
        standard=standard,
        order=1,
        code="police-letter",
        label="Surat Keterangan Dari Kepolisian bahwa orang tersebut kehabisan Bekal",
        kind=RequirementKind.DOCUMENT,
    )
    ProcedureStep.objects.create(
        standard=standard,
        order=1,
        code="check",
        label="Surat Keterangan dari Kepolisian tentang Kehabisan Bekal",
        role=Role.FRONT_OFFICE,
        actions=["receive", "check"],
    )
    ProcedureStep.objects.create(
        standard=standard,
        order=2,
        code="payout",
        label="Diberikan secara Tunai",
        role=Role.BACK_OFFICE,
        actions=["pay", "hand_over"],
    )
    Product.objects.create(
        standard=standard,
        order=1,
        code="estafet-help",
        label="Membantu KPM pulang ketempat asalnya secara Estavet",
        kind=ProductKind.RECEIPT,
        template_code="cashaid-receipt",
    )
    return standard


_nik_serial = [0]


def person(name: str = "Siti Aminah", nik: str | None = None, **fields) -> Person:
    """A registry person with a plausible NIK (Tarakan, born 12-05-1985) unless given."""
    if nik is None:
        _nik_serial[0] += 1
        nik = f"6571015205850{_nik_serial[0]:03d}"
    return Person.objects.create(nik=nik, name=name, **fields)


def all_checks(request, status: str = "complete") -> dict:
    from sigap.applications.workflow import applicable_requirements

    return {
        "checks": [
            {"requirement": r.code, "status": status, "note": ""}
            for r in applicable_requirements(request)
        ]
    }


def files_for(standard, product_code: str) -> dict:
    return {
        r.code: pdf_file(f"{r.code}.pdf")
        for r in standard.requirements.all()
        if r.applies_to(product_code)
    }


def bytes_io() -> io.BytesIO:
    return io.BytesIO(PDF_BYTES)
