"""Filters for letter bodies: amounts in words, rupiah, and dates in Bahasa Indonesia."""

import datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone

from sigap.documents.terbilang import terbilang as _terbilang

register = template.Library()

MONTHS_ID = [
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
]


def tanggal_id(value: datetime.date | datetime.datetime | None, *, with_time: bool = False) -> str:
    """23 November 2026 (local time for datetimes), optionally followed by "pukul 09.15 WIB"."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        text = f"{local.day} {MONTHS_ID[local.month - 1]} {local.year}"
        if with_time:
            zone = local.strftime("%Z")
            zone = {"+07": "WIB", "+08": "WITA", "+09": "WIT"}.get(zone, zone)
            text += f" pukul {local:%H.%M} {zone}".rstrip()
        return text
    if isinstance(value, datetime.date):
        return f"{value.day} {MONTHS_ID[value.month - 1]} {value.year}"
    return str(value)


@register.filter
def tanggal(value) -> str:
    return tanggal_id(value)


@register.filter
def tanggal_waktu(value) -> str:
    return tanggal_id(value, with_time=True)


@register.filter
def terbilang(value) -> str:
    try:
        return _terbilang(value)
    except (ValueError, InvalidOperation, TypeError):
        return ""


@register.filter
def rupiah(value) -> str:
    """150000 -> "Rp150.000" (Indonesian thousands separator)."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return ""
    whole = f"{int(amount):,}".replace(",", ".")
    return f"Rp{whole}"


@register.filter
def qr(value) -> str:
    """A QR code of a URL as a data: URI, for <img src> (e.g. the tracking page on a receipt)."""
    from sigap.documents.pdf import qr_data_uri

    text = str(value or "")
    if not text.startswith(("https://", "http://")):
        return ""
    return qr_data_uri(text)
