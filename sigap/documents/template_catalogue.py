"""What each default document template expects in `context`, with sample data for previews.

Every body also receives, from `document_issue`: document_number, document_date (e.g. "23 November
2026"), document_title, office_name, office_government, place, verify_url, signer_name,
signer_nip, signer_position. Optional keys read by the frame (not the body): `signer_title`
(the line above the signature, default the signer's position), `place`, and `initialled_by`
(the name printed on the initials (paraf) line).

request-receipt
    request_code, service_name, applicant_name, submitted_at (datetime), due_text,
    checklist: [{label, status}], track_url, survey_url (optional).
sk-kks-new, sk-kks-lost, sk-death, sk-data-change
    applicant: {name, nik, address, kks_number}, product_label, problem, analysis, solution,
    siks_ng_updated (bool), purpose, initialled_by (name). sk-death also reads
    deceased: {name, date_of_death, death_certificate_number} (optional).
cashaid-receipt
    recipient: {name, nik, address}, amount (int, rupiah), destination, next_office,
    incident_text, police_letter_number (optional); signer_title defaults to "Yang Menyerahkan,".

Titles passed to `document_issue` are public on the verification page: use the product name
("Surat Keterangan KKS Hilang dan Setting E-Wallet"), never the person's name.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    keys: list[tuple[str, str]]
    sample: dict = field(default_factory=dict)


_APPLICANT_KEYS = [
    ("applicant.name", "Nama KPM / pemohon"),
    ("applicant.nik", "NIK (16 digit)"),
    ("applicant.address", "Alamat"),
    ("applicant.kks_number", "Nomor KKS"),
    ("product_label", "Nama produk layanan"),
    ("problem", "Kendala yang disampaikan pemohon"),
    ("analysis", "Hasil analisis petugas"),
    ("solution", "Solusi yang diberikan"),
    ("siks_ng_updated", "Ya/tidak: data sudah diperbarui di SIKS-NG"),
    ("purpose", "Keperluan surat"),
    ("initialled_by", "Nama pejabat yang memaraf (Sub Koordinator)"),
]

_APPLICANT_SAMPLE = {
    "applicant": {
        "name": "Contoh Nama KPM",
        "nik": "6571010101800001",
        "address": "Jl. Contoh No. 1, Kelurahan Karang Anyar, Kota Tarakan",
        "kks_number": "6013 0100 0000 0001",
    },
    "problem": "Kartu KKS hilang sehingga bantuan tidak dapat dicairkan.",
    "analysis": "Data KPM terdaftar aktif pada DTKS dan tercantum dalam data penyaluran.",
    "solution": "Diterbitkan surat keterangan untuk penggantian kartu di bank penyalur.",
    "siks_ng_updated": True,
    "purpose": "Pengurusan penggantian Kartu Keluarga Sejahtera di Bank Mandiri",
    "initialled_by": "Contoh Nama Sub Koordinator",
}


def _sk(code: str, label: str, extra_keys=(), extra_sample=None) -> CatalogueEntry:
    return CatalogueEntry(
        code=code,
        keys=[*_APPLICANT_KEYS, *extra_keys],
        sample={**_APPLICANT_SAMPLE, "product_label": label, **(extra_sample or {})},
    )


CATALOGUE: dict[str, CatalogueEntry] = {
    "request-receipt": CatalogueEntry(
        code="request-receipt",
        keys=[
            ("request_code", "Kode lacak permohonan"),
            ("service_name", "Nama layanan"),
            ("applicant_name", "Nama pemohon"),
            ("submitted_at", "Waktu permohonan diterima (datetime)"),
            ("due_text", "Perkiraan selesai, mis. '30 menit' atau tanggal"),
            ("checklist", "Daftar persyaratan: [{label, status}]"),
            ("track_url", "Alamat halaman lacak"),
            ("survey_url", "Alamat survei kepuasan (opsional)"),
        ],
        sample={
            "request_code": "TRK-7Q4M-2XKD",
            "service_name": "Fasilitasi Program Sembako",
            "applicant_name": "Contoh Nama Pemohon",
            "submitted_at": datetime.datetime(2026, 1, 12, 9, 15, tzinfo=datetime.UTC),
            "due_text": "30 menit (hari ini pukul 16.45 WIB)",
            "checklist": [
                {"label": "Fotocopy KK/KTP", "status": "Lengkap"},
                {"label": "Fotocopy KKS", "status": "Lengkap"},
                {"label": "Surat Keterangan dari Kelurahan", "status": "Belum ada"},
            ],
            "track_url": "https://sigap.example/track/TRK-7Q4M-2XKD",
            "survey_url": "https://sigap.example/survey/abc",
        },
    ),
    "sk-kks-new": _sk("sk-kks-new", "Surat Keterangan Penerbitan KKS Baru"),
    "sk-kks-lost": _sk("sk-kks-lost", "Surat Keterangan KKS Hilang dan Setting E-Wallet"),
    "sk-death": _sk(
        "sk-death",
        "Surat Keterangan Meninggal",
        extra_keys=[
            ("deceased.name", "Nama anggota KPM yang meninggal (opsional)"),
            ("deceased.date_of_death", "Tanggal meninggal (opsional)"),
            ("deceased.death_certificate_number", "Nomor akta kematian (opsional)"),
        ],
        extra_sample={
            "deceased": {
                "name": "Contoh Nama Almarhum",
                "date_of_death": datetime.date(2025, 12, 1),
                "death_certificate_number": "6571-KM-01122025-0001",
            }
        },
    ),
    "sk-data-change": _sk("sk-data-change", "Surat Keterangan Perubahan Data"),
    "cashaid-receipt": CatalogueEntry(
        code="cashaid-receipt",
        keys=[
            ("recipient.name", "Nama penerima"),
            ("recipient.nik", "NIK penerima"),
            ("recipient.address", "Alamat asal penerima"),
            ("amount", "Jumlah uang (rupiah, bilangan bulat)"),
            ("destination", "Tujuan pulang"),
            ("next_office", "Dinas Sosial berikutnya pada rute estafet"),
            ("incident_text", "Uraian kejadian kehabisan bekal"),
            ("police_letter_number", "Nomor surat keterangan kepolisian (opsional)"),
        ],
        sample={
            "recipient": {
                "name": "Contoh Nama Penerima",
                "nik": "3314010101900002",
                "address": "Desa Contoh, Kecamatan Contoh, Kabupaten Contoh",
            },
            "amount": 150000,
            "destination": "Kabupaten Ngawi, Jawa Timur",
            "next_office": "Dinas Sosial Kabupaten Ngawi",
            "incident_text": "Kehabisan bekal dalam perjalanan pulang setelah bekerja.",
            "police_letter_number": "SKET/123/I/2026/Polsek Sragen Kota",
        },
    ),
}


# Frame values a template needs unless the caller says otherwise (the kwitansi is signed by the
# officer as the one who hands over the money, not under the officer's position).
FRAME_DEFAULTS: dict[str, dict[str, str]] = {
    "cashaid-receipt": {"signer_title": "Yang Menyerahkan,"},
}


def _kwitansi_parties(context: dict) -> list[dict]:
    recipient = context.get("recipient") or {}
    return [
        {
            "role_label": "Yang Menerima,",
            "name": recipient.get("name", ""),
            "id_label": "NIK",
            "id_number": recipient.get("nik", ""),
        },
        {"role_label": context.get("signer_title") or "Yang Menyerahkan,", "is_signer": True},
    ]


def _bast_goods_parties(context: dict) -> list[dict]:
    giver, recipient = context.get("giver") or {}, context.get("recipient") or {}
    return [
        {
            "role_label": "PIHAK KEDUA,\nYang Menerima",
            "name": recipient.get("name", ""),
            "rank": recipient.get("position", ""),
            "signature_image": recipient.get("signature", ""),
            "id_label": "",
        },
        {
            "role_label": "PIHAK PERTAMA,\nYang Menyerahkan",
            "name": giver.get("name", ""),
            "rank": giver.get("position", ""),
            "nip": giver.get("nip", ""),
            "is_signer": True,
        },
    ]


def _bast_child_parties(context: dict) -> list[dict]:
    return [
        {
            "role_label": "PIHAK KEDUA,\n" + context.get("second_party_position", ""),
            "name": context.get("second_party_name", ""),
            "nip": context.get("second_party_nip", ""),
        },
        {
            "role_label": "PIHAK PERTAMA,\n" + context.get("first_party_position", ""),
            "name": context.get("first_party_name", ""),
            "nip": context.get("first_party_nip", ""),
        },
        {"role_label": context.get("signer_title") or "Mengetahui,", "is_signer": True},
    ]


# Templates whose document has more than its signer's block: who stands where is part of the
# layout (PIHAK KEDUA on the left, PIHAK PERTAMA on the right, "Mengetahui" last), the names
# come from the context the app gives. A caller's own `signatories` wins.
DEFAULT_SIGNATORIES = {
    "cashaid-receipt": _kwitansi_parties,
    "bast-goods": _bast_goods_parties,
    "bast-child-placement": _bast_child_parties,
}


def document_context(code: str, context: dict) -> dict:
    """The context a template is rendered with: its frame defaults, then the caller's data."""
    full = {**FRAME_DEFAULTS.get(code, {}), **context}
    if "signatories" not in full and code in DEFAULT_SIGNATORIES:
        full["signatories"] = DEFAULT_SIGNATORIES[code](full)
    return full


def sample_context(code: str) -> dict:
    entry = CATALOGUE.get(code)
    sample = dict(entry.sample) if entry else {}
    sample.setdefault("submitted_at", timezone.now())
    return sample
