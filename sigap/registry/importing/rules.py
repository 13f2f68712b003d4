"""The NIK/KK rules of sigap.identity as polars expressions, for millions of rows at once.

Each function returns an expression giving the sigap.identity `ErrorCode` of a value, or null
when the value is valid. tests/test_rules.py runs the same values through both implementations.
"""

from datetime import date

import polars as pl

from sigap.identity import VALID_PROVINCE_CODES, ErrorCode

_INVISIBLE = r"[\x{200b}\x{200c}\x{200d}\x{2060}\x{feff}]"
_SEPARATORS = r"[\s\x{00a0}\x{2007}\x{202f}.\-\x{2010}\x{2011}\x{2012}\x{2013}\x{2014}\x{2212}_]"
_SCIENTIFIC = r"^[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d+$"
_FLOAT_SUFFIX = r"^(\d+)[.,]0+$"
_FLOAT_EXACT_LIMIT = 2**53
_PROVINCES = sorted(VALID_PROVINCE_CODES)
_DAYS_IN_MONTH = {
    1: 31,
    2: 28,
    3: 31,
    4: 30,
    5: 31,
    6: 30,
    7: 31,
    8: 31,
    9: 30,
    10: 31,
    11: 30,
    12: 31,
}


def _cleaned(col: pl.Expr) -> pl.Expr:
    text = col.cast(pl.String).str.replace_all(_INVISIBLE, "").str.strip_chars()
    # One leading apostrophe (Excel's text marker, or its typographic variants).
    return text.str.replace(r"^['\x{2018}\x{2019}`]\s*", "")


def normalised_digits(col: pl.Expr) -> pl.Expr:
    """The digits of the number with separators removed (meaningful only where code is null)."""
    text = _cleaned(col)
    nospace = text.str.replace_all(r"\s", "")
    suffix = nospace.str.extract(_FLOAT_SUFFIX, 1)
    return pl.coalesce(suffix, text).str.replace_all(_SEPARATORS, "")


def normalise_error(col: pl.Expr, *, length: int = 16) -> pl.Expr:
    """ErrorCode of sigap.identity.normalise_identity_number, or null."""
    text = _cleaned(col)
    nospace = text.str.replace_all(r"\s", "")
    suffix = nospace.str.extract(_FLOAT_SUFFIX, 1)
    digits = normalised_digits(col)
    mangled = (suffix.str.len_chars() > 15) & (suffix.str.slice(15).str.contains(r"^0+$"))
    too_big = suffix.cast(pl.UInt64, strict=False) > _FLOAT_EXACT_LIMIT
    return (
        pl.when(text.is_null() | (text == ""))
        .then(pl.lit(ErrorCode.EMPTY.value))
        .when(nospace.str.contains(_SCIENTIFIC))
        .then(pl.lit(ErrorCode.SCIENTIFIC_NOTATION.value))
        .when(suffix.is_not_null() & (mangled | too_big.fill_null(True)))
        .then(pl.lit(ErrorCode.NUMBER_NOT_TEXT.value))
        .when(~digits.str.contains(r"^[0-9]+$"))
        .then(pl.lit(ErrorCode.INVALID_CHARACTERS.value))
        .when(digits.str.len_chars() != length)
        .then(pl.lit(ErrorCode.WRONG_LENGTH.value))
        .otherwise(pl.lit(None, dtype=pl.String))
    )


def _region_error(digits: pl.Expr) -> pl.Expr:
    return (
        pl.when(~digits.str.slice(0, 2).is_in(_PROVINCES))
        .then(pl.lit(ErrorCode.UNKNOWN_PROVINCE.value))
        .when(digits.str.slice(2, 2) == "00")
        .then(pl.lit(ErrorCode.INVALID_REGENCY.value))
        .when(digits.str.slice(4, 2) == "00")
        .then(pl.lit(ErrorCode.INVALID_DISTRICT.value))
        .otherwise(pl.lit(None, dtype=pl.String))
    )


def nik_birth_date(digits: pl.Expr, *, today: date | None = None) -> pl.Expr:
    """Birth date from DDMMYY (day + 40 for women); latest century not in the future; else null."""
    day = digits.str.slice(6, 2).cast(pl.Int32, strict=False)
    day = pl.when(day > 40).then(day - 40).otherwise(day)
    month = digits.str.slice(8, 2).cast(pl.Int32, strict=False)
    year = digits.str.slice(10, 2).cast(pl.Int32, strict=False)
    return _birth_from_parts(day, month, year, today=today)


def _birth_from_parts(day: pl.Expr, month: pl.Expr, year: pl.Expr, *, today) -> pl.Expr:
    # Arithmetic, not string parsing: building "YYYY-MM-DD" strings and parsing them back
    # cost several microseconds a row, most of the whole check.
    today = today or date.today()
    month_ok = month.is_between(1, 12).fill_null(False)
    safe_month = pl.when(month_ok).then(month).otherwise(1)
    days = safe_month.replace_strict(_DAYS_IN_MONTH, default=31, return_dtype=pl.Int32)

    def candidate(century: int) -> pl.Expr:
        full_year = year + century
        leap = (full_year % 4 == 0) & ((full_year % 100 != 0) | (full_year % 400 == 0))
        last = days + (leap & (safe_month == 2)).cast(pl.Int32)
        ok = month_ok & day.is_between(1, last).fill_null(False) & year.is_not_null()
        safe_day = pl.when(ok).then(day).otherwise(1)
        safe_year = pl.when(ok).then(full_year).otherwise(2000)
        return pl.when(ok).then(pl.date(safe_year, safe_month, safe_day))

    recent, older = candidate(2000), candidate(1900)
    return (
        pl.when(recent.is_not_null() & (recent <= pl.lit(today)))
        .then(recent)
        .when(older.is_not_null() & (older <= pl.lit(today)))
        .then(older)
        .otherwise(pl.lit(None, dtype=pl.Date))
    )


def nik_sex(digits: pl.Expr) -> pl.Expr:
    return (
        pl.when(digits.str.slice(6, 2).cast(pl.Int32, strict=False) > 40)
        .then(pl.lit("F"))
        .otherwise(pl.lit("M"))
    )


def nik_error(col: pl.Expr, *, today: date | None = None) -> pl.Expr:
    """ErrorCode of sigap.identity.validate_nik (without region lookup), or null."""
    digits = normalised_digits(col)
    return pl.coalesce(
        normalise_error(col),
        _region_error(digits),
        pl.when(nik_birth_date(digits, today=today).is_null()).then(
            pl.lit(ErrorCode.INVALID_BIRTH_DATE.value)
        ),
        pl.when(digits.str.slice(12, 4) == "0000").then(pl.lit(ErrorCode.INVALID_SERIAL.value)),
    )


def kk_error(col: pl.Expr) -> pl.Expr:
    """ErrorCode of sigap.identity.validate_kk, or null."""
    return pl.coalesce(normalise_error(col), _region_error(normalised_digits(col)))


def with_identity_checks(
    frame: pl.DataFrame, source: str, prefix: str, *, nik: bool, today: date | None = None
) -> pl.DataFrame:
    """Adds `<prefix>_digits`, `<prefix>_code` (and for a NIK `<prefix>_birth`) to `frame`.

    Step by step with materialised columns: one nested expression re-evaluates its shared parts
    in every branch of the when/then chains, which made 10^5 rows take minutes.
    """
    t, ns, sx, dg = (f"{prefix}_{n}" for n in ("text", "nospace", "suffix", "digits"))
    frame = frame.with_columns(_cleaned(pl.col(source)).alias(t))
    frame = frame.with_columns(pl.col(t).str.replace_all(r"\s", "").alias(ns))
    frame = frame.with_columns(pl.col(ns).str.extract(_FLOAT_SUFFIX, 1).alias(sx))
    frame = frame.with_columns(
        pl.coalesce(pl.col(sx), pl.col(t)).str.replace_all(_SEPARATORS, "").alias(dg)
    )
    suffix, digits = pl.col(sx), pl.col(dg)
    mangled = (suffix.str.len_chars() > 15) & (suffix.str.slice(15).str.contains(r"^0+$"))
    too_big = suffix.cast(pl.UInt64, strict=False) > _FLOAT_EXACT_LIMIT
    normal = (
        pl.when(pl.col(t).is_null() | (pl.col(t) == ""))
        .then(pl.lit(ErrorCode.EMPTY.value))
        .when(pl.col(ns).str.contains(_SCIENTIFIC))
        .then(pl.lit(ErrorCode.SCIENTIFIC_NOTATION.value))
        .when(suffix.is_not_null() & (mangled | too_big.fill_null(True)))
        .then(pl.lit(ErrorCode.NUMBER_NOT_TEXT.value))
        .when(~digits.str.contains(r"^[0-9]+$"))
        .then(pl.lit(ErrorCode.INVALID_CHARACTERS.value))
        .when(digits.str.len_chars() != 16)
        .then(pl.lit(ErrorCode.WRONG_LENGTH.value))
        .otherwise(pl.lit(None, dtype=pl.String))
    )
    code = f"{prefix}_code"
    frame = frame.with_columns(normal.alias(code))
    parts = [pl.col(code), _region_error(digits)]
    if nik:
        birth = f"{prefix}_birth"
        raw_day = digits.str.slice(6, 2).cast(pl.Int32, strict=False)
        frame = frame.with_columns(
            pl.when(raw_day > 40).then(raw_day - 40).otherwise(raw_day).alias("__d"),
            digits.str.slice(8, 2).cast(pl.Int32, strict=False).alias("__m"),
            digits.str.slice(10, 2).cast(pl.Int32, strict=False).alias("__y"),
        )
        frame = frame.with_columns(
            _birth_from_parts(pl.col("__d"), pl.col("__m"), pl.col("__y"), today=today).alias(birth)
        ).drop("__d", "__m", "__y")
        parts += [
            pl.when(pl.col(birth).is_null()).then(pl.lit(ErrorCode.INVALID_BIRTH_DATE.value)),
            pl.when(digits.str.slice(12, 4) == "0000").then(pl.lit(ErrorCode.INVALID_SERIAL.value)),
        ]
    frame = frame.with_columns(pl.coalesce(parts).alias(code))
    return frame.drop(t, ns, sx)
