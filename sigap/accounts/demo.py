"""Demo offices of the seeds (letterhead data included; the street addresses are illustrative),
their units, and one staff account per role in each office.

Every demo account's password is DEMO_PASSWORD; usernames are `<office>.<role>`,
e.g. `tarakan.front_office`.
"""

from django.core.management.base import OutputWrapper

from sigap.accounts.models import Office, OfficeLevel, Position, Unit, UnitKind, User
from sigap.accounts.roles import Role
from sigap.accounts.services import user_set_roles

DEMO_PASSWORD = "Sigap-demo-2026"  # noqa: S105 - published demo password, documented in README

OFFICES = [
    {
        "code": "banten",
        "name": "Dinas Sosial Provinsi Banten",
        "level": OfficeLevel.PROVINCE,
        "region_code": "36",
        "government_name": "PEMERINTAH PROVINSI BANTEN",
        "address": "Kawasan Pusat Pemerintahan Provinsi Banten (KP3B), Jl. Syekh Nawawi Al-Bantani",
        "address_line_2": "Palima, Curug, Kota Serang, Banten 42212",
        "phone": "081288475883",
        "email": "dinsos@bantenprov.go.id",
        "website": "dinsos.bantenprov.go.id",
        "letter_code": "DINSOS",
        "units": [
            ("sekretariat", "Sekretariat", UnitKind.SECRETARIAT),
            ("linjamsos", "Bidang Perlindungan dan Jaminan Sosial", UnitKind.DIVISION),
            ("rehsos", "Bidang Rehabilitasi Sosial", UnitKind.DIVISION),
            ("gudang", "Gudang Logistik", UnitKind.TECHNICAL_UNIT),
        ],
    },
    {
        "code": "lebak",
        "name": "Dinas Sosial Kabupaten Lebak",
        "level": OfficeLevel.REGENCY,
        "region_code": "36.02",
        "parent": "banten",
        "government_name": "PEMERINTAH KABUPATEN LEBAK",
        "address": "Jl. Siliwangi No. 2, Rangkasbitung",
        "address_line_2": "Kabupaten Lebak, Banten 42314",
        "phone": "(0252) 201234",
        "email": "dinsos@lebakkab.go.id",
        "website": "dinsos.lebakkab.go.id",
        "letter_code": "DINSOS",
        "units": [("linjamsos", "Bidang Perlindungan dan Jaminan Sosial", UnitKind.DIVISION)],
    },
    {
        "code": "sragen",
        "name": "Dinas Sosial Kabupaten Sragen",
        "level": OfficeLevel.REGENCY,
        "region_code": "33.14",
        "government_name": "PEMERINTAH KABUPATEN SRAGEN",
        "address": "Jl. Raya Sukowati No. 255, Sragen Kulon",
        "address_line_2": "Kabupaten Sragen, Jawa Tengah 57212",
        "phone": "0271-891043",
        "email": "dinsos@sragenkab.go.id",
        "website": "dinsos.sragenkab.go.id",
        "letter_code": "DINSOS",
        "units": [
            ("linsos", "Bidang Perlindungan Sosial", UnitKind.DIVISION),
            ("pfm", "Bidang Penanganan Fakir Miskin", UnitKind.DIVISION),
        ],
    },
    {
        "code": "tarakan",
        "name": "Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan",
        "level": OfficeLevel.CITY,
        "region_code": "65.71",
        "government_name": "PEMERINTAH KOTA TARAKAN",
        "address": "Jl. Jenderal Sudirman No. 76, Pamusian, Tarakan Tengah",
        "address_line_2": "Kota Tarakan, Kalimantan Utara 77111",
        "phone": "(0551) 21234",
        "email": "dinsospm@tarakankota.go.id",
        "website": "dinsospm.tarakankota.go.id",
        "letter_code": "DINSOSPM",
        "units": [
            ("bidang-sosial", "Bidang Sosial", UnitKind.DIVISION),
            ("pemberdayaan-sosial", "Seksi Pemberdayaan Sosial", UnitKind.SECTION),
        ],
    },
]

# Named people of the seeds; the other demo staff get generated names.
KNOWN_STAFF = {
    ("tarakan", Role.HEAD_OF_OFFICE): {
        "full_name": "Arbain, SE., M. AP",
        "rank": "Pembina Utama Muda/IV-c",
        "nip": "196803181994031007",
        "position": "Kepala Dinas",
    },
    ("sragen", Role.COMPLAINTS_OFFICER): {
        "full_name": "Sari Srihartiwi, MM",
        "nip": "196601011998032005",
        "position": "JF Pekerja Sosial Ahli Muda",
    },
}
POSITIONS = {
    Role.HEAD_OF_OFFICE: "Kepala Dinas",
    Role.HEAD_OF_DIVISION: "Kepala Bidang",
    Role.SECTION_HEAD: "Sub Koordinator",
    Role.SOCIAL_COUNSELLOR: "Penyuluh Sosial Ahli Muda",
    Role.FRONT_OFFICE: "Petugas Front Office",
    Role.CUSTOMER_SERVICE: "Customer Service",
    Role.VERIFIER: "Verifikator",
    Role.BACK_OFFICE: "Petugas Back Office",
    Role.SOCIAL_WORKER: "Pekerja Sosial Ahli Pertama",
    Role.SOCIAL_COMPANION: "Pendamping Sosial",
    Role.CHILD_COMPANION: "Pendamping Anak",
    Role.TKSK: "TKSK",
    Role.VOLUNTEER: "Relawan Sosial",
    Role.COMPLAINTS_OFFICER: "Pejabat Pengelola Pengaduan",
    Role.WAREHOUSE_OFFICER: "Pengelola Gudang Logistik",
    Role.TREASURER: "Bendahara Pengeluaran",
    Role.AUDITOR: "Auditor Inspektorat",
    Role.ADMINISTRATOR: "Administrator Sistem",
}
FIRST_NAMES = ["Siti", "Budi", "Dewi", "Agus", "Rina", "Hendra", "Lestari", "Yusuf", "Maya"]
LAST_NAMES = ["Rahmawati", "Santoso", "Pratama", "Nugroho", "Wulandari", "Hidayat", "Saputra"]


def demo_nip(office_index: int, role_index: int) -> str:
    """A well-formed 18-digit NIP: birth date, appointment year-month, sex, serial."""
    birth = f"19{70 + role_index % 25:02d}{1 + role_index % 12:02d}{10 + office_index:02d}"
    appointment = f"20{role_index % 20 + 1:02d}{1 + office_index % 12:02d}"
    sex = "1" if role_index % 2 == 0 else "2"
    return f"{birth}{appointment}{sex}{office_index * 100 + role_index + 1:03d}"


def office_upsert(data: dict) -> Office:
    fields = {k: v for k, v in data.items() if k not in {"code", "units", "parent"}}
    if data.get("parent"):
        fields["parent"] = Office.objects.get(code=data["parent"])
    office, _ = Office.objects.update_or_create(code=data["code"], defaults=fields)
    for code, name, kind in data.get("units", []):
        Unit.objects.update_or_create(
            office=office, code=code, defaults={"name": name, "kind": kind}
        )
    return office


def load(*, stdout: OutputWrapper) -> None:
    for office_index, data in enumerate(OFFICES):
        office = office_upsert(data)
        first_unit = office.units.filter(kind=UnitKind.DIVISION).first()
        for role_index, role in enumerate(Role):
            known = KNOWN_STAFF.get((office.code, role), {})
            name = known.get("full_name") or (
                f"{FIRST_NAMES[(office_index + role_index) % len(FIRST_NAMES)]} "
                f"{LAST_NAMES[(office_index * 3 + role_index) % len(LAST_NAMES)]}"
            )
            position, _ = Position.objects.get_or_create(
                name=known.get("position", POSITIONS[role])
            )
            user, created = User.objects.update_or_create(
                username=f"{office.code}.{role.value}",
                defaults={
                    "full_name": name,
                    "first_name": name.split(",")[0].split()[0],
                    "nip": known.get("nip") or demo_nip(office_index, role_index),
                    "rank": known.get("rank", "Penata/III-c"),
                    "office": office,
                    "unit": first_unit,
                    "position": position,
                    "email": f"{office.code}.{role.value}@example.go.id",
                    "is_staff": role == Role.ADMINISTRATOR,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            user_set_roles(user=user, roles=[role])
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@example.go.id", DEMO_PASSWORD)
    stdout.write(f"Offices and staff ready (password for every demo account: {DEMO_PASSWORD}).")
