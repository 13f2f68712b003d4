"""Public home page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sigap.accounts.models import Office


def home(request: HttpRequest) -> HttpResponse:
    offices = Office.objects.filter(standards__is_published=True).distinct().order_by("name")
    return render(request, "portal/home.html", {"offices": offices})
