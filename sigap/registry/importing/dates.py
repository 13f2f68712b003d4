"""Dates as Indonesian lists write them, parsed as polars expressions (millions of rows at once).

Understood, day first as Indonesians write: `19-12-1969`, `19/12/69`, `19.12.1969`,
`19 12 1969`, `19 Desember 1969`, `19-Des-1969`, `19 Dec 1969`, `December 19, 1969`;
year first: `1969-12-19` (also with a time, as an XLSX date cell arrives); and Excel serial
numbers (`25556`, days since 1899-12-30, from a date cell saved as a number).

Two-digit years pivot on today: `yy` is 20yy when that is not later than this year, else 19yy
(in 2026, `26` is 2026 and `27` is 1927); a birth date is never in the future.
A day-first date whose "month" is over 12 while its "day" is not (`12/25/1969`) is refused as
month-first (ambiguous for an Indonesian office), not silently swapped.
"""

from datetime import date

import polars as pl

MONTHS = {
    1: ("januari", "january", "jan"),
    2: ("februari", "pebruari", "february", "feb", "peb"),
    3: ("maret", "march", "mar"),
    4: ("april", "apr"),
    5: ("mei", "may"),
    6: ("juni", "june", "jun"),
    7: ("juli", "july", "jul"),
    8: ("agustus", "august", "agu", "agt", "ags", "aug"),
    9: ("september", "sept", "sep"),
    10: ("oktober", "october", "okt", "oct"),
    11: ("november", "nopember", "nov", "nop"),
    12: ("desember", "december", "des", "dec"),
}
MONTH_NUMBERS = {name: month for month, names in MONTHS.items() for name in names}
SEP = r"[\s\-/.,]+"
_NUMERIC = rf"^(\d{{1,2}}){SEP}(\d{{1,2}}){SEP}(\d{{4}}|\d{{2}})$"
_ISO = r"^(\d{4})[\-/.](\d{1,2})[\-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
_DAY_WORD = rf"^(\d{{1,2}}){SEP}([a-z]+)\.?{SEP}(\d{{4}}|\d{{2}})$"
_WORD_DAY = rf"^([a-z]+)\.?{SEP}(\d{{1,2}}){SEP}(\d{{4}})$"
_SERIAL = r"^(\d{5})(?:\.0+)?$"
EXCEL_EPOCH = date(1899, 12, 30)

# Outcome codes of `parse`: null (a date), or why not.
INVALID = "invalid"
MONTH_FIRST = "month_first"
FUTURE = "future"
_DAYS = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def _int(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.Int32, strict=False)


def _full_year(year: pl.Expr, digits: pl.Expr, today: date) -> pl.Expr:
    pivot = today.year % 100
    two = pl.when(year <= pivot).then(year + 2000).otherwise(year + 1900)
    return pl.when(digits == 2).then(two).otherwise(year)


def _valid(year: pl.Expr, month: pl.Expr, day: pl.Expr) -> pl.Expr:
    month_ok = month.is_between(1, 12).fill_null(False)
    safe_month = pl.when(month_ok).then(month).otherwise(1)
    last = safe_month.replace_strict(_DAYS, default=31, return_dtype=pl.Int32)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    last = last + (leap & (safe_month == 2)).fill_null(False).cast(pl.Int32)
    return (
        month_ok & day.is_between(1, last).fill_null(False) & year.is_between(1800, 2200)
    ).fill_null(False)


def with_parsed(
    frame: pl.DataFrame, source: str, target: str, *, today: date, past_only: bool = True
) -> pl.DataFrame:
    """Adds `target` (the date) and `target + '_why'` (null, or an outcome code) for the text
    column `source`; a null or empty cell gives nulls in both."""
    text = f"{target}__t"
    frame = frame.with_columns(
        pl.col(source).cast(pl.String).str.strip_chars().str.to_lowercase().alias(text)
    )
    t = pl.col(text)
    numeric, iso = t.str.extract_groups(_NUMERIC), t.str.extract_groups(_ISO)
    day_word, word_day = t.str.extract_groups(_DAY_WORD), t.str.extract_groups(_WORD_DAY)
    months = pl.Series(list(MONTH_NUMBERS.values()), dtype=pl.Int32)

    def month_of(word: pl.Expr) -> pl.Expr:
        return word.replace_strict(list(MONTH_NUMBERS), months, default=None, return_dtype=pl.Int32)

    day = pl.coalesce(
        _int(iso.struct.field("3")),
        _int(numeric.struct.field("1")),
        _int(day_word.struct.field("1")),
        _int(word_day.struct.field("2")),
    )
    month = pl.coalesce(
        _int(iso.struct.field("2")),
        _int(numeric.struct.field("2")),
        month_of(day_word.struct.field("2")),
        month_of(word_day.struct.field("1")),
    )
    year_text = pl.coalesce(
        iso.struct.field("1"),
        numeric.struct.field("3"),
        day_word.struct.field("3"),
        word_day.struct.field("3"),
    )
    frame = frame.with_columns(
        day.alias(f"{target}__d"),
        month.alias(f"{target}__m"),
        _full_year(_int(year_text), year_text.str.len_chars(), today).alias(f"{target}__y"),
        _int(t.str.extract(_SERIAL, 1)).alias(f"{target}__serial"),
    )
    d, m, y = (pl.col(f"{target}__{k}") for k in "dmy")
    serial = pl.col(f"{target}__serial")
    ok = _valid(y, m, d)
    from_parts = pl.when(ok).then(
        pl.date(
            pl.when(ok).then(y).otherwise(2000),
            pl.when(ok).then(m).otherwise(1),
            pl.when(ok).then(d).otherwise(1),
        )
    )
    from_serial = pl.when(serial.is_between(1, 2_958_465)).then(
        pl.lit(EXCEL_EPOCH) + pl.duration(days=serial)
    )
    parsed = pl.coalesce(from_parts, from_serial)
    month_first = (
        numeric.struct.field("1").is_not_null() & ~ok & (m > 12) & (d <= 12) & _valid(y, d, m)
    )
    too_late = pl.lit(False)
    if past_only:
        too_late = parsed > pl.lit(today)
    why = (
        pl.when(t.is_null() | (t == ""))
        .then(None)
        .when(month_first.fill_null(False))
        .then(pl.lit(MONTH_FIRST))
        .when(parsed.is_null())
        .then(pl.lit(INVALID))
        .when(too_late.fill_null(False))
        .then(pl.lit(FUTURE))
        .otherwise(None)
    )
    frame = frame.with_columns(why.alias(f"{target}_why"))
    frame = frame.with_columns(
        pl.when(pl.col(f"{target}_why").is_null()).then(parsed).otherwise(None).alias(target)
    )
    return frame.drop(text, f"{target}__d", f"{target}__m", f"{target}__y", f"{target}__serial")
