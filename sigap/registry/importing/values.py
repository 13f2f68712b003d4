"""Cell values other than names and dates, as polars expressions: amounts in rupiah, the DTSEN
decile, and whether an identity number held as a spreadsheet number can be trusted.
"""

import polars as pl

# Doubles hold every integer exactly only below 2**53 (9,007,199,254,740,992): a NIK of
# Papua (91-94...) held as a number may already be another number.
EXACT_LIMIT = 2**53


def numeric_identity_unsafe(digits: pl.Expr, is_number: pl.Expr) -> pl.Expr:
    """True where a cell held as a number cannot be known to hold the card's exact digits.

    Excel keeps 15 significant digits: a 16-digit number typed into it ends in 0 whatever was
    typed, so a numeric cell is trusted only with 16 digits, a last digit other than 0 (the
    file was written by a program, not typed into Excel), and a value a double holds exactly.
    Anything else numeric (fractions, fewer digits, a trailing 0) is refused.
    """
    exact = (
        digits.str.contains(r"^\d{16}$")
        & (digits.str.slice(15, 1) != "0")
        & (digits.cast(pl.Int64, strict=False) < EXACT_LIMIT)
    ).fill_null(False)
    return (is_number & ~exact).fill_null(False)


def amount(text: pl.Expr) -> pl.Expr:
    """Whole rupiah from `600000`, `600.000`, `Rp 600.000,00`, `600,000` or `600000.00`;
    null when the text is not a whole, non-negative amount."""
    bare = text.str.to_uppercase().str.replace_all(r"^RP\.?|\s", "")
    indonesian = bare.str.extract(r"^(\d{1,3}(?:\.\d{3})+)(?:,0+)?$", 1).str.replace_all(r"\.", "")
    english = bare.str.extract(r"^(\d{1,3}(?:,\d{3})+)(?:\.0+)?$", 1).str.replace_all(",", "")
    plain = bare.str.extract(r"^(\d+)(?:[.,]0{1,2})?$", 1)
    return pl.coalesce(indonesian, english, plain).cast(pl.Int64, strict=False)


def desil(text: pl.Expr) -> pl.Expr:
    """1..10 from `3`, `Desil 3`, `D3` or `3.0`; null otherwise."""
    number = text.str.to_uppercase().str.extract(r"^(?:DESIL|D)?\s*(\d{1,2})(?:[.,]0+)?$", 1)
    value = number.cast(pl.Int64, strict=False)
    return pl.when(value.is_between(1, 10)).then(value)
