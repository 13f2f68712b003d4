"""Template filters of the standards pages."""

from django import template

from sigap.core.formatting import format_nip

register = template.Library()


@register.filter
def nip(value: str) -> str:
    """An 18-digit NIP as printed: 19680318 199403 1 007."""
    return format_nip(str(value or ""))
