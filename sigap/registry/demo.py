"""Demo registry of Kabupaten Sragen (33.14): fifteen families in real villages, with valid NIK
and KK numbers, and this year's BPNT list (KKS cards, paying channel, DTKS and SP2D listing).
Safe to run again: everything is keyed by NIK, KK number and (person, programme, year)."""

import datetime

from django.core.management.base import OutputWrapper

from sigap.accounts.models import Office
from sigap.registry.memberships import family_member_add, family_upsert, membership_upsert
from sigap.registry.models import PayingChannel, Person, Programme
from sigap.registry.services import person_upsert

# (village code, address, head (name, sex, birth date), spouse or None, child or None,
#  BPNT: "sp2d" listed and paid, "dtks" listed only, None not on the list)
FAMILIES = [
    (
        "33.14.01.2001",
        "Dukuh Keden RT 01/RW 02",
        ("SITI AMINAH", "F", "1978-03-12"),
        ("SUPARNO", "M", "1975-08-01"),
        ("RINA LESTARI", "F", "2008-05-20"),
        "sp2d",
    ),
    (
        "33.14.01.2001",
        "Dukuh Keden RT 03/RW 02",
        ("SUKINEM", "F", "1961-11-02"),
        None,
        None,
        "sp2d",
    ),
    (
        "33.14.01.2002",
        "Dukuh Trobayan RT 02/RW 01",
        ("PAIJO WIRYO", "M", "1958-01-17"),
        ("TUKIYEM", "F", "1962-04-09"),
        None,
        "sp2d",
    ),
    (
        "33.14.01.2003",
        "Dukuh Kalimacan RT 05/RW 03",
        ("MARYATI", "F", "1983-07-25"),
        ("SLAMET RIYADI", "M", "1980-12-30"),
        ("ADI NUGROHO", "M", "2011-09-14"),
        "sp2d",
    ),
    (
        "33.14.01.2005",
        "Dukuh Krikilan RT 01/RW 04",
        ("SRI WAHYUNI", "F", "1979-02-28"),
        ("JOKO SUSILO", "M", "1977-06-06"),
        ("DEWI ANGGRAENI", "F", "2006-10-10"),
        "sp2d",
    ),
    (
        "33.14.02.2001",
        "Dukuh Karangwaru RT 02/RW 01",
        ("WAGINEM", "F", "1966-05-05"),
        ("SARDI", "M", "1963-03-03"),
        None,
        "sp2d",
    ),
    (
        "33.14.02.2002",
        "Dukuh Ngrombo RT 04/RW 02",
        ("PARMI", "F", "1972-08-17"),
        ("MULYONO", "M", "1970-10-21"),
        ("EKO PRASETYO", "M", "2001-01-15"),
        "sp2d",
    ),
    (
        "33.14.02.2012",
        "Dukuh Plupuh RT 01/RW 01",
        ("KASIYEM", "F", "1955-12-24"),
        None,
        None,
        "sp2d",
    ),
    (
        "33.14.10.1002",
        "Kampung Sragen Kulon RT 06/RW 05",
        ("DARMINI", "F", "1969-09-09"),
        ("TRI HARYANTO", "M", "1967-04-04"),
        ("ANISA RAHMAWATI", "F", "2010-02-02"),
        "sp2d",
    ),
    (
        "33.14.10.1005",
        "Kampung Nglorog RT 02/RW 07",
        ("SUYATNO", "M", "1974-06-30"),
        ("SUMARNI", "F", "1976-11-11"),
        ("BAYU SAPUTRA", "M", "2005-03-08"),
        "sp2d",
    ),
    (
        "33.14.01.2004",
        "Dukuh Jetis RT 02/RW 01",
        ("NGATMI", "F", "1970-01-30"),
        ("WIDODO", "M", "1968-05-17"),
        ("FAJAR RAMADHAN", "M", "2004-11-03"),
        "sp2d",
    ),
    (
        "33.14.02.2005",
        "Dukuh Cangkol RT 03/RW 02",
        ("TUMINAH", "F", "1964-06-12"),
        ("KARNO", "M", "1960-02-14"),
        ("LINA MARLINA", "F", "1999-08-08"),
        "sp2d",
    ),
    (
        "33.14.10.1003",
        "Kampung Sragen Tengah RT 04/RW 03",
        ("ENDANG SUSILOWATI", "F", "1975-10-05"),
        ("BAMBANG SUTRISNO", "M", "1973-09-19"),
        ("DIMAS ARYA", "M", "2009-04-27"),
        "sp2d",
    ),
    (
        "33.14.13.1002",
        "Kampung Ngembatpadas RT 03/RW 01",
        ("WARSINI", "F", "1981-04-01"),
        ("HARTONO", "M", "1979-07-07"),
        ("PUTRI AYU", "F", "2012-12-12"),
        "dtks",
    ),
    (
        "33.14.13.2001",
        "Dukuh Kaloran RT 01/RW 02",
        ("SUGIYANTO", "M", "1985-10-10"),
        ("RATNA SARI", "F", "1987-01-21"),
        None,
        None,
    ),
]


def _nik(village: str, sex: str, birth: str, serial: int) -> str:
    born = datetime.date.fromisoformat(birth)
    day = born.day + (40 if sex == "F" else 0)
    district = village.replace(".", "")[:6]
    return f"{district}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def _kk(village: str, index: int) -> str:
    return f"{village.replace('.', '')[:6]}1503{15 + index % 9:02d}{index + 1:04d}"


def _person(village, address, member, serial) -> Person:
    name, sex, birth = member
    return person_upsert(
        nik=_nik(village, sex, birth, serial),
        name=name,
        sex=sex,
        birth_place="Sragen",
        birth_date=datetime.date.fromisoformat(birth),
        address=address,
        village_code=village,
    )


def load(*, stdout: OutputWrapper) -> None:
    office = Office.objects.filter(code="sragen").first()
    if office is None:
        return
    year = datetime.date.today().year
    persons = members = 0
    for index, (village, address, head, spouse, child, bpnt) in enumerate(FAMILIES):
        family = family_upsert(kk_number=_kk(village, index), address=address, village_code=village)
        head_person = _person(village, address, head, 100 + index * 3)
        family_member_add(family=family, person=head_person, head=True)
        persons += 1
        for offset, member in ((1, spouse), (2, child)):
            if member:
                person = _person(village, address, member, 100 + index * 3 + offset)
                family_member_add(family=family, person=person)
                persons += 1
        if bpnt is None:
            continue
        himbara = not village.startswith("33.14.02")
        membership_upsert(
            person=head_person,
            office=office,
            programme=Programme.BPNT,
            year=year,
            period="Tahap 1-4",
            kks_number=f"5264220{index + 1:09d}",
            channel=PayingChannel.HIMBARA if himbara else PayingChannel.POS,
            bank="BNI" if himbara else "",
            dtks_listed=True,
            dtks_date=datetime.date(year - 1, 7, 1),
            sp2d_listed=bpnt == "sp2d",
        )
        members += 1
    stdout.write(f"  registry: {persons} persons in Sragen, {members} on the BPNT {year} list")
