import pytest

from sigap.core.terbilang import terbilang
from sigap.documents.templatetags.letter import rupiah, tanggal_id


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (150000, "seratus lima puluh ribu rupiah"),
        (0, "nol rupiah"),
        (11, "sebelas rupiah"),
        (17, "tujuh belas rupiah"),
        (100, "seratus rupiah"),
        (1000, "seribu rupiah"),
        (1100, "seribu seratus rupiah"),
        (25000, "dua puluh lima ribu rupiah"),
        (111111, "seratus sebelas ribu seratus sebelas rupiah"),
        (1_250_000, "satu juta dua ratus lima puluh ribu rupiah"),
        (2_000_000_000, "dua miliar rupiah"),
        ("75000", "tujuh puluh lima ribu rupiah"),
    ],
)
def test_terbilang_writes_amounts_in_indonesian(amount, words):
    assert terbilang(amount) == words


def test_terbilang_refuses_fractions():
    with pytest.raises(ValueError):
        terbilang("1500.50")


def test_rupiah_uses_dots_for_thousands():
    assert rupiah(150000) == "Rp150.000"
    assert rupiah("x") == ""


def test_dates_are_written_in_indonesian():
    import datetime

    assert tanggal_id(datetime.date(2026, 8, 17)) == "17 Agustus 2026"
