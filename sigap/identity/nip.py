"""NIP (Nomor Induk Pegawai, 18 digits) of civil servants: YYYYMMDD YYYYMM S NNN.

Birth date, year and month of appointment (TMT CPNS/PPPK), sex (1 man, 2 woman) and a serial.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.identity.errors import ErrorCode
from sigap.identity.normalise import normalise_identity_number

NIP_LENGTH = 18
# Civil-service law (UU ASN; PP 11/2017 art. 23) sets 18 as the minimum age to apply, so nobody
# can be appointed before the month they turn 18. Compared by month, as the NIP only has one.
MINIMUM_APPOINTMENT_AGE = 18
EARLIEST_BIRTH_YEAR = 1900


@dataclass(frozen=True)
class NipInfo:
    nip: str
    birth_date: date
    appointment_year: int
    appointment_month: int
    sex: str  # "M" or "F"
    serial: str


def _error(message, error_code: str, /, **params) -> ValidationError:
    return ValidationError(message, code=error_code, params=params or None)


def _birth_date(digits: str, today: date) -> date:
    try:
        birth = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        birth = None
    if birth is None or birth.year < EARLIEST_BIRTH_YEAR:
        raise _error(
            _("The NIP's first eight digits (%(digits)s) are not a valid birth date (YYYYMMDD)."),
            ErrorCode.INVALID_BIRTH_DATE,
            digits=digits[0:8],
        )
    if birth > today:
        raise _error(_("The NIP's birth date is in the future."), ErrorCode.BIRTH_DATE_IN_FUTURE)
    return birth


def _appointment(digits: str, birth: date, today: date) -> tuple[int, int]:
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12:
        raise _error(
            _("Digits 9-14 of the NIP (%(digits)s) are not a valid appointment year and month."),
            ErrorCode.INVALID_APPOINTMENT,
            digits=digits[8:14],
        )
    if (year, month) < (birth.year + MINIMUM_APPOINTMENT_AGE, birth.month):
        raise _error(
            _("The NIP's appointment month is before the holder turned %(age)d."),
            ErrorCode.APPOINTMENT_TOO_EARLY,
            age=MINIMUM_APPOINTMENT_AGE,
        )
    if (year, month) > (today.year, today.month):
        raise _error(
            _("The NIP's appointment month is in the future."), ErrorCode.APPOINTMENT_IN_FUTURE
        )
    return year, month


def validate_nip(raw: object, *, today: date | None = None) -> NipInfo:
    """Normalise and check a NIP; raise ValidationError (with `code`) when it cannot be right."""
    today = today or timezone.localdate()
    digits = normalise_identity_number(raw, length=NIP_LENGTH)
    birth = _birth_date(digits, today)
    year, month = _appointment(digits, birth, today)
    if digits[14] not in "12":
        raise _error(
            _("Digit 15 of the NIP must be 1 (man) or 2 (woman); it is %(digit)s."),
            ErrorCode.INVALID_SEX,
            digit=digits[14],
        )
    if digits[15:18] == "000":
        raise _error(
            _("The NIP ends in 000; the last three digits are a serial number starting at 001."),
            ErrorCode.INVALID_SERIAL,
        )
    return NipInfo(
        nip=digits,
        birth_date=birth,
        appointment_year=year,
        appointment_month=month,
        sex="M" if digits[14] == "1" else "F",
        serial=digits[15:18],
    )
