"""NIP rules: birth date, appointment month at 18 or later, sex digit, serial."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from sigap.identity import ErrorCode, validate_nip

TODAY = date(2026, 11, 23)


# Hypothesis's per-example deadline flakes on a busy CI machine; speed is not under test.
relaxed = settings(deadline=None)


def nip_error(raw) -> str:
    with pytest.raises(ValidationError) as exc:
        validate_nip(raw, today=TODAY)
    return exc.value.code


def test_a_nip_is_read_into_its_parts():
    info = validate_nip("197508172000032001", today=TODAY)
    assert info.birth_date == date(1975, 8, 17)
    assert (info.appointment_year, info.appointment_month) == (2000, 3)
    assert info.sex == "F"
    assert info.serial == "001"


def test_a_nip_written_with_spaces_as_in_signature_blocks_is_accepted():
    assert validate_nip("19750817 200003 2 001", today=TODAY).nip == "197508172000032001"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("197502302000032001", ErrorCode.INVALID_BIRTH_DATE),
        ("180001012000032001", ErrorCode.INVALID_BIRTH_DATE),
        ("202701012000032001", ErrorCode.BIRTH_DATE_IN_FUTURE),
        ("197508172000132001", ErrorCode.INVALID_APPOINTMENT),
        ("197508172000002001", ErrorCode.INVALID_APPOINTMENT),
        ("197508171993072001", ErrorCode.APPOINTMENT_TOO_EARLY),
        ("197508172027012001", ErrorCode.APPOINTMENT_IN_FUTURE),
        ("197508172000033001", ErrorCode.INVALID_SEX),
        ("197508172000030001", ErrorCode.INVALID_SEX),
        ("197508172000031000", ErrorCode.INVALID_SERIAL),
        ("19750817200003200", ErrorCode.WRONG_LENGTH),
        ("1.97508E+17", ErrorCode.SCIENTIFIC_NOTATION),
    ],
)
def test_impossible_nips_are_rejected_with_a_code(raw, code):
    assert nip_error(raw) == code


def test_appointment_in_the_month_of_the_eighteenth_birthday_is_allowed():
    assert validate_nip("199003152008031001", today=TODAY).appointment_year == 2008
    assert nip_error("199003152008021001") == ErrorCode.APPOINTMENT_TOO_EARLY


@relaxed
@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2008, 1, 1)),
    st.integers(min_value=0, max_value=200),
    st.sampled_from(["1", "2"]),
    st.integers(min_value=1, max_value=999),
)
def test_a_nip_composed_from_valid_parts_round_trips(birth, months_after_18, sex, serial):
    month_index = (birth.year + 18) * 12 + birth.month - 1 + months_after_18
    year, month = divmod(month_index, 12)
    month += 1
    if (year, month) > (TODAY.year, TODAY.month):
        year, month = TODAY.year, TODAY.month
    nip = f"{birth:%Y%m%d}{year:04d}{month:02d}{sex}{serial:03d}"
    info = validate_nip(nip, today=TODAY)
    assert info.nip == nip
    assert info.birth_date == birth
    assert (info.appointment_year, info.appointment_month) == (year, month)
    assert info.sex == ("M" if sex == "1" else "F")
