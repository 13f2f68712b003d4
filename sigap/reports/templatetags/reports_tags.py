"""`{% load reports_tags %}{% pledge_link office %}`: a link to the office's service pledge."""

from django import template

from sigap.reports.models import ServicePledge

register = template.Library()


@register.inclusion_tag("reports/_pledge_link.html")
def pledge_link(office) -> dict:
    return {"office": office, "has_pledge": ServicePledge.objects.filter(office=office).exists()}
