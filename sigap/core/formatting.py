"""How Sigap writes numbers, dates, times, identity numbers and periods for people.

One layer for every page, PDF and export, so that the same figure never reads two ways
("0,6" next to "0,60") and a Tarakan request's time is never printed as WIB. Pure functions;
the template filters in `sigap.core.templatetags.fmt` call these.

Time zones: Indonesia has three (WIB UTC+7, WITA UTC+8, WIT UTC+9). An office's zone follows
the province of its region code (Kemendagri): Kalimantan Utara (65) is WITA, Papua (9x) WIT.
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sigap.core.terbilang import terbilang as _terbilang

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_SHORT_ID = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Mei",
    "Jun",
    "Jul",
    "Agu",
    "Sep",
    "Okt",
    "Nov",
    "Des",
)

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}

# Provinces (first two digits of a Kemendagri code) outside WIB.
_WITA_PROVINCES = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT_PROVINCES = {"81", "82", "91", "92", "93", "94", "95", "96", "97"}


# --- time zones -----------------------------------------------------------------------------


def zone_for_region(region_code: str | None) -> ZoneInfo:
    """The zone of a region from its Kemendagri code ("65.71" Tarakan -> WITA); WIB when unknown."""
    province = (region_code or "")[:2]
    if province in _WITA_PROVINCES:
        return WITA
    if province in _WIT_PROVINCES:
        return WIT
    return WIB


def zone_for_office(office: Any) -> ZoneInfo:
    """The zone an office keeps its hours in (from its region code)."""
    return zone_for_region(getattr(office, "region_code", None))


def zone_name(zone: ZoneInfo) -> str:
    """WIB, WITA or WIT (the zone's key for any other zone)."""
    return ZONE_NAMES.get(zone.key, zone.key)


def local_datetime(value: datetime.datetime, *, office: Any = None, zone: ZoneInfo | None = None):
    """`value` in the office's (or the given) zone; naive values are taken as already local."""
    if timezone.is_naive(value):
        return value
    return value.astimezone(zone or (zone_for_office(office) if office is not None else WIB))


# --- dates and times ------------------------------------------------------------------------


def format_date(value: datetime.date | datetime.datetime | None, *, office: Any = None) -> str:
    """3 Desember 2026 (a datetime is first taken into the office's zone)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):  # an ISO date kept in JSON (the report card's API payload)
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime.datetime):
        value = local_datetime(value, office=office)
    if not isinstance(value, datetime.date):
        return str(value)
    return f"{value.day} {MONTHS_ID[value.month - 1]} {value.year}"


def format_date_short(
    value: datetime.date | datetime.datetime | None, *, office: Any = None
) -> str:
    """3 Des 2026: for tables where the long month name does not fit."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = local_datetime(value, office=office)
    return f"{value.day} {MONTHS_SHORT_ID[value.month - 1]} {value.year}"


def format_time(
    value: datetime.datetime | None, *, office: Any = None, zone: ZoneInfo | None = None
) -> str:
    """09.15 WITA: the time in the office's zone, named."""
    if value is None or value == "":
        return ""
    zone = zone or (zone_for_office(office) if office is not None else WIB)
    local = local_datetime(value, zone=zone)
    return f"{local:%H.%M} {zone_name(zone)}"


def format_datetime(
    value: datetime.datetime | None, *, office: Any = None, zone: ZoneInfo | None = None
) -> str:
    """3 Desember 2026 pukul 09.15 WITA."""
    if value is None or value == "":
        return ""
    zone = zone or (zone_for_office(office) if office is not None else WIB)
    local = local_datetime(value, zone=zone)
    return _("%(date)s at %(time)s") % {
        "date": format_date(local.date()),
        "time": f"{local:%H.%M} {zone_name(zone)}",
    }


# --- periods --------------------------------------------------------------------------------

_ROMAN = {1: "I", 2: "II"}
_PERIOD_RE = re.compile(
    r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})|-S(?P<semester>[12])|-Q(?P<quarter>[1-4]))?$"
)


def period_name(period: str) -> str:
    """'2026-01' -> 'Januari 2026', '2026-S1' -> 'Semester I 2026', '2026-Q3' -> 'Triwulan III'."""
    match = _PERIOD_RE.match(str(period).strip())
    if not match:
        return str(period)
    year = match["year"]
    if match["month"]:
        month = int(match["month"])
        return f"{MONTHS_ID[month - 1]} {year}" if 1 <= month <= 12 else str(period)
    if match["semester"]:
        return _("Semester %(number)s %(year)s") % {
            "number": _ROMAN[int(match["semester"])],
            "year": year,
        }
    if match["quarter"]:
        roman = ("I", "II", "III", "IV")[int(match["quarter"]) - 1]
        return _("Quarter %(number)s %(year)s") % {"number": roman, "year": year}
    return year


def month_name(month: int) -> str:
    return MONTHS_ID[month - 1]


def period_name_short(period: str) -> str:
    """'2026-01' -> 'Jan 2026': a chart's axis, where 'Januari 2026' twelve times does not fit.
    Other periods read as `period_name` does."""
    match = _PERIOD_RE.match(str(period).strip())
    if match and match["month"] and 1 <= int(match["month"]) <= 12:
        return f"{MONTHS_SHORT_ID[int(match['month']) - 1]} {match['year']}"
    return period_name(period)


# --- numbers --------------------------------------------------------------------------------


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None


def format_number(value: Any, places: int = 0) -> str:
    """1.234,56: Indonesian separators, always `places` decimals (no '0,6' beside '0,60')."""
    number = _decimal(value)
    if number is None or not number.is_finite():
        return ""
    quantum = Decimal(1).scaleb(-places)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _sep, fraction = f"{abs(rounded):f}".partition(".")
    whole = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{whole},{fraction}" if places > 0 else f"{sign}{whole}"


def format_percent(value: Any, places: int = 1, *, ratio: bool = False) -> str:
    """75,0 %: a percentage on 0-100 (pass `ratio=True` for a 0-1 fraction)."""
    number = _decimal(value)
    if number is None:
        return ""
    if ratio:
        number *= 100
    return f"{format_number(number, places)} %"


def rupiah(value: Any) -> str:
    """150000 -> 'Rp150.000'."""
    number = _decimal(value)
    if number is None:
        return ""
    return f"Rp{format_number(number, 0)}"


def terbilang(value: Any) -> str:
    """An amount in words ('seratus lima puluh ribu rupiah'); empty for what is not a number."""
    try:
        return _terbilang(value)
    except (ValueError, InvalidOperation, TypeError):
        return ""


# --- durations ------------------------------------------------------------------------------


def format_duration(value: datetime.timedelta | float | int | None, *, unit: str = "auto") -> str:
    """A duration people read: '25 menit', '2 jam 5 menit', '3 hari 4 jam'.

    `value` is a timedelta or a number of minutes. `unit` forces the largest unit: 'minutes' for
    a 30-minute service (so it never reads '0,29 jam'), 'hours', 'days'; 'auto' picks it.
    """
    if value is None or value == "":
        return ""
    seconds = value.total_seconds() if isinstance(value, datetime.timedelta) else float(value) * 60
    minutes_total = round(abs(seconds) / 60)
    if unit == "minutes" or (unit == "auto" and minutes_total < 60):
        return ngettext("%(count)s minute", "%(count)s minutes", minutes_total) % {
            "count": minutes_total
        }
    hours_total, minutes = divmod(minutes_total, 60)
    if unit == "hours" or (unit == "auto" and hours_total < 24):
        text = ngettext("%(count)s hour", "%(count)s hours", hours_total) % {"count": hours_total}
        if minutes:
            text += " " + ngettext("%(count)s minute", "%(count)s minutes", minutes) % {
                "count": minutes
            }
        return text
    days, hours = divmod(hours_total, 24)
    text = ngettext("%(count)s day", "%(count)s days", days) % {"count": days}
    if hours:
        text += " " + ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}
    return text


def format_hours(hours: float | int | Decimal | None, *, unit: str = "auto") -> str:
    """A figure kept in hours (the report card's median) as people read it: '17 menit' for a
    30-minute service, not '0,29 jam'; see `format_duration`."""
    number = _decimal(hours)
    if number is None:
        return ""
    return format_duration(float(number) * 60, unit=unit)


def format_working_days(days: float | int | Decimal | None, places: int = 1) -> str:
    """'3,5 hari kerja': where a standard counts its time limit in working days."""
    if days is None or days == "":
        return ""
    return _("%(days)s working days") % {"days": format_number(days, places)}


# --- identity numbers -----------------------------------------------------------------------


def format_nip(nip: Any) -> str:
    """An 18-digit NIP spaced as printed: 19680318 199403 1 007 (other values unchanged)."""
    text = re.sub(r"[\s.\-]", "", str(nip or ""))
    if len(text) != 18 or not text.isdigit():
        return str(nip or "")
    return f"{text[:8]} {text[8:14]} {text[14]} {text[15:]}"
