"""Public home page: the offices and the services each runs under a published standard."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sigap.standards.selectors import standards_public


def home(request: HttpRequest) -> HttpResponse:
    offices: dict[int, dict] = {}
    for standard in standards_public():
        entry = offices.setdefault(standard.office_id, {"office": standard.office, "services": []})
        entry["services"].append(standard)
    return render(request, "portal/home.html", {"offices": list(offices.values())})
