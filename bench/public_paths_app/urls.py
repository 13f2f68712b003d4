"""Sigap's URLs plus `/bench/bare/<code>`: the least a Django JSON view doing one indexed lookup
can cost on this server, the yardstick of the public paths."""

from django.http import Http404, JsonResponse
from django.urls import path

from sigap.applications.models import Request
from sigap.urls import urlpatterns as sigap_urlpatterns


def bare(request, code: str) -> JsonResponse:
    row = Request.objects.filter(code=code).values("code", "status").first()
    if row is None:
        raise Http404
    return JsonResponse(row)


urlpatterns = [path("bench/bare/<str:code>", bare), *sigap_urlpatterns]
