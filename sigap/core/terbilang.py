"""Amounts in words in Bahasa Indonesia, as a kwitansi writes them ("seratus lima puluh ribu")."""

from decimal import Decimal

_UNITS = [
    "",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
]
_SCALES = [
    (10**12, "triliun"),
    (10**9, "miliar"),
    (10**6, "juta"),
]


def _words(n: int) -> str:
    if n < 12:
        return _UNITS[n]
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_UNITS[tens]} puluh {_words(rest)}".strip()
    if n < 200:
        return f"seratus {_words(n - 100)}".strip()
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_UNITS[hundreds]} ratus {_words(rest)}".strip()
    if n < 2000:
        return f"seribu {_words(n - 1000)}".strip()
    if n < 10**6:
        thousands, rest = divmod(n, 1000)
        return f"{_words(thousands)} ribu {_words(rest)}".strip()
    for scale, name in _SCALES:
        if n >= scale:
            big, rest = divmod(n, scale)
            return f"{_words(big)} {name} {_words(rest)}".strip()
    raise ValueError(n)  # pragma: no cover - the scales above cover every n >= 10**6


def terbilang(amount: int | Decimal | str, *, currency: str = "rupiah") -> str:
    """150000 -> "seratus lima puluh ribu rupiah". Rupiah amounts are whole numbers."""
    value = Decimal(str(amount))
    if value != value.to_integral_value():
        raise ValueError("Only whole rupiah amounts can be written in words.")
    n = int(value)
    if n < 0:
        return f"minus {terbilang(-n, currency=currency)}"
    if n >= 10**15:
        raise ValueError("Amount too large.")
    words = "nol" if n == 0 else " ".join(_words(n).split())
    return f"{words} {currency}".strip()
