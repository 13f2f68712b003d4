"""Survey views (placeholder until the form lands)."""

from django.http import HttpRequest, HttpResponse


def invited(request: HttpRequest, token: str) -> HttpResponse:
    return HttpResponse(status=404)


def general(request: HttpRequest, service_code: str) -> HttpResponse:
    return HttpResponse(status=404)


def thanks(request: HttpRequest) -> HttpResponse:
    return HttpResponse()
