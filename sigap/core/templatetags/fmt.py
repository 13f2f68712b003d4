"""Template filters of the formatting layer (`sigap.core.formatting`): `{% load fmt %}`.

{{ request.submitted_at|local_datetime:office }}  3 Desember 2026 pukul 09.15 WITA
{{ figure|number:2 }} {{ share|percent }} {{ amount|rupiah }} {{ amount|terbilang }}
{{ minutes|duration:"minutes" }} {{ "2026-S1"|period }} {{ user.nip|nip }}
"""

from django import template

from sigap.core import formatting

register = template.Library()


@register.filter
def long_date(value, office=None) -> str:
    return formatting.format_date(value, office=office)


@register.filter
def short_date(value, office=None) -> str:
    return formatting.format_date_short(value, office=office)


@register.filter
def local_time(value, office=None) -> str:
    return formatting.format_time(value, office=office)


@register.filter
def local_datetime(value, office=None) -> str:
    return formatting.format_datetime(value, office=office)


@register.filter
def number(value, places=0) -> str:
    return formatting.format_number(value, int(places))


@register.filter
def percent(value, places=1) -> str:
    return formatting.format_percent(value, int(places))


@register.filter
def ratio_percent(value, places=1) -> str:
    return formatting.format_percent(value, int(places), ratio=True)


@register.filter
def rupiah(value) -> str:
    return formatting.rupiah(value)


@register.filter
def terbilang(value) -> str:
    return formatting.terbilang(value)


@register.filter
def duration(value, unit="auto") -> str:
    return formatting.format_duration(value, unit=unit)


@register.filter
def hours(value, unit="auto") -> str:
    """A number of hours as a duration: {{ 0.29|hours }} -> 17 menit."""
    return formatting.format_hours(value, unit=unit)


@register.filter
def working_days(value, places=1) -> str:
    return formatting.format_working_days(value, int(places))


@register.filter
def period(value) -> str:
    return formatting.period_name(value)


@register.filter
def period_short(value) -> str:
    return formatting.period_name_short(value)


@register.filter
def nip(value) -> str:
    return formatting.format_nip(value)


@register.filter
def zone_name(office) -> str:
    """WIB / WITA / WIT of an office, for a column header such as 'Waktu (WITA)'."""
    return formatting.zone_name(formatting.zone_for_office(office))
