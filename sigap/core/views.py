"""The staff home page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sigap.core.decorators import staff_required


@staff_required()
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")
