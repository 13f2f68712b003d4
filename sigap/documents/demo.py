"""Demo numbering formats, following the numbers printed in the seeds, and one issued document
of every type so a newcomer can open each (each letter, receipt, kwitansi, BAST with 40 lines
and a drawn signature, child placement BAST, BPNT recommendation, Camat notice).

Tarakan: 400.9.2/007/DINSOSPM/2026 (classification/sequence/letter code/year). Sragen's
standard is numbered 460/2339/09/2022, i.e. classification/sequence/month/year.
With SIGAP_SIGNING_BACKEND=pkcs12 (as `make run` sets) the development CA is made first, so
the demo's documents carry a PAdES signature that /verify/ validates.
"""

import base64
import datetime
import io
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import OutputWrapper

from sigap.accounts.models import Office
from sigap.accounts.roles import Role
from sigap.core.access import users_with_role
from sigap.documents.models import AgendaSettings, IssuedDocument
from sigap.documents.template_catalogue import sample_context

FORMATS = {
    "tarakan": ("{classification}/{seq:03d}/{letter_code}/{year}", "400.9.2"),
    "sragen": ("{classification}/{seq}/{month}/{year}", "460"),
    "banten": ("{classification}/{seq:03d}/{letter_code}/{year}", "400.9"),
    "lebak": ("{classification}/{seq:03d}/{letter_code}/{year}", "400.9"),
}
DEMO_PREFIX = "Contoh: "
# Which office issues each demo document, and who signs it (a role of that office, or None).
DEMO_DOCUMENTS = {
    "sk-kks-new": ("tarakan", Role.HEAD_OF_OFFICE),
    "sk-kks-lost": ("tarakan", Role.HEAD_OF_OFFICE),
    "sk-death": ("tarakan", Role.HEAD_OF_OFFICE),
    "sk-data-change": ("tarakan", Role.HEAD_OF_OFFICE),
    "request-receipt": ("tarakan", None),
    "cashaid-receipt": ("sragen", Role.TREASURER),
    "bast-goods": ("banten", Role.WAREHOUSE_OFFICER),
    "bast-child-placement": ("banten", Role.HEAD_OF_DIVISION),
    "bpnt-recommendation": ("sragen", Role.HEAD_OF_OFFICE),
    "bpnt-camat-notice": ("sragen", Role.HEAD_OF_OFFICE),
}


def _drawn_signature() -> str:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (400, 150), (255, 255, 255, 0))
    pen = ImageDraw.Draw(image)
    pen.line([(30 + i * 17, 75 + (30 if i % 2 else -30)) for i in range(20)], fill="navy", width=5)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _demo_context(code: str, signer) -> dict:
    name = signer.display_name if signer else ""
    nip = (signer.nip or "") if signer else ""
    if code == "bast-goods":
        return {
            "place": "Posko Utama Kecamatan Cibeber, Kabupaten Lebak",
            "handed_over_at": datetime.datetime.now(datetime.UTC),
            "request_code": "LOG-CONTOH-0001",
            "event_name": "Banjir bandang Kabupaten Lebak",
            "letter_number": "400.9/123/DINSOS-LBK/2026",
            "vehicle": "Truk logistik A 1234 BC",
            "driver": "Agus Santoso",
            "giver": {"name": name, "position": "Pengelola Gudang Logistik", "nip": nip},
            "recipient": {
                "name": "Dewi Lestari",
                "position": "Koordinator Posko",
                "organisation": "Posko Utama Kecamatan Cibeber",
                "signature": _drawn_signature(),
            },
            "items": [
                {
                    "name": f"Paket sembako keluarga (beras 10 kg, minyak 2 liter) nomor {n}",
                    "unit": "paket",
                    "lot": f"LOT-2026-{n:04d}",
                    "expires_on": datetime.date(2027, 6, 30),
                    "sent": 100,
                    "received": 98,
                    "damaged": 1,
                    "returned": 1,
                    "lost": 0,
                }
                for n in range(1, 41)
            ],
        }
    if code == "bast-child-placement":
        return {
            "case_code": "ANK-CONTOH-0001",
            "child_name": "Contoh Nama Anak",
            "child_sex": "Perempuan",
            "child_birth_place": "Rangkasbitung",
            "child_birth_date": "14 Februari 2015",
            "referral_number": "400.9/77/DINSOS-LBK/2026",
            "referral_date": "1 Desember 2026",
            "referring_office": "Dinas Sosial Kabupaten Lebak",
            "centre_kind": "Balai Rehabilitasi Sosial",
            "centre_name": "UPTD Panti Sosial Asuhan Anak Provinsi Banten",
            "placed_on": "3 Desember 2026",
            "place": "Serang",
            "first_party_name": "Budi Pratama",
            "first_party_nip": "198501012010011001",
            "first_party_position": "Pekerja Sosial Ahli Muda",
            "first_party_office": "Dinas Sosial Provinsi Banten",
            "second_party_name": "Rina Wulandari",
            "second_party_position": "Kepala UPTD Panti Sosial Asuhan Anak",
            "service_ends_on": "3 Desember 2027",
            "signer_title": "Mengetahui,\nKepala Bidang Rehabilitasi Sosial",
        }
    if code == "bpnt-recommendation":
        return {
            "recipient": "Pimpinan Bank BNI Kantor Cabang Sragen",
            "ticket_code": "BPNT-CONTOH",
            "beneficiary": {
                "name": "Contoh Nama KPM",
                "nik": "3314010101800001",
                "address": "Desa Contoh, Kecamatan Sumberlawang",
            },
            "problem": "Saldo nol",
            "description": "Saldo KKS nol pada saat transaksi di e-warong.",
            "resolution": "Pendamping sosial memeriksa data SP2D; KPM terdaftar.",
        }
    if code == "bpnt-camat-notice":
        villages = [
            {"code": f"33.14.12.20{n:02d}", "name": f"Desa Contoh {n}", "total": 40 + n}
            for n in range(1, 13)
        ]
        return {
            "recipient": "Camat Sumberlawang",
            "district_name": "Sumberlawang",
            "stage_number": 4,
            "year": 2026,
            "period": "Oktober - Desember 2026",
            "distribution_date": datetime.date(2026, 12, 7),
            "villages": villages,
            "total": sum(v["total"] for v in villages),
        }
    return sample_context(code)


def _issue_examples(stdout: OutputWrapper) -> None:
    from sigap.documents.services import document_issue

    issued = 0
    for code, (office_code, role) in DEMO_DOCUMENTS.items():
        office = Office.objects.filter(code=office_code).first()
        if office is None:
            continue
        if IssuedDocument.objects.filter(
            office=office, template_code=code, title__startswith=DEMO_PREFIX
        ).exists():
            continue
        signer = users_with_role(office, [role]).first() if role else None
        document_issue(
            office=office,
            template_code=code,
            title=DEMO_PREFIX + code,
            subject=office,
            context=_demo_context(code, signer),
            issued_by=signer,
            signer=signer,
            register=code != "request-receipt",
            recipient="Contoh",
        )
        issued += 1
    stdout.write(f"documents: {issued} example documents issued")


def load(*, stdout: OutputWrapper) -> None:
    created = 0
    for code, (number_format, classification) in FORMATS.items():
        office = Office.objects.filter(code=code).first()
        if office is None:
            continue
        _row, was_created = AgendaSettings.objects.get_or_create(
            office=office,
            defaults={"number_format": number_format, "default_classification": classification},
        )
        created += was_created
    stdout.write(f"documents: {created} numbering formats")
    if settings.SIGAP_SIGNING_BACKEND == "pkcs12":
        call_command("signing_devca", stdout=StringIO())
    _issue_examples(stdout)
