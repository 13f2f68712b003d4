"""Filters for letter bodies: amounts in words, rupiah, dates in Bahasa Indonesia, QR codes.

The formatting itself is `sigap.core.formatting`; these names are kept for the templates."""

import datetime

from django import template
from django.utils import timezone

from sigap.core import formatting

register = template.Library()


def tanggal_id(value: datetime.date | datetime.datetime | None, *, with_time: bool = False) -> str:
    """23 November 2026, optionally "23 November 2026 pukul 09.15 WIB" (see core.formatting)."""
    if with_time and isinstance(value, datetime.datetime):
        return formatting.format_datetime(value, zone=timezone.get_current_timezone())
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formatting.format_date(value)


@register.filter
def tanggal(value) -> str:
    return tanggal_id(value)


@register.filter
def tanggal_waktu(value) -> str:
    return tanggal_id(value, with_time=True)


@register.filter
def terbilang(value) -> str:
    return formatting.terbilang(value)


@register.filter
def rupiah(value) -> str:
    """150000 -> "Rp150.000" (Indonesian thousands separator)."""
    return formatting.rupiah(value)


@register.filter
def nip(value) -> str:
    """196803181994031007 -> "19680318 199403 1 007"."""
    return formatting.format_nip(value)


@register.filter
def qr(value) -> str:
    """A QR code of a URL as a data: URI, for <img src> (e.g. the tracking page on a receipt)."""
    from sigap.documents.pdf import qr_data_uri

    text = str(value or "")
    if not text.startswith(("https://", "http://")):
        return ""
    return qr_data_uri(text)
