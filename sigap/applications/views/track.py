"""Public tracking of a request by its code: no personal data."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sigap.applications.forms import TrackForm
from sigap.applications.selectors import track_info
from sigap.applications.services import normalise_code


def track_form(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    if form.is_valid():
        return redirect("applications:track", code=normalise_code(form.cleaned_data["code"]))
    return render(request, "applications/track_form.html", {"form": form})


def track(request: HttpRequest, code: str) -> HttpResponse:
    info = track_info(normalise_code(code)[:12])
    if info is None:
        raise Http404
    return render(request, "applications/track.html", {"info": info})
