"""NIK (Nomor Induk Kependudukan, 16 digits on the KTP) and KK number rules.

A NIK is PP KK CC DDMMYY SSSS: Kemendagri province, regency/city and district codes of the place
of first registration, the birth date (day + 40 for women), and a serial. It has no check digit.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sigap.identity.errors import ErrorCode, WarningCode
from sigap.identity.normalise import normalise_identity_number

NIK_LENGTH = 16
KK_LENGTH = 16

# The 38 provinces of Kepmendagri 300.2.2-2138/2025 (the same codes as sigap.regions' edition).
CURRENT_PROVINCES: dict[str, str] = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "Daerah Khusus Ibukota Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "Daerah Istimewa Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}
CURRENT_PROVINCE_CODES: frozenset[str] = frozenset(CURRENT_PROVINCES)
# Codes that no longer name a province but may still begin numbers people carry.
# Only one: 54, Timor Timur (province 1976-1999). Residents registered there who moved to another
# province can hold a number with that prefix, since a NIK is not renumbered on moving. Every
# province split off since (19, 21, 36, 65, 75, 76, 82, 92, 93-96) got a new code while the parent
# kept its own, so no other province code has gone out of use. Add a code here, with its reason,
# if the civil registry (Dukcapil) confirms another.
HISTORIC_PROVINCE_CODES: dict[str, str] = {"54": "Timor Timur"}
VALID_PROVINCE_CODES: frozenset[str] = CURRENT_PROVINCE_CODES | frozenset(HISTORIC_PROVINCE_CODES)

FEMALE_DAY_OFFSET = 40

# Given a dotted Kemendagri code ("33.14" or "33.14.01"), says whether that region is known.
RegionLookup = Callable[[str], bool]


@dataclass(frozen=True)
class NikInfo:
    nik: str
    province_code: str
    regency_code: str
    district_code: str
    birth_date: date
    sex: str  # "M" or "F"
    serial: str
    warnings: tuple[str, ...] = ()
    warning_codes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def regency_region_code(self) -> str:
        """The regency in the dotted `PP.KK` format of sigap.regions."""
        return f"{self.province_code}.{self.regency_code}"

    @property
    def district_region_code(self) -> str:
        return f"{self.province_code}.{self.regency_code}.{self.district_code}"


def _error(message, error_code: str, /, **params) -> ValidationError:
    return ValidationError(message, code=error_code, params=params or None)


def _check_region_prefix(digits: str, *, label) -> None:
    province, regency, district = digits[0:2], digits[2:4], digits[4:6]
    if province not in VALID_PROVINCE_CODES:
        raise _error(
            _("%(label)s starts with %(code)s, which is not an Indonesian province code."),
            ErrorCode.UNKNOWN_PROVINCE,
            label=label,
            code=province,
        )
    # Kemendagri numbers regencies and districts from 01; 00 is never a real region.
    if regency == "00":
        raise _error(
            _("%(label)s has regency code 00, which does not exist."),
            ErrorCode.INVALID_REGENCY,
            label=label,
        )
    if district == "00":
        raise _error(
            _("%(label)s has district code 00, which does not exist."),
            ErrorCode.INVALID_DISTRICT,
            label=label,
        )


def _region_warnings(
    digits: str, region_lookup: RegionLookup | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Unknown codes are only warnings: older numbers keep codes that have since changed."""
    if region_lookup is None:
        return (), ()
    regency = f"{digits[0:2]}.{digits[2:4]}"
    district = f"{regency}.{digits[4:6]}"
    if not region_lookup(regency):
        message = gettext(
            "Regency/city code %(code)s is not in the current region list; "
            "check the number (older numbers may keep former codes)."
        ) % {"code": regency}
        return (message,), (WarningCode.UNKNOWN_REGENCY,)
    if not region_lookup(district):
        message = gettext(
            "District code %(code)s is not in the current region list; "
            "check the number (older numbers may keep former codes)."
        ) % {"code": district}
        return (message,), (WarningCode.UNKNOWN_DISTRICT,)
    return (), ()


def nik_birth_date(ddmmyy: str, *, today: date | None = None) -> tuple[date, str]:
    """The birth date and sex encoded in a NIK's DDMMYY (day + 40 for women).

    The century is the latest one that does not put the birth in the future; a NIK cannot tell
    someone born in 1925 from someone born in 2025, and the younger reading is the likelier one.
    """
    today = today or timezone.localdate()
    day, month, year = int(ddmmyy[0:2]), int(ddmmyy[2:4]), int(ddmmyy[4:6])
    sex = "M"
    if day > FEMALE_DAY_OFFSET:
        day -= FEMALE_DAY_OFFSET
        sex = "F"
    for century in (2000, 1900):
        try:
            candidate = date(century + year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate, sex
    raise _error(
        _(
            "The NIK's birth-date digits (%(digits)s) are not a valid date "
            "(for women the day is increased by 40)."
        ),
        ErrorCode.INVALID_BIRTH_DATE,
        digits=ddmmyy,
    )


def validate_nik(
    raw: object, *, region_lookup: RegionLookup | None = None, today: date | None = None
) -> NikInfo:
    """Normalise and check a NIK; raise ValidationError (with `code`) when it cannot be right.

    `region_lookup`, when given, checks the regency and district codes; an unknown one adds a
    warning to the result instead of rejecting the NIK.
    """
    digits = normalise_identity_number(raw, length=NIK_LENGTH)
    _check_region_prefix(digits, label=_("The NIK"))
    birth_date, sex = nik_birth_date(digits[6:12], today=today)
    serial = digits[12:16]
    if serial == "0000":
        raise _error(
            _("The NIK ends in 0000; the last four digits are a serial number starting at 0001."),
            ErrorCode.INVALID_SERIAL,
        )
    warnings, warning_codes = _region_warnings(digits, region_lookup)
    return NikInfo(
        nik=digits,
        province_code=digits[0:2],
        regency_code=digits[2:4],
        district_code=digits[4:6],
        birth_date=birth_date,
        sex=sex,
        serial=serial,
        warnings=warnings,
        warning_codes=warning_codes,
    )


def validate_kk(raw: object) -> str:
    """Normalise and check a family-card (KK) number: 16 digits starting with a region prefix.

    The KK number is PP KK CC (the issuing region) followed by ten digits. Those are usually the
    issue date and a serial, but numbers from before the 2006 civil-registration law do not follow
    that, so only the region prefix is checked.
    """
    digits = normalise_identity_number(raw, length=KK_LENGTH)
    _check_region_prefix(digits, label=_("The KK number"))
    return digits


def mask_nik(nik: str) -> str:
    """`3314********0001`: enough to tell records apart in a list without showing the NIK."""
    text = str(nik or "")
    if len(text) <= 8:
        return "*" * len(text)
    return f"{text[:4]}{'*' * (len(text) - 8)}{text[-4:]}"
