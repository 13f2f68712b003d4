"""Worst-case data for the layout test: the longest names and titles an office could have,
a three-line address, 40 item lines, a drawn signature."""

import base64
import datetime
import io

from PIL import Image, ImageDraw

from sigap.accounts.models import Office, OfficeLevel

LONG_PERSON = "Raden Ayu Siti Nurhayati Kusumawardhani Puspitasari Wulandari"
LONG_OFFICIAL = (
    "Prof. Dr. Hj. Raden Ajeng Kusumaningtyas Wulandari Hadiningrat, S.Sos., M.Si., M.AP."
)
LONG_RANK = "Pembina Utama Madya/IV-d"
NIP = "196803181994031007"
LONG_ADDRESS = (
    "Jalan Raya Poros Trans Kalimantan Kilometer 27 Nomor 1234 Blok C-12, RT 045/RW 012, "
    "Kelurahan Karang Anyar Pantai, Kecamatan Tarakan Barat, Kota Tarakan, "
    "Provinsi Kalimantan Utara 77111"
)
LONG_TEXT = (
    "Kartu Keluarga Sejahtera hilang pada saat banjir rob, buku tabungan rusak terendam air, "
    "sehingga bantuan tidak dapat dicairkan selama tiga tahap penyaluran berturut-turut "
    "dan KPM telah melapor ke kelurahan serta ke bank penyalur tanpa hasil."
)
DRAWN_SIZE = (400, 150)


def worst_office() -> Office:
    """Unsaved: the frame only reads its fields. The longest office name in Indonesia's style."""
    return Office(
        code="tarakan",
        name=(
            "Dinas Sosial, Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk "
            "dan Keluarga Berencana Kabupaten Kepulauan Siau Tagulandang Biaro"
        ),
        level=OfficeLevel.CITY,
        region_code="65.71",
        government_name="PEMERINTAH KABUPATEN KEPULAUAN SIAU TAGULANDANG BIARO",
        address="Jalan Jenderal Sudirman Nomor 176, Kompleks Perkantoran Terpadu Blok B Lantai 3",
        address_line_2="Kelurahan Pamusian, Kecamatan Tarakan Tengah, Kota Tarakan 77111",
        phone="(0551) 2123456, 0812-3456-7890",
        email="dinsos.pppa.ppkb@kepulauansiautagulandangbiarokab.go.id",
        website="https://dinsos.kepulauansiautagulandangbiarokab.go.id",
        letter_code="DINSOSP3AP2KB",
    )


def drawn_signature() -> str:
    """A PNG data URI of a scribbled signature, the size the logistics pad sends."""
    image = Image.new("RGBA", DRAWN_SIZE, (255, 255, 255, 0))
    pen = ImageDraw.Draw(image)
    points = [(20 + i * 18, 75 + (35 if i % 2 else -35)) for i in range(20)]
    pen.line(points, fill=(10, 20, 120, 255), width=5)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _applicant() -> dict:
    return {
        "applicant": {
            "name": LONG_PERSON,
            "nik": "6571014512800001",
            "address": LONG_ADDRESS,
            "kks_number": "6013 0100 0000 0001 2345",
        },
        "problem": LONG_TEXT,
        "analysis": LONG_TEXT + " " + LONG_TEXT,
        "solution": LONG_TEXT,
        "siks_ng_updated": True,
        "purpose": "pengurusan penggantian Kartu Keluarga Sejahtera di Bank Mandiri Cabang Tarakan",
        "initialled_by": "Sub Koordinator Pemberdayaan Sosial: " + LONG_PERSON,
    }


def contexts() -> dict[str, dict]:
    """{template code: worst-case context}."""
    items = [
        {
            "name": f"Paket sembako keluarga isi beras premium 10 kg, minyak goreng 2 liter dan "
            f"mi instan 1 dus varian {n}",
            "unit": "paket",
            "lot": f"LOT-2026-BNT-{n:05d}-KEMENSOS",
            "expires_on": datetime.date(2027, 6, 30),
            "sent": 12500 + n,
            "received": 12400 + n,
            "damaged": 50,
            "returned": 25,
            "lost": 25,
        }
        for n in range(1, 41)
    ]
    return {
        "sk-kks-new": _applicant(),
        "sk-kks-lost": _applicant(),
        "sk-death": {
            **_applicant(),
            "deceased": {
                "name": LONG_PERSON,
                "date_of_death": datetime.date(2026, 11, 30),
                "death_certificate_number": "6571-KM-30112026-000123",
            },
        },
        "sk-data-change": _applicant(),
        "request-receipt": {
            "request_code": "TRK-7Q4M-2XKD",
            "service_name": "Fasilitasi Program Sembako: Surat Keterangan KKS Hilang dan Setting",
            "applicant_name": LONG_PERSON,
            "submitted_at": datetime.datetime(2026, 12, 3, 1, 15, tzinfo=datetime.UTC),
            "due_text": "3 Desember 2026 pukul 09.45 WITA",
            "checklist": [
                {
                    "label": f"Fotokopi dokumen persyaratan nomor {n} yang dilegalisir",
                    "status": "Lengkap",
                }
                for n in range(1, 9)
            ],
            "track_url": "https://sigap.example.go.id/track/TRK-7Q4M-2XKD",
            "survey_url": "https://sigap.example.go.id/survey/abcdefghijklmnopqrstuvwxyz0123456789",
        },
        "cashaid-receipt": {
            "recipient": {"name": LONG_PERSON, "nik": "3314014512900002", "address": LONG_ADDRESS},
            "amount": 1_987_654,
            "destination": "Kabupaten Kepulauan Siau Tagulandang Biaro, Sulawesi Utara",
            "next_office": "Dinas Sosial Kabupaten Kepulauan Siau Tagulandang Biaro",
            "incident_text": LONG_TEXT,
            "police_letter_number": "SKET/12345/XII/2026/Reskrim/Polres Kepulauan Siau",
        },
        "bast-goods": {
            "place": "Posko Utama Penanganan Bencana Banjir Bandang Kecamatan Cibeber",
            "handed_over_at": datetime.datetime(2026, 12, 3, 6, 30, tzinfo=datetime.UTC),
            "request_code": "LOG-2026-00042",
            "event_name": "Banjir bandang dan tanah longsor Kabupaten Lebak 2026",
            "letter_number": "400.9/1234/DINSOS-LBK/XII/2026",
            "vehicle": "Truk logistik A 1234 BC",
            "driver": LONG_PERSON,
            "note": LONG_TEXT,
            "giver": {"name": LONG_OFFICIAL, "position": "Pengelola Gudang Logistik", "nip": NIP},
            "recipient": {
                "name": LONG_PERSON,
                "position": "Koordinator Posko Penanganan Darurat Bencana",
                "organisation": "Posko Utama Kecamatan Cibeber",
                "signature": drawn_signature(),
            },
            "items": items,
        },
        "bast-child-placement": {
            "case_code": "ANK-2026-0042",
            "child_name": LONG_PERSON,
            "child_nik": "3602014512150003",
            "child_sex": "Perempuan",
            "child_birth_place": "Rangkasbitung",
            "child_birth_date": "14 Februari 2015",
            "referral_number": "400.9/1234/DINSOS-LBK/XII/2026",
            "referral_date": "1 Desember 2026",
            "referring_office": "Dinas Sosial Kabupaten Lebak",
            "centre_kind": "Balai Rehabilitasi Sosial",
            "centre_name": "UPTD Panti Sosial Asuhan Anak Bina Harapan Bangsa Provinsi Banten",
            "centre_address": LONG_ADDRESS,
            "placed_on": "3 Desember 2026",
            "place": "Serang",
            "first_party_name": LONG_OFFICIAL,
            "first_party_nip": NIP,
            "first_party_position": "Pekerja Sosial Ahli Muda",
            "first_party_office": "Dinas Sosial Provinsi Banten",
            "second_party_name": LONG_PERSON,
            "second_party_nip": "197501012000032001",
            "second_party_position": "Kepala UPTD Panti Sosial Asuhan Anak",
            "service_ends_on": "3 Desember 2027",
            "health_certificate": "dr. " + LONG_PERSON + ", RSUD dr. Adjidarmo, 1 Desember 2026",
            "signer_title": "Mengetahui,\nKepala Bidang Rehabilitasi Sosial",
        },
        "bpnt-recommendation": {
            "recipient": "Pimpinan Bank Negara Indonesia (Persero) Tbk Kantor Cabang Sragen",
            "ticket_code": "BPNT-123456",
            "beneficiary": {
                "name": LONG_PERSON,
                "nik": "3314014512800001",
                "address": LONG_ADDRESS,
                "kks_number": "6013 0100 0000 0001",
            },
            "problem": "Saldo nol pada saat transaksi di e-warong",
            "description": LONG_TEXT,
            "resolution": LONG_TEXT,
        },
        "bpnt-camat-notice": {
            "recipient": "Camat Kecamatan Sumberlawang Kabupaten Sragen",
            "district_name": "Sumberlawang",
            "stage_number": 4,
            "year": 2026,
            "period": "Oktober - Desember 2026",
            "distribution_date": datetime.date(2026, 12, 7),
            "villages": [
                {
                    "code": f"33.14.12.20{n:02d}",
                    "name": f"Desa Pendem Mojopuro Ngandul {n}",
                    "total": 100 + n,
                }
                for n in range(1, 41)
            ],
            "total": sum(100 + n for n in range(1, 41)),
        },
    }


# The signature blocks each document must print whole: (first line, name).
SIGNER_ROLE = "Kepala Dinas"
BLOCKS = {
    "cashaid-receipt": [("Yang Menerima,", LONG_PERSON), ("Yang Menyerahkan,", LONG_OFFICIAL)],
    "bast-goods": [("PIHAK KEDUA,", LONG_PERSON), ("PIHAK PERTAMA,", LONG_OFFICIAL)],
    "bast-child-placement": [
        ("PIHAK KEDUA,", LONG_PERSON),
        ("PIHAK PERTAMA,", LONG_OFFICIAL),
        ("Mengetahui,", LONG_OFFICIAL),
    ],
    "request-receipt": [],
}
