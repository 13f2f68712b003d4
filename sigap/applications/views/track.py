"""Public tracking of a request by its code: no personal data.

A wrong, empty or unreadable code is answered on the tracking form itself (never an error
page), and lookups are rate limited per address and, for misses, overall (core.ratelimit).
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sigap.applications.forms import MSG_CODE_NOT_FOUND, TrackForm
from sigap.applications.selectors import track_info
from sigap.applications.services import normalise_code
from sigap.core.ratelimit import MSG_TOO_MANY_LOOKUPS, lookup_missed, lookup_refused

LOOKUP_SPACE = "track"


def track_form(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    if form.is_valid():
        return redirect("applications:track", code=form.cleaned_data["code"])
    status = 400 if form.is_bound else 200
    return render(request, "applications/track_form.html", {"form": form}, status=status)


def _answer_on_form(request: HttpRequest, code: str, message: str, status: int) -> HttpResponse:
    form = TrackForm({"code": code[:20]})
    if form.is_valid():
        form.add_error("code", message)
    return render(request, "applications/track_form.html", {"form": form}, status=status)


def track(request: HttpRequest, code: str) -> HttpResponse:
    if lookup_refused(request, LOOKUP_SPACE):
        return _answer_on_form(request, code, MSG_TOO_MANY_LOOKUPS, status=429)
    normalised = normalise_code(code)[:12]
    info = track_info(normalised) if normalised else None
    if info is None:
        lookup_missed(LOOKUP_SPACE)
        return _answer_on_form(request, code, MSG_CODE_NOT_FOUND, status=404)
    return render(request, "applications/track.html", {"info": info})
