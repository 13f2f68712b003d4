"""NIK and KK rules: region prefix, birth date with the +40 day for women, serial, warnings."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sigap.identity import (
    CURRENT_PROVINCE_CODES,
    VALID_PROVINCE_CODES,
    ErrorCode,
    WarningCode,
    mask_nik,
    validate_kk,
    validate_nik,
)

TODAY = date(2026, 11, 23)


# Hypothesis's per-example deadline flakes on a busy CI machine; speed is not under test.
relaxed = settings(deadline=None)


def nik_error(raw, **kwargs) -> str:
    with pytest.raises(ValidationError) as exc:
        validate_nik(raw, today=TODAY, **kwargs)
    return exc.value.code


def test_a_man_s_nik_is_read_into_its_parts():
    info = validate_nik("3314010101900001", today=TODAY)
    assert (info.province_code, info.regency_code, info.district_code) == ("33", "14", "01")
    assert info.birth_date == date(1990, 1, 1)
    assert info.sex == "M"
    assert info.serial == "0001"
    assert info.warnings == ()
    assert info.district_region_code == "33.14.01"


def test_a_woman_s_day_is_increased_by_forty():
    info = validate_nik("3314014101900001", today=TODAY)
    assert info.birth_date == date(1990, 1, 1)
    assert info.sex == "F"


def test_there_are_thirty_eight_current_provinces_and_east_timor_is_historic():
    assert len(CURRENT_PROVINCE_CODES) == 38
    assert "54" in VALID_PROVINCE_CODES and "54" not in CURRENT_PROVINCE_CODES
    assert validate_nik("5401010101750001", today=TODAY).province_code == "54"


@pytest.mark.parametrize("prefix", ["00", "10", "20", "37", "55", "90", "97", "99"])
def test_an_unknown_province_code_is_rejected(prefix):
    assert nik_error(f"{prefix}14010101900001") == ErrorCode.UNKNOWN_PROVINCE


def test_regency_or_district_code_00_is_rejected():
    assert nik_error("3300010101900001") == ErrorCode.INVALID_REGENCY
    assert nik_error("3314000101900001") == ErrorCode.INVALID_DISTRICT


@pytest.mark.parametrize("ddmmyy", ["000190", "320190", "400190", "720190", "011390", "010090"])
def test_impossible_birth_dates_are_rejected(ddmmyy):
    assert nik_error(f"331401{ddmmyy}0001") == ErrorCode.INVALID_BIRTH_DATE


def test_february_29_only_in_leap_years():
    assert validate_nik("3314012902000001", today=TODAY).birth_date == date(2000, 2, 29)
    assert validate_nik("3314016902960001", today=TODAY).birth_date == date(1996, 2, 29)
    assert nik_error("3314012902010001") == ErrorCode.INVALID_BIRTH_DATE


def test_century_is_chosen_so_the_birth_date_is_not_in_the_future():
    assert validate_nik("3314012311260001", today=TODAY).birth_date == date(2026, 11, 23)
    assert validate_nik("3314012411260001", today=TODAY).birth_date == date(1926, 11, 24)
    assert validate_nik("3314010101990001", today=TODAY).birth_date == date(1999, 1, 1)


def test_serial_0000_is_rejected():
    assert nik_error("3314010101900000") == ErrorCode.INVALID_SERIAL


def test_spreadsheet_scientific_notation_is_rejected_not_guessed():
    assert nik_error("3.31401E+15") == ErrorCode.SCIENTIFIC_NOTATION


def test_unknown_regency_is_a_warning_not_a_rejection():
    info = validate_nik("3399010101900001", region_lookup=lambda code: False, today=TODAY)
    assert info.warning_codes == (WarningCode.UNKNOWN_REGENCY,)
    assert "33.99" in info.warnings[0]


def test_unknown_district_is_a_warning_when_the_regency_is_known():
    info = validate_nik("3314990101900001", region_lookup=lambda c: c == "33.14", today=TODAY)
    assert info.warning_codes == (WarningCode.UNKNOWN_DISTRICT,)
    assert "33.14.99" in info.warnings[0]


def test_the_region_lookup_receives_dotted_codes():
    seen = []
    validate_nik("3314010101900001", region_lookup=lambda c: seen.append(c) or True, today=TODAY)
    assert seen == ["33.14", "33.14.01"]


def test_error_messages_are_in_bahasa_indonesia():
    with pytest.raises(ValidationError) as exc:
        validate_nik("3314010101900000", today=TODAY)
    assert "nomor urut" in exc.value.messages[0]


def test_kk_number_needs_sixteen_digits_and_a_real_province():
    assert validate_kk("'3314 0115 0308 0012") == "3314011503080012"
    with pytest.raises(ValidationError) as exc:
        validate_kk("9914011503080012")
    assert exc.value.code == ErrorCode.UNKNOWN_PROVINCE
    with pytest.raises(ValidationError) as exc:
        validate_kk("33140115030800")
    assert exc.value.code == ErrorCode.WRONG_LENGTH


def test_mask_nik_keeps_first_and_last_four_digits():
    assert mask_nik("3314010101900001") == "3314********0001"
    assert mask_nik("") == ""
    assert mask_nik("1234") == "****"


# Property-based tests -------------------------------------------------------------------------

provinces = st.sampled_from(sorted(VALID_PROVINCE_CODES))
two_digits = st.integers(min_value=1, max_value=99).map(lambda n: f"{n:02d}")
birth_dates = st.dates(min_value=date(1927, 1, 1), max_value=TODAY)
sexes = st.sampled_from(["M", "F"])
serials = st.integers(min_value=1, max_value=9999).map(lambda n: f"{n:04d}")


def compose_nik(province, regency, district, birth: date, sex, serial) -> str:
    day = birth.day + (40 if sex == "F" else 0)
    return f"{province}{regency}{district}{day:02d}{birth:%m%y}{serial}"


@relaxed
@given(provinces, two_digits, two_digits, birth_dates, sexes, serials)
def test_a_nik_composed_from_valid_parts_validates_and_round_trips(
    province, regency, district, birth, sex, serial
):
    nik = compose_nik(province, regency, district, birth, sex, serial)
    info = validate_nik(nik, today=TODAY)
    assert info.nik == nik
    assert (info.province_code, info.regency_code, info.district_code) == (
        province,
        regency,
        district,
    )
    assert (info.birth_date, info.sex, info.serial) == (birth, sex, serial)
    assert (
        compose_nik(
            info.province_code,
            info.regency_code,
            info.district_code,
            info.birth_date,
            info.sex,
            info.serial,
        )
        == nik
    )


@relaxed
@given(provinces, two_digits, two_digits, birth_dates, serials)
def test_a_woman_and_a_man_born_the_same_day_differ_by_forty_in_the_day(
    province, regency, district, birth, serial
):
    man = validate_nik(compose_nik(province, regency, district, birth, "M", serial), today=TODAY)
    woman = validate_nik(compose_nik(province, regency, district, birth, "F", serial), today=TODAY)
    assert man.birth_date == woman.birth_date == birth
    assert int(woman.nik[6:8]) - int(man.nik[6:8]) == 40
    assert (man.sex, woman.sex) == ("M", "F")


@relaxed
@given(st.text(max_size=24))
def test_anything_that_is_not_sixteen_digits_after_normalising_is_rejected(raw):
    cleaned = "".join(c for c in raw if c in "0123456789")
    assume(len(cleaned) != 16)
    with pytest.raises(ValidationError):
        validate_nik(raw, today=TODAY)


@relaxed
@given(st.from_regex(r"\A[0-9]{16}\Z"))
def test_any_sixteen_digits_either_validate_to_themselves_or_fail_with_a_known_code(digits):
    try:
        info = validate_nik(digits, today=TODAY)
    except ValidationError as exc:
        assert exc.code in set(ErrorCode)
    else:
        assert info.nik == digits
        assert info.birth_date <= TODAY
        assert info.birth_date > TODAY - timedelta(days=365 * 100 + 25)


@relaxed
@given(provinces, two_digits, two_digits, birth_dates, sexes, serials)
def test_a_region_lookup_never_turns_a_valid_nik_into_a_rejection(
    province, regency, district, birth, sex, serial
):
    nik = compose_nik(province, regency, district, birth, sex, serial)
    info = validate_nik(nik, region_lookup=lambda code: False, today=TODAY)
    assert info.warning_codes == (WarningCode.UNKNOWN_REGENCY,)
