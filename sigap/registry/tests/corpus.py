"""The test corpus: small, ugly files as offices really receive them, written by code.

Each writer returns the file's path and, per spreadsheet row, what the import must do with it:
`Expect(stored={...})` (the person and membership values that must land) or
`Expect(reason="...")` (the exact Indonesian reason in the rejects file). No binary fixtures:
the XLSX files are written with openpyxl, so every cell's type is the one the test says.
"""

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

SRAGEN = ("33.14.01.2001", "33.14.01.2002", "33.14.01.2003")
LEBAK = "36.02.01.2002"  # a village of another province's regency


@dataclass
class Expect:
    stored: dict = field(default_factory=dict)
    reason: str = ""
    warning: str = ""


def nik(day: int, month: int, year: int, serial: int, *, female=False, region="331401") -> str:
    return f"{region}{day + (40 if female else 0):02d}{month:02d}{year % 100:02d}{serial:04d}"


def kk(serial: int, region="331401") -> str:
    return f"{region}{100000 + serial}{serial % 9000 + 1:04d}"[:16]


def kks(serial: int, last: int = 7) -> str:
    return f"50490000{serial:07d}{last}"


def _plain(village: str) -> str:
    return village.replace(".", "")


# -- A: a DTKS extract, UTF-8 with BOM, semicolons, a quoted address over two lines ------------
DATE_FORMS = [
    # (cell, expected date or None, reason when refused)
    ("19 Desember 1969", dt.date(1969, 12, 19), ""),
    ("19-Des-1969", dt.date(1969, 12, 19), ""),
    ("19/12/69", dt.date(1969, 12, 19), ""),
    ("19.12.1969", dt.date(1969, 12, 19), ""),
    ("19 12 1969", dt.date(1969, 12, 19), ""),
    ("1969-12-19", dt.date(1969, 12, 19), ""),
    ("December 19, 1969", dt.date(1969, 12, 19), ""),
    ("19 Dec 1969", dt.date(1969, 12, 19), ""),
    ("25556", dt.date(1969, 12, 19), ""),  # Excel serial
    ("5 Mei 2001", dt.date(2001, 5, 5), ""),
    ("1 Agt 2019", dt.date(2019, 8, 1), ""),
    ("03-Okt-85", dt.date(1985, 10, 3), ""),
    (
        "12/25/1969",
        None,
        "Tanggal lahir tampak ditulis bulan/hari/tahun (12/25/1969); tulis hari-bulan-tahun",
    ),
    ("31/02/1970", None, "Tanggal lahir bukan tanggal yang sah (31/02/1970)"),
    ("1/1/2099", None, "Tanggal lahir ada di masa depan (1/1/2099)"),
]


def write_dtks_bom_semicolon(directory: Path) -> tuple[Path, dict[int, Expect]]:
    header = (
        "ID_DTKS;NO_KK;NIK;NAMA;JENIS_KELAMIN;TEMPAT_LAHIR;TANGGAL_LAHIR;ALAMAT;KODE_WILAYAH;"
        "TANGGAL_PENETAPAN"
    )
    lines, expect = [header], {}
    for i, (cell, birth, reason) in enumerate(DATE_FORMS):
        row = i + 2
        born = birth or dt.date(1970, 1, 1)
        number = nik(born.day, born.month, born.year, i + 1, female=i % 2 == 1)
        address = '"DUKUH NGLOROG\nRT 01/RW 02"' if i == 0 else f"DUKUH {i}"
        lines.append(
            f"DTKS{i:05d};{kk(i)};{number};  siti   aminah {i} ;{'P' if i % 2 else 'L'};SRAGEN;"
            f"{cell};{address};{_plain(SRAGEN[i % 3])};01-Jan-2025"
        )
        if reason:
            expect[row] = Expect(reason=reason)
        else:
            expect[row] = Expect(
                stored={
                    "nik": number,
                    "name": f"SITI AMINAH {i}",
                    "birth_date": birth,
                    "sex": "F" if i % 2 else "M",
                    "address": "DUKUH NGLOROG\nRT 01/RW 02" if i == 0 else f"DUKUH {i}",
                    "village_code": SRAGEN[i % 3],
                    "membership.dtks_date": dt.date(2025, 1, 1),
                    "membership.dtks_listed": True,
                }
            )
    path = directory / "dtks-bom-titikkoma.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")
    return path, expect


# -- B: a BPNT KPM list saved by Excel on Windows (Windows-1252), with a row from Lebak --------
def write_bpnt_cp1252(directory: Path) -> tuple[Path, dict[int, Expect]]:
    rows = [
        ("ANDRÉ SÜTRISNO", SRAGEN[0], ""),
        ("NUR ‘AINI", SRAGEN[1], ""),  # a typographic quote: 0x91 in Windows-1252
        ("SUPARMI", LEBAK, "out_of_area"),
        ("WAGIYEM", SRAGEN[2], ""),
    ]
    lines = ["ID_KPM,NIK_KPM,NAMA_KPM,NO_KK,ALAMAT,KODE_DESA,NO_KKS,STATUS_KPM"]
    expect = {}
    for i, (name, village, fault) in enumerate(rows):
        number = nik(10 + i, 3, 1975, 100 + i)
        lines.append(
            f"KPM-{i},{number},{name},{kk(100 + i)},DUSUN {i},{_plain(village)},{kks(i)},AKTIF"
        )
        stored = {
            "nik": number,
            "name": name,
            "village_code": village,
            "membership.kks_number": kks(i),
        }
        if fault:
            reason = f"Desa {village} berada di luar wilayah kantor ini (33.14)"
            expect[i + 2] = Expect(reason=reason, stored=stored, warning=reason)
        else:
            expect[i + 2] = Expect(stored=stored)
    path = directory / "kpm-bpnt-windows.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    return path, expect


# -- C: an SP2D list re-saved in Excel: identity numbers held as numbers ------------------------
NUMERIC_NIK_EXACT = 3314015912690001  # 16 digits, last not 0, below 2**53: a program wrote it
NUMERIC_NIK_ROUNDED = 3314015912690010  # what Excel leaves of a typed ...0013
NUMERIC_NIK_PAPUA = 9171015912690003  # above 2**53: a double cannot hold it exactly


def write_sp2d_numeric_xlsx(directory: Path) -> tuple[Path, dict[int, Expect]]:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        [
            "NIK",
            "NO_KK",
            "NAMA_PENERIMA",
            "TGL_LAHIR",
            "KODE_DESA",
            "NO_KKS",
            "BANK_PENYALUR",
            "NOMINAL",
        ]
    )
    text_nik = nik(19, 12, 1969, 20)
    rows = [
        # NIK cell, KK cell, KKS cell, birth cell, amount cell, expectation
        (
            NUMERIC_NIK_EXACT,
            kk(1),
            kks(1),
            dt.datetime(1969, 12, 19),
            600000,
            Expect(
                stored={
                    "nik": str(NUMERIC_NIK_EXACT),
                    "birth_date": dt.date(1969, 12, 19),
                    "membership.amount": 600000,
                    "membership.kks_number": kks(1),
                }
            ),
        ),
        (
            NUMERIC_NIK_ROUNDED,
            kk(2),
            kks(2),
            dt.datetime(1969, 12, 19),
            600000,
            Expect(
                reason="NIK tersimpan di spreadsheet sebagai angka (3314015912690010); Excel "
                "hanya menyimpan 15 digit, jadi digit terakhir belum tentu sama dengan kartu: "
                "format kolom sebagai Teks lalu ketik ulang nomornya"
            ),
        ),
        (
            NUMERIC_NIK_PAPUA,
            kk(3),
            kks(3),
            dt.datetime(1969, 12, 19),
            600000,
            Expect(
                reason="NIK tersimpan di spreadsheet sebagai angka (9171015912690004); Excel "
                "hanya menyimpan 15 digit, jadi digit terakhir belum tentu sama dengan kartu: "
                "format kolom sebagai Teks lalu ketik ulang nomornya"
            ),
        ),
        (
            text_nik,
            kk(4),
            kks(4),
            25556,
            "Rp 600.000,00",
            Expect(
                stored={
                    "nik": text_nik,
                    "birth_date": dt.date(1969, 12, 19),
                    "membership.amount": 600000,
                }
            ),
        ),
        (
            3314015.5,
            kk(5),
            kks(5),
            "19 Desember 1969",
            600000,
            Expect(
                reason="NIK tersimpan di spreadsheet sebagai angka (3314015.5); Excel hanya "
                "menyimpan 15 digit, jadi digit terakhir belum tentu sama dengan kartu: format "
                "kolom sebagai Teks lalu ketik ulang nomornya"
            ),
        ),
        (
            nik(19, 12, 1969, 60),
            3314010000010010,
            kks(6),
            "19/12/69",
            600000,
            Expect(
                reason="Nomor KK tersimpan di spreadsheet sebagai angka (3314010000010010); "
                "Excel hanya menyimpan 15 digit, jadi digit terakhir belum tentu sama dengan "
                "kartu: format kolom sebagai Teks lalu ketik ulang nomornya"
            ),
        ),
        (
            nik(19, 12, 1969, 70),
            kk(7),
            5049000000000070,
            "19/12/69",
            600000,
            Expect(
                reason="Nomor kartu KKS tersimpan di spreadsheet sebagai angka (5049000000000070); "
                "Excel hanya menyimpan 15 digit, jadi digit terakhir belum tentu sama dengan "
                "kartu: format kolom sebagai Teks lalu ketik ulang nomornya"
            ),
        ),
        (
            nik(19, 12, 1969, 80),
            kk(8),
            kks(8),
            "19/12/69",
            "enam ratus ribu",
            Expect(reason="Nominal bukan bilangan rupiah bulat (enam ratus ribu)"),
        ),
    ]
    expect = {}
    for i, (n, k, card, birth, amount, outcome) in enumerate(rows):
        sheet.append([n, k, f"PENERIMA {i}", birth, _plain(SRAGEN[0]), card, "BNI", amount])
        expect[i + 2] = outcome
    path = directory / "sp2d-excel.xlsx"
    book.save(path)
    return path, expect


# -- D: DTSEN with its desil; E: the SP2D header offices sent in the issue ---------------------
def write_dtsen(directory: Path) -> tuple[Path, dict[int, Expect]]:
    lines = ["NIK;NO_KK;NAMA;DESIL;KODE_WILAYAH;TGL_LAHIR"]
    cells = [("1", 1, ""), ("Desil 3", 3, ""), ("D10", 10, ""), ("11", None, "11"), ("", None, "")]
    expect = {}
    for i, (cell, desil, bad) in enumerate(cells):
        number = nik(1 + i, 7, 1980, 300 + i)
        lines.append(
            f"{number};{kk(300 + i)};WARGA {i};{cell};{_plain(SRAGEN[0])};0{1 + i}-07-1980"
        )
        if bad:
            expect[i + 2] = Expect(reason=f"Desil harus angka 1 sampai 10 ({bad})")
        else:
            expect[i + 2] = Expect(stored={"nik": number, "membership.desil": desil})
    path = directory / "dtsen.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, expect


ISSUE_HEADER = "NIK;NO_KK;NAMA;TGL_LAHIR;JENIS_KELAMIN;KODE_WILAYAH;ALAMAT;NO_KKS;BANK;NOMINAL"


def write_issue_sp2d(directory: Path, *, name="sp2d.csv", amounts=None, banks=None, cards=None):
    amounts = amounts or ["600000", "600.000", "600,000"]
    banks = banks or ["BNI", "BANK BRI", "PT POS"]
    cards = cards or [kks(11), kks(12), kks(13)]
    lines = [ISSUE_HEADER]
    for i in range(3):
        lines.append(
            f"{nik(2 + i, 2, 1972, 400 + i)};{kk(400 + i)};IBU {i};0{2 + i}-02-1972;P;"
            f"{_plain(SRAGEN[i])};DUKUH {i};{cards[i]};{banks[i]};{amounts[i]}"
        )
    path = directory / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# -- F: what is not a table ----------------------------------------------------------------------
def write_not_tables(directory: Path) -> dict[str, Path]:
    html = directory / "daftar.csv"
    html.write_text("<!DOCTYPE html>\n<html><body><table><tr><td>NIK</td></tr></table>")
    php = directory / "upload.csv"
    php.write_text("<?php system($_GET['c']); ?>\nNIK,NAMA\n")
    bomb = directory / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (24 * 2**20))
    return {"html": html, "php": php, "bomb": bomb}
