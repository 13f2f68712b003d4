"""Synthetic SP2D payment lists of any size, for the tests and bench/import_benchmark.py.

Vectorised (polars): 10^6 rows in about a second. `invalid` and `duplicate` are shares of rows
made bad on purpose (a cycle of the usual faults) or repeating an earlier row's NIK.
"""

from datetime import date
from pathlib import Path

import polars as pl

FIRST = [
    "SITI",
    "AMINAH",
    "SRI",
    "WAHYUNI",
    "BUDI",
    "SANTOSO",
    "SUPARMAN",
    "SUGIYANTO",
    "RINA",
    "DEWI",
    "TRI",
    "AGUS",
    "SUTRISNO",
    "PARJO",
    "SUMARNI",
    "SUKINEM",
    "WARSITO",
    "MULYONO",
    "JOKO",
    "PURWANTO",
    "NUR",
    "HIDAYAT",
    "EKO",
    "PRASETYO",
    "LESTARI",
    "KUSUMA",
]
LAST = [
    "WATI",
    "YANTI",
    "SUGENG",
    "RAHAYU",
    "HANDAYANI",
    "SETIAWAN",
    "WIBOWO",
    "SAPUTRA",
    "NINGSIH",
    "PURNOMO",
]
SP2D_HEADER = [
    "NO",
    "NO_SP2D",
    "NIK",
    "NO_KK",
    "NAMA_PENERIMA",
    "ALAMAT",
    "KODE_DESA",
    "NO_KKS",
    "BANK_PENYALUR",
    "TAHAP",
    "NOMINAL",
]
# The faults cycled through by invalid rows, in order.
FAULTS = ("short_nik", "scientific_nik", "missing_name", "unknown_village", "bad_birth_date")


def sp2d_frame(
    rows: int,
    *,
    villages: list[str],
    invalid: float = 0.0,
    duplicate: float = 0.0,
    seed: int = 0,
    district: str = "01",
) -> pl.DataFrame:
    """`villages` are dotted codes (33.14.01.2001); NIKs are issued in regency 33.14."""
    i = pl.int_range(0, rows, dtype=pl.Int64, eager=True).alias("i")
    frame = pl.DataFrame(i)
    day_index = (pl.col("i") * 7 + seed) % 14600  # one of 40 years of birth days
    birth = pl.lit(date(1950, 1, 1)) + pl.duration(days=day_index)
    female = (pl.col("i") % 2) == 1
    dd = birth.dt.day() + pl.when(female).then(40).otherwise(0)
    serial = 1 + pl.col("i") // 14600
    nik = pl.format(
        "3314{}{}{}{}{}",
        pl.lit(district),
        dd.cast(pl.String).str.zfill(2),
        birth.dt.month().cast(pl.String).str.zfill(2),
        (birth.dt.year() % 100).cast(pl.String).str.zfill(2),
        serial.cast(pl.String).str.zfill(4),
    )
    kk = pl.format(
        "3314{}{}{}",
        pl.lit(district),
        ((pl.col("i") % 3650) + 100000).cast(pl.String),
        (1 + pl.col("i") // 3650).cast(pl.String).str.zfill(4),
    )
    first = pl.lit(pl.Series(FIRST)).gather(pl.col("i") % len(FIRST))
    last = pl.lit(pl.Series(LAST)).gather((pl.col("i") // 7 + seed) % len(LAST))
    village = pl.lit(pl.Series(villages)).gather(pl.col("i") % len(villages))
    frame = frame.with_columns(
        NO=(pl.col("i") + 1).cast(pl.String),
        NO_SP2D=pl.lit("SP2D/0001/2026"),
        NIK=nik,
        NO_KK=kk,
        NAMA_PENERIMA=pl.concat_str([first, last], separator=" "),
        ALAMAT=pl.format(
            "DUKUH {} RT 00{}/RW 00{}", last, pl.col("i") % 9 + 1, pl.col("i") % 5 + 1
        ),
        KODE_DESA=village.str.replace_all(".", "", literal=True),
        NO_KKS=pl.format("5049{}", (pl.col("i") + 10**11).cast(pl.String)),
        BANK_PENYALUR=pl.when(pl.col("i") % 10 == 9)
        .then(pl.lit("PT POS"))
        .otherwise(pl.lit("BNI")),
        TAHAP=pl.lit("1"),
        NOMINAL=pl.lit("600000"),
    )
    every_invalid = round(1 / invalid) if invalid else 0
    every_duplicate = round(1 / duplicate) if duplicate else 0
    if every_invalid:
        bad = (pl.col("i") % every_invalid) == every_invalid // 2
        fault = (pl.col("i") // every_invalid) % len(FAULTS)
        frame = frame.with_columns(
            NIK=pl.when(bad & (fault == 0))
            .then(pl.col("NIK").str.slice(0, 15))
            .when(bad & (fault == 1))
            .then(pl.lit("3.31401E+15"))
            .when(bad & (fault == 4))
            .then(pl.col("NIK").str.slice(0, 6) + pl.lit("329913") + pl.col("NIK").str.slice(12))
            .otherwise(pl.col("NIK")),
            NAMA_PENERIMA=pl.when(bad & (fault == 2)).then(pl.lit("")).otherwise("NAMA_PENERIMA"),
            KODE_DESA=pl.when(bad & (fault == 3)).then(pl.lit("3314999999")).otherwise("KODE_DESA"),
        )
    if every_duplicate:
        dup = ((pl.col("i") % every_duplicate) == 1) & (pl.col("i") > every_duplicate)
        frame = frame.with_columns(
            NIK=pl.when(dup).then(pl.col("NIK").shift(every_duplicate)).otherwise(pl.col("NIK"))
        )
    return frame.select(SP2D_HEADER)


def write_sp2d_csv(path: Path, rows: int, **kwargs) -> Path:
    sp2d_frame(rows, **kwargs).write_csv(path)
    return path


def monthly_update_frame(previous: pl.DataFrame, *, changed: float = 0.10, new: float = 0.05):
    """Next month's list after `previous` (an sp2d_frame): a share `changed` of the rows pays
    another amount (and every fifth of those moves to PT Pos), a share `new` of the rows is
    replaced by new persons (their NIKs issued in district 02, so never seen before)."""
    every_changed, every_new = round(1 / changed), round(1 / new)
    i = pl.int_range(0, previous.height, dtype=pl.Int64)
    is_new = (i % every_new) == every_new // 2 + 1  # never a multiple of every_changed
    is_changed = ((i % every_changed) == 0) & ~is_new
    moved = is_changed & ((i // every_changed) % 5 == 0)
    new_nik = pl.concat_str(pl.col("NIK").str.slice(0, 4), pl.lit("02"), pl.col("NIK").str.slice(6))
    return previous.with_columns(
        NIK=pl.when(is_new).then(new_nik).otherwise(pl.col("NIK")),
        NOMINAL=pl.when(is_changed).then(pl.lit("400000")).otherwise(pl.col("NOMINAL")),
        BANK_PENYALUR=pl.when(moved).then(pl.lit("PT POS")).otherwise(pl.col("BANK_PENYALUR")),
    )
