from django.http import Http404


def track(request, code):
    raise Http404
